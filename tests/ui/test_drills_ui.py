"""The drill console: only trainers start; the drill runs in its own window and database; scored at the end."""


from tests.conftest import sign_in


def test_only_trainers_start_drills(qtbot, window):
    """A duty officer is told who may start a drill."""
    window.show_page("drills")
    page = window.page("drills")
    assert page.start() is None and "演练导调员" in page.message.text()


def test_drill_runs_isolated_and_is_scored(qtbot, window, demo_store, tmp_path):
    """Start as trainer; injects fire on drill time; trainee actions are scored; the real store is untouched."""
    from sqlalchemy import func, select

    from commanddesk.models import Incident
    from commanddesk.services import incidents, reports

    sign_in(demo_store, "陈静", "3333")
    window.show_page("drills")
    page = window.page("drills")
    page.choice.setCurrentIndex(page.choice.findData("chem-park-explosion"))
    run = page.start()
    assert run is not None and run.store.drill and run.store.path != demo_store.path
    drill_window = page.drill_window
    qtbot.addWidget(drill_window)
    assert drill_window.isVisible() and not window.isVisible()
    assert "演练 EXERCISE" in drill_window.drill_label.text()
    console = drill_window.page("drills")
    console.toggle()  # start the drill clock
    console.tick()
    assert "initial" in run.drill.fired and "最新" in drill_window.drill_news.text()
    # a trainee logs the call and reports it by phone, in the drill workspace
    sign_in(run.store, "李晓明", "1111")
    call = run.scenario.initial_call
    with run.store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(
            category=call["category"], type=call["type"], place_text=call["place_text"],
            counts=dict(call.get("counts", {})))).incident_id
        reports.notify_leader(s, iid, "周建华")
    run.clock.jump(run.scenario.at(30))
    console.tick()
    assert len(run.drill.fired) > 1
    console.finish()
    ev = console.evaluation.ev
    assert ev is not None and console.evaluation.table.rowCount() == len(ev.outcomes) + len(ev.clocks)
    assert any(o.state == "met" for o in ev.outcomes)
    console.evaluation.export("pdf", str(tmp_path / "eval.pdf"))
    assert (tmp_path / "eval.pdf").stat().st_size > 10_000
    # nothing of the drill in the real store
    with demo_store.read() as s:
        assert s.scalar(select(func.count(Incident.id))) == 0
    drill_window.back_to_real()
    assert run.clock.paused and window.isVisible()


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
