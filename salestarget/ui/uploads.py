"""Uploaded files have one size limit, ``SALESTARGET_UPLOAD_MAX_MB`` (100 MB unless set).

:class:`UploadLimitHandler` (first of ``FILE_UPLOAD_HANDLERS``) stops reading a request body
that is over the limit at the first file in it — the small fields before it (the CSRF token,
the kind) are read, the file is not — and :func:`upload_limit` on the view answers 413, saying
the size and the limit. Below the limit Django streams every upload over
``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file on disk, never into memory whole;
:class:`UploadField` checks the size again for forms built outside a request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

MB = 1024 * 1024


def upload_max_bytes() -> int:
    return int(settings.SALESTARGET_UPLOAD_MAX_MB) * MB


def too_large_message(size: int) -> str:
    return _("文件太大：%(size)s MB，上限是 %(limit)s MB。请拆分文件后分批导入。") % {
        "size": f"{size / MB:,.1f}",
        "limit": settings.SALESTARGET_UPLOAD_MAX_MB,
    }


class UploadLimitHandler(FileUploadHandler):
    """Stops a body over the limit at its first file (or once its chunks pass the limit, for
    a body without a length) and marks the request ``upload_too_large`` with the size."""

    def handle_raw_input(
        self, input_data: Any, meta: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        self.announced = content_length
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if self.announced > upload_max_bytes():
            self._refuse(self.announced)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > upload_max_bytes():
            self._refuse(self.received)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self, size: int) -> None:
        self.request.upload_too_large = size  # type: ignore[union-attr]
        raise StopUpload(connection_reset=True)


def upload_limit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view taking an upload: a body stopped for its size is answered 413 with the size
    and the limit (the form never sees a half-read file)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            request.FILES  # noqa: B018  (parsing the body is what finds the size)
            size = getattr(request, "upload_too_large", None)
            if size:
                return render(request, "400.html", {"message": too_large_message(size)}, status=413)
        return view(request, *args, **kwargs)

    return checked


class UploadField(forms.FileField):
    """A file field that refuses a file over the limit, naming its size and the limit."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, UploadedFile) and (value.size or 0) > upload_max_bytes():
            raise ValidationError(too_large_message(value.size or 0), code="too_large")
