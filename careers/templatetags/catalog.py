from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from careers.models import Industry, ResourceKind

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


@register.filter
def money(amount: int | None, currency: str = "USD") -> str:
    """A rounded salary or cost: "$50,000", or "50,000 CHF" where we know no symbol."""
    if amount is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{intcomma(amount)}" if symbol else f"{intcomma(amount)} {currency}"


@register.filter
def cost_or_free(amount: int) -> str:
    """A learning cost: "$40", or "free" for nothing at all."""
    return money(amount) if amount else str(_("free"))


@register.filter
def resource_kind(kind: str) -> str:
    """The label of a resource kind, also for results that store the kind as plain text."""
    return str(ResourceKind(kind).label) if kind in ResourceKind.values else kind


@register.filter
def industry_label(industry: str) -> str:
    """The name of an industry, also for results that store it as plain text."""
    return str(Industry(industry).label) if industry in Industry.values else industry


@register.simple_tag
def scale_dots(value: int, out_of: int = 5) -> list[bool]:
    """Filled and empty dots for a small visual scale; the number is always written beside it."""
    return [position <= value for position in range(1, out_of + 1)]
