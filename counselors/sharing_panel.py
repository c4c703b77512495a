"""Whom a result is shared with, on its owner's result page: drawn in place of its marker
(`assessments.owner_parts`) and cached under the owner's sharing version, which every share
made or withdrawn and every counselor's new name moves (`counselors.signals`), so a share given
or withdrawn shows at once."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from assessments.models import Assessment
from counselors.models import Share

SHARES = "shares"


def shared_with_list(
    request: HttpRequest, assessment: Assessment, new_link_id: str
) -> tuple[str, Mapping[str, Any]]:
    """The owner's active shares that show this result, each with its withdraw button."""
    shares = Share.objects.active().covering(assessment).select_related("counselor")
    return "counselors/_share_list.html", {"shares": list(shares)}
