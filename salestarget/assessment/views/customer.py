"""The customer's review form, opened by the link's secret token, without a login."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from salestarget.assessment.services.reviews import (
    customer_review_for_token,
    customer_review_submit,
)
from salestarget.assessment.views.mine import answers_from, rating_items


@never_cache
@csrf_protect
def customer_review(request: HttpRequest, token: str) -> HttpResponse:
    try:
        review = customer_review_for_token(token)
    except ValidationError as exc:
        return render(
            request, "assessment/customer_done.html", {"error": exc.messages[0]}, status=404
        )
    errors: list[str] = []
    if request.method == "POST":
        try:
            customer_review_submit(
                token=token,
                answers=answers_from(request, review),
                comment=request.POST.get("comment", ""),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "assessment/customer_done.html", {"error": ""})
    return render(
        request,
        "assessment/review_form.html",
        {
            "review": review,
            "items": rating_items(review),
            "action": request.path,
            "customer": True,
            "errors": errors,
        },
        status=422 if errors else 200,
    )
