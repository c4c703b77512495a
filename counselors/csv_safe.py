"""CSV cells that a spreadsheet will show as text, never run as a formula.

A client controls their name; a name like `=HYPERLINK(...)` must not become a live formula in
the counselor's spreadsheet (CSV injection). Cells starting with a formula trigger get a
leading apostrophe, as OWASP recommends.
"""

from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if isinstance(value, int | float):
        return text  # a number, even a negative one, is data
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def safe_row(values: Iterable) -> list[str]:
    return [safe_cell(value) for value in values]
