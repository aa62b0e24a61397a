"""A drill workspace: the drill runs in its own window and database, real clocks still alarm, trainees see no upcoming injects, scored at the end."""

from datetime import timedelta

import pytest

from tests.conftest import sign_in


def test_drill_runs_isolated_and_is_scored(qtbot, window, demo_store, tmp_path):
    """Start as trainer; injects fire on drill time; trainee actions are scored; the real store is untouched."""
    from sqlalchemy import func, select

    from commanddesk.models import Incident
    from commanddesk.services import incidents, reports

    sign_in(demo_store, "陈静", "333333")
    window.show_page("drills")
    page = window.page("drills")
    page.choice.setCurrentIndex(page.choice.findData("chem-park-explosion"))
    run = page.start()
    assert run is not None and run.store.drill and run.store.path != demo_store.path
    drill_window = page.drill_window
    qtbot.addWidget(drill_window)
    assert drill_window.isVisible() and window.isVisible()  # the real window stays on duty
    assert "演练 EXERCISE" in drill_window.drill_label.text()
    console = drill_window.page("drills")
    console.toggle()  # start the drill clock
    console.tick()
    assert "initial" in run.drill.fired and "最新" in drill_window.drill_news.text()
    # a trainee logs the call and reports it by phone, in the drill workspace
    sign_in(run.store, "李晓明", "111111")
    call = run.scenario.initial_call
    with run.store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(
            category=call["category"], type=call["type"], place_text=call["place_text"],
            counts=dict(call.get("counts", {})))).incident_id
        reports.notify_leader(s, iid, "周建华")
    sign_in(run.store, "陈静", "333333")  # the trainer takes the console back
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
    run.clock.start()
    drill_window.back_to_real()  # the trainer leaves for real duty: the drill pauses
    assert run.clock.paused and window.isVisible()


# --- real duty stays visible during a drill; the trainer's console is the trainer's alone ---

def _widget_texts(root) -> str:
    """Every text a user can read in *root*: labels, buttons, lists, tables, browsers, window title."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTableWidget, QTabWidget, QTextBrowser

    out = [root.windowTitle()]
    for w in root.findChildren(QLabel):
        if w.isVisibleTo(root):
            out.append(w.text())
    for w in root.findChildren(QAbstractButton):
        if w.isVisibleTo(root):
            out.append(w.text())
    for w in root.findChildren(QListWidget):
        out += [w.item(i).text() for i in range(w.count())]
    for w in root.findChildren(QTableWidget):
        out += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount()) if w.item(r, c)]
    for w in root.findChildren(QTextBrowser):
        out.append(w.toPlainText())
    for w in root.findChildren(QTabWidget):
        out += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
    return "\n".join(out)


def _start_as_trainer(qtbot, window, demo_store, scenario="chem-park-explosion"):
    sign_in(demo_store, "陈静", "333333")
    window.show_page("drills")
    page = window.page("drills")
    page.choice.setCurrentIndex(page.choice.findData(scenario))
    run = page.start()
    qtbot.addWidget(page.drill_window)
    return run, page.drill_window


def test_real_clock_overdue_during_a_drill_raises_its_alarm(qtbot, window, demo_store, clock):
    """A real incident's clock runs out on the real clock while the drill window is open: both windows alarm."""
    from commanddesk.services import incidents

    with demo_store.transaction() as s:  # a real call taken by the duty officer before the drill
        incidents.record_call(s, incidents.CallInput(category="accident", type="accident.explosion",
                                                     place_text="开发区朝阳街道纬三路"))
    window.resync_clocks()
    run, drill_window = _start_as_trainer(qtbot, window, demo_store)
    watch = drill_window.real_watch
    assert watch is not None and window.isVisible()
    assert "真实值班" in watch.text() and "已超时" not in watch.text()
    assert not watch.alarm.fired and not window.alarm.fired
    drill_time = run.clock.now()
    clock.advance(minutes=11)  # the real clock only: 报告带班领导 (10 min) is now overdue
    watch.tick()
    window.strip.tick()
    assert any("已超时" in text for text in watch.alarm.fired), watch.alarm.fired
    assert any("已超时" in text for text in window.alarm.fired)
    assert "真实值班" in watch.text() and "已超时" in watch.text()
    assert run.clock.now() == drill_time  # the drill's own clock did not move
    # the drill window's strip is labelled as drill clocks and holds none of the real ones
    from PySide6.QtWidgets import QLabel

    assert drill_window.findChild(QLabel, "drill_strip_tag").text() == "演练时限"
    assert watch.views and not drill_window.strip.items
    watch.tick()  # an alarm is raised once per clock, not every second
    assert len(watch.alarm.fired) == len({i.view.id for i in watch.overdue()})


