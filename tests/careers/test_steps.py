from types import SimpleNamespace

from careers.steps import covers_step, level_steps, uncovered_steps


def test_a_single_step_resource_covers_only_its_step():
    assert covers_step(2, 3, 3)
    assert not covers_step(2, 3, 2)
    assert not covers_step(2, 3, 4)


def test_a_two_level_resource_is_listed_under_both_steps():
    certification = SimpleNamespace(from_level=3, to_level=5)
    steps = level_steps([certification])
    assert [(s.from_level, s.to_level) for s in steps] == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]
    assert [len(s.resources) for s in steps] == [0, 0, 0, 1, 1]


def test_every_step_up_to_the_required_level_needs_cover():
    assert uncovered_steps(4, [(1, 3)]) == [1, 4]
    assert uncovered_steps(3, [(0, 1), (1, 3)]) == []
    assert uncovered_steps(2, []) == [1, 2]
