"""Filters for showing result documents: level and verdict names, signed changes."""

from django import template

from assessments.document import confidence_text as _confidence_text
from assessments.presenters import ResultView, owner_view
from assessments.presenters import signed as _signed
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
    return _signed(number)


@register.filter
def reason_text(reason: dict | None, view: ResultView | None = None) -> str:
    """A verdict's reason in one sentence, in the reader's language and worded for whoever
    reads it (the JSON's `text` is the owner's sentence in English); empty for a document
    scored before version 2."""
    if not reason:
        return ""
    return (view or owner_view()).reason(reason)  # type: ignore[arg-type]


@register.filter
def confidence_text(confidence: dict | None) -> str:
    return _confidence_text(confidence) if confidence else ""  # type: ignore[arg-type]


@register.filter
def experience_gap_text(gap: dict, view: ResultView | None = None) -> str:
    return (view or owner_view()).experience_gap(gap)  # type: ignore[arg-type]


@register.filter
def years_above_typical(aiming_low: dict, view: ResultView) -> str:
    return view.years_above_typical(aiming_low["stated_years"], aiming_low["typical_max"])


@register.filter
def next_rung_gap(gap: dict, view: ResultView) -> str:
    return view.next_rung_gap(gap["required_level"], gap["measured_level"])


@register.filter
def of(mapping: dict | None, key: str):
    """`mapping[key]`, or None: a dict read by a key held in another variable."""
    return (mapping or {}).get(key)
