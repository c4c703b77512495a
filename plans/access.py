"""Who may open a plan: its owner, signed in. (A counselor sees a shared client's plan on
their own pages in `counselors`, which decides that with the shares.)"""

from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest

from plans.models import Plan, PlanComment, PlanEvent, PlanStep


def get_owned_plan_or_404(request: HttpRequest, pk: UUID | str) -> Plan:
    if not request.user.is_authenticated:
        raise Http404("Not signed in.")
    try:
        return Plan.objects.select_related("role").get(pk=pk, owner=request.user)
    except Plan.DoesNotExist:
        raise Http404("No such plan of yours.") from None


def plan_page_queryset() -> QuerySet[Plan]:
    """A plan with all the plan page shows, in a fixed number of queries: the plan, its
    steps, its comments (with authors) and its history (with who)."""
    return Plan.objects.select_related("role", "owner", "cosigned_by", "source").prefetch_related(
        Prefetch("steps", queryset=PlanStep.objects.order_by("order", "pk")),
        Prefetch("comments", queryset=PlanComment.objects.select_related("author")),
        Prefetch("events", queryset=PlanEvent.objects.select_related("actor")),
    )
