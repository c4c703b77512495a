"""The counselor half of the sharing panel on a result page. The result page belongs to
assessments, which knows nothing of counselors; it loads this tag to show the owner the form
to share the result (posted to counselors' own views). Whom it is shared with is drawn for each
request (`counselors.sharing_panel`): the rest of the page is cached."""

from typing import Any

from django import template

from assessments.models import Assessment
from assessments.owner_parts import marker
from counselors.forms import ShareForm
from counselors.sharing_panel import SHARES

register = template.Library()


@register.inclusion_tag("counselors/_share_with_counselor.html")
def share_with_counselor(assessment: Assessment) -> dict[str, Any]:
    """Only for the result's owner."""
    return {"assessment": assessment, "share_form": ShareForm(), "shares_marker": marker(SHARES)}
