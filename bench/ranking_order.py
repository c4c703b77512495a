"""The worked profiles of docs/SCORING.md ("How roles are ordered"): the top ten roles of each,
in the ranking's order and in the order before it (match, then closeness).

    make -o .venv/.installed setup && python -m bench.ranking_order

Reads the database `make setup` fills (the shipped catalog, O*NET 29.0 and BLS data, the
crosswalk); `tests/assessments/test_ranking_order.py` checks the same profiles.
"""

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assessments.ranking import NOWHERE, MatrixRole, Ranked, Standpoint, rank

TOP = 10


@dataclass(frozen=True)
class Worked:
    key: str  # "a" … "e" as in docs/SCORING.md
    name: str
    profile: dict[str, int]
    standpoint: Standpoint
    origin_slug: str  # left out of the lists: where the person stands


def worked_profiles(
    matrix: Sequence[MatrixRole],
    across: Callable[[Mapping[str, int]], dict[str, int]],
    standpoint_of: Callable[[str], Standpoint],
    onet_skills: Sequence[str],
) -> list[Worked]:
    """(a)–(c): a customer-service associate's, team lead's and manager's result that meets
    their rung exactly, carried across the crosswalk (`across`); (d) the 35 O*NET skills of
    "Which careers fit me?" rated as a nursing assistant's requirements (1 where O*NET asks
    nothing), without and with that occupation named as the current one; (e) a strong
    profile: every skill 4, every third 5, nothing named."""
    rows = {row.slug: row for row in matrix}

    def levels(slug: str) -> dict[str, int]:
        return {r.skill_slug: r.required_level for r in rows[slug].requirements}

    def rung(key: str, name: str, slug: str) -> Worked:
        return Worked(key, name, across(levels(slug)), standpoint_of(slug), slug)

    aide = "nursing-assistants-31-1131-00"
    aide_levels = {skill: max(1, levels(aide).get(skill, 1)) for skill in onet_skills}
    strong = {skill: 5 if n % 3 == 0 else 4 for n, skill in enumerate(onet_skills)}
    return [
        rung("a", "(a) customer-service associate", "customer-service-associate"),
        rung("b", "(b) customer-service team lead", "customer-service-team-lead"),
        rung("c", "(c) customer-service manager", "customer-service-manager"),
        Worked("d", "(d) nurse-aide-like, 35 skills, nothing named", aide_levels, NOWHERE, ""),
        Worked(
            "d-named",
            "(d) nurse-aide-like, 35 skills, Nursing Assistants named",
            aide_levels,
            standpoint_of(aide),
            aide,
        ),
        Worked("e", "(e) strong, 35 skills at 4–5, nothing named", strong, NOWHERE, ""),
    ]


def top(worked: Worked, matrix: Sequence[MatrixRole], *, before: bool = False) -> list[Ranked]:
    """The first `TOP` roles with a verdict, without where the person stands."""
    ranked = rank(matrix, worked.profile, standpoint=worked.standpoint)
    if before:
        ranked.sort(key=_previous_order)
    return [r for r in ranked if r.has_verdict and r.role.slug != worked.origin_slug][:TOP]


def _previous_order(r: Ranked) -> tuple[bool, float, float, float, str]:
    """The order until this one: verdict given, match, closeness, coverage, title."""
    closeness = 5.0 if r.closeness is None else r.closeness
    return (
        not r.has_verdict,
        -(r.match_percent or 0.0),
        closeness,
        -r.coverage_percent,
        r.role.title,
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from assessments.ranking_matrix import crosswalk_links, requirement_matrix, standpoint_of_role
    from careers.crosswalk import profile_across
    from careers.revision import current_revision
    from careers.skills_profile import skills_profile

    revision = current_revision()
    matrix = requirement_matrix(revision)
    links = crosswalk_links(revision)
    profile_role = skills_profile()
    assert profile_role is not None, "run `make setup` first"
    onet_skills = [r.skill.slug for r in profile_role.requirements.select_related("skill")]
    for worked in worked_profiles(
        matrix,
        lambda levels: profile_across(levels, links),
        lambda slug: standpoint_of_role(slug, revision=revision),
        onet_skills,
    ):
        zone = worked.standpoint.job_zone
        print(f"\n{worked.name} (Job Zone {zone or '—'})")
        for label, rows in (
            ("before", top(worked, matrix, before=True)),
            ("after", top(worked, matrix)),
        ):
            print(f"  {label}:")
            for n, r in enumerate(rows, 1):
                role_zone = r.role.job_zone or "—"
                related = f", {r.relatedness}" if r.relatedness else ""
                print(
                    f"    {n:2}. {r.role.title} — {r.match_percent:.0f} %, coverage"
                    f" {r.coverage_percent:.0f} %, {r.verdict.label}, Job Zone {role_zone}{related}"
                )


if __name__ == "__main__":
    main()
