from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from assessments.scoring import Verdict

SCOPE_CHOICES = [
    ("result", _("This result only")),
    ("role", _("All my results for this role, including future ones")),
]


def _scope_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Share"), widget=forms.RadioSelect, initial="result", choices=SCOPE_CHOICES
    )


class ShareForm(forms.Form):
    share_code = forms.CharField(
        label=_("Your counselor's share code"),
        max_length=32,
        help_text=_("Eight letters and digits your counselor gave you."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    scope = _scope_field()


class ResultChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Assessment) -> str:
        label = _gettext("%(role)s, %(date)s") % {
            "role": obj.role.title,
            "date": date_format(obj.submitted_at or obj.started_at, "DATE_FORMAT"),
        }
        readiness = getattr(obj, "readiness_percent", None)
        if readiness is None:
            return label
        verdict = getattr(obj, "verdict", "")
        shown = Verdict(verdict).label if verdict in list(Verdict) else verdict
        return f"{label} — {readiness:.0f}% · {shown}"


class InvitationForm(forms.Form):
    """A counselor's invitation link: the client picks one of their finished results; the
    share code comes with the link."""

    assessment = ResultChoiceField(
        label=_("Which result"),
        queryset=Assessment.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    scope = _scope_field()

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assessment"]
        assert isinstance(field, ResultChoiceField)
        field.queryset = results
        newest = results.first()
        if newest is not None:
            field.initial = newest.pk


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Private: only you see your notes."),
    )
