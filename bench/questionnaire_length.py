"""How long every role's questionnaire takes, by the product's own estimate.

Loads the shipped catalog (`fixtures/catalog.json`, `fixtures/scenarios.json`) into a
throw-away SQLite database and prints, for every role, a first assessment (nothing answered)
and a retake (everything prefilled and confirmed): questions, options, words read and
minutes, from `assessments.length` — the estimate the role page and the progress line show.
Run it with `python -m bench.questionnaire_length`; the figures go in docs/PERFORMANCE.md.

The questionnaire asks every scenario item of every required skill today; once scenario
items are selected per person, this prints the selected set (`questionnaire_length` takes
the items asked).
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_TIME_TARGET_MINUTES = 15
RETAKE_TARGET_MINUTES = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
        os.environ["DJANGO_DEBUG"] = "false"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'length.sqlite3'}"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("loaddata", "catalog", "scenarios", verbosity=0)
        print_table()


def print_table() -> None:
    from assessments.questionnaire import (
        first_time_length,
        questionnaire_length,
        questionnaire_pages,
    )
    from careers.models import Role
    from careers.revision import current_revision, questionnaire_rungs

    header = f"{'role':<38} {'':>6} {'questions':>9} {'options':>8} {'words':>7} {'minutes':>8}"
    print(header)
    print("-" * len(header))
    over = []
    for role in Role.objects.select_related("track").order_by("track__name", "rank"):
        # The questionnaire covers the target and the rung below; a first-time person is
        # told the selection's upper bound of situations, as the role page does.
        target_rows, below = questionnaire_rungs(role.pk, current_revision())
        first = first_time_length(target_rows, below)
        # A retake with nothing changed: every answer prefilled and confirmed, the situations
        # those of claims at the top level (the most the selection chooses).
        every_row = (*target_rows, *below)
        pages = questionnaire_pages(
            target_rows, below=below, rank=role.rank, levels={r.skill.pk: 5 for r in every_row}
        )
        skills = [skill for page in pages for skill in page.skills]
        items = [item for page in pages for item in page.scenario_items]
        retake = questionnaire_length(
            skills,
            items,
            rated_skill_ids={skill.pk for skill in skills},
            answered_item_ids={item.pk for item in items},
        )
        for label, length, target in (
            ("first", first, FIRST_TIME_TARGET_MINUTES),
            ("retake", retake, RETAKE_TARGET_MINUTES),
        ):
            title = role.title if label == "first" else ""
            print(
                f"{title:<38} {label:>6} {length.questions:>9} {length.options:>8} "
                f"{length.words:>7} {length.minutes:>8}"
            )
            if length.minutes > target:
                over.append(f"{role.title} ({label}: {length.minutes} > {target} minutes)")
    print()
    print(
        f"Targets: first assessment ≤ {FIRST_TIME_TARGET_MINUTES} minutes, "
        f"retake ≤ {RETAKE_TARGET_MINUTES} minutes."
    )
    print("Over target: " + ("; ".join(over) if over else "none"))


if __name__ == "__main__":
    main()
