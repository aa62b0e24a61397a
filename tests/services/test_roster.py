"""The roster: shifts crossing midnight in Beijing time, who is on duty now, gaps ahead, Excel all or nothing."""

from datetime import date, datetime, timedelta

from openpyxl import Workbook, load_workbook

from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry
from commanddesk.services import roster, settings
from sqlalchemy import select


def _plan(store, *shifts):
    with store.transaction() as s:
        for day, slot, officer in shifts:
            roster.set_shift(s, day, slot, leader="周建华", officer=officer, backup="孙备勤")


def test_night_shift_runs_through_midnight_by_the_clock(store, officer, clock):
    """22:00 on 23 Nov is the night shift of 23 Nov; at 02:00 on the 24th it still is; at 08:30 the day shift of the 24th."""
    _plan(store, (date(2026, 11, 23), 1, "值班员甲"), (date(2026, 11, 24), 0, "李白班"))
    with store.read() as s:
        now = roster.now(s)
        assert (now.day, now.label, now.officer, now.times_text) == (date(2026, 11, 23), "夜班", "值班员甲",
                                                                       "17:30–次日08:30")
        clock.set(datetime(2026, 11, 24, 2, 0, tzinfo=BEIJING))
        assert roster.now(s).day == date(2026, 11, 23) and roster.now(s).officer == "值班员甲"
        clock.set(datetime(2026, 11, 24, 8, 29, 59, tzinfo=BEIJING))
        assert roster.now(s).slot == 1
        clock.set(datetime(2026, 11, 24, 8, 30, tzinfo=BEIJING))
        assert (roster.now(s).day, roster.now(s).label, roster.now(s).officer) == (date(2026, 11, 24), "白班", "李白班")


def test_shift_times_are_configurable(store, officer, clock):
    """Three shifts 08:00 / 16:00 / 23:00: at 22:00 the second runs; the third crosses midnight."""
    with store.transaction() as s:
        settings.put(s, "roster_shift_starts", "08:00,16:00,23:00", check=False)
    with store.read() as s:
        assert (roster.now(s).label, roster.now(s).times_text) == ("第2班", "16:00–23:00")
        clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=BEIJING))
        assert (roster.now(s).day, roster.now(s).times_text) == (date(2026, 11, 23), "23:00–次日08:00")


def test_sign_in_warns_off_roster_and_records_the_reason(store, officer, clock):
    with store.read() as s:
        assert roster.sign_in_warning(s, "管理员丁") == ""  # nobody rostered yet: no warning
    _plan(store, (date(2026, 11, 23), 1, "值班员甲"))
    with store.transaction() as s:
        assert roster.sign_in_warning(s, "值班员甲") == ""
        assert roster.sign_in_warning(s, "周建华") == ""  # the leader is on the roster too
        warning = roster.sign_in_warning(s, "管理员丁")
        assert "不在本班" in warning and "值班员甲" in warning
        roster.record_off_roster(s, None, "管理员丁", "替班（值班员甲病假）")
    with store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_in_off_roster")).one()
        assert "替班" in entry.after


def test_uncovered_shift_is_flagged_days_ahead(store, officer, clock):
    d = date(2026, 11, 23)
    _plan(store, *[(d + timedelta(days=i), slot, "值班员甲") for i in range(8) for slot in (0, 1)
                   if (i, slot) != (3, 1)])
    with store.read() as s:
        gaps = roster.gaps(s, days_ahead=7)
    assert [(g.day, g.label) for g in gaps] == [(date(2026, 11, 26), "夜班")]


def test_month_marks_holidays_and_sensitive_periods(store, officer):
    with store.transaction() as s:
        roster.add_period(s, "holiday", "元旦", date(2027, 1, 1), date(2027, 1, 3))
        roster.add_period(s, "sensitive", "全国两会", date(2026, 12, 30), date(2027, 1, 1))
    with store.read() as s:
        jan = roster.month(s, 2027, 1)
    assert len(jan) == 31 and jan[0].holiday and jan[0].sensitive and jan[2].holiday and not jan[3].holiday


def _sheet(tmp_path, rows, name="r.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.title = "值班表"
    ws.append(list(roster.HEADERS))
    for r in rows:
        ws.append(r)
    wb.save(tmp_path / name)
    return tmp_path / name


def test_excel_round_trip(store, officer, tmp_path):
    _plan(store, (date(2026, 12, 1), 0, "值班员甲"), (date(2026, 12, 1), 1, "王夜班"))
    with store.read() as s:
        n = roster.export_xlsx(s, date(2026, 12, 1), date(2026, 12, 2), tmp_path / "out.xlsx")
    assert n == 4
    rows = list(load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert rows[2][:4] == ("2026-12-01", "夜班", "周建华", "王夜班")
    path = _sheet(tmp_path, [r for r in rows[1:] if r[3]])
    with store.transaction() as s:
        result = roster.import_xlsx(s, path)
    assert result.ok and result.unchanged == 2 and result.created == 0


def test_excel_import_is_all_or_nothing_and_names_row_and_column(store, officer, tmp_path):
    path = _sheet(tmp_path, [
        ("2026-12-01", "白班", "周建华", "值班员甲", "", ""),
        ("2026-13-01", "白班", "周建华", "值班员甲", "", ""),
        ("2026-12-02", "早班", "周建华", "值班员甲", "", ""),
        ("2026-12-03", "夜班", "周建华", "", "", ""),
        ("2026-12-01", "白班", "周建华", "王五", "", ""),
    ])
    with store.transaction() as s:
        result = roster.import_xlsx(s, path)
    texts = [e.text() for e in result.errors]
    assert not result.ok and "未导入任何数据" in result.message()
    assert texts[0].startswith("第 3 行 A 列（日期）")
    assert any(t.startswith("第 4 行 B 列（班次）") and "白班 或 夜班" in t for t in texts)
    assert any(t.startswith("第 5 行 D 列（值班员）") for t in texts)
    assert any(t.startswith("第 6 行 A 列（日期）") and "第 2 行重复" in t for t in texts)
    with store.read() as s:
        assert roster.shift_at(s, datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING)).uncovered  # nothing imported


def test_bad_shift_times_are_refused_and_never_break_the_roster(store, officer):
    import pytest

    from commanddesk.errors import ValidationError

    with store.transaction() as s:
        with pytest.raises(ValidationError):
            roster.set_starts(s, "17:30,08:30")
        with pytest.raises(ValidationError):
            roster.set_starts(s, "8点半")
        assert [t.hour for t in roster.set_starts(s, "7:00，19:00")] == [7, 19]
        settings.put(s, "roster_shift_starts", "garbage")  # typed in elsewhere
        assert roster.now(s).times_text == "17:30–次日08:30"  # the default, not a crash
