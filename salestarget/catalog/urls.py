from django.urls import URLPattern, path

from salestarget.catalog import import_views, views

app_name = "catalog"


def _item_urls(kind: str, prefix: str) -> list[URLPattern]:
    """New, edit, deactivate and activate pages of one kind of item (``views.KINDS``)."""
    k = {"kind": kind}
    return [
        path(f"{prefix}/new/", views.item_create, k, name=f"{kind}_create"),
        path(f"{prefix}/<int:pk>/edit/", views.item_edit, k, name=f"{kind}_edit"),
        path(
            f"{prefix}/<int:pk>/deactivate/",
            views.item_set_active,
            {**k, "active": False},
            name=f"{kind}_deactivate",
        ),
        path(
            f"{prefix}/<int:pk>/activate/",
            views.item_set_active,
            {**k, "active": True},
            name=f"{kind}_activate",
        ),
    ]


urlpatterns = [
    path("products/", views.product_list, name="product_list"),
    *_item_urls("category", "products/categories"),
    *_item_urls("line", "products/lines"),
    *_item_urls("product", "products"),
    path("regions/", views.region_list, name="region_list"),
    *_item_urls("region", "regions"),
    path("customer-types/", views.customertype_list, name="customertype_list"),
    *_item_urls("customertype", "customer-types"),
    path("channels/", views.channel_list, name="channel_list"),
    *_item_urls("channel", "channels"),
    path("customers/", views.customer_list, name="customer_list"),
    path("customers/<int:pk>/", views.customer_detail, name="customer_detail"),
    *_item_urls("customer", "customers"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/days/", views.calendar_day_add, name="calendar_day_add"),
    path("calendar/days/<int:pk>/delete/", views.calendar_day_delete, name="calendar_day_delete"),
    path("calendar/load-china/", views.calendar_load, name="calendar_load"),
    path("import/", import_views.master_import, name="import"),
    path("import/template/<slug:kind>.xlsx", import_views.import_template, name="import_template"),
]
