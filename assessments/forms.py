"""One form per questionnaire page, built from the page's skills and scenario items.

Field names are part of the product's contract (README, `assessments.fields`): `rating-<skill
slug>` with values 1–5 and `scenario-<item slug>` with the slug of one of that item's options.
Every field is optional on its own page — a person may skip ahead and come back; the review
step is where missing answers are listed. Unknown names in a POST are simply ignored. The form
hands the save service typed `PageAnswers`, so nothing behind it knows a field name.
"""

import ipaddress
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments import fields
from assessments.fields import (
    YEARS_EXPERIENCE,
    YEARS_FIELDS,
    YEARS_LEADING,
    link_field,
    note_field,
    parse_field,
    rating_field,
    scenario_field,
)
from assessments.models import MAX_YEARS
from assessments.question_html import cached_piece, cached_rating_choices, questions_html
from assessments.questionnaire import PageAnswers, QuestionnairePage
from careers.models import Industry


class WholeYearsField(forms.IntegerField):
    """An IntegerField that strips every kind of whitespace first: a field left holding only
    spaces is an emptied field (as a browser's number input sends it), and whitespace int()
    does not strip itself (U+001C–U+001F) is no reason to refuse a number."""

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)


class SkillQuestion(NamedTuple):
    """A skill's three fields by name, with the values the page shows in them."""

    skill: Any
    rating: str
    note: str
    link: str
    level: Any
    note_value: Any
    link_value: Any
    has_evidence: bool
    prior: Any = None  # `assessments.prefill.PriorRating` of an earlier attempt, if any
    changed: bool = False  # the level shown differs from that earlier answer


class SituationQuestion(NamedTuple):
    name: str
    choice: Any  # the option slug shown
    prior: Any = None  # `assessments.prefill.PriorChoice`, if any
    changed: bool = False


EVIDENCE_LINK_INVALID = _("Enter a web address starting with http:// or https://.")
EVIDENCE_LINK_PRIVATE = _("Enter a public web address: this one points inside a private network.")


class EvidenceLinkField(forms.URLField):
    """A link a counselor can open: http or https only (Django's URLField also takes ftp),
    and never a literal address of a loopback or private network, which shows a reader
    nothing and invites them to probe their own network."""

    def validate(self, value: str) -> None:
        super().validate(value)
        if not value:
            return
        parts = urlsplit(value)
        if parts.scheme.lower() not in {"http", "https"}:
            raise ValidationError(EVIDENCE_LINK_INVALID, code="scheme")
        host = parts.hostname or ""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            if host == "localhost" or host.endswith(".localhost"):
                raise ValidationError(EVIDENCE_LINK_PRIVATE, code="private") from None
            return
        if not address.is_global:
            raise ValidationError(EVIDENCE_LINK_PRIVATE, code="private")


