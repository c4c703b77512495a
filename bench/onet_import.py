"""How long `import_onet --all` takes on a release of full size: 900 occupations × 35 skills.

Writes O*NET-format text files (63,000 rating rows, the size of a real release) into a
temporary folder, migrates a throw-away SQLite database next to them, then times

1. a first import of every occupation (all rows created),
2. a re-import of a newer release in which every tenth level changed (updated in place),
3. an export of the resulting catalog with `export_catalog`.

and prints rows, seconds and rows per second for each. Not a test: run it with
`make bench-onet` after changing careers/onet/ or careers/transfer.py
(`BENCH_OCCUPATIONS=100` for a smaller release).
"""

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OCCUPATIONS = int(os.environ.get("BENCH_OCCUPATIONS", "900"))  # a real release rates ~900
SKILL_ELEMENTS = (
    [f"2.A.1.{letter}" for letter in "abcdef"]
    + [f"2.A.2.{letter}" for letter in "abcd"]
    + [f"2.B.1.{letter}" for letter in "abcdef"]
    + ["2.B.2.i"]
    + [f"2.B.3.{letter}" for letter in "abcdeghjklm"]
    + [f"2.B.4.{letter}" for letter in "egh"]
    + [f"2.B.5.{letter}" for letter in "abcd"]
)
SKILLS_HEADER = [
    "O*NET-SOC Code",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
]

T = TypeVar("T")


def occupation_code(number: int) -> str:
    return f"{11 + number % 43:02d}-{1000 + number:04d}.00"


def write_table(path: Path, header: list[str], rows: list[list[object]]) -> None:
    lines = ["\t".join(header), *("\t".join(str(value) for value in row) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_release(folder: Path, *, changed_every: int = 0) -> int:
    """A synthetic release; with `changed_every`, that share of levels is one step higher.
    Returns the number of rating rows written."""
    folder.mkdir()
    draw = random.Random(30)
    write_table(
        folder / "Occupation Data.txt",
        ["O*NET-SOC Code", "Title", "Description"],
        [
            [occupation_code(n), f"Occupation {n}", f"What occupation {n} does, in a sentence."]
            for n in range(OCCUPATIONS)
        ],
    )
    write_table(
        folder / "Content Model Reference.txt",
        ["Element ID", "Element Name", "Description"],
        [[element, f"Skill {element}", f"What skill {element} is."] for element in SKILL_ELEMENTS],
    )
    write_table(
        folder / "Level Scale Anchors.txt",
        ["Element ID", "Element Name", "Scale ID", "Anchor Value", "Anchor Description"],
        [
            [element, f"Skill {element}", "LV", value, f"Skill {element} at O*NET level {value}"]
            for element in SKILL_ELEMENTS
            for value in (2, 4, 6)
        ],
    )
    rows = []
    for n in range(OCCUPATIONS):
        for index, element in enumerate(SKILL_ELEMENTS):
            importance, level = draw.uniform(1, 5), draw.uniform(0.5, 6.5)
            if changed_every and (n * len(SKILL_ELEMENTS) + index) % changed_every == 0:
                level = min(level + 1.4, 7)  # one step on our scale
            code, name = occupation_code(n), f"Skill {element}"
            rows.append([code, element, name, "IM", f"{importance:.2f}", 8, "0.1250"])
            rows[-1] += ["1.0000", "5.0000", "N", "n/a", "08/2025", "Analyst"]
            rows.append([code, element, name, "LV", f"{level:.2f}", 8, "0.1830"])
            rows[-1] += ["0.5000", "7.0000", "N", "N", "08/2025", "Analyst"]
    write_table(folder / "Skills.txt", SKILLS_HEADER, rows)
    return len(rows)


def timed(label: str, rows: int, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {rows:>7,} rows  {seconds:6.2f} s  {rows / seconds:>9,.0f} rows/s")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
        os.environ["DJANGO_DEBUG"] = "false"  # no query log: it would slow the bulk writes
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"

        import django

        django.setup()
        from django.core.management import call_command

        from careers.onet.importer import onet_occupations_import
        from careers.onet.release import read_release
        from careers.transfer import CATALOG_MODELS, catalog_export

        call_command("migrate", verbosity=0)
        rows = write_release(folder / "db_30_0_text")
        write_release(folder / "db_30_1_text", changed_every=10)
        print(f"{OCCUPATIONS} occupations × {len(SKILL_ELEMENTS)} skills, SQLite\n")

        for version in ("30_0", "30_1"):
            release = timed(
                f"read db_{version}_text (parse and map)",
                rows,
                partial(read_release, folder / f"db_{version}_text"),
            )
            report = timed(
                f"write {'first import' if version == '30_0' else 're-import, 10 % changed'}",
                release.rating_count,
                partial(
                    onet_occupations_import, release=release, track_name="O*NET occupations (bench)"
                ),
            )
            print(
                f"{'':<44} {report.requirements_created:,} created, "
                f"{report.requirements_updated:,} updated, {len(report.changes):,} change lines"
            )
        objects = sum(model._default_manager.count() for model, _related, _order in CATALOG_MODELS)
        timed(
            "export_catalog (every catalog object)",
            objects,
            lambda: catalog_export(path=folder / "catalog.json"),
        )


if __name__ == "__main__":
    main()
