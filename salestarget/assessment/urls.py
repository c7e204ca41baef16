from django.urls import path

from salestarget.assessment.views import (
    calibration,
    customer,
    cycles,
    history,
    mine,
    team,
    templates,
)

app_name = "assessment"

urlpatterns = [
    path("", mine.mine, name="mine"),
    path("team/", team.team, name="team"),
    path("card/<int:pk>/", mine.card_detail, name="card"),
    path("card/<int:pk>/scorecard-<str:lang>.pdf", mine.card_pdf, name="card_pdf"),
    path("card/<int:pk>/<str:action>/", mine.card_action, name="card_action"),
    path("review/<int:pk>/", mine.review_form, name="review"),
    path("nomination/<int:pk>/", mine.nomination_decide, name="nomination"),
    path("cycles/", cycles.cycle_list, name="cycles"),
    path("cycles/new/", cycles.cycle_new, name="cycle_new"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/do/<str:action>/", cycles.cycle_action, name="cycle_action"),
    path("cycles/<int:pk>/results/", cycles.results, name="results"),
    path("cycles/<int:pk>/results.<str:fmt>", cycles.results, name="results_export"),
    path("people/<int:pk>/history/", history.history, name="history"),
    path("people/<int:pk>/history.json", history.history_chart, name="history_chart"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_edit, name="template_new"),
    path("templates/<int:pk>/", templates.template_edit, name="template"),
    path("templates/<int:pk>/copy/", templates.template_copy_view, name="template_copy"),
    path("sessions/<int:pk>/", calibration.session_detail, name="session"),
    path("sessions/<int:pk>/chart.json", calibration.session_chart, name="session_chart"),
    path("sessions/<int:pk>/do/<str:action>/", calibration.session_action, name="session_action"),
    path("r/<str:token>/", customer.customer_review, name="customer_review"),
]
