"""Entry point of the frozen commanddesk (packaging/commanddesk.spec): the same as ``python -m commanddesk``.

With ``COMMANDDESK_BUNDLE_CHECK=1`` in the environment, the bundle checks itself
instead of starting (packaging/smoke_test.py uses this): it imports every
commanddesk module and the libraries the app only imports when a feature is
first used (folium and numpy for the HTML situation map, pyqtgraph for the charts,
python-docx, openpyxl, Alembic, QtMultimedia, QtWebEngine, the PDF writer), draws the
statistics bar chart (pyqtgraph), writes a plan as PDF with the bundled serif font embedded, plays the alarm
sound (where there is an audio device), checks what Qt needs of the trimmed
ICU data (pinyin collation, zone names, codecs), and prints one line per check and
``bundle-check ok`` or ``bundle-check FAILED``.
"""

import os
import sys


def _check() -> int:
    import importlib
    import pkgutil
    import tempfile
    import traceback

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0

    def step(name, fn):
        nonlocal failures
        try:
            detail = fn()
            print(f"ok    {name}{': ' + str(detail) if detail else ''}", flush=True)
        except Exception:  # report every failure, then go on with the next check
            failures += 1
            print(f"FAIL  {name}\n{traceback.format_exc()}", flush=True)

    import commanddesk

    def modules():
        names = [m.name for m in pkgutil.walk_packages(commanddesk.__path__, "commanddesk.")
                 if ".migrations." not in m.name and not m.name.endswith(".__main__")]
        for name in names:
            importlib.import_module(name)
        return f"{len(names)} commanddesk modules"

    step("imports", modules)
    for name in ("numpy", "pyqtgraph", "folium", "folium.plugins", "docx", "openpyxl", "alembic.command",
                 "alembic.op", "xstatic.pkg.leaflet", "PySide6.QtMultimedia", "PySide6.QtPrintSupport",
                 "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel"):
        step(f"import {name}", lambda n=name: importlib.import_module(n) and None)

    from commanddesk.map import register_schemes

    register_schemes()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept alive)

    def chart():
        import numpy as np
        from PySide6.QtGui import QColor

        from commanddesk.ui.statistics import bar_chart, fill_bars

        plot = bar_chart("chart_month", "按月事件数")  # pyqtgraph, as the 统计 page draws it
        plot.resize(320, 200)
        fill_bars(plot, ["1月", "2月", "3月"], [3, 7, 2], "#3b6ea8")
        image = plot.grab().toImage()
        bar = QColor("#3b6ea8").rgb()
        painted = sum(image.pixel(x, y) == bar for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))
        if not painted:
            raise RuntimeError("the bar chart drew no bars")
        return f"bar chart {image.width()}x{image.height()} ({painted} bar samples), numpy {np.__version__}, " \
               f"inv ok: {bool(np.allclose(np.linalg.inv(np.eye(3) * 2), np.eye(3) / 2))}"

    def pdf_font():
        from commanddesk.documents import plans as plan_docs
        from commanddesk.documents.pdf import load_fonts
        from commanddesk.plans.library import folders, load

        registered = load_fonts()
        plan = load(folders(demo=True)).current_plans()[0]  # the shipped (demonstration) plans
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.pdf")
            pages = plan_docs.write_pdf(plan, path)
            with open(path, "rb") as fh:
                embedded = b"CDSerifSC" in fh.read()
        if not (registered and embedded):
            raise RuntimeError(f"CD Serif SC registered {registered}, embedded in the PDF {embedded}")
        return f"plan {plan.id} as a {pages}-page PDF with CD Serif SC embedded"

    def fonts():
        from PySide6.QtGui import QFontDatabase

        cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        wanted = [f for f in ("WenQuanYi Micro Hei", "CD Serif SC") if f in cjk]
        if not wanted:
            raise RuntimeError(f"no bundled CJK font visible to Qt; Chinese families: {cjk}")
        return f"Chinese families include {wanted}"

    def sound():
        from PySide6.QtCore import QEventLoop, QTimer, QUrl
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        from commanddesk.paths import PACKAGE_DATA

        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(PACKAGE_DATA / "sounds" / "alarm.wav")))
        effect.play()
        loop = QEventLoop()
        QTimer.singleShot(600, loop.quit)
        loop.exec()
        outputs = [d.description() for d in QMediaDevices.audioOutputs()]
        return f"QSoundEffect status {effect.status().name}, audio outputs {outputs or 'none'}"

    def icu():  # the bundle's ICU data is cut down (commanddesk.spec, _slim_icu): what Qt needs must remain
        from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringConverter, QStringDecoder, QTimeZone

        china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        names = sorted(["张三", "李四", "王五", "安"], key=QCollator(china).sortKey)
        zone = QTimeZone(b"Asia/Shanghai").displayName(QDateTime.currentDateTime(),
                                                        QTimeZone.NameType.LongName, china)
        codecs = len(QStringConverter.availableCodecs())
        if names != ["安", "李四", "王五", "张三"] or not zone or codecs < 100 or not QStringDecoder("GB18030").isValid():
            raise RuntimeError(f"pinyin order {names}, zone name {zone!r}, {codecs} codecs")
        return f"pinyin collation, zone name {zone}, {codecs} codecs incl. GB18030"

    def store():
        from commanddesk.store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            s = open_store(os.path.join(tmp, "check.sqlite"))
            s.close()
        return "new store migrated to head"

    for name, fn in (("fonts", fonts), ("chart", chart), ("pdf", pdf_font), ("sound", sound), ("icu", icu),
                     ("store", store)):
        step(name, fn)
    print("bundle-check ok" if not failures else f"bundle-check FAILED ({failures})", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    if os.environ.get("COMMANDDESK_BUNDLE_CHECK") == "1":
        sys.exit(_check())
    from commanddesk.cli import main

    sys.exit(main())
