"""The questionnaire page's questions as HTML, assembled from pieces built once.

A page holds up to a dozen skills, each a radio group of five options with its anchors, the
skill's levels in full and two evidence fields, and the situations page up to ten items of four
options. Rendered through templates and form widgets they were most of the page's time
(≈ 40 inputs, ≈ 1,300 translated strings a request). What does not depend on the person is the
same for every visitor: each skill's and item's radio group (with each option's checked and
unchecked markup, so any answer is a join), its levels in full, the labels and help texts.
Those pieces are built once per catalog revision and language and kept in this process
(`cached_piece`); a catalog edit changes the revision, so no piece outlives what it shows. What the
person gave — the checked level, evidence texts, years, the "you said 3 on 12 Nov" line —
is put in per request, escaped.

The markup is the one the templates and widgets wrote (Bootstrap, Django's widget attributes
in their order), with the accessibility hooks the browser tests check: one fieldset per
question, its description and error tied to it by `aria-describedby`.
"""

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, NamedTuple, TypeVar

from django import forms
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.questionnaire import level_label, shown_anchor
from careers.levels import PROFICIENCY_CHOICES

T = TypeVar("T")

# Pieces by (kind, catalog row id, catalog revision, language); emptied when full, as the
# revision moves on and old keys are never asked again.
MAX_PIECES = 20_000
_pieces: dict[tuple, Any] = {}


def clear_pieces() -> None:
    """Forget every piece (the tests' databases reuse revision numbers and row ids)."""
    _pieces.clear()


def cached_piece(key: tuple, build: Callable[[], T]) -> T:
    """The piece under `key`, built by `build` the first time. `key` names everything the piece
    shows that can change (the catalog revision, the language...)."""
    try:
        return _pieces[key]
    except KeyError:
        pass
    if len(_pieces) >= MAX_PIECES:
        _pieces.clear()
    value = _pieces[key] = build()
    return value


class RadioGroup(NamedTuple):
    """A radio group's markup around its options; each option as (value, unchecked markup,
    checked markup), so that drawing it with any answer checked is a join."""

    head: str
    options: tuple[tuple[str, str, str], ...]
    tail: str

    def html(self, selected: Any) -> SafeString:
        selected = "" if selected is None else str(selected)
        options = "".join(
            checked if value == selected else plain for value, plain, checked in self.options
        )
        return mark_safe(self.head + options + self.tail)


def radio_group(
    *,
    field_id: str,
    name: str,
    label: Any,
    help_text: Any,
    choices: Iterable[tuple[Any, Any]],
    errors: Sequence[Any] = (),
    group_class: str = "",
) -> RadioGroup:
    """A fieldset of radio options with its legend, help text and errors."""
    invalid = bool(errors)
    described_by = " ".join(
        part
        for part, present in ((f"{field_id}_helptext", help_text), (f"{field_id}_error", invalid))
        if present
    )
    options = []
    for index, (value, choice_label) in enumerate(choices):
        option = (
            '<div class="form-check"><input type="radio" class="form-check-input{}" name="{}" '
            'value="{}" id="{}_{}"{}{}><label for="{}_{}" class="form-check-label">{}</label></div>'
        )
        arguments = [
            " is-invalid" if invalid else "",
            name,
            value,
            field_id,
            index,
            "",
            mark_safe(' aria-invalid="true"') if invalid else "",
            field_id,
            index,
            choice_label,
        ]
        plain = format_html(option, *arguments)
        arguments[5] = mark_safe(" checked")
        options.append((str(value), str(plain), str(format_html(option, *arguments))))
    head = format_html(
        '<div id="div_{}" class="mb-3{}"><fieldset{}><legend class="form-label fs-6">{}</legend>{}',
        field_id,
        f" {group_class}" if group_class else "",
        format_html(' aria-describedby="{}"', described_by) if described_by else "",
        label,
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field_id, help_text)
        if help_text
        else "",
    )
    errors_html = (
        format_html(
            '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
            field_id,
            format_html_join("", '<p class="mb-0"><strong>{}</strong></p>', ((e,) for e in errors)),
        )
        if invalid
        else ""
    )
    return RadioGroup(str(head), tuple(options), f"{errors_html}</fieldset></div>")


def bound_radio_group(field: forms.BoundField, group_class: str = "") -> RadioGroup:
    """`radio_group` of a form's field, with its errors."""
    widget = field.field.widget
    assert isinstance(widget, forms.widgets.ChoiceWidget), "a radio group draws choices"
    return radio_group(
        field_id=field.auto_id,
        name=field.html_name,
        label=field.label,
        help_text=field.help_text,
        choices=widget.choices,
        errors=field.errors,
        group_class=group_class,
    )


