from django import template
from django.utils.translation import gettext_lazy as _

from careers.levels import Level

register = template.Library()

VERDICT_LABELS = {
    "ready": _("Ready"),
    "nearly": _("Nearly ready"),
    "not_yet": _("Not yet"),
}


@register.filter
def level_name(level: int | None) -> str:
    return "" if level is None else str(Level(level).label)


@register.filter
def verdict_label(verdict: str) -> str:
    return str(VERDICT_LABELS.get(verdict, verdict))


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
