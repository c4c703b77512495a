"""`check_resources`: are the catalog's next steps real and reachable?

Lists the resources without a link (allowed, e.g. an on-the-job stretch, but worth a look),
and the level steps of required skills that no named resource covers, which make it fail.
With `--online` it also asks every link for its HTTP status; a machine without network skips
that part with a message instead of reporting every link as broken.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from careers import link_check
from careers.catalog_checks import required_steps_without_named_resources
from careers.models import Resource


class Command(BaseCommand):
    help = _(
        "List resources without a link and level steps of required skills without a named "
        "resource (exits non-zero if there are any); --online checks every link's HTTP status."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--online", action="store_true", help=_("Also fetch every link and report its status.")
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=link_check.DEFAULT_TIMEOUT,
            help=_("Seconds to wait for each link (default %(default)s)."),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=link_check.DEFAULT_WORKERS,
            help=_("How many links to fetch at a time (default %(default)s)."),
        )

    def handle(self, *args, online: bool, timeout: float, workers: int, **options) -> None:
        resources = list(Resource.objects.select_related("skill").order_by("skill__slug", "slug"))
        self._report_missing_links(resources)
        if online:
            self._report_link_statuses(resources, timeout=timeout, workers=workers)
        uncovered = required_steps_without_named_resources()
        if uncovered:
            listing = "\n".join(f"  - {skill.describe()}" for skill in uncovered)
            heading = _(
                "%(count)d required skill(s) lack a named resource for some level steps:"
            ) % {"count": len(uncovered)}
            raise CommandError(f"{heading}\n{listing}")
        self.stdout.write(
            self.style.SUCCESS(_("Every level step of every required skill has a named resource."))
        )

    def _report_missing_links(self, resources: list[Resource]) -> None:
        without = [resource for resource in resources if not resource.url]
        self.stdout.write(
            _("%(without)d of %(count)d resource(s) have no link.")
            % {"without": len(without), "count": len(resources)}
        )
        for resource in without:
            self.stdout.write(f"  - {resource.slug}: {resource.title} ({resource.provider})")

    def _report_link_statuses(
        self, resources: list[Resource], *, timeout: float, workers: int
    ) -> None:
        probe = link_check.check_links([link_check.PROBE_URL], timeout=timeout, workers=1)[0]
        if not probe.answered:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Skipped the online check: %(probe)s cannot be reached (%(error)s); "
                        "this machine seems to be offline."
                    )
                    % {"probe": probe.url, "error": probe.error}
                )
            )
            return
        urls = sorted({resource.url for resource in resources if resource.url})
        statuses = link_check.check_links(urls, timeout=timeout, workers=workers)
        if statuses and not any(status.answered for status in statuses):
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Skipped the online check: none of the %(count)d link(s) could be reached; "
                        "this machine seems to be offline."
                    )
                    % {"count": len(statuses)}
                )
            )
            return
        slugs: dict[str, list[str]] = {}
        for resource in resources:
            slugs.setdefault(resource.url, []).append(resource.slug)
        failing = [status for status in statuses if not status.ok]
        self.stdout.write(
            _("Checked %(count)d link(s); %(failing)d did not answer with a page.")
            % {"count": len(statuses), "failing": len(failing)}
        )
        for status in statuses:
            answer = (
                str(status.status)
                if status.answered
                else _("no answer: %(error)s") % {"error": status.error}
            )
            line = f"  {answer}  {status.url}  ({', '.join(slugs[status.url])})"
            self.stdout.write(line if status.ok else self.style.ERROR(line))
