"""The duty board and an incident's issued materials, read in a few queries."""

from sqlalchemy import event

from commanddesk.models import Jurisdiction, MaterialItem, Setting, Warehouse
from commanddesk.services import clocks, deadlines, incidents, ledger, overview, plans, reports
from tests.conftest import sign_in


def _hazmat(session, place="徐圩新区某罐区", deaths=11):
    """A major hazmat accident: city phone and written clocks start."""
    return incidents.record_call(session, incidents.CallInput(
        category="accident", type="accident.hazmat", place_text=place, counts={"deaths": deaths})).incident_id


class _Counter:
    """Counts the SQL statements a block of code sends."""

    def __init__(self, store):
        self.engine, self.n = store.read_engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.n += 1


def test_board_lists_open_incident_with_most_urgent_clock(store, officer, clock):
    """An open incident shows its earliest running deadline, its unsent draft and its open plan tasks."""
    with store.transaction() as s:
        s.add(Setting(key=plans.DEMO_SETTING, value="1"))  # the shipped plans live in demo stores only
        inc = _hazmat(s)
        reports.draft(s, inc, "initial")
        match = next(m for m in plans.matches(s, inc) if m.plan.id == "special.hazmat")
        plans.activate(s, inc, match.plan.id, match.plan.edition, match.level or 3, "周建华", "依据预案")
    with store.read() as s:
        board = overview.duty_board(s)
        running = [v for v in deadlines.running(s) if v.incident_id == inc]
    (line,) = board
    assert line.id == inc and "罐区" in line.title and line.grade_label == "重大"
    assert line.clocks[0].id == running[0].id
    assert [v.due_at for v in line.clocks] == sorted(v.due_at for v in line.clocks)
    assert line.drafts == ("初报",)
    assert line.open_tasks > 0 and line.next_task


def test_board_orders_by_earliest_deadline_and_drops_closed(store, officer, clock):
    """The incident whose deadline is nearest comes first, whatever was received last; closed ones leave."""
    with store.transaction() as s:
        older = _hazmat(s, "甲地罐区")
    clock.advance(minutes=10)
    with store.transaction() as s:
        newer = _hazmat(s, "乙地罐区")
        closed = _hazmat(s, "丙地罐区")
        from commanddesk.models import Incident
        s.get(Incident, closed).status = "terminated"
        clocks.sync(s, s.get(Incident, closed), clock.now())
    with store.read() as s:
        ids = [line.id for line in overview.duty_board(s)]
    assert ids == [older, newer]


def test_board_reads_in_four_queries_however_many_incidents(store, officer):
    """One incident or eight: the same number of statements (no query per incident)."""
    with store.transaction() as s:
        _hazmat(s, "一号罐区")
    with store.read() as s, _Counter(store) as one:
        overview.duty_board(s)
    with store.transaction() as s:
        for n in range(7):
            inc = _hazmat(s, f"{n}号厂区")
            reports.draft(s, inc, "initial")
    with store.read() as s, _Counter(store) as eight:
        assert len(overview.duty_board(s)) == 8
    assert eight.n == one.n and 1 <= one.n <= 5


def test_next_step_says_what_to_do_first(store, officer, clock):
    """Overdue first, then an unsent draft, then the next deadline."""
    with store.transaction() as s:
        inc = _hazmat(s)
    with store.read() as s:
        (line,) = overview.duty_board(s)
    first = clocks.strip(list(line.clocks[:1]), clock.now())[0]
    assert overview.next_step(line, first).startswith("下一时限：")
    with store.transaction() as s:
        reports.draft(s, inc, "initial")
    with store.read() as s:
        (line,) = overview.duty_board(s)
    assert overview.next_step(line, first) == "完成并报送初报"
    clock.advance(hours=3)
    late = clocks.strip(list(line.clocks[:1]), clock.now())[0]
    assert late.state == "overdue"
    assert overview.next_step(line, late) == f"立即完成：{late.view.name}（已超时）"


def test_incident_materials_lists_issues_and_what_is_still_out(store, officer):
    """Two issues and a return for an incident: both listed in time order; the total still out is right."""
    with store.transaction() as s:
        s.add(Jurisdiction(code="320706", name="海州区", level="county", lat=34.59, lon=119.165))
        house = Warehouse(code="W1", name="海州区救灾物资储备库", level="county", jurisdiction_code="320706")
        jackets = MaterialItem(code="M1", name="救生衣", category="protection", unit="件")
        s.add_all([house, jackets])
        s.flush()
        line = ledger.receive(s, house.id, jackets.id, 500, "年度采购入库").stock_line_id
        inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood",
                                                           place_text="海州区")).incident_id
        other = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood",
                                                             place_text="灌云县")).incident_id
        ledger.issue(s, line, 200, "防汛转移群众", incident_id=inc, recipient="海州区防指")
        ledger.issue(s, line, 30, "补充", incident_id=inc, recipient="海州区防指")
        ledger.issue(s, line, 70, "别的事件", incident_id=other)
        ledger.return_goods(s, house.id, jackets.id, 40, "consumed", "已发放群众", incident_id=inc)
    with store.read() as s:
        mats = overview.incident_materials(s, inc)
        none = overview.incident_materials(s, 9999)
    assert [(m.kind, m.quantity) for m in mats.moves] == [("issue", 200), ("issue", 30), ("return", 40)]
    (item,) = mats.items
    assert (item.item, item.issued, item.settled, item.outstanding) == ("救生衣", 230, 40, 190)
    assert mats.issued_any and not none.issued_any and none.moves == []


def test_the_shift_log_starts_when_the_operator_signed_in(store, clock):
    """The 值班台 log shows this shift's entries: it starts at the sign-in, and there is none signed out."""
    with store.read() as s:
        assert overview.shift_started_at(s, None) is None
    clock.advance(minutes=5)
    actor = sign_in(store, "值班员甲")
    with store.read() as s:
        assert overview.shift_started_at(s, actor) == clock.now()


def test_the_shift_log_holds_only_what_was_written_since_the_sign_in(store, clock):
    """Entries before the shift stay out of its log however few the shift has written; newest first, at most *limit*."""
    sign_in(store, "值班员甲")
    with store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.flood", place_text="旧事件"))
    clock.advance(hours=12)
    actor = sign_in(store, "领导乙")
    with store.read() as s:
        since = overview.shift_started_at(s, actor)
        log = overview.recent_audit(s, 200, since)
        assert log and all(e.at >= since for e in log) and log[0].id > log[-1].id
        assert all(e.actor_name == "领导乙" for e in log)
        everything = overview.recent_audit(s, 200)
        assert len(everything) > len(log) and any(e.actor_name == "值班员甲" for e in everything)
        assert [e.id for e in overview.recent_audit(s, 1, since)] == [log[0].id]
