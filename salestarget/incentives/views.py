from django.http import HttpRequest, HttpResponse


def statement_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
