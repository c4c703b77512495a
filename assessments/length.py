"""How long a questionnaire takes: the one estimate behind every "about N minutes".

The role page, the progress line on every questionnaire page and `bench/questionnaire_length`
all call `estimate`. It knows nothing of the catalog: callers describe each question by what
it shows (`Question`), built from catalog rows in `assessments.questionnaire`.

The model, in plain words:

- **What is read.** A question answered for the first time is read in full: for a
  self-rating the skill's name and description and, for each of its five levels, the level's
  name and its anchor as shown; for a situation its prompt and every answer. Page titles,
  buttons and the collapsed evidence fields are not counted.
- **Words are standard-length words**: characters shown (spaces included) ÷ 6, the unit
  reading research uses to compare texts of different styles (Carver, 1990). It also lets the
  database sum the text lengths of a role's questionnaire without loading the texts, so the
  role page shows the figure without an extra query.
- **Reading speed** 200 words a minute: careful reading of descriptions a person compares
  with their own work, below the 230–250 of plain prose.
- **Answering** costs 6 seconds more per question: choosing, clicking, the odd second look.
- **A prefilled answer** the person confirms as still true costs a glance, 2 seconds: they
  read the question's name and the answer already chosen, not every option.
- **Minutes** are rounded up to whole minutes ("about 8 minutes"), and an estimate with
  anything left to answer is never below one minute.

The estimate is linear in its inputs (characters, questions), so a caller that only has a
skill's sums may split them over that skill's questions without changing the result.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

CHARACTERS_PER_WORD = 6
WORDS_PER_MINUTE = 200
SECONDS_PER_ANSWER = 6
SECONDS_PER_CONFIRMED_ANSWER = 2


@dataclass(frozen=True)
class Question:
    """One self-rating or situation as the page shows it."""

    characters: int  # every character shown for it: its text and all its options
    options: int
    prefilled: bool = False  # already answered, to be confirmed at a glance


@dataclass(frozen=True)
class LengthEstimate:
    questions: int
    options: int
    words: int  # read in full: the questions not prefilled
    seconds: float

    @property
    def minutes(self) -> int:
        """Whole minutes, rounded up; 0 only when there is nothing left to answer."""
        return math.ceil(self.seconds / 60) if self.seconds else 0


def words(characters: int) -> float:
    return characters / CHARACTERS_PER_WORD


def estimate(questions: Iterable[Question]) -> LengthEstimate:
    """The questions, options and words a person meets, and the time they take."""
    count = options = prefilled = characters_read = 0
    for question in questions:
        count += 1
        options += question.options
        if question.prefilled:
            prefilled += 1
        else:
            characters_read += question.characters
    read = words(characters_read)
    seconds = (
        read / WORDS_PER_MINUTE * 60
        + (count - prefilled) * SECONDS_PER_ANSWER
        + prefilled * SECONDS_PER_CONFIRMED_ANSWER
    )
    return LengthEstimate(questions=count, options=options, words=round(read), seconds=seconds)