def rating_choices(skill: Any) -> list[tuple[int, SafeString]]:
    """A skill's rating options: each level's name and short anchor (the full anchors are a
    tap away, `level_details`)."""
    level_names = {level: str(name) for level, name in PROFICIENCY_CHOICES}
    return [
        (
            anchor.level,
            format_html(
                '<span class="level-name">{}</span> {}',
                level_label(anchor.level, level_names[anchor.level]),
                shown_anchor(anchor),
            ),
        )
        for anchor in skill.anchors.all()
    ]


def cached_rating_choices(skill: Any, revision: int | None) -> list[tuple[int, SafeString]]:
    if revision is None:
        return rating_choices(skill)
    key = ("choices", skill.pk, revision, get_language())
    return cached_piece(key, partial(rating_choices, skill))


def level_details(skill: Any) -> SafeString:
    """A skill's description and its five full anchors, folded under the rating: one tap away
    (a native `<details>`, so no script), while the options show the short anchors."""
    levels = format_html_join(
        "",
        "<dt>{}</dt><dd>{}</dd>",
        (
            (level_label(anchor.level, anchor.get_level_display()), anchor.description)
            for anchor in skill.anchors.all()
        ),
    )
    return format_html(
        '<details class="level-details mb-2"><summary>{}<span class="visually-hidden">: {}'
        '</span></summary><p class="small mb-2">{}</p><dl class="small mb-0">{}</dl></details>',
        _("The skill and its levels in full"),
        skill.name,
        skill.description,
        levels,
    )


def input_field(field: forms.BoundField) -> str:
    """A text, number or URL input, or a textarea, with its label, errors and help text: the
    markup of `assessments/_input_field.html` around Django's widget, without either template.
    Without errors, all but the value is the same for every person and kept per language."""
    widget = field.field.widget
    value = widget.format_value(field.value())
    if field.errors:
        before, after = _input_frame(field)
    else:
        before, after = cached_piece(
            ("input", field.html_name, get_language()), partial(_input_frame, field)
        )
    if isinstance(widget, forms.Textarea):
        return f"{before}{escape(value) if value else ''}{after}"
    return before + ("" if value is None else f' value="{escape(value)}"') + after


