"""Filters for showing result documents: level and verdict names, signed changes."""

from django import template

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
