"""Sends the plan e-mails due today (opt-in weekly digests, "time to re-assess"). Safe to run
as often as you like: each message is recorded and never sent twice. Schedule it daily
(docs/DEPLOY.md shows cron, a systemd timer and a Kubernetes CronJob)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from plans.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the plan reminders due today; running it twice sends nothing twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the links in the e-mails (e.g. https://skills.example.org).",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        sent = send_due_reminders(today=timezone.localdate(), base_url=base_url.rstrip("/"))
        self.stdout.write(f"Sent {len(sent)} reminder(s).")
        for row in sent:
            self.stdout.write(f"  {row.kind} {row.period} → plan {row.plan_id}")
