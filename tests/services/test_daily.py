"""值班日报: the day's figures from the records, the night's incidents counted on the day the shift began."""

from datetime import date, datetime, timedelta

from commanddesk.clock import BEIJING
from commanddesk.documents.docx import write_docx
from commanddesk.services import daily, handover, incidents, instructions, reports, roster


def test_daily_report_figures(store, officer, clock, tmp_path):
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="领导乙", officer="值班员甲")
        a = incidents.record_call(s, incidents.CallInput(category="accident", type="accident.hazmat",
                                                         place_text="某罐区", counts={"deaths": 11})).incident_id
        instructions.record(s, "领导乙", "全力搜救", incident_id=a, due_at=clock.now() + timedelta(minutes=30))
    clock.set(datetime(2026, 11, 24, 1, 0, tzinfo=BEIJING))  # after midnight: still the duty day of the 23rd
    with store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="板桥街道", counts={"relocated": 20}))
        reports.log_phone(s, a, "市政府总值班室")
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=BEIJING))
    with store.transaction() as s:  # a call on the next duty day does not count
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="新浦区", counts={"relocated": 5}))
    with store.read() as s:
        r = daily.build(s, date(2026, 11, 23))
        doc = daily.document(s, r)
    assert r.incidents == 2 and sum(r.by_category.values()) == 2 and r.by_grade.get("重大") == 1
    assert r.instructions_given == 1 and r.instructions_overdue == 1 and r.instructions_done == 0
    assert r.clocks_missed >= 1  # the 10-minute leader clock was never met
    heads = [h for h, _t in r.sections]
    assert heads[:4] == ["值班概况", "事件情况", "预警信息", "信息报送"] and "共接报突发事件 2 起" in r.sections[0][1]
    assert "值班员甲" in dict(r.sections)["值班与交接班"] and r.as_dict()["incidents"] == 2
    write_docx(doc, tmp_path / "d.docx")
    assert (tmp_path / "d.docx").stat().st_size > 5000


def test_duty_day_runs_from_morning_to_morning(store, clock):
    with store.read() as s:
        assert daily.today(s) == date(2026, 11, 23)
        clock.set(datetime(2026, 11, 24, 8, 29, tzinfo=BEIJING))
        assert daily.today(s) == date(2026, 11, 23)
        clock.set(datetime(2026, 11, 24, 8, 30, tzinfo=BEIJING))
        assert daily.today(s) == date(2026, 11, 24)


def test_the_days_warnings_and_their_forwarding_are_in_the_report(demo_store):
    """The demo's two live warnings: each with issuer, colour, area, state and how far forwarding has got."""
    from commanddesk.services import demo, warnings

    demo.stage_incidents(demo_store)
    with demo_store.read() as s:
        live = [w for w in warnings.listing(s) if w.state in warnings.LIVE]
        r = daily.build(s, daily.today(s))
    text = dict(r.sections)["预警信息"]
    assert len(live) == 2 and "目前生效 2 条" in text
    for w in live:
        assert f"{w.type_label}{warnings.COLOUR_LABELS[w.colour]}预警" in text and f"已转发 {w.forwarded}/{w.required}" in text
    assert r.as_dict()["warnings"]["live"] == 2
