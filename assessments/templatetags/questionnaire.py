"""The questionnaire's radio groups, built in Python.

A page holds up to a dozen groups of four or five options each; drawn with template includes
they took most of the page's time (every option resolves a dozen variables). The markup is the
same Bootstrap markup the templates wrote, with the accessibility hooks the browser tests check:
one fieldset per question, its description and error tied to it by `aria-describedby`.
"""

from typing import Any

from django import forms, template
from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments import fields
from assessments.questionnaire import level_label

register = template.Library()


@register.simple_tag
def radio_group(field: forms.BoundField, group_class: str = "") -> SafeString:
    field_id = field.auto_id
    # The field's choices, as its widget holds them (Django keeps the two the same).
    widget = field.field.widget
    assert isinstance(widget, ChoiceWidget), "radio_group draws a field with choices"
    invalid = bool(field.errors)
    described_by = " ".join(
        part
        for part, present in (
            (f"{field_id}_helptext", field.help_text),
            (f"{field_id}_error", invalid),
        )
        if present
    )
    selected = "" if field.value() is None else str(field.value())
    options = format_html_join(
        "",
        '<div class="form-check"><input type="radio" class="form-check-input{}" name="{}" '
        'value="{}" id="{}_{}"{}{}><label for="{}_{}" class="form-check-label">{}</label></div>',
        (
            (
                " is-invalid" if invalid else "",
                field.html_name,
                value,
                field_id,
                index,
                mark_safe(" checked") if str(value) == selected else "",
                mark_safe(' aria-invalid="true"') if invalid else "",
                field_id,
                index,
                label,
            )
            for index, (value, label) in enumerate(widget.choices)
        ),
    )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
            field_id,
            format_html_join(
                "", '<p class="mb-0"><strong>{}</strong></p>', ((e,) for e in field.errors)
            ),
        )
        if invalid
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3{}"><fieldset{}><legend class="form-label fs-6">{}</legend>'
        "{}{}{}</fieldset></div>",
        field_id,
        f" {group_class}" if group_class else "",
        format_html(' aria-describedby="{}"', described_by) if described_by else "",
        field.label,
        help_text,
        options,
        errors,
    )


@register.simple_tag
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


# The field-name contract (assessments.fields), for templates that link to a question.
register.filter("rating_field", fields.rating_field)
register.filter("scenario_field", fields.scenario_field)
register.filter("note_field", fields.note_field)
register.filter("link_field", fields.link_field)
