"""The clock strip and the list of every running clock, driven by the injected clock."""

import pytest
from PySide6.QtCore import QPoint, Qt

from commanddesk.services import incidents as svc


def _hazmat(store, place: str) -> int:
    """A major hazmat accident (several running clocks); returns its id."""
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(
            category="accident", type="accident.hazmat", place_text=place, counts={"deaths": 11})).incident_id


def _refresh(window) -> None:
    window.ctx.notifier.sig_data_changed.emit("incidents")


def _click(qtbot, strip, chip) -> None:
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=chip.rect.center())


def test_clock_that_runs_out_turns_red_and_comes_first(qtbot, window, demo_store, clock):
    """The earliest deadline leads the strip and the list; when it runs out it shows red, 超时, still first."""
    first = _hazmat(demo_store, "甲地罐区")
    clock.advance(minutes=5)
    _hazmat(demo_store, "乙地罐区")
    _refresh(window)
    strip = window.strip
    leader = strip.items[0]
    assert leader.view.incident_id == first and leader.state != "overdue"
    clock.advance(minutes=6)  # the first incident's 10-minute leader report is now a minute late
    strip.tick()
    top = strip.items[0]
    assert top.view.id == leader.view.id and top.state == "overdue" and top.countdown.startswith("超时 01:")
    assert sum(i.state == "overdue" for i in strip.items) == 1
    chip = next(c for c in strip.layout_chips() if c.kind == "clock")
    assert chip.item.view.id == leader.view.id and chip.item.state == "overdue"
    popup = strip.open_list()
    row = popup.row_of_clock(leader.view.id)
    assert row.background(0).color().name() == "#c62828" and row.text(4) == "已超时"
    assert popup.order()[0] == (first, [i.view.id for i in strip.items if i.view.incident_id == first])
    assert popup.tree.topLevelItem(1) is row  # first row under the first incident's heading
    assert any("已超时" in text for text in window.alarm.fired)


def test_list_shows_every_running_clock_grouped_by_incident(qtbot, window, demo_store, clock):
    """More clocks than fit on the strip: the list button opens all of them, grouped, most urgent group first."""
    ids = [_hazmat(demo_store, f"{n}号罐区") for n in range(4)]
    _refresh(window)
    strip = window.strip
    assert len(strip.items) > len(strip.shown_items())  # the strip cannot hold them all
    more = next(c for c in strip.layout_chips() if c.kind == "more")
    assert "另有" in more.label
    _click(qtbot, strip, more)
    popup = strip.popup
    assert popup.isVisible()
    listed = popup.order()
    assert sorted(ident for ident, _ in listed) == sorted(ids)
    assert sorted(c for _, cs in listed for c in cs) == sorted(i.view.id for i in strip.items)
    for ident, clock_ids in listed:
        by_id = {i.view.id: i for i in strip.items}
        assert all(by_id[c].view.incident_id == ident for c in clock_ids)
        lefts = [by_id[c].seconds_left for c in clock_ids]
        assert lefts == sorted(lefts)
    assert popup.tree.topLevelItemCount() == len(strip.items) + len(ids)
    clock.advance(seconds=30)
    strip.tick()  # an open list keeps counting
    some = strip.items[0]
    assert popup.row_of_clock(some.view.id).text(3) == some.countdown.removeprefix("剩余 ")


def test_clicking_a_listed_clock_opens_its_incident(qtbot, window, demo_store):
    """One click in the list goes to that incident and closes the list."""
    ids = [_hazmat(demo_store, f"{n}号罐区") for n in range(3)]
    _refresh(window)
    strip = window.strip
    popup = strip.open_list()
    target = ids[1]
    clock_id = next(cs for ident, cs in popup.order() if ident == target)[-1]
    row = popup.row_of_clock(clock_id)
    tree = popup.tree
    tree.scrollToItem(row)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center())
    assert not popup.isVisible()
    page = window.page("incidents")
    assert window.stack.currentWidget() is page and page.current_id == target
    assert f"#{target}" in page.head.text()


