"""The worked cases of docs/SCORING.md as data: kinds of people a counselor meets, their answers
to the real questionnaire (fixtures/catalog.json, fixtures/scenarios.json) and what the result
must say. Built straight from the fixture files, so the pure tests need no database; a page
test can submit the same answers through the questionnaire.

The answers are those the questionnaire asks: a self-rating for every skill of the target and
every key skill of the rung below, then the situations `assessments.selection` chooses from
those ratings, at most the questionnaire's cap (`SITUATIONS_ASKED`).
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from assessments import selection
from assessments.scoring import AnswerInput, ExperienceInput, RequirementInput, RungInput

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# The most situations each role's questionnaire asks: what fits in the fifteen minutes its
# ratings leave (`assessments.questionnaire.situations_cap`, which needs the texts, so the
# database; test_scoring_cases_pages checks these figures against it).
SITUATIONS_ASKED = {
    "junior-customer-service-associate": 9,
    "customer-service-associate": 8,
    "senior-customer-service-associate": 8,
    "customer-service-specialist": 7,
    "customer-service-team-lead": 6,
    "customer-service-manager": 5,
    "director-of-customer-service": 6,
    "vp-of-customer-experience": 10,
}

# rate(skill, required_level at the target) → self-rating, or None to leave it unanswered
Rate = Callable[[str, int], int | None]
# choose(skill, required_level at the target, self-rating, item number from 0) → option level
Choose = Callable[[str, int, int | None, int], int]


@dataclass(frozen=True)
class Catalog:
    roles: dict[str, dict]  # slug → fields, in rank order
    rungs: tuple[RungInput, ...]
    # skill slug → [(scenario item slug, the levels of its options)], in position order
    items: dict[str, list[tuple[str, tuple[int, ...]]]]
    min_ranks: dict[str, int]  # scenario item slug → the lowest rung it fits

    def rung(self, slug: str) -> RungInput:
        return next(r for r in self.rungs if r.slug == slug)

    def rung_below(self, rung: RungInput) -> RungInput | None:
        return next((r for r in self.rungs if r.rank == rung.rank - 1), None)


@cache
def catalog() -> Catalog:
    rows = json.loads((FIXTURES / "catalog.json").read_text())
    of = defaultdict(list)
    for row in rows:
        of[row["model"]].append(row["fields"])
    categories = {c["slug"]: c for c in of["careers.skillcategory"]}
    skills = {s["slug"]: s for s in of["careers.skill"]}

    def skill_order(slug: str) -> tuple[int, int, str]:
        skill = skills[slug]
        return (categories[skill["category"][0]]["position"], skill["position"], skill["name"])

    roles = {r["slug"]: r for r in sorted(of["careers.role"], key=lambda r: r["rank"])}
    by_role = defaultdict(list)
    for requirement in of["careers.requirement"]:
        by_role[requirement["role"][0]].append(requirement)
    rungs = tuple(
        RungInput(
            slug=slug,
            title=role["title"],
            rank=role["rank"],
            years_experience_min=role["years_experience_min"],
            years_experience_max=role["years_experience_max"],
            years_leading_min=role["years_leading_min"],
            requirements=tuple(
                RequirementInput(
                    skill_slug=r["skill"][0],
                    skill_name=skills[r["skill"][0]]["name"],
                    category=categories[skills[r["skill"][0]]["category"][0]]["name"],
                    required_level=r["required_level"],
                    importance=r["importance"],
                )
                for r in sorted(by_role[slug], key=lambda r: skill_order(r["skill"][0]))
            ),
        )
        for slug, role in roles.items()
    )
    scenario_rows = json.loads((FIXTURES / "scenarios.json").read_text())
    levels = defaultdict(set)
    for row in scenario_rows:
        if row["model"] == "careers.scenariooption":
            levels[row["fields"]["item"][0]].add(row["fields"]["level"])
    items: dict[str, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
    min_ranks = {}
    for row in sorted(
        (r["fields"] for r in scenario_rows if r["model"] == "careers.scenarioitem"),
        key=lambda item: (item["position"], item["slug"]),
    ):
        items[row["skill"][0]].append((row["slug"], tuple(sorted(levels[row["slug"]]))))
        min_ranks[row["slug"]] = row.get("min_rank", 1)
    return Catalog(roles=roles, rungs=rungs, items=dict(items), min_ranks=min_ranks)


@dataclass(frozen=True)
class Case:
    name: str
    story: str
    target: str  # role slug
    years_experience: int | None
    years_leading: int | None
    rate: Rate
    choose: Choose
    verdict: str
    highest_ready: str | None
    next_rung: str | None
    top_gaps: tuple[str, ...]  # skill slugs, biggest priority first (at most three)
    flags: tuple[str, ...]  # Flags.raised
    limited_by: tuple[str, ...] = ()
    closest: str | None = None
    aiming_low_rungs: tuple[str, ...] = ()
    not_assessed: tuple[str, ...] = field(default=())  # target's skills left unanswered

    @property
    def experience(self) -> ExperienceInput:
        return ExperienceInput(self.years_experience, self.years_leading)

    def answers(self) -> dict[str, tuple[int | None, list[tuple[str, int]]]]:
        """skill → (self-rating, [(scenario item, chosen level)]) as the questionnaire asks them:
        the target's skills and the key skills the rung below adds are rated, then the
        situations the selection chooses from those ratings are answered; a skill left
        unanswered is absent."""
        shop = catalog()
        target = shop.rung(self.target)
        below = shop.rung_below(target)
        own = {r.skill_slug for r in target.requirements}
        rows = [
            *target.requirements,
            *(
                r
                for r in (below.requirements if below else ())
                if r.skill_slug not in own
                and selection.from_rung_below(
                    selection.Requirement(r.skill_slug, r.required_level, r.importance)
                )
            ),
        ]
        required: dict[str, int] = {}
        for requirement in rows:  # the target's level wins for a skill both rungs require
            required.setdefault(requirement.skill_slug, requirement.required_level)
        ratings = {
            slug: rating
            for slug, level in required.items()
            if (rating := self.rate(slug, level)) is not None
        }
        asked = set(
            selection.select_items(
                selection.merge_rungs(
                    *(
                        [
                            selection.Requirement(r.skill_slug, r.required_level, r.importance)
                            for r in rung.requirements
                            if r.skill_slug in required
                        ]
                        for rung in (target, below)
                        if rung is not None
                    )
                ),
                ratings,
                [
                    selection.Item(item, slug, shop.min_ranks[item])
                    for slug in required
                    for item, _ in shop.items.get(slug, [])
                ],
                target.rank,
                limit=SITUATIONS_ASKED[self.target],
            )
        )
        return {
            slug: (
                rating,
                [
                    (item, _nearest(self.choose(slug, required[slug], rating, n), options))
                    for n, (item, options) in enumerate(shop.items.get(slug, []))
                    if item in asked
                ],
            )
            for slug, rating in ratings.items()
        }

    def answer_inputs(self) -> dict[str, AnswerInput]:
        return {
            slug: AnswerInput(rating, tuple(level for _, level in chosen))
            for slug, (rating, chosen) in self.answers().items()
        }


def _nearest(wanted: int, options: tuple[int, ...]) -> int:
    """The option level closest to the one a case wants (ties: the lower): the cases mostly
    choose levels 1 and 5, which every item offers."""
    return min(options, key=lambda level: (abs(level - wanted), level))


# --- How the people in the cases answer -------------------------------------------------------


def best(skill: str, required: int, rating: int | None, item: int) -> int:
    return 5


def worst(skill: str, required: int, rating: int | None, item: int) -> int:
    return 1


def consistent(skill: str, required: int, rating: int | None, item: int) -> int:
    """The options that back the self-rating: the measured level equals the rating."""
    return {5: 5, 4: 5, 3: 4, 2: 3, 1: 1}[rating or 1]


def categories_of(role: str, *names: str) -> frozenset[str]:
    return frozenset(r.skill_slug for r in catalog().rung(role).requirements if r.category in names)


ASSOCIATE = "customer-service-associate"
FIRST_TWO_PAGES = categories_of(
    ASSOCIATE, "Tools and systems", "Customer, product and service operations"
)
SPECIALIST_SHORT = {
    "product-and-policy-knowledge": 4,
    "data-analysis-and-reporting": 2,
    "stakeholder-management": 2,
    "project-management": 2,
}
MANAGER_STRATEGY = {
    "strategic-planning": 3,
    "budgeting-and-resource-allocation": 2,
    "stakeholder-management": 3,
    "change-management": 3,
    "organizational-design": 2,
    "executive-communication-and-influence": 3,
    "service-technology-and-vendor-management": 2,
}
RUNGS_ABOVE_JUNIOR = (
    "customer-service-associate",
    "senior-customer-service-associate",
    "customer-service-specialist",
    "customer-service-team-lead",
    "customer-service-manager",
    "director-of-customer-service",
    "vp-of-customer-experience",
)

CASES = (
    Case(
        name="same-rating-everywhere",
        story="Two years on the phones, aims at Associate, rates every skill 4 and picks the "
        "best option in every situation.",
        target=ASSOCIATE,
        years_experience=2,
        years_leading=0,
        rate=lambda skill, required: 4,
        choose=best,
        verdict="nearly",
        highest_ready=None,
        next_rung=ASSOCIATE,
        closest=ASSOCIATE,
        top_gaps=(),
        flags=("straight_lining",),
        limited_by=("answer_quality",),
    ),
    Case(
        name="under-rates-herself",
        story="Two years, aims at Associate, rates herself one level below what the role needs "
        "but chooses the best option in every situation.",
        target=ASSOCIATE,
        years_experience=2,
        years_leading=0,
        rate=lambda skill, required: max(required - 1, 1),
        choose=best,
        # The situations check only claims that reach a requirement, so most of her one-level
        # under-claims stand unchecked: nearly ready for Associate on her word, ready for Junior.
        # Eight situations fit in fifteen minutes, so the tools she would have shown strong in
        # a situation (help desk, telephony) stay one-level gaps on her word.
        verdict="nearly",
        highest_ready="junior-customer-service-associate",
        next_rung=ASSOCIATE,
        top_gaps=(
            "reliability-and-schedule-adherence",
            "help-desk-and-ticketing-systems",
            "telephony-and-contact-center-systems",
        ),
        flags=("calibration",),
    ),
    Case(
        name="over-claims-with-poor-scenarios",
        story="Two years, aims at Senior Associate, rates every skill 5 and picks the worst "
        "option in every situation.",
        target="senior-customer-service-associate",
        years_experience=2,
        years_leading=0,
        rate=lambda skill, required: 5,
        choose=worst,
        verdict="nearly",
        highest_ready=None,
        next_rung="senior-customer-service-associate",
        closest=ASSOCIATE,
        top_gaps=("product-and-policy-knowledge", "escalation-handling", "active-listening"),
        flags=("calibration", "straight_lining", "scenarios_below_self_rating"),
    ),
    Case(
        name="over-qualified-for-an-entry-role",
        story="Fourteen years in customer-facing work, never led a team, assesses for Junior "
        "Associate: rates 5 (4 where the junior needs only level 1), best options.",
        target="junior-customer-service-associate",
        years_experience=14,
        years_leading=0,
        rate=lambda skill, required: 5 if required >= 2 else 4,
        choose=best,
        verdict="ready",
        highest_ready="senior-customer-service-associate",
        next_rung="customer-service-specialist",
        top_gaps=(),
        flags=("aiming_low",),
        aiming_low_rungs=RUNGS_ABOVE_JUNIOR,
    ),
    Case(
        name="experienced-aiming-one-rung-up",
        story="Four years, aims at Specialist: at the Specialist's level everywhere except one "
        "level short on product knowledge, data analysis, stakeholders and projects.",
        target="customer-service-specialist",
        years_experience=4,
        years_leading=0,
        rate=lambda skill, required: SPECIALIST_SHORT.get(skill, required),
        choose=consistent,
        verdict="nearly",
        highest_ready="senior-customer-service-associate",  # the rung below is asked too
        next_rung="customer-service-specialist",
        top_gaps=(
            "product-and-policy-knowledge",
            "data-analysis-and-reporting",
            "stakeholder-management",
        ),
        flags=(),
    ),
    Case(
        name="unfinished-questionnaire",
        story="Aims at Associate, answered the first two pages (tools; product and service "
        "operations) at the required level and stopped.",
        target=ASSOCIATE,
        years_experience=2,
        years_leading=0,
        rate=lambda skill, required: required if skill in FIRST_TWO_PAGES else None,
        choose=consistent,
        verdict="not_assessed",
        highest_ready=None,
        next_rung=ASSOCIATE,
        closest=None,
        top_gaps=(),
        flags=(),
        limited_by=("not_assessed",),
        not_assessed=tuple(
            r.skill_slug
            for r in catalog().rung(ASSOCIATE).requirements
            if r.skill_slug not in FIRST_TWO_PAGES
        ),
    ),
    Case(
        name="team-lead-aiming-at-manager",
        story="Nine years, four of them leading a team, aims at Manager: level 4 on everything "
        "a team runs on, 2–3 on strategy and budgets.",
        target="customer-service-manager",
        years_experience=9,
        years_leading=4,
        rate=lambda skill, required: MANAGER_STRATEGY.get(skill, 4),
        choose=consistent,
        verdict="nearly",
        highest_ready="customer-service-team-lead",  # the rung below is asked too
        next_rung="customer-service-manager",
        top_gaps=(
            "strategic-planning",
            "stakeholder-management",
            "budgeting-and-resource-allocation",
        ),
        flags=(),
    ),
    Case(
        name="no-years-given",
        story="Aims at Associate, exactly at the required level everywhere, left both "
        "experience questions blank.",
        target=ASSOCIATE,
        years_experience=None,
        years_leading=None,
        rate=lambda skill, required: required,
        choose=consistent,
        verdict="ready",
        highest_ready=ASSOCIATE,
        next_rung="senior-customer-service-associate",
        top_gaps=(),
        flags=("experience_not_considered", "leading_not_considered"),
    ),
    Case(
        name="solid-junior",
        story="One year, aims at Junior Associate: at least level 2 everywhere, a level above "
        "on listening, empathy and patience.",
        target="junior-customer-service-associate",
        years_experience=1,
        years_leading=0,
        rate=lambda skill, required: (
            max(required, 2)
            + (skill in ("patience", "empathy-and-emotional-intelligence", "active-listening"))
        ),
        choose=consistent,
        verdict="ready",
        highest_ready="junior-customer-service-associate",
        next_rung=ASSOCIATE,
        top_gaps=(),
        flags=(),
    ),
    Case(
        name="short-on-one-key-skill-by-two",
        story="Two years, aims at Associate, a level above the need everywhere except product "
        "and policy knowledge, rated 1 with the worst options.",
        target=ASSOCIATE,
        years_experience=2,
        years_leading=0,
        rate=lambda skill, required: (
            1 if skill == "product-and-policy-knowledge" else min(required + 1, 5)
        ),
        choose=consistent,
        verdict="nearly",
        highest_ready="junior-customer-service-associate",
        next_rung=ASSOCIATE,
        top_gaps=("product-and-policy-knowledge",),
        flags=(),
    ),
)
