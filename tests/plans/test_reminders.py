"""send_reminders: opt-in, on the right day, once per period, and one click stops them."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from plans.models import Plan, ReminderSent
from plans.reminders import unsubscribe_token

MONDAY = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def subscribed(plan):
    Plan.objects.filter(pk=plan.pk).update(weekly_digest=True)
    return plan


def send():
    call_command("send_reminders", "--base-url", "https://skills.example.org", stdout=StringIO())


def test_the_weekly_digest_goes_out_on_monday_once(subscribed):
    with time_machine.travel(MONDAY):
        send()
        send()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["samira-k@example.org"]
    assert "Associate" in message.subject
    assert "https://skills.example.org/plans/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ReminderSent.objects.get().period == "2027-W09"


def test_no_digest_on_other_days_and_again_the_next_monday(subscribed):
    with time_machine.travel(TUESDAY):
        send()
    assert mail.outbox == []
    with time_machine.travel(MONDAY + dt.timedelta(days=7)):
        send()
    assert len(mail.outbox) == 1


def test_nothing_is_sent_without_opting_in(plan):
    with time_machine.travel(MONDAY):
        send()
    assert mail.outbox == []


def test_the_re_assess_reminder_comes_after_the_chosen_weeks(plan):
    Plan.objects.filter(pk=plan.pk).update(reassess_reminder=True, reassess_after_weeks=2)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=10)):
        send()
    assert mail.outbox == []
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=15)):
        send()
        send()
    assert len(mail.outbox) == 1
    assert "re-assess" in mail.outbox[0].subject.lower()


def test_the_re_assess_reminder_comes_when_every_step_of_a_gap_is_done(plan):
    Plan.objects.filter(pk=plan.pk).update(reassess_reminder=True)
    plan.steps.filter(skill="crm").update(status="done")
    send()
    send()
    assert len(mail.outbox) == 1
    assert "CRM software" in mail.outbox[0].body


def test_one_click_unsubscribes_without_logging_in(client, subscribed):
    url = reverse("plans:unsubscribe", args=[unsubscribe_token(subscribed, "weekly")])
    assert client.get(url).status_code == 200  # a link scanner's GET changes nothing
    subscribed.refresh_from_db()
    assert subscribed.weekly_digest
    client.post(url)  # what the button, or the mail client's one-click, does
    subscribed.refresh_from_db()
    assert not subscribed.weekly_digest
    with time_machine.travel(MONDAY):
        send()
    assert mail.outbox == []


def test_a_tampered_unsubscribe_link_is_a_404(client, subscribed):
    token = unsubscribe_token(subscribed, "weekly")
    assert client.post(reverse("plans:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