def test_enter_on_a_listed_incident_opens_it(qtbot, window, demo_store):
    """The list works from the keyboard too."""
    ids = [_hazmat(demo_store, f"{n}号罐区") for n in range(2)]
    _refresh(window)
    popup = window.strip.open_list()
    group = popup.tree.topLevelItem(0)
    popup.tree.setCurrentItem(group)
    qtbot.keyClick(popup.tree, Qt.Key.Key_Return)
    assert window.page("incidents").current_id == popup.order()[0][0] in ids


def test_clock_chip_click_opens_incident(qtbot, window, demo_store):
    """A chip on the strip opens its incident."""
    inc = _hazmat(demo_store, "徐圩新区某罐区")
    _refresh(window)
    strip = window.strip
    chip = next(c for c in strip.layout_chips() if c.kind == "clock")
    _click(qtbot, strip, chip)
    assert window.page("incidents").current_id == inc


def test_open_incident_keeps_its_clocks_on_the_strip(qtbot, window, demo_store, clock):
    """Other incidents' overdue clocks are more urgent, yet the incident being worked on stays in view."""
    late = [_hazmat(demo_store, f"{n}号罐区") for n in range(4)]
    clock.advance(minutes=70)  # their phone and leader clocks are all overdue now
    worked = _hazmat(demo_store, "海晟化工")
    _refresh(window)
    strip = window.strip
    mine = [i for i in strip.items if i.view.incident_id == worked]
    assert mine and all(i.state != "overdue" for i in mine)
    overdue = [i for i in strip.items if i.state == "overdue"]
    assert len(overdue) >= 8 and strip.items.index(mine[0]) > len(overdue) - 1
    window.open_incident(late[0])
    window.open_incident(worked)
    assert strip.focus_id == worked
    shown = strip.shown_items()
    assert shown[0].view.incident_id == worked
    assert [i.view.id for i in shown[:len(mine)]] == [i.view.id for i in mine]  # all of them, most urgent first
    focus = next(c for c in strip.layout_chips() if c.kind == "focus")
    assert "海晟化工" in focus.label
    hidden_late = sum(1 for i in overdue if i.view.id not in {s.view.id for s in shown})
    more = strip.layout_chips()[-1]
    assert hidden_late and f"（{hidden_late} 超时）" in more.label  # the button says overdue clocks are behind it
    clock.advance(seconds=5)
    strip.tick()  # still there a tick later
    assert strip.shown_items()[0].view.incident_id == worked
    _click(qtbot, strip, focus)
    assert window.page("incidents").current_id == worked


def test_strip_at_its_narrowest_still_shows_the_open_incident(qtbot, window, demo_store, clock):
    """Even a narrow window keeps the first clock of the current incident and the list button."""
    for n in range(3):
        _hazmat(demo_store, f"{n}号罐区")
    clock.advance(minutes=70)
    worked = _hazmat(demo_store, "海晟化工")
    _refresh(window)
    window.open_incident(worked)
    window.resize(800, 600)
    qtbot.wait(20)
    strip = window.strip
    chips = strip.layout_chips()
    assert [c.kind for c in chips][:2] == ["focus", "clock"] and chips[1].item.view.incident_id == worked
    more = chips[-1]
    assert more.kind == "more" and more.rect.right() <= strip.width()
    assert strip.chip_at(QPoint(more.rect.center())) == more


def test_f9_lists_every_clock_from_any_page(qtbot, window, demo_store):
    """The officer need not find the strip's corner: F9 opens the list wherever the focus is."""
    _hazmat(demo_store, "徐圩新区某罐区")
    _refresh(window)
    window.show_page("teams")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F9)
    popup = window.strip.popup
    assert popup is not None and popup.isVisible() and popup.tree.topLevelItemCount() >= 1


