from types import SimpleNamespace

from assessments.questionnaire import QuestionnairePage, build_pages, find_unanswered


class Items(list):
    def all(self):
        return self


def skill(pk, category, items=()):
    return SimpleNamespace(
        pk=pk, slug=f"s{pk}", name=f"Skill {pk}", category=category, scenario_items=Items(items)
    )


def test_consecutive_categories_become_pages():
    tools, people = "tools", "people"
    requirements = [
        SimpleNamespace(skill=skill(1, tools)),
        SimpleNamespace(skill=skill(2, tools)),
        SimpleNamespace(skill=skill(3, people)),
    ]
    pages = build_pages(requirements)
    assert [(page.number, page.category, [s.pk for s in page.skills]) for page in pages] == [
        (1, "tools", [1, 2]),
        (2, "people", [3]),
    ]


def test_unanswered_items_come_in_questionnaire_order():
    empathy = skill(2, "people")
    item = SimpleNamespace(pk=10, slug="angry-caller", skill=empathy)
    pages = build_pages([SimpleNamespace(skill=skill(1, "tools")), SimpleNamespace(skill=empathy)])
    pages.append(QuestionnairePage(number=3, category=None, requirements=[], items=(item,)))
    missing = find_unanswered(pages, rated_skill_ids={2}, answered_item_ids=set())
    assert [(m.kind, m.page_number, m.field_name) for m in missing] == [
        ("rating", 1, "rating-s1"),
        ("scenario", 3, "scenario-angry-caller"),
    ]
    assert find_unanswered(pages, rated_skill_ids={1, 2}, answered_item_ids={10}) == []
