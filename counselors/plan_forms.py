from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from plans.forms import HttpLinkField
from plans.models import Plan


class PlanCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    step = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PlanSuggestForm(forms.Form):
    title = forms.CharField(label=_("Suggested step"), max_length=200)
    text = forms.CharField(
        label=_("Why (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    effort_hours = forms.IntegerField(
        label=_("Effort (hours)"), min_value=0, max_value=2000, initial=0
    )
    url = HttpLinkField(label=_("Link"), required=False, max_length=500)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        # Beside the comment form on one page: its ids must differ (both have a `text`).
        kwargs.setdefault("auto_id", "suggest_%s")
        super().__init__(*args, **kwargs)
        skill_field = self.fields["skill"]
        assert isinstance(skill_field, forms.ChoiceField)
        skill_field.choices = [("", _("(none)"))] + [
            (row["skill"], row["name"]) for row in plan.skills
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
