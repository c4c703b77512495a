"""The owner's plan pages. Every view: the plan (its owner only, else 404), a form, one
service, then redirect — or render."""

import functools
import json
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from assessments.access import get_visible_assessment_or_404
from common import sessions
from common.page_cache import render_cached, render_kept
from common.sessions import reads_with_session
from plans.access import get_owned_plan_or_404, plan_page_queryset
from plans.cached import (
    CACHE_SECONDS,
    cache_key,
    kept_in_slot,
    owned_plan_read,
    plan_list_stamp,
    plan_stamp_keys,
    visitor_slot,
)
from plans.calendar import plan_calendar
from plans.forms import PlanCreateForm, PlanSettingsForm, StepDoneForm, StepForm
from plans.models import Plan, PlanComment, PlanStep
from plans.progress import plan_json, plan_progress
from plans.reminders import unsubscribe_kind
from plans.services import (
    PlanExists,
    plan_create_from_result,
    plan_update,
    reminders_unsubscribe,
    step_add,
    step_done,
    step_move,
    step_remove,
    step_update,
    suggestion_decide,
)


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST — even an empty one, which `request.POST or None` takes for a
    GET — else None."""
    return request.POST if request.method == "POST" else None


def _errors_to_form(form: Any, error: ValidationError) -> None:
    """A service's refusal shown on the form's fields, so nothing typed is lost."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def plan_create(request: HttpRequest, pk: Any) -> HttpResponse:
    """ "Make this my plan" from a result. A plan needs an account that owns the attempt:
    anyone else is asked to sign up or log in first, and to add the attempt to the account
    (the claim offer), and comes back here."""
    assessment = get_visible_assessment_or_404(request, pk)
    if not assessment.is_submitted:
        return redirect(assessment)
    if not request.user.is_authenticated or assessment.owner_id is None:
        # Signed in but the attempt is still this browser's: the page's claim offer (base.html)
        # adds it to the account and comes back here.
        return render(request, "plans/sign_in_first.html", {"assessment": assessment})
    if assessment.owner_id != request.user.pk:
        raise Http404("Only the owner makes a plan of a result.")
    if existing := Plan.objects.filter(source=assessment).first():
        return redirect(existing)
    form = PlanCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create_from_result(
                owner=request.user, assessment=assessment, **form.cleaned_data
            )
        except PlanExists as exists:
            return redirect(exists.plan)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Your plan is ready. Change anything that does not fit."))
            return redirect(plan)
    return render(request, "plans/create.html", {"assessment": assessment, "form": form})


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    stamp = plan_list_stamp(request.user.pk)

    def context() -> dict[str, Any]:
        plans = Plan.objects.filter(owner_id=stamp.owner_id).select_related("role")
        return {"plans": plans.with_progress()}

    key = cache_key("list", stamp)
    return render_cached(request, "plans/plan_list.html", context, key=key, timeout=CACHE_SECONDS)


def plan_page_context(plan: Plan, today: date) -> dict[str, Any]:
    """What the plan page shows, for its owner and for a counselor alike."""
    steps = list(plan.steps.all())
    comments = list(plan.comments.all())
    by_step: dict[int | None, list[PlanComment]] = {}
    for comment in comments:
        by_step.setdefault(comment.step_id, []).append(comment)
    names = plan.skill_names()
    for step in steps:
        step.plan_comments = by_step.get(step.pk, [])  # type: ignore[attr-defined]
        step.skill_name = names.get(step.skill, "")  # type: ignore[attr-defined]
    return {
        "plan": plan,
        "steps": steps,
        "progress": plan_progress(plan, steps, today),
        "plan_comments": [c for c in comments if c.step_id is None or c.kind == "suggestion"],
        "events": list(plan.events.all()),
        "today": today,
    }


def _slot_keys(kind: str) -> Callable[[HttpRequest, int, UUID], list[str]]:
    """What a plan view kept in the visitor's slot `kind` reads of the shared cache, for
    `reads_with_session`: the plan's stamp and the slot."""

    def keys(request: HttpRequest, user_id: int, pk: UUID) -> list[str]:
        return [*plan_stamp_keys(pk), visitor_slot(kind, pk, user_id)]

    return keys


@reads_with_session(_slot_keys("plan-page"))
@login_required
def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """Served from the owner's latest copy (`render_kept`) while the plan, the catalog and the
    day are those it was drawn for: the copy and the plan's stamp come in one read of the
    shared cache, with the session and the user (whose entry holds the navigation's group
    names)."""
    slot = visitor_slot("plan-page", pk, request.user.pk)
    stamp, found = owned_plan_read(
        request.user.pk,
        pk,
        also=[slot],
        read=functools.partial(sessions.get_many, request),
    )
    today = timezone.localdate()

    def context() -> dict[str, Any]:
        plan = plan_page_queryset().get(pk=stamp.pk)
        return {
            **plan_page_context(plan, today),
            "settings_form": PlanSettingsForm(instance=plan),
            "add_form": StepForm(plan=plan, with_status=False),
            "is_owner": True,
        }

    key = cache_key("page", stamp, today)
    return render_kept(
        request,
        "plans/detail.html",
        context,
        slot=slot,
        key=key,
        found=found,
        timeout=CACHE_SECONDS,
    )


