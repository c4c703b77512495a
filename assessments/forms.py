"""One form per questionnaire page, built from the page's skills and scenario items.

Field names are part of the product's contract (README): `rating-<skill slug>` with values
1–5 and `scenario-<item slug>` with the slug of one of that item's options. Every field is
optional on its own page — a person may skip ahead and come back; the review step is where
missing answers are listed. Unknown names in a POST are simply ignored.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessments.models import MAX_YEARS
from assessments.questionnaire import QuestionnairePage, rating_field, scenario_field


def note_field(skill) -> str:
    return f"note-{skill.slug}"


def link_field(skill) -> str:
    return f"link-{skill.slug}"


YEARS_FIELDS = ["years_experience", "years_leading"]


class QuestionnairePageForm(forms.Form):
    def __init__(self, *args, page: QuestionnairePage, ask_experience: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.ask_experience = ask_experience
        if ask_experience:
            self._add_experience_fields()
        for skill in page.skills:
            self._add_skill_fields(skill)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self._layout()

    def _add_experience_fields(self) -> None:
        for name, label, help_text in [
            (
                "years_experience",
                _("Years in customer-facing work"),
                _("In total, in any job where you served customers. Whole years, 0–50."),
            ),
            (
                "years_leading",
                _("Years leading people"),
                _("As a team lead, supervisor or manager. Whole years, 0–50."),
            ),
        ]:
            self.fields[name] = forms.IntegerField(
                label=label,
                help_text=help_text,
                required=False,
                min_value=0,
                max_value=MAX_YEARS,
                error_messages={
                    key: _("Enter a whole number of years, from 0 to 50.")
                    for key in ("invalid", "min_value", "max_value")
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def _add_skill_fields(self, skill) -> None:
        self.fields[rating_field(skill)] = forms.TypedChoiceField(
            label=skill.name,
            help_text=skill.description,
            required=False,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            choices=[
                (
                    anchor.level,
                    format_html(
                        '<span class="level-name">{} · {}</span> {}',
                        anchor.level,
                        anchor.get_level_display(),
                        anchor.description,
                    ),
                )
                for anchor in skill.anchors.all()
            ],
            error_messages={
                "invalid_choice": _("Choose one of the five levels for “%(skill)s”.")
                % {"skill": skill.name}
            },
        )
        self.fields[note_field(skill)] = forms.CharField(
            label=_("Evidence note"),
            help_text=_("A sentence a counselor can check: what you did, where, when."),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields[link_field(skill)] = forms.URLField(
            label=_("Evidence link"),
            help_text=_("A certificate, a portfolio piece or a reference."),
            required=False,
            max_length=500,
            assume_scheme="https",
        )
        for item in skill.scenario_items.all():
            self.fields[scenario_field(item)] = forms.ChoiceField(
                label=item.prompt,
                required=False,
                widget=forms.RadioSelect,
                choices=[(option.slug, option.text) for option in item.options.all()],
                error_messages={
                    "invalid_choice": _("Choose one of the answers shown for this situation.")
                },
            )

    def _layout(self) -> Layout:
        parts = []
        if self.ask_experience:
            parts.append(
                Fieldset(
                    _("Your experience"),
                    Div(
                        *[Div(Field(name), css_class="col-sm-6") for name in YEARS_FIELDS],
                        css_class="row",
                    ),
                    css_class="question-card",
                )
            )
        for skill in self.page.skills:
            has_evidence = bool(self[note_field(skill)].value() or self[link_field(skill)].value())
            parts.append(
                Div(
                    Field(rating_field(skill), wrapper_class="rating-group"),
                    HTML(
                        format_html(
                            '<details class="evidence mb-3"{}><summary>{}</summary>',
                            " open" if has_evidence else "",
                            _("Add evidence (optional)"),
                        )
                    ),
                    Field(note_field(skill)),
                    Field(link_field(skill)),
                    HTML("</details>"),
                    *[
                        Div(
                            HTML(format_html('<p class="scenario-tag">{}</p>', _("Situation"))),
                            Field(scenario_field(item)),
                            css_class="scenario",
                        )
                        for item in skill.scenario_items.all()
                    ],
                    css_class="question-card",
                    css_id=f"skill-{skill.slug}",
                )
            )
        return Layout(*parts)

    def valid_answers(self) -> dict:
        """The values of the fields that validated; invalid ones are left out, so one bad
        value never costs the rest of the page."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and name in self.data
        }


class PublicLinkForm(forms.Form):
    LIFETIMES = [(7, _("1 week")), (30, _("30 days")), (90, _("90 days"))]

    days = forms.TypedChoiceField(
        label=_("The link works for"), choices=LIFETIMES, coerce=int, initial=30
    )
