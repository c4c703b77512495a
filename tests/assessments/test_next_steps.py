"""The first step and the totals of each gap, from a stored document's recommendations."""

from assessments.document import RecommendationRow, StepResource
from assessments.next_steps import gap_plan, route


def resource(title: str, from_level: int, to_level: int, hours: int, cost: int) -> StepResource:
    return {
        "title": title,
        "provider": "P",
        "industry": "",
        "kind": "course",
        "description": "",
        "from_level": from_level,
        "to_level": to_level,
        "effort_hours": hours,
        "cost": cost,
        "url": "",
    }


def gap(skill: str, steps: list[list[StepResource]], from_level: int = 1) -> RecommendationRow:
    return {
        "skill": skill,
        "name": skill,
        "from_level": from_level,
        "to_level": from_level + len(steps),
        "importance": 4,
        "priority": 8,
        "steps": [
            {"from_level": from_level + i, "to_level": from_level + i + 1, "resources": found}
            for i, found in enumerate(steps)
        ],
    }


def test_a_resource_covering_two_steps_counts_once():
    cert = resource("Cert", 1, 3, 20, 100)
    plan = gap_plan(gap("crm", [[cert], [cert]]))
    assert (plan.total.hours, plan.total.cost) == (20, 100)
    assert plan.first_resource == cert


def test_each_step_counts_its_cheapest_resource():
    free, paid = resource("Free", 1, 2, 4, 0), resource("Paid", 2, 3, 10, 40)
    plan = gap_plan(gap("crm", [[resource("Dear", 1, 2, 2, 500), free], [paid]]))
    assert (plan.total.hours, plan.total.cost) == (14, 40)
    assert plan.first_resource == free


def test_a_step_without_resources_is_counted_as_missing():
    plan = gap_plan(gap("crm", [[], [resource("Later", 2, 3, 3, 0)]]))
    assert plan.first_resource is None and plan.steps_without_resource == 1


def test_the_route_adds_every_gap_and_shows_the_top_three():
    gaps = [gap(f"s{i}", [[resource(f"r{i}", 1, 2, 1, 10)]]) for i in range(5)]
    whole = route(gaps)
    assert [g.skill for g in whole.top] == ["s0", "s1", "s2"]
    assert (whole.total.hours, whole.total.cost) == (5, 50)


def test_an_industry_leaves_out_only_the_resources_of_other_industries():
    from assessments.next_steps import for_industry

    def resource(title: str, industry: str = "") -> dict:
        return {"title": title, "industry": industry, "cost": 0, "effort_hours": 1}

    recommendations = [
        {
            "skill": "crm",
            "steps": [
                {
                    "from_level": 1,
                    "to_level": 2,
                    "resources": [
                        resource("Any"),
                        resource("Insurers", "insurance"),
                        resource("Shops", "retail"),
                        {"title": "Stored before industries", "cost": 0, "effort_hours": 1},
                    ],
                }
            ],
        }
    ]
    kept = for_industry(recommendations, "retail")  # type: ignore[arg-type]
    assert [r["title"] for r in kept[0]["steps"][0]["resources"]] == [
        "Any",
        "Shops",
        "Stored before industries",
    ]
    assert for_industry(recommendations, "") == recommendations  # type: ignore[arg-type]
    assert len(recommendations[0]["steps"][0]["resources"]) == 4  # the document is untouched
