"""Errors you can find in production: every request carries an id, and every log record made
while it runs names that id and the path — with secrets masked, and never a form value.

- `RequestIdMiddleware` takes the proxy's `X-Request-ID` when it looks like one (so the
  proxy's access log and ours meet), else makes one, and sends it back in the response.
- `RequestContextFilter` adds `request_id` and `path` to every record, and masks the path in
  Django's own messages ("Internal Server Error: /r/<token>") — with common/url_tokens.py,
  the same masking as gunicorn's access log.
- `AdminMailHandler` mails the same text to `ADMINS`, if any: Django's own handler would add
  the request's POST data and cookies.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.mail import mail_admins
from django.http import HttpRequest, HttpResponse

from common.url_tokens import mask_tokens

REQUEST_ID_HEADER = "X-Request-ID"
# What proxies send (a UUID, nginx's $request_id, a trace id): nothing that could forge a
# log line or carry much of anything else.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_current: ContextVar[tuple[str, str] | None] = ContextVar("current_request", default=None)


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every log record of the request has the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set((request_id, mask_tokens(request.path)))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        current = _current.get()
        if isinstance(request, HttpRequest):
            record.request_id = getattr(request, "request_id", None) or (
                current[0] if current else "-"
            )
            record.path = mask_tokens(request.path)
            if isinstance(record.args, tuple):
                # django.request logs "%s: %s" % (reason, request.path)
                record.args = tuple(
                    mask_tokens(arg) if arg == request.path else arg for arg in record.args
                )
        else:
            record.request_id, record.path = current or ("-", "-")
        return True


class AdminMailHandler(logging.Handler):
    """Mails the formatted record — message, request id, masked path, traceback — and
    nothing else of the request."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            body = self.format(record)
            subject = f"{record.levelname}: {record.getMessage()}".splitlines()[0][:200]
            mail_admins(subject, body, fail_silently=True)
        except Exception:
            self.handleError(record)
