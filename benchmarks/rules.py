"""Speed of the rule engines (not part of the test suite).

    .venv/bin/python benchmarks/rules.py

Times single calls of ``grading.grade`` and ``clocks.derive`` for typical
incidents and prints the median (and 99th percentile) in microseconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from commanddesk.clock import BEIJING  # noqa: E402
from commanddesk.rules import clocks, grading  # noqa: E402

CALLS = 10_000


def _time(call: Callable[[], object], calls: int = CALLS) -> list[float]:
    """Microseconds taken by each of *calls* runs of *call* (after a short warm-up)."""
    for _ in range(100):
        call()
    samples = []
    clock = time.perf_counter_ns
    for _ in range(calls):
        start = clock()
        call()
        samples.append((clock() - start) / 1000)
    return samples


def _report(label: str, samples: list[float]) -> None:
    p99 = statistics.quantiles(samples, n=100)[98]
    print(f"{label}: median {statistics.median(samples):.1f} µs per call (p99 {p99:.1f} µs, {len(samples)} calls)")


def bench_grade() -> None:
    """grade() on the 493 table with actual and predicted figures, and on the relief table."""
    ps, nd = grading.default_table("production_safety"), grading.default_table("natural_disaster")
    actual = {"deaths": 2, "missing": 1, "serious_injuries": 12, "direct_loss": 3_000_000}
    _report("grade, production safety (4 figures + 1 predicted)",
            _time(lambda: grading.grade(ps, actual, {"deaths": 12})))
    relief = {"deaths": 30, "missing": 5, "relocated": 150_000, "collapsed_rooms": 12_000}
    _report("grade, natural-disaster relief (4 figures)", _time(lambda: grading.grade(nd, relief)))


def bench_derive() -> None:
    """derive() for a 重大 explosion and an unstable Ⅲ flood, with a 24-hour horizon."""
    rules = clocks.load_ruleset()
    received = datetime(2026, 11, 24, 23, 50, tzinfo=BEIJING)
    blast = clocks.IncidentFacts("accident", "accident.explosion", 2, received,
                                 datetime(2026, 11, 24, 23, 30, tzinfo=BEIJING))
    _report("derive, 重大 explosion (8 clocks)", _time(lambda: clocks.derive(rules, blast, received)))
    flood = clocks.IncidentFacts("natural", "natural.flood", 3, received, None,
                                 flags=frozenset({"disaster_unstable"}))
    _report("derive, Ⅲ flood, unstable (5 clocks)", _time(lambda: clocks.derive(rules, flood, received)))


if __name__ == "__main__":
    bench_grade()
    bench_derive()
