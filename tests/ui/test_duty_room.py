"""The duty page's routine corner: leaders' instructions, the 零报告 checklist with chases, the 舆情 log, the roster line."""

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QPushButton

from commanddesk.clock import to_beijing
from commanddesk.services import opinion, settings, zero_reports
from commanddesk.ui import duty_room


def _duty(window):
    window.show_page("duty")
    page = window.page("duty")
    page.reload()
    return page


def _units(store, text="朝阳街道、中云街道、猴嘴街道"):
    with store.transaction() as s:
        settings.put(s, zero_reports.UNITS_KEY, text, check=False)


def test_late_units_are_red_and_a_chase_is_one_click(qtbot, window, demo_store, clock):
    _units(demo_store)
    page = _duty(window)
    tabs = page.routine_tabs
    assert tabs.tabText(1) == "零报告（3 逾期）"  # the test clock is 22:00, past the 08:30 deadline
    box = page.routine_layouts[1].itemAt(0).widget()
    rows = box.table.rows
    assert [rows.row(i).texts[0] for i in range(3)] == ["朝阳街道", "中云街道", "猴嘴街道"]
    assert rows.row(2).texts[1] == "逾期未报" and rows.row(2).cell_fg == {1: "#c62828"}
    box.table.select_source(2)
    box.findChild(QPushButton, "zero_chase").click()
    with demo_store.read() as s:
        line = zero_reports.checklist(s).lines[2]
    assert len(line.chases) == 1 and line.chases[0][1] == page.ctx.actor.name
    box = page.routine_layouts[1].itemAt(0).widget()  # the page re-read itself
    assert box.table.rows.row(2).texts[3].startswith("1 次，末次 22:00")


def test_checking_a_unit_off_with_refusals_in_place(qtbot, window, demo_store, clock):
    _units(demo_store)
    page = _duty(window)
    box = page.routine_layouts[1].itemAt(0).widget()
    box.table.select_source(1)
    with demo_store.read() as s:
        lst = zero_reports.checklist(s)
    dlg = duty_room.zero_record_dialog(page.ctx, box, lst, 1)
    qtbot.addWidget(dlg)
    assert dlg.widgets["unit"].currentData() == "中云街道"  # the selected unit first
    dlg.widgets["status"].setCurrentIndex(dlg.widgets["status"].findData("situation"))
    dlg.try_accept()
    assert "有情况时请简要填写" in dlg.error.text()
    dlg.widgets["note"].setText("山后村边坡裂缝，已设警示")
    dlg.widgets["reporter"].setText("陈某")
    dlg.widgets["at"].setText("21:40")
    dlg.try_accept()
    with demo_store.read() as s:
        line = zero_reports.checklist(s).lines[1]
    assert (line.status, line.reporter, line.note) == ("situation", "陈某", "山后村边坡裂缝，已设警示")
    assert line.reported_at == clock.now() - timedelta(minutes=20)
    assert page.routine_tabs.tabText(1) == "零报告（2 逾期）"


def test_opinion_logged_and_answered(qtbot, window, demo_store):
    page = _duty(window)
    box = page.routine_layouts[2].itemAt(0).widget()
    assert box.table is None and box.findChild(QLabel).text() == "尚无舆情记录。"
    dlg = duty_room.opinion_dialog(page.ctx, box)
    qtbot.addWidget(dlg)
    dlg.widgets["text"].setText("网传某路段塌方")
    dlg.widgets["heat"].setCurrentIndex(dlg.widgets["heat"].findData("高"))
    dlg.widgets["incident"].setText("x1")
    dlg.try_accept()
    assert "事件编号应为数字" in dlg.error.text()
    dlg.widgets["incident"].setText("")
    dlg.try_accept()
    box = page.routine_layouts[2].itemAt(0).widget()
    assert box.table.rows.row(0).texts[1:] == ["微博", "网传某路段塌方", "高"]
    with demo_store.read() as s:
        (v,) = opinion.recent(s)
    answer = duty_room.respond_dialog(page.ctx, box, v, QLabel())
    qtbot.addWidget(answer)
    answer.widgets["response"].setText("已核实为旧闻，联系平台标注")
    answer.widgets["heat"].setCurrentIndex(answer.widgets["heat"].findData("低"))
    answer.try_accept()
    with demo_store.read() as s:
        (v,) = opinion.recent(s)
    assert (v.heat, v.response) == ("低", "已核实为旧闻，联系平台标注")


