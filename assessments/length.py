"""How long a questionnaire takes: the one estimate behind every "about N minutes".

The role page, the progress line on every questionnaire page and `bench/questionnaire_length`
all call `estimate`. It knows nothing of the catalog: callers describe each question by what
it shows (`Question`), built from catalog rows in `assessments.questionnaire`.

The model, in plain words:

- **What is shown is what is read; what is folded away is not.** For a self-rating: the
  skill's name and its five options, each a level name and the level's short anchor ("3 ·
  Competent  Runs own queue with no missed deadlines; routes right first time."). The skill's
  description and the full anchors sit in a closed `<details>` one tap away, like the evidence
  fields, and are not counted: the estimate is for the way through the page that needs no tap.
  For a situation: its prompt and every answer. Page titles and buttons are not counted.
- **A rating scale is read down to one past one's own level.** Its options are levels in
  order, so a person reads from the first until they reach the one that describes them, and
  one more to be sure it does not fit better (none after the last) — the way respondents meet
  ordered response options (they take the first that fits rather than weighing them all;
  Krosnick, 1991, "Response strategies for coping with the cognitive demands of attitude
  measures in surveys", *Applied Cognitive Psychology* 5). With every level equally likely,
  that is (2 + 3 + 4 + 5 + 5) / 5 = 3.8 of 5 options, 76 % of the scale's text
  (`share_of_scale_read`). A situation's answers are not in order of merit, so all are read.
- **Words are standard-length words**: characters shown (spaces included) ÷ 6, the unit
  reading research uses to compare texts of different styles (Carver, 1990). It also lets the
  database sum the text lengths of a role's questionnaire without loading the texts, so the
  role page shows the figure without an extra query.
- **Reading speed** 238 words a minute: the mean silent reading rate of adults reading
  non-fiction in English, from a meta-analysis of 190 studies (Brysbaert, 2019, "How many
  words do we read per minute?", *Journal of Memory and Language* 109, 104047). Comparing
  what is read with one's own work is not reading: it is in the time per answer below.
- **Answering** costs 6 seconds more per question: weighing the options against one's own
  work, choosing, tapping, the odd second look.
- **A prefilled answer** the person confirms as still true costs a glance, 2 seconds: they
  read the question's name and the answer already chosen, not every option.
- **Minutes** are rounded up to whole minutes ("about 8 minutes"), and an estimate with
  anything left to answer is never below one minute.

**Situations fill what is left of fifteen minutes** (`situations_that_fit`): a first
assessment is meant to take at most `FIRST_TIME_BUDGET_MINUTES`. The ratings are asked in
full; the situations page asks as many items as fit in the time the ratings leave, by this
same estimate (each a typical situation of the questionnaire), never more than
`MOST_SITUATIONS` (past ten, one more check adds little the others have not said) and never
fewer than `FEWEST_SITUATIONS` (fewer would leave the strongest claims unchecked, so a long
questionnaire runs over rather than checks nothing). The cap depends only on what the
questionnaire asks, never on the answers or on what is prefilled, so a retake asks the same.

Until this model, the estimate counted every character of a rating (description and five full
anchors) at 200 words a minute; docs/PERFORMANCE.md keeps the figures of both.

The estimate is linear in its inputs (characters, questions), so a caller that only has a
skill's sums may split them over that skill's questions without changing the result.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

CHARACTERS_PER_WORD = 6
WORDS_PER_MINUTE = 238
SECONDS_PER_ANSWER = 6
SECONDS_PER_CONFIRMED_ANSWER = 2
FIRST_TIME_BUDGET_MINUTES = 15
FEWEST_SITUATIONS = 5
MOST_SITUATIONS = 10


@lru_cache(maxsize=16)  # asked for every question of every progress line
def share_of_scale_read(options: int) -> float:
    """The expected share of an ordered scale's options a person reads: down to one past
    their own, every option equally likely to be theirs (3.8 of 5 options: 0.76)."""
    if options < 1:
        return 0.0
    read = sum(min(own + 1, options) for own in range(1, options + 1))
    return read / (options * options)


@dataclass(frozen=True)
class Question:
    """One self-rating or situation as the page shows it."""

    characters: int  # read in full: the question, and for a situation every answer
    options: int
    scale_characters: int = 0  # the options of an ordered scale, all together; read in part
    prefilled: bool = False  # already answered, to be confirmed at a glance

    @property
    def characters_read(self) -> float:
        return self.characters + self.scale_characters * share_of_scale_read(self.options)


@dataclass(frozen=True)
class LengthEstimate:
    questions: int
    options: int
    words: int  # read: the questions not prefilled
    seconds: float

    @property
    def minutes(self) -> int:
        """Whole minutes, rounded up; 0 only when there is nothing left to answer."""
        return math.ceil(self.seconds / 60) if self.seconds else 0


def words(characters: float) -> float:
    return characters / CHARACTERS_PER_WORD


def estimate(questions: Iterable[Question]) -> LengthEstimate:
    """The questions, options and words a person meets, and the time they take."""
    count = options = prefilled = 0
    characters_read = 0.0
    for question in questions:
        count += 1
        options += question.options
        if question.prefilled:
            prefilled += 1
        else:
            characters_read += question.characters_read
    read = words(characters_read)
    seconds = (
        read / WORDS_PER_MINUTE * 60
        + (count - prefilled) * SECONDS_PER_ANSWER
        + prefilled * SECONDS_PER_CONFIRMED_ANSWER
    )
    return LengthEstimate(questions=count, options=options, words=round(read), seconds=seconds)


def situations_that_fit(
    ratings: Iterable[Question],
    situation: Question,
    *,
    budget_minutes: int = FIRST_TIME_BUDGET_MINUTES,
) -> int:
    """How many situations a questionnaire asks: as many `situation`s (a typical one) as fit
    in the `budget_minutes` the self-ratings leave, answered for the first time, within
    `FEWEST_SITUATIONS`..`MOST_SITUATIONS`. More ratings never mean more situations."""
    first_time = [replace(rating, prefilled=False) for rating in ratings]
    left = budget_minutes * 60 - estimate(first_time).seconds
    each = estimate([replace(situation, prefilled=False)]).seconds
    fit = math.floor(left / each) if left > 0 else 0
    return max(FEWEST_SITUATIONS, min(MOST_SITUATIONS, fit))
