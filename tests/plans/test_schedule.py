from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.schedule import MAX_HOURS_PER_WEEK, ScheduleError, ready_date, target_dates

TODAY = date(2026, 3, 2)


def test_a_week_of_work_at_its_pace_ends_a_week_after_the_start():
    dates = target_dates(efforts=[5, 5], hours_per_week=5, start=TODAY, today=TODAY)
    assert dates == [TODAY + timedelta(days=7), TODAY + timedelta(days=14)]


def test_a_start_in_the_past_starts_today():
    dates = target_dates(
        efforts=[7], hours_per_week=7, start=TODAY - timedelta(days=30), today=TODAY
    )
    assert dates == [TODAY + timedelta(days=7)]


def test_a_step_of_no_hours_shares_the_previous_date():
    dates = target_dates(efforts=[3, 0], hours_per_week=10, start=TODAY, today=TODAY)
    assert dates[0] == dates[1]


@pytest.mark.parametrize("hours", [0, -1, 81, 200])
def test_hours_a_week_outside_1_to_80_are_refused(hours):
    with pytest.raises(ScheduleError):
        target_dates(efforts=[1], hours_per_week=hours, start=TODAY, today=TODAY)


def test_the_ready_date_is_the_last_target_date():
    assert ready_date([TODAY, TODAY + timedelta(days=3)]) == TODAY + timedelta(days=3)
    assert ready_date([]) is None


efforts = st.lists(st.integers(min_value=0, max_value=500), max_size=40)
hours = st.integers(min_value=1, max_value=MAX_HOURS_PER_WEEK)
days = st.integers(min_value=-400, max_value=400)


@given(efforts=efforts, hours_per_week=hours, offset=days)
def test_no_date_is_in_the_past(efforts, hours_per_week, offset):
    start = TODAY + timedelta(days=offset)
    dates = target_dates(efforts=efforts, hours_per_week=hours_per_week, start=start, today=TODAY)
    assert len(dates) == len(efforts)
    assert all(when >= TODAY and when >= start for when in dates)


@given(efforts=efforts, hours_per_week=hours, offset=days)
def test_dates_keep_the_order_of_the_steps(efforts, hours_per_week, offset):
    start = TODAY + timedelta(days=offset)
    dates = target_dates(efforts=efforts, hours_per_week=hours_per_week, start=start, today=TODAY)
    assert dates == sorted(dates)


@given(efforts=efforts, hours_per_week=hours, offset=days)
def test_each_date_leaves_time_for_the_hours_up_to_it_and_not_a_day_more(
    efforts, hours_per_week, offset
):
    start = TODAY + timedelta(days=offset)
    first_day = max(start, TODAY)
    dates = target_dates(efforts=efforts, hours_per_week=hours_per_week, start=start, today=TODAY)
    cumulative = 0
    for effort, when in zip(efforts, dates, strict=True):
        cumulative += effort
        elapsed = (when - first_day).days
        assert elapsed * hours_per_week >= 7 * cumulative  # enough time at this pace
        if cumulative:
            assert (elapsed - 1) * hours_per_week < 7 * cumulative  # and no day to spare
