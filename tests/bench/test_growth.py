"""The growth bench in its smallest configuration, so that it keeps working: it prints figures,
and only its shape is checked here, never a time."""

from bench.growth import growth_measure, main


def test_every_page_is_measured_at_every_step_of_both_dimensions(crosswalk, capsys):
    results, roles = growth_measure(sizes=[10, 20], skill_counts=[3, 9], requests=1, plan_share=1)
    # make bench's pages (whatever it adds later), the O*NET ones too.
    assert next(iter(results.rows)) == "/ping"
    assert {
        "ladder /",
        "role page",
        "occupation page",
        "questionnaire page",
        "questionnaire save",
        "result page",
        "plan page",
        "counselor dashboard",
        "ranking page",
    } <= set(results.rows)
    assert all(len(figures) == 2 for figures in results.rows.values())
    assert list(roles.rows) == [
        "/ping",
        "role page",
        "questionnaire page",
        "questionnaire save",
        "result page",
        "result JSON",
        "plan page",
        "plan JSON",
    ]
    assert all(len(figures) == 2 for figures in roles.rows.values())
    out = capsys.readouterr().out
    assert "Stored results: 10 → 20" in out and "Role size: 3 skills → 9 skills" in out
    assert "Growing: " in out


def test_a_role_of_each_size_asks_that_many_skills(crosswalk):
    _results, roles = growth_measure(sizes=[10], skill_counts=[3, 9], requests=1, plan_share=1)
    # The result page lists every skill, so it is larger for the larger role.
    small, large = roles.rows["result page"]
    assert large.kilobytes > small.kilobytes


def test_quick_is_two_steps_and_two_roles():
    from bench.growth import _arguments

    options = _arguments(["--quick"])
    assert (options.factors, options.skills) == ((10,), (10, 35))
    assert _arguments(["--factors", "2,5", "--skills", "4"]).factors == (2, 5)
    assert callable(main)
