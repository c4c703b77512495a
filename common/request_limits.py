"""Bodies no view wants are refused before they are read.

Django counts only the form fields of a multipart body against DATA_UPLOAD_MAX_MEMORY_SIZE:
files are streamed to disk whatever their size, so a 200 MB upload was read in full by a
worker that then had nothing to do with it. No view here accepts files
(DATA_UPLOAD_MAX_NUMBER_FILES = 0 makes any file part a 400), and a multipart body longer than
the form-data limit is refused from its Content-Length alone. The reverse proxy in front
(docs/DEPLOY.md) caps bodies and slow clients before they reach a worker at all.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse


class MultipartLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.content_type == "multipart/form-data":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0  # Django then reads no body at all
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                # A SuspiciousOperation: the 400 page, as for any other oversized form.
                raise RequestDataTooBig("Multipart body larger than DATA_UPLOAD_MAX_MEMORY_SIZE.")
        return self.get_response(request)