def test_clocks_of_no_incident_open_their_own_page(qtbot, window, demo_store):
    """An instruction's feedback clock opens 值班 (where instructions are), a warning's forwarding clock 预警."""
    from datetime import timedelta

    from commanddesk.services.clocks import ClockView

    now = demo_store.clock.now()
    strip = window.strip
    strip.views = [ClockView(-7, None, "领导批示：王立新", "批示反馈（王立新）", "王立新", now - timedelta(minutes=1),
                             now - timedelta(minutes=6)),
                   ClockView(987654, None, "预警：暴雨黄色预警", "预警信息转发（第1轮）", "", now + timedelta(minutes=20),
                             now + timedelta(minutes=15))]
    strip.tick()
    chips = {c.item.view.id: c for c in strip.layout_chips() if c.kind == "clock"}
    _click(qtbot, strip, chips[-7])
    assert window.stack.currentWidget() is window.page("duty")
    _click(qtbot, strip, chips[987654])
    assert window.stack.currentWidget() is window.page("warnings")


# --- the alarm on its own --------------------------------------------------------------------------------------


def _overdue_item(title="某化工企业储罐泄漏", name="报告带班领导"):
    from datetime import datetime, timezone

    from commanddesk.services.clocks import ClockView, StripItem

    at = datetime(2026, 11, 23, 14, 10, tzinfo=timezone.utc)
    return StripItem(ClockView(7, 3, title, name, "带班领导", at, at), "overdue", -65)


class _Seat:
    """Stands in for the window: its idle lock, locked or not."""

    def __init__(self, locked: bool) -> None:
        from types import SimpleNamespace

        self.idle_lock = SimpleNamespace(locked=locked)


@pytest.mark.parametrize("muted", [False, True])
def test_the_alarm_names_the_clock_and_sounds_unless_muted(qtbot, monkeypatch, muted):
    """An overdue clock raises an alarm naming incident and clock; the sound plays unless the post muted it."""
    from PySide6.QtWidgets import QWidget

    from commanddesk.ui.clock_strip import Alarm

    window = QWidget()
    qtbot.addWidget(window)
    alarm = Alarm(window, None)
    alarm.muted = muted
    played, told = [], []
    monkeypatch.setattr(alarm, "_play", lambda: played.append(True))
    monkeypatch.setattr(alarm, "_notify", told.append)
    alarm.trigger(_overdue_item())
    assert alarm.fired == ["某化工企业储罐泄漏：报告带班领导 已超时"] and told == alarm.fired
    assert played == ([] if muted else [True])


def test_a_locked_seat_does_not_show_whose_incident_ran_out(monkeypatch, qapp):
    """While the seat is locked the tray message says only that a clock ran out, not which incident."""
    from commanddesk.ui.clock_strip import Alarm

    monkeypatch.setattr("PySide6.QtWidgets.QApplication.alert", lambda *a: None)
    alarm = Alarm(_Seat(locked=True), None)
    told: list = []
    monkeypatch.setattr(alarm, "_play", lambda: None)
    monkeypatch.setattr(alarm, "_notify", told.append)
    alarm.trigger(_overdue_item())
    assert told == ["有时限已超时（值班席位已锁定）"]
    assert alarm.fired == ["某化工企业储罐泄漏：报告带班领导 已超时"]  # the record keeps what it was


@pytest.mark.parametrize("seconds, text", [(754, "剩余 12:34"), (-185, "超时 03:05"), (3 * 3600 + 61, "剩余 3:01:01"),
                                           (-50 * 3600, "超时 2 天")])
def test_the_countdown_reads_as_time_left_or_over(seconds, text):
    """Minutes and seconds, hours when needed, days past 48 hours; 剩余 before the deadline, 超时 after."""
    from dataclasses import replace

    assert replace(_overdue_item(), seconds_left=seconds).countdown == text
