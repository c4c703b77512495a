"""gunicorn's settings for `make serve` (`gunicorn -c config/gunicorn.py config.wsgi`).

The access log goes to stdout as usual, with every token in a URL masked — in the request
line, the path, the query and the headers (a Referer carries the page a visitor came from,
e.g. a read-only result link)."""

from gunicorn.glogging import Logger

from common.url_tokens import mask_tokens


class TokenMaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_tokens(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


accesslog = "-"
logger_class = TokenMaskingLogger
