"""Radio groups for the pages that draw one through a template (the questionnaire page itself
assembles its groups in Python: `assessments.question_html`)."""

from django import forms, template
from django.utils.safestring import SafeString

from assessments import fields, question_html

register = template.Library()


@register.simple_tag
def radio_group(field: forms.BoundField, group_class: str = "") -> SafeString:
    return question_html.bound_radio_group(field, group_class).html(field.value())


# The field-name contract (assessments.fields), for templates that link to a question.
register.filter("rating_field", fields.rating_field)
register.filter("scenario_field", fields.scenario_field)
register.filter("note_field", fields.note_field)
register.filter("link_field", fields.link_field)
