"""The counselor half of the sharing panel on a result page. The result page belongs to
assessments, which knows nothing of counselors; it loads this tag to show the owner whom the
result is shared with and the form to share it (posted to counselors' own views)."""

from typing import Any

from django import template

from assessments.models import Assessment
from counselors.forms import ShareForm
from counselors.models import Share

register = template.Library()


@register.inclusion_tag("counselors/_share_with_counselor.html", takes_context=True)
def share_with_counselor(context: template.Context, assessment: Assessment) -> dict[str, Any]:
    """Only for the result's owner: it lists the owner's active shares of this result."""
    return {
        "assessment": assessment,
        "request": context["request"],
        "share_form": ShareForm(),
        "shares": Share.objects.active()
        .covering(assessment)
        .select_related("counselor__counselor_profile"),
    }
