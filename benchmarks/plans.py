"""Plan library speed: search over 500 plans (p95) and matching an incident against all of them.

    .venv/bin/python benchmarks/plans.py
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import time

from commanddesk.plans import library
from commanddesk.plans.matching import IncidentFacts, match
from commanddesk.plans.search import SearchIndex

TOWNS = ["墟沟", "海州湾", "连云", "板桥", "徐圩", "朝阳", "云山", "宿城", "中云", "猴嘴", "新浦", "青口"]


def big_library(n: int = 500) -> library.Library:
    """The shipped plans cloned under new ids and places until there are *n*."""
    base = library.library().current_plans()
    rnd = random.Random(3)
    plans = list(base)
    i = 0
    while len(plans) < n:
        src = base[i % len(base)]
        town = rnd.choice(TOWNS)
        plans.append(dataclasses.replace(src, id=f"{src.id}.copy{i}", title=f"{town}{src.title}",
                                         scope=src.scope.replace("开发区", f"{town}街道"), jurisdiction=town))
        i += 1
    return library.Library(plans=plans)


def main() -> None:
    lib = big_library()
    t = time.perf_counter()
    index = SearchIndex(lib)
    build = time.perf_counter() - t
    queries = ["堵漏", "转移安置", "危险化学品", "Ⅱ级响应", "指挥部 专家", "停电", "森林", "值班员 报告", "洪水 水位",
               "疏散", "医疗救治组", "台风"]
    times = []
    for _ in range(5):
        for q in queries:
            t = time.perf_counter()
            index.search(q)
            times.append(time.perf_counter() - t)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"search over {len(lib.plans)} plans ({index.db.execute('SELECT count(*) FROM section').fetchone()[0]} "
          f"sections; index built in {build * 1000:.0f} ms): median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms ({len(times)} queries)")
    facts = IncidentFacts("accident", "accident.explosion", 3, {"deaths": 3, "serious_injuries": 12},
                          {"deaths": 10})
    mt = []
    for _ in range(50):
        t = time.perf_counter()
        match(lib, facts)
        mt.append(time.perf_counter() - t)
    print(f"match one incident against {len(lib.plans)} plans: median {statistics.median(mt) * 1000:.2f} ms, "
          f"max {max(mt) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
