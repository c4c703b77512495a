"""The sample release in `sample_release/`, and helpers that import it or alter a copy of it.

It has three rated occupations: Retail Salespersons (41-2031.00), Customer Service
Representatives (43-4051.00, Operations Analysis marked not relevant) and First-Line
Supervisors (43-1011.00, Operations Analysis with a suppressed estimate); 43-9199.00 is listed
without ratings. `sample_release/README.md` says what else it holds.
"""

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command

SAMPLE = Path(__file__).parent / "sample_release" / "db_30_0_text"
CSR, SUPERVISOR, RETAIL = "43-4051.00", "43-1011.00", "41-2031.00"
TRACK = "Customer service (O*NET)"


def import_onet(folder: Path, *codes: str, track: str = TRACK, **options) -> str:
    """Run `import_onet` on `codes` (every rated occupation when none); returns its output."""
    out = StringIO()
    selection = ["--all"] if not codes else [arg for c in codes for arg in ("--occupation", c)]
    call_command("import_onet", str(folder), *selection, "--track", track, stdout=out, **options)
    return out.getvalue()


def copy_release(tmp_path: Path, name: str = "db_30_1_text") -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    return folder


def set_rating(folder: Path, code: str, element: str, scale: str, value: str, **flags: str):
    """Rewrite one row of Skills.txt: its Data Value and, optionally, its Y/N columns."""
    path = folder / "Skills.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], start=1):
        fields = line.split("\t")
        if fields[:2] == [code, element] and fields[3] == scale:
            fields[header.index("Data Value")] = value
            for column, flag in flags.items():
                fields[header.index(column.replace("_", " ").title())] = flag
            lines[number] = "\t".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
