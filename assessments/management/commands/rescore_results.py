from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.rescoring import results_rescore
from assessments.scoring import SCORING_VERSION


class Command(BaseCommand):
    help = _(
        "Score stored results again under the current rules, as a new scoring version "
        "(the old results are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to-version", type=int, default=SCORING_VERSION)
        parser.add_argument("--from-version", type=int, default=None)
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, to_version, from_version, batch_size, **options):
        try:
            report = results_rescore(
                to_version=to_version,
                from_version=from_version,
                batch_size=batch_size,
                progress=lambda done: self.stdout.write(_("… %(done)d") % {"done": done}),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Re-scored %(count)d result(s) in %(seconds).1f s (%(rate).0f per second).")
                % {
                    "count": report.rescored,
                    "seconds": report.seconds,
                    "rate": report.per_second,
                }
            )
        )
