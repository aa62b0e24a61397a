"""Benchmark: writing a report as PDF and as .docx (not part of the test suite).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/documents.py [runs]

Inside one running QGuiApplication: the first PDF (fonts registered, cold
caches), then the median of *runs* more of the 2-page sample 初报, a 3-page
drill 续报 and the .docx of the 初报.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _stats(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f})"


def _timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main(runs: int = 20) -> None:
    from PySide6.QtGui import QGuiApplication

    from commanddesk.documents import sample_report, write_docx, write_pdf

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    out = Path(tempfile.mkdtemp(prefix="cd-bench-docs-"))
    first = sample_report()
    drill = sample_report("续报二", exercise=True)

    cold, pages = _timed(write_pdf, first, out / "first.pdf")
    print(f"first PDF in this process (registers fonts): {cold * 1000:.1f} ms, {pages} pages")
    for label, doc in (("初报 PDF", first), ("演练 续报二 PDF", drill)):
        times = []
        for i in range(runs):
            t, pages = _timed(write_pdf, doc, out / f"r{i}.pdf")
            times.append(t)
        size = (out / "r0.pdf").stat().st_size / 1024
        print(f"{label}, {pages} pages, {runs} runs: {_stats(times)}; {size:.0f} KB")
    times = []
    for i in range(runs):
        t, _ = _timed(write_docx, first, out / f"r{i}.docx")
        times.append(t)
    print(f"初报 .docx, {runs} runs: {_stats(times)}; {(out / 'r0.docx').stat().st_size / 1024:.0f} KB")
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
