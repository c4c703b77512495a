"""`load_crosswalk`: the shipped crosswalk, `fixtures/crosswalk.json`.

`make setup` runs it after `load_occupations`. It is `loaddata crosswalk` (rows found again by
their natural key, so a second run changes nothing), skipped with a note when the installation
does not ship the occupations (`SKILLS_GAP_SHIP_OCCUPATIONS=0`) or has no O*NET skills yet:
links to skills that are not there would only make `check_catalog` fail.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from careers.models import Skill

CROSSWALK_FIXTURE = "crosswalk"


class Command(BaseCommand):
    help = _("Load the shipped crosswalk between this catalog's skills and O*NET's.")

    def handle(self, *args, **options) -> None:
        if not settings.SHIP_OCCUPATIONS:
            self.stdout.write(_("Skipped the crosswalk: SKILLS_GAP_SHIP_OCCUPATIONS is off."))
            return
        if not Skill.objects.exclude(onet_element_id="").exists():
            self.stdout.write(
                _("Skipped the crosswalk: the catalog has no O*NET skills (run load_occupations).")
            )
            return
        call_command(
            "loaddata", CROSSWALK_FIXTURE, verbosity=options["verbosity"], stdout=self.stdout
        )