def _input_frame(field: forms.BoundField) -> tuple[str, str]:
    """`input_field`'s markup before and after the value."""
    widget = field.field.widget
    attrs = dict(widget.attrs)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described_by := field.aria_describedby:
        attrs["aria-describedby"] = described_by
    field_id = field.auto_id
    attrs.setdefault("id", field_id)
    rendered_attrs = "".join(
        f' {name}="{escape(value)}"' if value is not True else f" {name}"
        for name, value in attrs.items()
        if value is not False
    )
    label = (
        f'<div id="div_{field_id}" class="mb-3">\n'
        f'  <label for="{field_id}" class="form-label">{escape(field.label)}</label>\n  '
    )
    errors = (
        f'<div id="{field_id}_error" class="invalid-feedback d-block">'
        + "".join(f"<strong>{escape(error)}</strong> " for error in field.errors)
        + "</div>"
        if field.errors
        else ""
    )
    help_text = (
        f'<div id="{field_id}_helptext" class="form-text">{escape(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    end = f"\n  {errors}\n  {help_text}\n</div>\n"
    name = escape(field.html_name)
    if isinstance(widget, forms.Textarea):
        return f'{label}<textarea name="{name}"{rendered_attrs}>\n', f"</textarea>{end}"
    return f'{label}<input type="{widget.input_type}" name="{name}"', f"{rendered_attrs}>{end}"


def prior_line(prior: Any, changed: bool) -> str:
    """ "You said 3 on 12 Nov" above a question answered in an earlier attempt, marked
    "changed" when the answer shown differs."""
    if prior is None:
        return "\n"
    date = conditional_escape(date_filter(_local(prior.given_at), "j M"))
    if via := getattr(prior, "via", ()):
        skills = ", ".join(conditional_escape(name) for name in via)
        text = _("From your answer on %(skills)s of %(date)s") % {"skills": skills, "date": date}
    elif getattr(prior, "level", None):
        text = _("You said %(level)s on %(date)s") % {"level": prior.level, "date": date}
    else:
        text = _("Your answer of %(date)s") % {"date": date}
    mark = f' · <strong class="prior-changed">{escape(_("changed"))}</strong>' if changed else ""
    return f'\n  <p class="prior-answer small text-body-secondary mb-1">{text}{mark}</p>\n\n'


def _local(moment: Any) -> Any:
    """As the `date` filter shows a moment: in the current time zone."""
    return localtime(moment) if is_aware(moment) else moment


def _rating_pieces(field: forms.BoundField, skill: Any) -> tuple[RadioGroup, str]:
    return bound_radio_group(field, "rating-group"), str(level_details(skill))


def _form_rating_pieces(form: Any, name: str, skill: Any) -> tuple[RadioGroup, str]:
    return _rating_pieces(form[name], skill)


def _form_radio_group(form: Any, name: str) -> RadioGroup:
    return bound_radio_group(form[name])


def _form_input_frame(form: Any, name: str) -> tuple[str, str]:
    return _input_frame(form[name])


def input_html(form: Any, name: str, value: Any) -> str:
    """`input_field(form[name])` for a field showing `value`, without its bound field unless it
    has an error (or its frame is not kept yet)."""
    if name in form.errors:
        return input_field(form[name])
    widget = form.fields[name].widget
    before, after = cached_piece(("input", name, get_language()), lambda: _input_frame(form[name]))
    shown = widget.format_value(value)
    if isinstance(widget, forms.Textarea):
        return f"{before}{escape(shown) if shown else ''}{after}"
    return before + ("" if shown is None else f' value="{escape(shown)}"') + after


def _skill_card(form: Any, question: Any, pieces: tuple[RadioGroup, str]) -> str:
    """A skill's card: its rating group with the level shown checked, its levels in full and
    its evidence fields (`QuestionnairePageForm.questions`' `question`)."""
    group, details = pieces
    return (
        f'\n  <div id="skill-{escape(question.skill.slug)}" class="question-card">\n'
        f"    {prior_line(question.prior, question.changed)}\n"
        f"    {group.html(question.level)}\n"
        f"    {details}\n"
        f'    <details class="evidence mb-3"{" open" if question.has_evidence else ""}>\n'
        f"      <summary>{escape(_('Add evidence (optional)'))}</summary>\n"
        f"      {input_html(form, question.note, question.note_value)}\n"
        f"      {input_html(form, question.link, question.link_value)}\n"
        "    </details>\n  </div>\n"
    )


def _kept_pieces_card(form: Any, question: Any, revision: int, language: str) -> str:
    """`_skill_card` with the skill's rating group and levels from the kept pieces."""
    name, skill = question.rating, question.skill
    pieces = cached_piece(
        ("rating", skill.pk, revision, language),
        partial(_form_rating_pieces, form, name, skill),
    )
    return _skill_card(form, question, pieces)


def questions_html(form: Any, *, revision: int | None) -> SafeString:
    """The page's questions (`QuestionnairePageForm`): the years on the first page, a card per
    skill, then the situations, as `templates/assessments/step.html` places them.

    A field with an error is drawn afresh (its error belongs to this request); every other
    radio group comes from the pieces kept per catalog revision and language. A page that is
    only shown builds no bound field at all (`QuestionnairePageForm.shown_value`)."""
    language = get_language()
    errors = form.errors
    parts = ["\n"]
    if experience := form.experience_fields:
        parts.append(
            '\n  <fieldset class="question-card">\n'
            f"    <legend>{escape(_('Your experience'))}</legend>\n"
            '    <div class="row">\n      '
            + "".join(
                f'<div class="col-sm-6">{input_html(form, name, form.shown_value(name))}</div>'
                for name in experience
            )
            + "\n    </div>\n  </fieldset>\n"
        )
    parts.append("\n")
    for question in form.questions:
        name, skill = question.rating, question.skill
        if name in errors or revision is None:
            parts.append(_skill_card(form, question, _rating_pieces(form[name], skill)))
            continue
        draw = partial(_kept_pieces_card, form, question, revision, language)
        if question.prior is None and not question.has_evidence:
            # Only the checked level is this person's: the whole card is a piece, per level.
            parts.append(cached_piece(("card", skill.pk, revision, language, question.level), draw))
        else:
            parts.append(draw())
    parts.append("\n")
    situations = form.situations
    situation_tag = escape(_("Situation"))
    for question in situations:
        name = question.name
        if name in errors or revision is None:
            group = bound_radio_group(form[name])
        else:
            group = cached_piece(
                ("situation", name, revision, language),
                partial(_form_radio_group, form, name),
            )
        parts.append(
            '\n  <div class="question-card scenario">\n'
            f'    <p class="scenario-tag">{situation_tag}</p>\n'
            f"    {prior_line(question.prior, question.changed)}\n"
            f"    {group.html(question.choice)}\n  </div>\n"
        )
    if not situations and form.page.is_situations:
        # Translated text of the page itself, like `{% blocktranslate %}`: not escaped.
        no_situations = _(
            "No situations to check: none of your ratings of this role’s key skills reaches "
            "what the role requires, so those skills are self-rated only. Change a rating on "
            "an earlier page, or go on to the review."
        )
        parts.append(f'\n  <p class="question-card">{no_situations}</p>\n')
    parts.append("\n")
    return mark_safe("".join(parts))
