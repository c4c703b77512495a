"""Forms of the catalog pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100


class OccupationSearchForm(forms.Form):
    """A title to look for. Too short matches nearly everything and too long nothing, so both
    are a message on the field rather than a search."""

    q = forms.CharField(
        label=_("Job title"),
        min_length=SEARCH_MIN_LENGTH,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        error_messages={
            "min_length": _("Type at least %(limit_value)d characters of a job title."),
            "max_length": _("A job title has at most %(limit_value)d characters; shorten it."),
        },
        widget=forms.TextInput(attrs={"placeholder": _("e.g. cashier, help desk, nurse aide")}),
    )