class QuestionnairePageForm(forms.Form):
    """`initial` holds this assessment's saved answers; `prefilled` (field name → value) the
    answers of earlier attempts shown where nothing is saved yet, with `priors` (field name →
    the earlier answer, for "you said 3 on 12 Nov"). A prefilled value is shown but its
    baseline stays empty: saving the page in any way saves it as this assessment's answer."""

    def __init__(
        self,
        *args,
        page: QuestionnairePage,
        ask_experience: bool,
        prefilled: dict[str, Any] | None = None,
        priors: dict[str, Any] | None = None,
        revision: int | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.page = page
        self.ask_experience = ask_experience
        self.prefilled = prefilled or {}
        self.priors = priors or {}
        self.revision = revision  # the catalog's, to reuse the options' markup built for it
        self._fields_key: tuple = ()
        if revision is None:
            self.fields = self._page_fields()
        else:
            # The fields hold only the catalog's texts (in this language), never an answer,
            # and nothing changes them once built: every form of this page shares them.
            self._fields_key = (
                revision,
                get_language(),
                ask_experience,
                tuple(skill.pk for skill in page.skills),
                tuple(item.pk for item in page.scenario_items),
            )
            self.fields = cached_piece(("fields", *self._fields_key), self._page_fields)

    def _page_fields(self) -> dict[str, forms.Field]:
        self.fields = {}
        if self.ask_experience:
            self._add_experience_fields()
        for skill in self.page.skills:
            self._add_skill_fields(skill)
        for item in self.page.scenario_items:
            self._add_situation_field(item)
        return self.fields

    def _add_experience_fields(self) -> None:
        for name, label, help_text in [
            (
                YEARS_EXPERIENCE,
                _("Years in customer-facing work"),
                _("In total, in any job where you served customers. Whole years, 0–50."),
            ),
            (
                YEARS_LEADING,
                _("Years leading people"),
                _("As a team lead, supervisor or manager. Whole years, 0–50."),
            ),
        ]:
            self.fields[name] = WholeYearsField(
                label=label,
                help_text=help_text,
                required=False,
                min_value=0,
                max_value=MAX_YEARS,
                error_messages={
                    key: _("Enter a whole number of years, from 0 to 50.")
                    for key in ("invalid", "min_value", "max_value")
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
            )

    def _add_skill_fields(self, skill) -> None:
        # The options show each level's short anchor; the skill's description and the full
        # anchors are one tap away beside them (the `level_details` tag), not help text read
        # out with every option.
        self.fields[rating_field(skill)] = forms.TypedChoiceField(
            label=skill.name,
            required=False,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            choices=cached_rating_choices(skill, self.revision),
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
            widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        )
        self.fields[link_field(skill)] = EvidenceLinkField(
            label=_("Evidence link"),
            help_text=_("A certificate, a portfolio piece or a reference."),
            required=False,
            max_length=500,
            assume_scheme="https",
            widget=forms.URLInput(attrs={"class": "form-control"}),
        )

    def _add_situation_field(self, item) -> None:
        self.fields[scenario_field(item)] = forms.ChoiceField(
            label=item.prompt,
            help_text=item.skill.name,
            required=False,
            widget=forms.RadioSelect,
            choices=[(option.slug, option.text) for option in item.options.all()],
            error_messages={
                "invalid_choice": _("Choose one of the answers shown for this situation.")
            },
        )

    def get_initial_for_field(self, field: forms.Field, field_name: str) -> Any:
        if field_name in self.prefilled:
            return self.prefilled[field_name]
        return super().get_initial_for_field(field, field_name)

    @property
    def has_prefilled(self) -> bool:
        return bool(self.prefilled)

    def shown_value(self, name: str) -> Any:
        """What field `name` shows: `self[name].value()`. A page only shown (not posted) skips
        the bound field, of which it would build about 40 a request for this alone."""
        if self.is_bound:
            return self[name].value()
        field = self.fields[name]
        return field.prepare_value(self.get_initial_for_field(field, name))

    @property
    def questions_html(self) -> SafeString:
        """The page's questions as HTML (`assessments.question_html`)."""
        return questions_html(self, revision=self.revision)

    @property
    def experience_fields(self) -> tuple[str, ...]:
        return YEARS_FIELDS if self.ask_experience else ()

    @property
    def questions(self) -> list["SkillQuestion"]:
        """The page's fields grouped per skill, in the order the template lays them out."""
        questions = []
        shown = self.shown_value
        for skill in self.page.skills:
            rating = rating_field(skill)
            level = shown(rating)
            prior = self.priors.get(rating)
            note, link = note_field(skill), link_field(skill)
            note_value, link_value = shown(note), shown(link)
            questions.append(
                SkillQuestion(
                    skill=skill,
                    rating=rating,
                    note=note,
                    link=link,
                    level=level,
                    note_value=note_value,
                    link_value=link_value,
                    has_evidence=bool(note_value or link_value),
                    prior=prior,
                    changed=prior is not None and _differs(level, prior.level),
                )
            )
        return questions

    @property
    def situations(self) -> list[SituationQuestion]:
        """The situations page's questions, one per chosen item."""
        questions = []
        for item in self.page.scenario_items:
            name = scenario_field(item)
            prior = self.priors.get(name)
            slug = (
                next((o.slug for o in item.options.all() if o.pk == prior.option_id), None)
                if prior
                else None
            )
            choice = self.shown_value(name)
            questions.append(
                SituationQuestion(
                    name=name,
                    choice=choice,
                    prior=prior,
                    changed=prior is not None and _differs(choice, slug),
                )
            )
        return questions

    def page_answers(self) -> PageAnswers:
        """The valid answers as the save service takes them (call after `is_valid()`)."""
        ratings: dict[str, int] = {}
        notes: dict[str, str] = {}
        links: dict[str, str] = {}
        choices: dict[str, str] = {}
        years: dict[str, int | None] = {}
        for name, value in self.valid_answers().items():
            parsed = parse_field(name)
            if parsed is None:
                continue
            kind, slug = parsed
            if kind == fields.RATING and value is not None:
                ratings[slug] = value
            elif kind == fields.SCENARIO and value:
                choices[slug] = value
            elif kind == fields.NOTE:
                notes[slug] = value
            elif kind == fields.LINK:
                links[slug] = value
            elif kind in YEARS_FIELDS:
                years[kind] = value
        return PageAnswers(
            ratings=ratings,
            evidence_notes=notes,
            evidence_links=links,
            scenario_choices=choices,
            years=years,
        )

    def valid_answers(self) -> dict:
        """The values of the fields that validated and that the person changed; invalid ones
        are left out, so one bad value never costs the rest of the page.

        "Changed" is judged against the value the page was rendered with, which the page
        posts back as `initial-<name>` (see `baseline_inputs`): a field posted unchanged is
        left as saved, so a second, stale tab never blanks or reverts what the first tab
        saved since. Without `initial-<name>` (a script, an older page) every posted field
        counts as changed."""
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def _clean_fields(self) -> None:
        """Django's, for the fields this post may save only (`_to_save`): an autosave after one
        change validates that one field, not the page's ≈ 20, and builds no bound field. A
        field posted unchanged is never saved, so it is not judged either. (The form has no
        `clean_<name>` methods and no disabled fields, which Django's would also handle.)"""
        for name, field in self.fields.items():
            if not self._to_save(name):
                continue
            try:
                value = field.widget.value_from_datadict(
                    self.data, self.files, self.add_prefix(name)
                )
                self.cleaned_data[name] = field.clean(value)
            except ValidationError as error:
                self.add_error(name, error)

    def _to_save(self, name: str) -> bool:
        """Posted, and changed from the value the page showed as saved."""
        if name not in self.data:
            return False
        initial_name = self.add_initial_prefix(name)
        if initial_name not in self.data:
            return True
        if self.data[initial_name] == self.data[name]:  # as posted: plainly unchanged
            return False
        return not self._unchanged(name)

    def _unchanged(self, name: str) -> bool:
        initial_name = self.add_initial_prefix(name)
        if initial_name not in self.data:
            return False
        field = self.fields[name]
        try:
            initial = field.to_python(self.data[initial_name])
        except ValidationError:
            return False
        return not field.has_changed(initial, self[name].data)

    @property
    def baseline_inputs(self) -> SafeString:
        """A hidden `initial-<name>` input per field holding the value the page shows as
        saved: what was loaded, or after a POST the value just saved (or, for a field that
        failed, the baseline it was posted with). The autosave script moves these along
        after each background save."""
        # Each input's markup up to its value is the same for every form of the page (kept
        # with its fields); only the values are this person's, escaped as `format_html` would.
        heads = (
            cached_piece(("baseline", *self._fields_key), self._baseline_heads)
            if self._fields_key
            else self._baseline_heads()
        )
        return mark_safe(
            "".join(
                f'{head}{escape(self._baseline(name))}">'
                for name, head in zip(self.fields, heads, strict=True)
            )
        )

    def _baseline_heads(self) -> tuple[str, ...]:
        return tuple(
            f'<input type="hidden" name="{conditional_escape(self.add_initial_prefix(name))}"'
            ' value="'
            for name in self.fields
        )

    def _baseline(self, name: str) -> str:
        if not self.is_bound and name in self.prefilled:
            return ""  # shown, not saved yet
        if not self.is_bound:
            value = self.fields[name].prepare_value(
                self.get_initial_for_field(self.fields[name], name)
            )
            return "" if value is None else str(value)
        if name in self.data and name not in self.errors:
            return self.data[name]
        return self.data.get(self.add_initial_prefix(name), "")


def _differs(value: Any, earlier: Any) -> bool:
    """Whether an answer shown differs from the earlier answer `earlier` (nothing shown is no
    change)."""
    return value not in (None, "") and str(value) != str(earlier)


class IndustryForm(forms.Form):
    industry = forms.ChoiceField(
        label=_("Your industry"),
        choices=[("", _("Any industry")), *Industry.choices],
        required=False,
        help_text=_("Courses and licenses that only one industry needs are shown for it alone."),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class PublicLinkForm(forms.Form):
    LIFETIMES = [(7, _("1 week")), (30, _("30 days")), (90, _("90 days"))]

    days = forms.TypedChoiceField(
        label=_("The link works for"),
        choices=LIFETIMES,
        coerce=int,
        initial=30,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    show_evidence = forms.BooleanField(
        label=_("Show my evidence notes and links"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    show_answer_quality = forms.BooleanField(
        label=_("Show where my self-ratings and situation answers disagree"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ResumeLinkEmailForm(forms.Form):
    """Where to send the resume link. The address is used for this one e-mail and not kept."""

    email = forms.EmailField(
        label=_("E-mail me this link"),
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": "form-control form-control-sm", "autocomplete": "email"}
        ),
    )


KEYWORD_MIN_LENGTH = 2
KEYWORD_MAX_LENGTH = 100
MAX_PAY = 10_000_000


class PayField(forms.IntegerField):
    """Dollars a year as people type them: "45000", "45,000", "$45,000"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("$", "").replace(" ", "")
        return super().to_python(value)


class RankingFilterForm(forms.Form):
    """The ranking page's filters and the person's current occupation, sent by GET. Every
    field is optional; a bad value is a message on its field and the ranking is shown
    without that filter."""

    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        min_length=KEYWORD_MIN_LENGTH,
        max_length=KEYWORD_MAX_LENGTH,
        error_messages={
            "min_length": _("Type at least %(limit_value)d characters of a job title."),
            "max_length": _("A job title has at most %(limit_value)d characters; shorten it."),
        },
    )
    job_zone = forms.TypedChoiceField(
        label=_("Job Zone"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(zone, str(zone)) for zone in range(1, 6)],
        error_messages={"invalid_choice": _("Choose a Job Zone from 1 to 5.")},
    )
    min_pay = PayField(
        label=_("Pay at least ($/year)"),
        required=False,
        min_value=0,
        max_value=MAX_PAY,
        error_messages={
            key: _("Enter dollars a year as a whole number, such as 40000.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    current = forms.CharField(
        label=_("Your current occupation"),
        required=False,
        min_length=KEYWORD_MIN_LENGTH,
        max_length=KEYWORD_MAX_LENGTH,
        help_text=_("Moves that keep at least 75 % of its median pay are marked “desirable”."),
        error_messages={
            "min_length": _("Type at least %(limit_value)d characters of a job title."),
            "max_length": _("A job title has at most %(limit_value)d characters; shorten it."),
        },
    )

    def filters(self) -> dict[str, Any]:
        """The valid values (call after `is_valid()`); a field with an error is left out."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.fields if name not in self.errors}
