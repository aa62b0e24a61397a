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
