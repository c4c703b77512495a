"""A few occupations cut from the shipped data (data/), for tests that load into the database:
loading all ~1,000 takes seconds, so only one test does."""

import gzip
from pathlib import Path

from careers.occupations.sources import SHIPPED_ONET, SHIPPED_WAGES

CSR, SUPERVISOR, RETAIL = "43-4051.00", "43-1011.00", "41-2031.00"
ACTORS = "27-2011.00"  # BLS publishes no annual wages for it
CODES = {CSR, SUPERVISOR, RETAIL, ACTORS}
CASHIERS = "41-2011.00"
PROJECT_MANAGERS = "13-1082.00"  # O*NET rates no skills of it
# For the occupation pages: one found by an alternate title, one without skill ratings.
PAGE_CODES = CODES | {CASHIERS, PROJECT_MANAGERS}


def shipped_slice(tmp_path: Path, codes: set[str] = CODES) -> tuple[Path, Path]:
    """A release folder and a wage table holding only `codes` (related occupations only
    between them, and the wage rows of their major groups); returns their paths."""
    folder = tmp_path / "db_29_0_text"
    folder.mkdir()
    for path in SHIPPED_ONET.glob("*.txt.gz"):
        header, *rows = gzip.decompress(path.read_bytes()).decode().splitlines()
        columns = header.split("\t")
        kept = [row for row in rows if _keep(columns, row.split("\t"), codes)]
        (folder / path.name).write_bytes(gzip.compress("\n".join([header, *kept, ""]).encode()))
    header, *rows = SHIPPED_WAGES.read_text().splitlines()
    # with the major groups' rows, which name the groups
    soc_codes = {code[:7] for code in codes} | {f"{code[:2]}-0000" for code in codes}
    wages = tmp_path / "wages.tsv"
    wages.write_text("\n".join([header, *(r for r in rows if r[:7] in soc_codes), ""]))
    return folder, wages


def _keep(columns: list[str], fields: list[str], codes: set[str]) -> bool:
    for name in ("O*NET-SOC Code", "Related O*NET-SOC Code"):
        if name in columns and fields[columns.index(name)] not in codes:
            return False
    return True
