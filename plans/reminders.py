"""The opt-in e-mails: a weekly digest (on Mondays) and "time to re-assess" (when every step
of a gap is done, or a chosen number of weeks after the start or the last re-assessment).

`send_due_reminders` is what `manage.py send_reminders` runs. It records each message in
`ReminderSent` under a key (plan, kind, period) that the database keeps unique, before the
mail goes out: running it twice — even at once — sends nothing twice.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from plans.models import Plan, PlanStep, ReminderSent
from plans.progress import plan_progress

DIGEST_WEEKDAY = 0  # Monday
UNSUBSCRIBE_SALT = "plans.unsubscribe"
UNSUBSCRIBE_KINDS = ("weekly", "reassess", "all")


def unsubscribe_token(plan: Plan, kind: str) -> str:
    return signing.dumps({"plan": str(plan.pk), "kind": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_kind(token: str) -> tuple[str, str]:
    """(plan id, kind) from a token; BadSignature for anything not signed by us."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(value, dict) or value.get("kind") not in UNSUBSCRIBE_KINDS:
        raise signing.BadSignature("not an unsubscribe token")
    return str(value["plan"]), str(value["kind"])


@dataclass
class Reminder:
    plan: Plan
    kind: str
    period: str
    context: dict[str, Any]


def week_period(today: date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


def due_reminders(plans: list[Plan], today: date) -> list[Reminder]:
    """The reminders due today for these plans (each with its steps prefetched)."""
    due = []
    for plan in plans:
        steps = list(plan.steps.all())
        progress = plan_progress(plan, steps, today)
        context = {"plan": plan, "progress": progress, "today": today}
        if plan.weekly_digest and today.weekday() == DIGEST_WEEKDAY and progress.steps_total:
            due.append(Reminder(plan, ReminderSent.Kind.WEEKLY, week_period(today), context))
        if plan.reassess_reminder:
            closed = [
                gap
                for gap in progress.gaps
                if gap.steps_total
                and gap.steps_done == gap.steps_total
                and not any(s.status == PlanStep.Status.ACHIEVED for s in gap.steps)
            ]
            since = (plan.reassessed_at or plan.created_at).date()
            after = since + timedelta(weeks=plan.reassess_after_weeks)
            if closed:
                period = f"gaps-{len(closed)}"  # a gap closing later is a new message
                due.append(
                    Reminder(plan, ReminderSent.Kind.REASSESS, period, context | {"closed": closed})
                )
            elif today >= after:
                due.append(
                    Reminder(
                        plan, ReminderSent.Kind.REASSESS, f"after-{after.isoformat()}", context
                    )
                )
    return due


def _message(reminder: Reminder, base_url: str) -> EmailMessage:
    plan = reminder.plan
    token = unsubscribe_token(plan, reminder.kind)
    unsubscribe_url = base_url + reverse("plans:unsubscribe", args=[token])
    context = {
        **reminder.context,
        "plan_url": base_url + plan.get_absolute_url(),
        "unsubscribe_url": unsubscribe_url,
        "assess_url": base_url + reverse("careers:role_detail", args=[plan.role.slug]),
    }
    template = f"plans/email_{reminder.kind}"
    message = EmailMessage(
        subject=render_to_string(f"{template}_subject.txt", context).strip(),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[plan.owner.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def send_due_reminders(*, today: date, base_url: str) -> list[ReminderSent]:
    plans = list(
        Plan.objects.filter(owner__is_active=True)
        .exclude(owner__email="")
        .exclude(weekly_digest=False, reassess_reminder=False)
        .select_related("owner", "role")
        .prefetch_related("steps")
    )
    sent = []
    for reminder in due_reminders(plans, today):
        try:
            with transaction.atomic():
                row = ReminderSent.objects.create(
                    plan=reminder.plan, kind=reminder.kind, period=reminder.period
                )
                # Inside the transaction: a mail that fails to go out is not recorded as sent
                # and goes out on the next run.
                _message(reminder, base_url).send()
        except IntegrityError:
            continue  # sent before, by an earlier run or one running now
        sent.append(row)
    return sent
