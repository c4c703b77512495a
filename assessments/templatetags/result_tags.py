"""Filters for showing result documents: level and verdict names, signed changes."""

from django import template

from assessments.document import confidence_text as _confidence_text
from assessments.document import experience_gap_text as _experience_gap_text
from assessments.document import verdict_reason_text
from assessments.scoring import Verdict
from careers.levels import Level

register = template.Library()


@register.filter
def level_name(level: int | None) -> str:
    return "" if level is None else str(Level(level).label)


@register.filter
def verdict_label(verdict: str) -> str:
    """The label of a verdict stored as plain text; an unknown one is shown as it is."""
    return Verdict(verdict).label if verdict in list(Verdict) else verdict


@register.filter
def signed(number: float | int | None) -> str:
    """+2, −1, 0: a change shown with its direction."""
    if number is None:
        return ""
    if number > 0:
        return f"+{number:g}"
    if number < 0:
        return f"−{abs(number):g}"
    return "0"


@register.filter
def reason_text(reason: dict | None) -> str:
    """A verdict's reason in one sentence, in the reader's language (the JSON's `text` is the
    same sentence in English); empty for a document scored before version 2."""
    return verdict_reason_text(reason) if reason else ""  # type: ignore[arg-type]


@register.filter
def confidence_text(confidence: dict | None) -> str:
    return _confidence_text(confidence) if confidence else ""  # type: ignore[arg-type]


@register.filter
def experience_gap_text(gap: dict) -> str:
    return _experience_gap_text(gap)  # type: ignore[arg-type]


@register.filter
def of(mapping: dict | None, key: str):
    """`mapping[key]`, or None: a dict read by a key held in another variable."""
    return (mapping or {}).get(key)
