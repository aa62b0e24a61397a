"""A drill's evaluation: the report file carries the timeline chart."""


def test_report_embeds_the_chart(qtbot, tmp_path):
    """The evaluation report carries the timeline chart as a picture (PDF gets bigger, docx has an image)."""
    import docx
    from PySide6.QtGui import QColor, QImage

    from commanddesk.documents import drill as report
    from commanddesk.drills import runner
    from commanddesk.drills.scenario import SCENARIOS_DIR, find

    ev = runner.run(find("forest-fire-night"), runner.load_actions(SCENARIOS_DIR / "actions" / "forest-fire-night-late.toml"))
    png = tmp_path / "c.png"
    img = QImage(600, 300, QImage.Format.Format_RGB32)
    img.fill(QColor("#1565c0"))
    img.save(str(png))
    plain = report.write_pdf(ev, tmp_path / "a.pdf")
    with_chart = report.write_pdf(ev, tmp_path / "b.pdf", chart_png=str(png))
    assert with_chart >= plain and (tmp_path / "b.pdf").stat().st_size > (tmp_path / "a.pdf").stat().st_size
    report.write_docx(ev, tmp_path / "c.docx", chart_png=str(png))
    assert docx.Document(str(tmp_path / "c.docx")).inline_shapes


def test_timeline_chart_puts_each_kind_of_event_in_its_row(qtbot):
    """Deadlines on the bottom row, actions above them, injects on top, at their minutes from T+0."""
    from commanddesk.drills import runner
    from commanddesk.drills.scenario import SCENARIOS_DIR, find
    from commanddesk.ui.drill_evaluation import timeline_chart

    scenario = find("forest-fire-night")
    ev = runner.run(scenario, runner.load_actions(SCENARIOS_DIR / "actions" / "forest-fire-night-late.toml"))
    plot = timeline_chart(ev, scenario.start)
    qtbot.addWidget(plot)
    assert plot.objectName() == "drill_chart"
    rows = {item.name(): item.getData() for item in plot.listDataItems()}
    for y, kind in enumerate(("deadline", "action", "inject")):
        xs, ys = rows[kind]
        want = sorted((at - scenario.start).total_seconds() / 60 for at, k, _ in ev.events if k == kind)
        assert sorted(xs) == want and all(v == y for v in ys)
    assert rows["deadline"][0].size and rows["action"][0].size
    assert [s for _v, s in plot.getAxis("left")._tickLevels[0]] == ["时限", "处置", "插入"]
    plot.resize(500, 240)
    assert not plot.grab().toImage().isNull()
