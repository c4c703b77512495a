"""Forms for the owner's writes. They hand typed values to the services, which check the
rules that need the plan (a skill of the role, a date not in the past)."""

from datetime import date
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import HOURS_PER_WEEK_RANGE, LINK_NOT_HTTP, Plan, PlanStep
from plans.schedule import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK


class HttpLinkField(forms.URLField):
    default_error_messages = {"invalid": LINK_NOT_HTTP}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        # Django adds a scheme to "example.org" but keeps ftp:// or file://: refuse those.
        value = super().to_python(value)
        if value and not value.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(LINK_NOT_HTTP, code="scheme")
        return value


def hours_per_week_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Hours a week you can give"),
        min_value=MIN_HOURS_PER_WEEK,
        max_value=MAX_HOURS_PER_WEEK,
        initial=5,
        error_messages={"min_value": HOURS_PER_WEEK_RANGE, "max_value": HOURS_PER_WEEK_RANGE},
    )


class PlanCreateForm(forms.Form):
    hours_per_week = hours_per_week_field()
    start_date = forms.DateField(
        label=_("Start on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False


class PlanSettingsForm(forms.ModelForm):
    hours_per_week = hours_per_week_field()
    reschedule = forms.BooleanField(
        label=_("Re-date my open steps from today at this pace"), required=False
    )

    class Meta:
        model = Plan
        fields = ["hours_per_week", "weekly_digest", "reassess_reminder", "reassess_after_weeks"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class StepForm(forms.Form):
    """A step's editable fields. With `initial-<field>` values posted back (the values the
    page showed), `changed_values` holds only what the person changed: a second tab's save
    of other fields is kept."""

    title = forms.CharField(label=_("What to do"), max_length=200)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    url = HttpLinkField(label=_("Link"), required=False, max_length=500)
    effort_hours = forms.IntegerField(label=_("Effort (hours)"), min_value=0, max_value=2000)
    cost = forms.IntegerField(label=_("Cost (USD)"), min_value=0, initial=0, required=False)
    target_date = forms.DateField(
        label=_("Target date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in PlanStep.Status.choices if c[0] != PlanStep.Status.ACHIEVED],
        required=False,
    )

    def __init__(self, *args: Any, plan: Plan, with_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skill_field = self.fields["skill"]
        assert isinstance(skill_field, forms.ChoiceField)
        skill_field.choices = [("", _("(none)"))] + [
            (row["skill"], row["name"]) for row in plan.skills
        ]
        if not with_status:
            del self.fields["status"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_cost(self) -> int:
        return self.cleaned_data["cost"] or 0

    def changed_values(self) -> dict[str, Any]:
        """The cleaned values of the fields whose posted value differs from what the page
        showed (`initial-<field>`); without those hidden fields, every field counts."""
        changed = {}
        for name, value in self.cleaned_data.items():
            shown = self.data.get(f"initial-{name}")
            if shown is not None and shown == self._as_posted(value):
                continue
            if name == "status" and not value:
                continue
            changed[name] = value
        return changed

    @staticmethod
    def _as_posted(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


class StepDoneForm(forms.Form):
    evidence_note = forms.CharField(
        label=_("What you did (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It is filled in as evidence on this skill when you next assess yourself."),
    )
    evidence_url = HttpLinkField(label=_("Link to evidence (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
