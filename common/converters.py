"""Path converters for the secrets and ids in URLs: a path that cannot be one matches no
pattern, so it is a 404 before any query runs.

A token or id that reached the database unchecked made two kinds of 500: a NUL byte in a
token (`/r/abc%00def`) is refused by PostgreSQL, and an id beyond 64 bits overflows SQLite's
integer. Importing this module registers `<token:…>` and `<id:…>`.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1  # the largest BigAutoField value, in SQLite and PostgreSQL alike


class TokenConverter:
    """A token from `secrets.token_urlsafe`: URL-safe base64, at most 64 characters (the
    length of the columns that store tokens)."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IdConverter:
    """A database id: digits that fit in a 64-bit integer."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("Not a database id.")  # no match: a 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(TokenConverter, "token")
register_converter(IdConverter, "id")
