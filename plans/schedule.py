"""The schedule a plan suggests: target dates from each step's effort and the hours a week.

Pure Python, no ORM. The rule, in full:

- Work starts on `start`, or today if `start` is in the past: no suggested date is ever past.
- Steps are worked through in order, `hours_per_week` hours every week, spread evenly over
  the seven days. A step's target date is the first day by which every hour of it *and of
  every step before it* fits: `start + ceil(7 × cumulative hours ÷ hours a week)` days.
- So dates never go backwards (order kept), a step of 0 hours shares the previous date, and
  the time from the start to a step's date is enough for the hours up to it but no more than
  a day too much.
"""

from collections.abc import Sequence
from datetime import date, timedelta

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 80
DAYS_PER_WEEK = 7


class ScheduleError(ValueError):
    pass


def target_dates(
    *, efforts: Sequence[int], hours_per_week: int, start: date, today: date
) -> list[date]:
    """One target date per step, in the order given. Efforts are whole hours (0 or more)."""
    if not MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ScheduleError(
            f"hours a week must be {MIN_HOURS_PER_WEEK}–{MAX_HOURS_PER_WEEK}, not {hours_per_week}"
        )
    if any(effort < 0 for effort in efforts):
        raise ScheduleError("a step's effort cannot be negative")
    first_day = max(start, today)
    dates: list[date] = []
    cumulative = 0
    for effort in efforts:
        cumulative += effort
        days = -(-DAYS_PER_WEEK * cumulative // hours_per_week)  # ceiling division
        dates.append(first_day + timedelta(days=days))
    return dates


def ready_date(dates: Sequence[date]) -> date | None:
    """The day the plan expects its last step done: the latest target date, if any."""
    return max(dates, default=None)
