"""`import_onet PATH --occupation CODE … | --all [--track NAME] [--release VERSION]`.

Reads the O*NET text release in PATH (`careers.onet.release`), writes it
(`careers.onet.importer`) and prints what changed (`careers.onet.report`). See
docs/CATALOG_IMPORT.md for where to download it and how its values are mapped.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from careers.onet.importer import DEFAULT_ONET_TRACK, OnetImportError, onet_occupations_import
from careers.onet.release import OnetError, read_release
from careers.onet.report import OnetImportReport, anchors_shortened_line


class Command(BaseCommand):
    help = _(
        "Import occupations of a downloaded O*NET text release as roles with their skills, "
        "required levels and importance; run again with a newer release to update them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help=_("Folder of the release, e.g. db_30_0_text"))
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--occupation",
            action="append",
            dest="occupations",
            metavar="CODE",
            help=_("An O*NET-SOC code such as 43-4051.00; repeat for more."),
        )
        which.add_argument(
            "--all", action="store_true", help=_("Every occupation that has skill ratings.")
        )
        parser.add_argument(
            "--track",
            default=str(DEFAULT_ONET_TRACK),
            help=_("Name of the track new roles join (created when missing)."),
        )
        parser.add_argument(
            "--release",
            help=_("The release number, e.g. 30.0, when the folder is not named db_30_0_text."),
        )

    def handle(self, *args, **options) -> None:
        codes = None if options["all"] else options["occupations"]
        try:
            release = read_release(options["path"], codes=codes, version=options["release"])
            report = onet_occupations_import(release=release, track_name=options["track"])
        except (OnetError, OnetImportError) as error:
            raise CommandError(str(error)) from error
        self._write_report(report, verbose=options["verbosity"] > 1)

    def _write_report(self, report: OnetImportReport, verbose: bool) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported O*NET %(release)s into “%(track)s”: roles %(roles_created)d "
                    "created, %(roles_updated)d updated; requirements %(created)d created, "
                    "%(updated)d updated, %(removed)d removed; skills %(skills)d created."
                )
                % {
                    "release": report.release,
                    "track": report.track,
                    "roles_created": report.roles_created,
                    "roles_updated": report.roles_updated,
                    "created": report.requirements_created,
                    "updated": report.requirements_updated,
                    "removed": report.requirements_removed,
                    "skills": report.skills_created,
                }
            )
        )
        if report.anchors_shortened:
            self.stdout.write(anchors_shortened_line(report.anchors_shortened))
        if report.left_out:
            self.stdout.write(
                _(
                    "Left out: %(not_relevant)d rating(s) O*NET marks not relevant, "
                    "%(suppressed)d with a suppressed estimate."
                )
                % {
                    "not_relevant": report.left_out_not_relevant,
                    "suppressed": report.left_out_suppressed,
                }
            )
            if verbose:
                self._write_lines(report.left_out)
        if report.changes:
            self.stdout.write(_("Changes:"))
            self._write_lines(report.changes)
        if report.roles_created or report.skills_created:
            self.stdout.write(
                _("O*NET has no learning resources: add them in the admin, then run check_catalog.")
            )

    def _write_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(f"  {line}")
