from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.volume import VolumeError, volume_generate


class Command(BaseCommand):
    help = _(
        "Fill a fresh database (with the catalog loaded) with job seekers, submitted "
        "assessments with their results, and counselors with shared clients, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=10_000)
        parser.add_argument("--assessments", type=int, default=100_000)
        parser.add_argument("--counselors", type=int, default=200)
        parser.add_argument("--clients-per-counselor", type=int, default=50)
        parser.add_argument("--batch-size", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        total = options["assessments"]
        try:
            report = volume_generate(
                users=options["users"],
                assessments=total,
                counselors=options["counselors"],
                clients_per_counselor=options["clients_per_counselor"],
                batch_size=options["batch_size"],
                seed=options["seed"],
                progress=lambda done: self.stdout.write(
                    _("… %(done)d of %(total)d assessments") % {"done": done, "total": total}
                ),
            )
        except VolumeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Generated %(users)d users, %(assessments)d assessments with "
                    "%(ratings)d ratings, %(answers)d scenario answers and %(results)d results, "
                    "%(counselors)d counselors and %(shares)d shares in %(seconds).1f s "
                    "(%(rate).0f assessments per second)."
                )
                % {
                    "users": report.users,
                    "assessments": report.assessments,
                    "ratings": report.ratings,
                    "answers": report.scenario_answers,
                    "results": report.results,
                    "counselors": report.counselors,
                    "shares": report.shares,
                    "seconds": report.seconds,
                    "rate": report.assessments_per_second,
                }
            )
        )
