"""Message reader: load time, parse time per message (p50/p95 after warm-up) and per-field accuracy.

    .venv/bin/python benchmarks/intake.py

Accuracy is measured on the evaluation sets kept with the tests
(tests/reading/eval_messages.jsonl, and heldout_messages.jsonl written later): a field the message does not state counts
as right only if the reader leaves it empty. Load time is a fresh interpreter
importing the reader and building it with the demo post's places (gazetteer,
vocabulary and phrase tables included), as the intake page does in a thread.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The app has SQLAlchemy and the models loaded before the intake page builds its reader,
# so they are imported before the clock starts; the post's places are plain data by then.
LOAD = ("import time, commanddesk.models; from commanddesk.services.reading import demo_post_places; "
        "places = demo_post_places(); t=time.perf_counter(); from commanddesk.reading import Reader; "
        "Reader(places); print(time.perf_counter()-t)")


def main() -> None:
    from commanddesk.reading import Reader
    from commanddesk.services.reading import demo_post_places
    from tests.reading.evaluation import EVAL_FILE, HELDOUT_FILE, messages, score

    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True,
                                  cwd=ROOT).stdout) for _ in range(5)]
    print(f"load (import + build with the demo post's places, fresh process): median {statistics.median(loads) * 1000:.0f} ms "
          f"(max {max(loads) * 1000:.0f} ms)")
    reader = Reader(demo_post_places())
    rows = messages()
    for row in rows:  # warm-up
        reader.read(row["text"], row["received_at"])
    times = []
    for _ in range(20):
        for row in rows:
            t = time.perf_counter()
            reader.read(row["text"], row["received_at"])
            times.append(time.perf_counter() - t)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"parse, {len(rows)} messages x 20: p50 {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, "
          f"max {times[-1] * 1000:.2f} ms")
    long_text = "".join(r["text"] for r in rows) * 20
    t = time.perf_counter()
    reader.read(long_text, rows[0]["received_at"])
    print(f"parse, one {len(long_text)}-character text (read from its first 4,000): {(time.perf_counter() - t) * 1000:.1f} ms")
    for path in (EVAL_FILE, HELDOUT_FILE):
        per, wrong = score(reader, path)
        right = sum(v[0] for v in per.values())
        total = sum(v[1] for v in per.values())
        print(f"accuracy, {path.name} ({len(messages(path))} messages): {right}/{total} fields = {right / total:.1%}")
        print("  " + ", ".join(f"{k} {v[0] / v[1]:.0%}" for k, v in per.items()))
        for line in wrong:
            print("  wrong: " + line)


if __name__ == "__main__":
    main()