def test_opening_a_taller_tab_does_not_push_the_board_up(qtbot, window, demo_store):
    from commanddesk.services import demo

    demo.stage_incidents(demo_store)  # six units; the rainstorm makes today compulsory
    window.resize(1366, 740)
    window.show()
    page = _duty(window)
    qtbot.wait(100)
    before = page.board.geometry()
    page.routine_tabs.setCurrentIndex(1)
    qtbot.wait(100)
    assert page.board.geometry() == before
    head = page.routine_layouts[1].itemAt(0).widget().findChild(QLabel, "duty_zero_head")
    assert "当日须报（1 项原因）" in head.text() and "板桥街道暴雨内涝" in head.toolTip()


# --- leaders' instructions: recorded, overdue in red, carried out; and who is on duty -----------------------------


def _instructions(qtbot, ctx):
    box = duty_room.instructions_table(ctx)
    qtbot.addWidget(box)
    return box


def _fill(dlg, **values):
    for key, value in values.items():
        w = dlg.widgets[key]
        if hasattr(w, "findData"):
            w.setCurrentIndex(w.findData(value))
        else:
            w.setText(value)
    dlg.error.clear()
    dlg.try_accept()
    return dlg.error.text()


def test_an_instruction_is_recorded_then_runs_late_in_red(qtbot, demo_store, clock):
    """记录批示 with a 30-minute feedback limit: listed with its due time; past it, 超时 in red."""
    from commanddesk.ui.context import AppContext

    ctx = AppContext(demo_store, demo=True)
    empty = _instructions(qtbot, ctx)
    assert empty.table is None and any(l.text() == "没有未落实的领导批示。" for l in empty.findChildren(QLabel))
    heard: list = []
    ctx.notifier.sig_data_changed.connect(heard.append)
    dlg = duty_room.record_dialog(ctx, empty)
    qtbot.addWidget(dlg)
    assert _fill(dlg, leader="周建华", text="立即核实罐区周边群众疏散情况", assignee="徐圩新区", due_minutes="30") == ""
    assert heard == ["instructions"]
    box = _instructions(qtbot, ctx)
    due = to_beijing(clock.now() + timedelta(minutes=30))
    assert box.table.rows.text(0, 0) == "周建华" and box.table.rows.text(0, 3) == due.strftime("%H:%M")
    clock.advance(minutes=31)
    late = _instructions(qtbot, ctx)
    assert late.table.rows.text(0, 3).endswith(" 超时") and late.table.rows.row(0).cell_fg == {3: "#c62828"}


def test_a_wrong_limit_or_incident_number_is_explained_in_the_dialog(qtbot, demo_store):
    """Minutes as words, an incident number that is not one, no leader: each refused in place, nothing recorded."""
    from commanddesk.ui.context import AppContext

    ctx = AppContext(demo_store, demo=True)
    box = _instructions(qtbot, ctx)
    for values, said in (({"leader": "周建华", "text": "核实", "due_minutes": "半小时"}, "反馈时限请填分钟数"),
                         ({"leader": "周建华", "text": "核实", "incident": "#三"}, "事件编号应为数字"),
                         ({"leader": "", "text": "核实"}, "请填写作出批示的领导")):
        dlg = duty_room.record_dialog(ctx, box)
        qtbot.addWidget(dlg)
        assert said in _fill(dlg, **values)
    assert _instructions(qtbot, ctx).table is None


def test_carrying_an_instruction_out_takes_it_off_the_list(qtbot, demo_store):
    """落实反馈 needs a chosen instruction and a feedback text; done, it leaves the open list."""
    from commanddesk.services import instructions
    from commanddesk.ui.context import AppContext

    ctx = AppContext(demo_store, demo=True)
    with demo_store.transaction() as s:
        instructions.record(s, "周建华", "统计转移人数", channel="电话")
    box = _instructions(qtbot, ctx)
    message = QLabel()
    assert duty_room.done_dialog(ctx, box, None, message) is None and message.text() == "请先选中一条批示。"
    dlg = duty_room.done_dialog(ctx, box, box.rows[0], message)
    qtbot.addWidget(dlg)
    assert "请填写落实情况" in _fill(dlg, feedback="")
    assert _fill(dlg, feedback="已转移 312 人，已向周建华报告") == ""
    assert _instructions(qtbot, ctx).table is None


def test_with_no_roster_the_shift_is_said_to_be_uncovered(demo_store):
    """No roster entered: the line names nobody on duty and is marked alarming."""
    from commanddesk.ui.context import AppContext

    text, alarming = duty_room.roster_text(AppContext(demo_store, demo=True))
    assert text.startswith("本班 ") and "（未排班）" in text and "交接班，下一班" in text and alarming