@reads_with_session(_slot_keys("plan-json"))
@login_required
def plan_json_view(request: HttpRequest, pk: Any) -> HttpResponse:
    """Kept as bytes, in the owner's slot (`kept_in_slot`) read with the plan's stamp (and
    the session and the user)."""
    slot = visitor_slot("plan-json", pk, request.user.pk)
    stamp, found = owned_plan_read(
        request.user.pk, pk, also=[slot], read=functools.partial(sessions.get_many, request)
    )
    today = timezone.localdate()

    def body() -> bytes:
        plan = plan_page_queryset().get(pk=stamp.pk)
        document = plan_json(plan, list(plan.steps.all()), list(plan.comments.all()), today)
        return json.dumps(document, ensure_ascii=False).encode()

    content = kept_in_slot(slot, cache_key("json", stamp, today), found, body)
    return HttpResponse(content, content_type="application/json")


@login_required
def plan_ics(request: HttpRequest, pk: Any) -> HttpResponse:
    """Kept as bytes, in the owner's slot read with the plan's stamp, as the JSON is."""
    slot = visitor_slot("plan-ics", pk, request.user.pk)
    stamp, found = owned_plan_read(request.user.pk, pk, also=[slot])
    plan_url = request.build_absolute_uri(reverse("plans:detail", args=[stamp.pk]))

    def calendar() -> tuple[bytes, str]:
        plan = Plan.objects.select_related("role").prefetch_related("steps").get(pk=stamp.pk)
        return plan_calendar(plan, list(plan.steps.all()), plan_url), plan.role.slug

    body, role_slug = kept_in_slot(slot, cache_key("ics", stamp, plan_url), found, calendar)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{role_slug}.ics"'
    return response


@login_required
@require_POST
def settings_update(request: HttpRequest, pk: Any) -> HttpResponse:
    plan = get_owned_plan_or_404(request, pk)
    form = PlanSettingsForm(request.POST, instance=Plan.objects.get(pk=plan.pk))
    if form.is_valid():
        data = form.cleaned_data
        plan_update(plan=plan, actor=request.user, **data)
        messages.success(request, _("Plan settings saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{plan.get_absolute_url()}#settings")


@login_required
def step_add_view(request: HttpRequest, pk: Any) -> HttpResponse:
    plan = get_owned_plan_or_404(request, pk)
    form = StepForm(_posted(request), plan=plan, with_status=False)
    if request.method == "POST" and form.is_valid():
        try:
            step_add(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Step added."))
            return redirect(f"{plan.get_absolute_url()}#steps")
    return render(request, "plans/step_form.html", {"plan": plan, "form": form, "adding": True})


def _owned_step(request: HttpRequest, pk: Any, step_id: int) -> tuple[Plan, PlanStep]:
    plan = get_owned_plan_or_404(request, pk)
    return plan, get_object_or_404(PlanStep, pk=step_id, plan=plan)


def _step_initial(step: PlanStep) -> dict[str, Any]:
    return {
        "title": step.title,
        "skill": step.skill,
        "url": step.url,
        "effort_hours": step.effort_hours,
        "cost": step.cost,
        "target_date": step.target_date,
        "status": step.status if step.status != PlanStep.Status.ACHIEVED else "",
    }


@login_required
def step_edit(request: HttpRequest, pk: Any, step_id: int) -> HttpResponse:
    plan, step = _owned_step(request, pk, step_id)
    initial = _step_initial(step)
    form = StepForm(_posted(request), plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            step_update(step=step, actor=request.user, changes=form.changed_values())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Step saved."))
            return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")
    shown = {name: StepForm._as_posted(value) for name, value in initial.items()}
    context = {"plan": plan, "step": step, "form": form, "shown": shown}
    return render(request, "plans/step_form.html", context)


@login_required
def step_done_view(request: HttpRequest, pk: Any, step_id: int) -> HttpResponse:
    plan, step = _owned_step(request, pk, step_id)
    form = StepDoneForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        step_done(step=step, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Well done! The step is marked done."))
        return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")
    return render(request, "plans/step_done.html", {"plan": plan, "step": step, "form": form})


@login_required
@require_POST
def step_move_view(request: HttpRequest, pk: Any, step_id: int) -> HttpResponse:
    plan, step = _owned_step(request, pk, step_id)
    step_move(step=step, actor=request.user, up=request.POST.get("direction") == "up")
    return redirect(f"{plan.get_absolute_url()}#step-{step.pk}")


@login_required
@require_POST
def step_remove_view(request: HttpRequest, pk: Any, step_id: int) -> HttpResponse:
    plan, step = _owned_step(request, pk, step_id)
    step_remove(step=step, actor=request.user)
    messages.success(request, _("Step removed. The history keeps what it was."))
    return redirect(f"{plan.get_absolute_url()}#steps")


@login_required
@require_POST
def suggestion_decide_view(request: HttpRequest, pk: Any, comment_id: int) -> HttpResponse:
    plan = get_owned_plan_or_404(request, pk)
    comment = get_object_or_404(PlanComment, pk=comment_id, plan=plan)
    accept = request.POST.get("decision") == "accept"
    try:
        suggestion_decide(comment=comment, actor=request.user, accept=accept)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Suggestion accepted.") if accept else _("Suggestion declined.")
        )
    return redirect(f"{plan.get_absolute_url()}#comments")


# A one-click unsubscribe: mail clients POST to the link (RFC 8058) without a CSRF token or a
# session; the signature is the proof. A GET only shows the button, so link scanners that
# open every link in a mail change nothing.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        plan_id, kind = unsubscribe_kind(token)
    except signing.BadSignature:
        raise Http404("Not a valid unsubscribe link.") from None
    plan = get_object_or_404(Plan.objects.select_related("role"), pk=plan_id)
    done = False
    if request.method == "POST":
        reminders_unsubscribe(plan=plan, kind=kind)
        done = True
    context = {"plan": plan, "kind": kind, "done": done, "token": token}
    return render(request, "plans/unsubscribe.html", context)
