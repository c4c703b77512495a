"""`load_occupations [--onet PATH] [--wages FILE --wages-release NAME]`.

Loads the O*NET and BLS data the project ships (data/README.md) — or newer files given as
arguments — into the catalog (`careers.occupations.loader`) and prints what changed. Running
it again with the same files changes nothing. `make setup` runs it unless the setting
`SHIP_OCCUPATIONS` (environment: SKILLS_GAP_SHIP_OCCUPATIONS=0) is off.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from careers.occupations.loader import OccupationLoadReport, occupations_load
from careers.occupations.sources import SHIPPED_ONET, SHIPPED_WAGES, SHIPPED_WAGES_RELEASE
from careers.onet.importer import DEFAULT_ONET_TRACK, OnetImportError
from careers.onet.release import OnetError
from careers.onet.report import anchors_shortened_line


class Command(BaseCommand):
    help = _(
        "Load every O*NET occupation (roles, skills, Job Zones, tasks, alternate titles, related "
        "occupations) and BLS national wages; by default the data shipped in data/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--onet", type=Path, default=SHIPPED_ONET, help=_("O*NET release folder")
        )
        parser.add_argument("--release", help=_("O*NET release number, e.g. 30.0"))
        parser.add_argument("--wages", type=Path, default=SHIPPED_WAGES, help=_("BLS wage table"))
        parser.add_argument(
            "--wages-release", default=SHIPPED_WAGES_RELEASE, help=_("e.g. “May 2025”")
        )
        parser.add_argument("--track", default=str(DEFAULT_ONET_TRACK), help=_("Track name"))

    def handle(self, *args, **options) -> None:
        if not settings.SHIP_OCCUPATIONS:
            self.stdout.write(_("Skipped: SKILLS_GAP_SHIP_OCCUPATIONS is off."))
            return
        try:
            report = occupations_load(
                onet_folder=options["onet"],
                onet_version=options["release"],
                wages_file=options["wages"],
                wages_release=options["wages_release"],
                track_name=options["track"],
            )
        except (OnetError, OnetImportError, OSError) as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load: without them PostgreSQL plans catalog joins
            # as if the tables were empty, and a query of milliseconds takes minutes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._write_report(report, verbose=options["verbosity"] > 1)

    def _write_report(self, report: OccupationLoadReport, verbose: bool) -> None:
        onet = report.onet
        if not report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Occupations are up to date (O*NET %(release)s, BLS %(wages)s).")
                    % {"release": onet.release, "wages": report.wages_release}
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded O*NET %(release)s into “%(track)s”: roles %(roles_created)d created, "
                    "%(roles_updated)d updated; requirements %(created)d created, %(updated)d "
                    "updated, %(removed)d removed; skills %(skills)d created."
                )
                % {
                    "release": onet.release,
                    "track": onet.track,
                    "roles_created": onet.roles_created,
                    "roles_updated": onet.roles_updated,
                    "created": onet.requirements_created,
                    "updated": onet.requirements_updated,
                    "removed": onet.requirements_removed,
                    "skills": onet.skills_created,
                }
            )
        )
        if onet.anchors_shortened:
            self.stdout.write("  " + anchors_shortened_line(onet.anchors_shortened))
        for table, changes in report.tables.items():
            self.stdout.write(
                _("  %(table)s: %(created)d created, %(updated)d updated, %(removed)d removed.")
                % {
                    "table": table,
                    "created": changes.created,
                    "updated": changes.updated,
                    "removed": changes.removed,
                }
            )
        if report.roles_given_soc_code:
            self.stdout.write(
                _("  %(count)d role(s) given the SOC code of their occupation.")
                % {"count": report.roles_given_soc_code}
            )
        self.stdout.write(
            _(
                "BLS %(wages)s: %(unmatched)d detailed occupation(s) match no O*NET occupation; "
                "%(missing)d O*NET occupation(s) have no wage row."
            )
            % {
                "wages": report.wages_release,
                "unmatched": len(report.wages_without_occupation),
                "missing": len(report.occupations_without_wages),
            }
        )
        if verbose:
            for label, codes in [
                (_("Wages without occupation"), report.wages_without_occupation),
                (_("Occupations without wages"), report.occupations_without_wages),
            ]:
                self.stdout.write(f"  {label}: {', '.join(codes)}")
        if onet.changes and verbose:
            self.stdout.write(_("Changes:"))
            for line in onet.changes:
                self.stdout.write(f"  {line}")
