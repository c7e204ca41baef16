from django.urls import path

from salestarget.targets.views import (
    adjustments,
    cycles,
    decompose,
    documents,
    drafts,
    home,
    plans,
    workflow,
)

app_name = "targets"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create_view, name="plan_create"),
    path("plans/context/", plans.plan_context_view, name="plan_context"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/history/", plans.plan_history_view, name="plan_history"),
    path("plans/<int:pk>/<str:action>/", plans.plan_action, name="plan_action"),
    path("plans/<int:pk>/cycles/new/", cycles.cycle_new, name="cycle_new"),
    path("plans/<int:pk>/letter/<int:person_id>.<str:fmt>", documents.letter, name="letter"),
    path("t/<int:pk>/edit/", plans.target_edit, name="target_edit"),
    path("t/<int:pk>/history/", plans.target_history_view, name="target_history"),
    path("t/<int:pk>/decompose/", decompose.decompose, name="decompose"),
    path("t/<int:pk>/split/<str:action>/", workflow.decomposition_action, name="split_action"),
    path("t/<int:pk>/rounds/new/", drafts.round_new, name="round_new"),
    path("t/<int:pk>/adjust/", adjustments.adjustment_new, name="adjustment_new"),
    path("t/<int:pk>/card.<str:fmt>", documents.card, name="card"),
    path("t/<int:pk>/export.xlsx", documents.export_xlsx, name="export"),
    path("exports/<int:pk>/", documents.export_run, name="export_run"),
    path("exports/<int:pk>/file.xlsx", documents.export_file, name="export_file"),
    path("t/<int:pk>/import/", documents.import_xlsx, name="import"),
    path("rounds/<int:pk>/", drafts.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", drafts.round_close_view, name="round_close"),
    path("drafts/<int:pk>/review/", drafts.draft_review_view, name="draft_review"),
    path("mine/", drafts.my_targets, name="my_targets"),
    path("panel/", home.home_panel, name="home_panel"),
    path("approvals/", workflow.approvals, name="approvals"),
    path("adjustments/", adjustments.adjustment_list, name="adjustment_list"),
    path("adjustments/<int:pk>/", adjustments.adjustment_detail, name="adjustment_detail"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("steps/", cycles.my_steps, name="steps"),
    path("steps/<int:pk>/done/", cycles.step_done, name="step_done"),
]