def test_trainee_sees_no_upcoming_injects_and_cannot_steer(qtbot, window, demo_store):
    """A trainee signed in to the drill window sees what has happened, not the script; the service refuses too."""
    from commanddesk.errors import PermissionDenied

    run, drill_window = _start_as_trainer(qtbot, window, demo_store)
    console = drill_window.page("drills")
    assert console.injects.rowCount() == len(run.scenario.injects) + 1  # the trainer sees the whole script
    console.toggle()
    console.tick()
    assert "initial" in run.drill.fired
    trainee = sign_in(run.store, "李晓明", "111111")
    drill_window.ctx.notifier.sig_signed_in.emit()
    assert trainee.drill and console.injects.rowCount() == 0 and console.injects.isHidden()
    for w in console.trainer_controls:
        assert w.isHidden()
    assert not console.tabs.isTabVisible(console.tabs.indexOf(console.evaluation))
    shown = "".join(_widget_texts(drill_window).split())
    for inj in run.scenario.injects:
        assert "".join(inj.text.split())[:20] not in shown, inj.text
    assert "学员视图" in shown
    # the service refuses whatever the screen shows, naming what was refused
    for call, what in ((lambda: run.drill.upcoming(trainee), "查看待触发的插入事件"),
                       (lambda: run.drill.pause(trainee), "暂停演练"),
                       (lambda: run.drill.jump_next(trainee), "跳到下一条插入事件"),
                       (lambda: run.drill.fire_now(trainee, run.scenario.injects[0].id, run.clock.now()),
                        "手动触发插入事件"),
                       (lambda: run.drill.evaluate(run.clock.now(), trainee), "结束并评估演练")):
        with pytest.raises(PermissionDenied, match=f"无权执行「{what}」：需要 演练导调员"):
            call()
    before = run.clock.now()
    console.toggle()  # even if a button were pressed, nothing changes
    assert "无权执行「暂停演练」" in console.console_message.text() and not run.clock.paused
    console.jump_next()
    assert run.clock.now() - before < timedelta(minutes=1) and len(run.drill.fired) == 1
    # leaving for real duty does not pause the drill for a trainee
    drill_window.back_to_real()
    assert not run.clock.paused and window.isVisible()
    run.clock.pause()


def test_trainer_logs_a_drill_call(qtbot, window, demo_store):
    """In the drill workspace the trainer may log the call (no ledger permission needed, no refusal)."""
    from commanddesk.services import incidents

    run, drill_window = _start_as_trainer(qtbot, window, demo_store)
    assert run.store.actor.drill and run.store.actor.name == "陈静"
    drill_window.show_page("intake")
    assert drill_window.page("intake").btn_save.isEnabled()
    call = run.scenario.initial_call
    with run.store.transaction() as s:
        result = incidents.record_call(s, incidents.CallInput(category=call["category"], type=call["type"],
                                                             place_text=call["place_text"]))
    assert result.incident_id is not None
    from commanddesk.errors import PermissionDenied

    with pytest.raises(PermissionDenied, match="无权执行「记录接报」"):  # the same trainer, real store
        with demo_store.transaction() as s:
            incidents.record_call(s, incidents.CallInput(category=call["category"], type=call["type"],
                                                         place_text=call["place_text"]))


def test_banner_and_feed_show_no_codes(qtbot, window, demo_store):
    """Every inject fired: the banner and the feed carry Chinese kind names, no (message)/(call), no ids."""
    import re

    run, drill_window = _start_as_trainer(qtbot, window, demo_store)
    console = drill_window.page("drills")
    console.toggle()
    while len(run.drill.fired) < len(run.scenario.injects) + 1:
        console.jump_next()
    texts = [drill_window.drill_news.text()] + [console.feed.item(i).text() for i in range(console.feed.count())]
    for text in texts:
        assert not re.search(r"（(message|call|warning|request|resource)）|\((message|call)\)", text), text
    assert any("（信息）" in t or "（来电）" in t for t in texts)
    console.finish()
    table = console.evaluation.table
    cells = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert not any(i.id in cells for i in run.scenario.injects)


def test_audit_screens_show_sentences_not_fields(qtbot, window, demo_store):
    """After real work, no table on the duty and settings pages shows actor_id, a raw dict or a UTC stamp."""
    import re

    from PySide6.QtWidgets import QTableWidget

    from commanddesk.services import dispatch, incidents

    with demo_store.transaction() as s:
        iid = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.explosion",
                                                           place_text="开发区朝阳街道纬三路")).incident_id
        dispatch.dispatch(s, iid, [1], "赶赴现场灭火")
    sign_in(demo_store, "赵磊", "999999")
    window.ctx.notifier.sig_signed_in.emit()
    seen = []
    for key in ("duty", "settings"):
        window.show_page(key)
        page = window.page(key)
        if hasattr(page, "reload"):
            page.reload()
        for table in page.findChildren(QTableWidget):
            headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
            if "操作人" not in headers:
                continue
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    text = table.item(r, c).text() if table.item(r, c) else ""
                    seen.append(text)
                    assert not re.search(r"actor_id|[a-z]+_[a-z]+|[{}]|\d{4}-\d\d-\d\dT|\bavailable\b|\balerted\b",
                                         text), text
    assert any("将 救援队伍 #1 状态由 待命 改为 已通知" in t for t in seen), seen[:20]
