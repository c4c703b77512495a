"""Whom a result is shared with, on its owner's result page: drawn for each request in place
of its marker (`assessments.owner_parts`), so a share given or withdrawn shows at once."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from assessments.models import Assessment
from counselors.models import Share

SHARES = "shares"


def shared_with_list(request: HttpRequest, assessment: Assessment, new_link_id: str) -> str:
    """The owner's active shares that show this result, each with its withdraw button."""
    shares = Share.objects.active().covering(assessment).select_related("counselor")
    return render_to_string("counselors/_share_list.html", {"shares": shares}, request)
