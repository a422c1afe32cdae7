"""CAPA grading of hostile and worst-case learner expressions (issue 11; ADR 0036).

    .venv/bin/python bench/capa_expressions.py

Prints the median time (ms) to grade, or refuse, each expression against a numerical problem and against a
formula problem checked at 100 samples. Every figure must stay well under a second: a learner's answer is
graded inside the request.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")  # the learner messages are translated

import django

django.setup()

from llp_edx_plugin import capa  # noqa: E402

NUMERICAL = '<problem><numericalresponse answer="9.3*10^7"><responseparam type="tolerance" default="1%"/>' \
    "</numericalresponse></problem>"  # fmt: skip
FORMULA = '<problem><formularesponse answer="x^2+y" samples="x,y@1,1:3,3#100"/></problem>'
CASES = {
    "9^9^9^9": "9^9^9^9",
    "fact(170)^fact(170)": "fact(170)^fact(170)",
    "10,000 characters": "9" * 10_000,
    "5,000 nested parentheses": "(" * 5000 + "1" + ")" * 5000,
    "500-character product": ("2*" * 250)[:499],
    "500-character sum of variables": ("x1+" * 167)[:498],
    "500-character formula, right at 100 samples": ("x^2+y" + "+0*x" * 124)[:497],
}


def grade(item: capa.Input, text: str) -> str:
    try:
        return "right" if item.is_correct(item.clean(text)) else "wrong"
    except capa.InputError:
        return "refused"


def main() -> int:
    numerical, formula = capa.parse_problem(NUMERICAL)[0], capa.parse_problem(FORMULA)[0]
    grade(numerical, "1")  # warm: numpy, pyparsing
    worst = 0.0
    print(f"{'expression':48} {'numerical':>18} {'formula (100 samples)':>26}")
    for name, text in CASES.items():
        cells = []
        for item in (numerical, formula):
            times, outcome = [], ""
            for _ in range(5):
                started = time.perf_counter()
                outcome = grade(item, text)
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            worst = max(worst, median)
            cells.append(f"{median:7.1f} ms {outcome:>7}")
        print(f"{name:48} {cells[0]:>18} {cells[1]:>26}")
    print(f"worst median: {worst:.0f} ms (target < 1000 ms) " + ("OK" if worst < 1000 else "MISSED"))
    return 0 if worst < 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
