"""How long ranking every occupation for one profile takes, in-process (budget: 50 ms).

    python -m bench.ranking

The matrix has the shape of the shipped O*NET data — 879 occupations × 35 skills, levels and
importance drawn with a fixed seed — and the profile rates all 35 skills, the most work a
profile can ask for, seen from an occupation with a Job Zone and O*NET's 20 related ones (the
order's every step). No database: `assessments.ranking` is pure.
"""

import random
import statistics
import time

from assessments.ranking import MatrixRequirement, MatrixRole, Standpoint, rank, related_tiers

OCCUPATIONS, SKILLS, RUNS = 879, 35, 30
BUDGET_MS = 50.0


def matrix(seed: int = 17) -> tuple[MatrixRole, ...]:
    draw = random.Random(seed)
    skills = [(f"skill-{n}", f"Skill {n}") for n in range(SKILLS)]
    return tuple(
        MatrixRole(
            slug=f"occupation-{n}",
            title=f"Occupation {n}",
            onet_code=f"{n:02d}-0000.00",
            soc_code=f"{n % 100:02d}-0000",
            job_zone=draw.randint(1, 5),
            median_pay=draw.choice([None, draw.randint(25_000, 200_000)]),
            requirements=tuple(
                MatrixRequirement(slug, name, draw.randint(1, 5), draw.randint(1, 5))
                for slug, name in skills
            ),
        )
        for n in range(OCCUPATIONS)
    )


def main() -> None:
    rows = matrix()
    draw = random.Random(1)
    profile = {f"skill-{n}": draw.randint(1, 5) for n in range(SKILLS)}
    tiers = ["primary-short"] * 5 + ["primary-long"] * 5 + ["supplemental"] * 10
    related = [(rows[n * 40].onet_code, tier, n + 1) for n, tier in enumerate(tiers)]
    standpoint = Standpoint(job_zone=2, soc_code=rows[7].soc_code, related=related_tiers(related))
    cpu, wall = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        ranked = rank(rows, profile, current_median_pay=50_000, standpoint=standpoint)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    # CPU time is the cost of a ranking; wall time also counts waiting for a busy machine.
    print(
        f"ranking {len(ranked)} occupations × {SKILLS} skills: median {statistics.median(cpu):.1f}"
        f" ms CPU ({statistics.median(wall):.1f} ms wall) over {RUNS} runs, "
        f"budget {BUDGET_MS:.0f} ms"
    )


if __name__ == "__main__":
    main()
