"""What a counselor may see, decided in one place and used by every counselor page and export.

A counselor sees a submitted assessment only while its owner has an active share with them:
either of that very result, or of all the owner's results for its role. Withdrawn shares,
unfinished attempts and anything never shared stay invisible — in lists, counts and exports.
A shared "Which careers fit me?" profile has no scored result: it is seen as its ranking
(`shared_rankings`), and kept out of everything that reads results (`shared_results`).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import Http404

from assessments.models import Assessment
from common.navigation import group_names
from counselors.models import COUNSELORS_GROUP, Share


def is_counselor(user) -> bool:
    """From the user's group names, which the navigation reads too: kept on the user for the
    request, and in the shared cache until an admin changes them (`common.navigation`)."""
    return COUNSELORS_GROUP in group_names(user)


def shared_with(counselor):
    """Submitted assessments the counselor may see, right now."""
    active = Share.objects.active().filter(counselor=counselor, owner=OuterRef("owner_id"))
    clients = Share.objects.active().filter(counselor=counselor).values("owner_id")
    # Narrow to this counselor's clients first: without it the Exists checks run over every
    # submitted assessment in the database (12 s on SQLite at 100,000 assessments).
    return (
        Assessment.objects.submitted()
        .filter(owner_id__in=clients)
        .filter(
            Exists(active.filter(assessment=OuterRef("pk")))
            | Exists(active.filter(assessment__isnull=True, role=OuterRef("role_id")))
        )
    )


def shared_results(counselor):
    """The shared assessments that have a scored result: every one but the skills profiles."""
    return shared_with(counselor).filter(role__is_skills_profile=False)


def shared_rankings(counselor):
    """The shared "Which careers fit me?" profiles, each seen as its ranking of every role."""
    return shared_with(counselor).filter(role__is_skills_profile=True)


def counselor_required(view):
    """Anonymous visitors go to the login page; signed-in non-counselors get a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_counselor(request.user):
            raise Http404("Not a counselor.")
        return view(request, *args, **kwargs)

    return wrapper
