"""Play a scenario with scripted trainee actions on simulated time, and score it (headless)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from ..clock import FixedClock
from ..errors import UserError
from ..models import Incident, Operator
from ..services import audit, auth, clocks, demo, incidents, plans, reports, settings
from ..store import Store, open_read_only, open_store
from . import scoring, workspace
from .scenario import ACTION_LABELS, ACTIONS, KIND_LABELS, MAX_MINUTES, MAX_TEXT, Scenario, read_toml

RECEIPT_REASON = "演练：按来电响铃时间记录"


@dataclass(frozen=True)
class Action:
    """One scripted trainee action."""

    at: float
    action: str
    params: dict


ACTION_TEXTS = ("inject", "leader", "recipient", "signer", "channel", "decider", "grounds", "reason", "task", "note",
                "destination", "plan", "team_type", "rule", "warehouse", "item")


def load_actions(path: Path) -> list[Action]:
    """Read a scripted action file; UserError on anything unknown or of the wrong kind."""
    name = Path(path).name
    data = read_toml(path, lambda reason: UserError(f"无法读取动作脚本 {name}：{reason}"))
    items = data.get("actions", [])
    if not isinstance(items, list):
        raise UserError(f"动作脚本 {name}：actions 应为 [[actions]] 列表")
    out = []
    for n, a in enumerate(items, start=1):
        where = f"动作脚本 {name} 第 {n} 条"
        if not isinstance(a, dict):
            raise UserError(f"{where}：应为表（[[actions]]）")
        action, at = a.get("action"), a.get("at")
        if not isinstance(action, str) or action not in ACTIONS:
            raise UserError(f"{where}：未知动作“{action}”")
        if isinstance(at, bool) or not isinstance(at, int | float) or not 0 <= at <= MAX_MINUTES:
            raise UserError(f"{where}：at 应为 0 至 {MAX_MINUTES} 的分钟数")
        params = {k: v for k, v in a.items() if k not in ("at", "action")}
        _check_params(action, params, where)
        out.append(Action(float(at), action, params))
    return sorted(out, key=lambda a: a.at)


def _check_params(action: str, p: dict, where: str) -> None:
    """The kinds and ranges of an action's parameters (the services check what they mean)."""
    def text(key: str) -> None:
        value = p[key]
        if not isinstance(value, str) or len(value) > MAX_TEXT or any(
                ord(c) < 32 and c not in "\n\t\r" for c in value):
            raise UserError(f"{where}：{key} 应为不超过 {MAX_TEXT} 字的文字")

    def number(key: str, high: int) -> None:
        if not (isinstance(p[key], int) and not isinstance(p[key], bool) and 1 <= p[key] <= high):
            raise UserError(f"{where}：{key} 应为 1 至 {high} 的整数")

    for key in ACTION_TEXTS:
        if key in p:
            text(key)
    if "level" in p:
        number("level", 4)
    elif action in ("grade", "change_level"):
        raise UserError(f"{where}：{ACTION_LABELS[action]}须写明 level（1 至 4）")
    if "quantity" in p:
        number("quantity", 1_000_000)
    items = p.get("items")
    if items is None:
        return
    if action == "checklist":
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise UserError(f"{where}：items 应为事项编号的列表，如 [\"own_government\"]")
    elif action == "issue_material":
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and isinstance(i.get("item"), str) for i in items):
            raise UserError(f"{where}：items 应为 [{{ item = \"物资代码\", quantity = 数量 }}, …]")
        for i in items:
            q = i.get("quantity", 1)
            if not (isinstance(q, int) and not isinstance(q, bool) and 1 <= q <= 1_000_000):
                raise UserError(f"{where}：物资 {i['item']} 的 quantity 应为 1 至 1000000 的整数")
    else:
        raise UserError(f"{where}：{ACTION_LABELS[action]}没有 items 参数")


class Drill:
    """A drill on its own database: fires injects by simulated time and performs actions."""

    def __init__(self, scenario: Scenario, store: Store) -> None:
        self.scenario, self.store = scenario, store
        self.fired: dict[str, datetime] = {}
        self.log: list[tuple[datetime, str]] = []

    def due_injects(self, now: datetime) -> list[str]:
        """Injects (and the initial call) whose time has come and that have not fired."""
        out = [] if "initial" in self.fired or now < self.scenario.start else ["initial"]
        out += [i.id for i in self.scenario.injects if i.id not in self.fired and now >= self.scenario.at(i.at)]
        return out

    def fire(self, inject_id: str, at: datetime) -> str:
        """Deliver an inject; return the text trainees see."""
        self.fired[inject_id] = at
        if inject_id == "initial":
            text = "来电：" + str(self.scenario.initial_call.get("text") or self.scenario.initial_call.get("course", ""))
        else:
            inj = self.scenario.inject(inject_id)
            text = f"{inj.source}（{KIND_LABELS.get(inj.kind, '信息')}）：{inj.text}"
        self.log.append((at, text))
        with self.store.transaction() as s:
            settings.put(s, "drill_fired", json.dumps({k: v.isoformat() for k, v in self.fired.items()}))
        return text

    # --- the trainer's console: refused to anyone else (the trainees' screens hide it as well) ---
    @property
    def clock(self):
        """The drill's simulated clock (a DrillClock in the app, a FixedClock when scripted)."""
        return self.store.clock

    def received(self) -> list[tuple[datetime, str]]:
        """What the trainees have been told so far (fired injects only), oldest first."""
        return list(self.log)

    def upcoming(self, actor: auth.Actor | None) -> list[tuple[str, datetime, str, str, str]]:
        """(id, due time, kind label, source, text) of the injects still to come (trainers only)."""
        auth.require(actor, auth.Permission.VIEW_INJECTS, "查看待触发的插入事件")
        sc = self.scenario
        out = [] if "initial" in self.fired else [("initial", sc.start, "来电", str(sc.initial_call.get("caller_unit", "")),
                                                   str(sc.initial_call.get("text") or sc.initial_call.get("course", "")))]
        out += [(i.id, sc.at(i.at), KIND_LABELS.get(i.kind, "信息"), i.source, i.text)
                for i in sc.injects if i.id not in self.fired]
        return out

    def start_clock(self, actor: auth.Actor | None) -> None:
        """Run (or resume) simulated time."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "开始或继续演练")
        self.clock.start()

    def pause(self, actor: auth.Actor | None) -> None:
        """Freeze simulated time."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "暂停演练")
        self.clock.pause()

    def set_speed(self, actor: auth.Actor | None, speed: float) -> None:
        """Run simulated time at *speed*× from now on."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "调整演练速度")
        self.clock.set_speed(speed)

    def jump_next(self, actor: auth.Actor | None) -> datetime | None:
        """Move simulated time to the next inject that has not fired; return that time."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "跳到下一条插入事件")
        pending = [] if "initial" in self.fired else [self.scenario.start]
        pending += [self.scenario.at(i.at) for i in self.scenario.injects if i.id not in self.fired]
        if not pending:
            return None
        self.clock.jump(min(pending))
        return min(pending)

    def fire_now(self, actor: auth.Actor | None, inject_id: str, at: datetime) -> str:
        """Deliver an inject ahead of its time (the trainer's call)."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "手动触发插入事件")
        return self.fire(inject_id, at)

    def evaluate(self, now: datetime, actor: auth.Actor | None) -> scoring.Evaluation:
        """End the drill: freeze time, bring clocks up to *now* and score it (trainers only)."""
        auth.require(actor, auth.Permission.CONTROL_DRILL, "结束并评估演练")
        if hasattr(self.clock, "pause"):
            self.clock.pause()
        with self.store.transaction() as s:
            clocks.sync_all(s, now)
        return self.score(now)

    def incident_id(self) -> int | None:
        """The drill incident the trainees opened from the first call, if any."""
        with self.store.read() as s:
            return s.scalar(select(Incident.id).order_by(Incident.id).limit(1))

    # --- scripted actions, through the same services as the UI ---
    def perform(self, action: Action) -> None:
        """Carry out one scripted action at the clock's current time."""
        with self.store.transaction() as s:
            getattr(self, f"_do_{action.action}")(s, action.params)

    def _call_input(self, inject_id: str) -> incidents.CallInput:
        c = self.scenario.initial_call
        base = dict(category=c["category"], type=c["type"], place_text=c["place_text"],
                    channel=c.get("channel", "phone"), caller_unit=c.get("caller_unit", ""),
                    caller_name=c.get("caller_name", ""), caller_phone=c.get("caller_phone", ""),
                    cause=c.get("cause", ""), course=c.get("course", ""), measures=c.get("measures", ""),
                    counts=dict(c.get("counts", {})), predicted=dict(c.get("predicted", {})))
        rang = self.fired.get(inject_id, self.scenario.start)
        if inject_id == "initial":
            if "occurred_offset_minutes" in c:
                base["occurred_at"] = self.scenario.start + timedelta(minutes=c["occurred_offset_minutes"])
        else:
            inj = self.scenario.inject(inject_id)
            if inj is None:
                raise UserError(f"演练脚本中没有插入事件“{inject_id}”。")
            base.update(caller_unit=inj.source, course=inj.text, channel=inj.channel if inj.channel in (
                "phone", "fax", "sms", "system", "radio") else "phone",
                        counts={**base["counts"], **inj.counts}, predicted={**base["predicted"], **inj.predicted})
        return incidents.CallInput(**base, received_at=rang, receipt_edit_reason=RECEIPT_REASON)

    def _do_log_call(self, s, p) -> None:
        inject = p.get("inject", "initial")
        inp = self._call_input(inject)
        existing = s.scalar(select(Incident.id).order_by(Incident.id).limit(1))
        if existing is not None and "level" not in p:
            inp.grade = "auto"
        incidents.record_call(s, inp, existing if inject != "initial" else None)

    def _need(self, s) -> int:
        iid = s.scalar(select(Incident.id).order_by(Incident.id).limit(1))
        if iid is None:
            raise UserError("尚未记录来电，无法执行该动作。")
        return iid

    def _do_grade(self, s, p) -> None:
        incidents.set_grade(s, self._need(s), int(p["level"]), p.get("reason", "演练定级"))

    def _do_notify_leader(self, s, p) -> None:
        reports.notify_leader(s, self._need(s), p.get("leader", "带班领导"))

    def _do_phone_city(self, s, p) -> None:
        reports.log_phone(s, self._need(s), p.get("recipient", settings.get(s, "city_recipient")), "city")

    def _send_written(self, s, kind: str, p) -> None:
        report = reports.draft(s, self._need(s), kind)
        reports.update_draft(s, report.id, [{"key": e["key"], "text": e["text"], "status": "unknown"}
                                            for e in report.elements if e["status"] == "missing"])
        self._approve(s, report.id, p.get("signer", ""))
        reports.send(s, report.id, p.get("channel", "fax"), p.get("recipient", settings.get(s, "city_recipient")))

    @staticmethod
    def _approve(s, report_id: int, signer: str) -> None:
        """The scripted 带班领导 approves at their own seat (the drill copy's shift leader named *signer*)."""
        query = select(Operator).where(Operator.role == auth.Role.SHIFT_LEADER.value, Operator.active.is_(True))
        leader = s.scalar(query.where(Operator.name == signer)) if signer else None
        leader = leader or s.scalar(query.order_by(Operator.id))
        if leader is None:
            raise UserError("演练库中没有带班领导账户，书面报告无法审批。")
        own = s.info["actor"]
        s.info["actor"] = auth.Actor(leader.id, leader.name, auth.Role(leader.role), drill=bool(own and own.drill))
        try:
            reports.approve(s, report_id, leader.name)
        finally:
            s.info["actor"] = own

    def _do_initial_report(self, s, p) -> None:
        self._send_written(s, "initial", p)

    def _do_followup_report(self, s, p) -> None:
        self._send_written(s, "followup", p)

    def _do_zero_report(self, s, p) -> None:
        reports.log_zero(s, self._need(s), p.get("recipient", settings.get(s, "city_recipient")))

    def _do_checklist(self, s, p) -> None:
        """Tick checklist items of an open clock: rule = "C-LEVEL-2H", items = ["own_government", …]."""
        from ..models import ClockInstance

        inst = s.scalar(select(ClockInstance).where(ClockInstance.incident_id == self._need(s),
                                                    ClockInstance.rule_id == p.get("rule", "C-LEVEL-2H")))
        if inst is None:
            raise UserError(f"没有时限 {p.get('rule', 'C-LEVEL-2H')}")
        for item in p.get("items") or [p.get("item", "own_government")]:
            clocks.tick(s, inst.id, item)

    def _do_confirm_relief(self, s, p) -> None:
        clocks.confirm_relief(s, self._need(s), note=p.get("note", ""))

    def _do_activate_plan(self, s, p) -> None:
        iid = self._need(s)
        found = [m for m in plans.matches(s, iid) if p.get("plan") in (None, m.plan.id)]
        if not found:
            raise UserError(f"没有可启动的预案 {p.get('plan', '')}")
        m = found[0]
        level = int(p.get("level") or m.level or m.plan.levels[-1].level)
        plans.activate(s, iid, m.plan.id, m.plan.edition, level, p.get("decider", "带班领导"), p.get("grounds", m.reason))

    def _active(self, s):
        acts = plans.active(s, self._need(s))
        if not acts:
            raise UserError("没有正在进行的预案响应。")
        return acts[0]

    def _do_change_level(self, s, p) -> None:
        plans.change_level(s, self._active(s).id, int(p["level"]), p.get("decider", "带班领导"), p.get("grounds", "演练调整"))

    def _do_terminate(self, s, p) -> None:
        plans.terminate(s, self._active(s).id, p.get("decider", "带班领导"), p.get("grounds", "演练结束"))

    def _do_dispatch(self, s, p) -> None:
        from ..services import dispatch, dispatch_recommend

        iid = self._need(s)
        rec = dispatch_recommend.recommend(s, iid)
        team_id = next((c.team_id for c in rec.candidates if p.get("team_type") in (None, c.team_type)), None)
        if team_id is None and p.get("team_type"):  # not in the capability matrix for this type: any idle team
            from ..models import RescueTeam

            team_id = s.scalar(select(RescueTeam.id).where(RescueTeam.team_type == p["team_type"],
                                                           RescueTeam.status == "available").order_by(RescueTeam.id))
        if team_id is None:
            raise UserError(f"没有可调派的{p.get('team_type', '')}队伍")
        dispatch.dispatch(s, iid, [team_id], p.get("task", "赶赴现场处置"))

    def _do_issue_material(self, s, p) -> None:
        """Issue items (codes) from a depot (code) to the incident: warehouse = "W06", items = [{item, quantity}]."""
        from ..models import MaterialItem, StockLine, Warehouse
        from ..services import ledger

        iid = self._need(s)
        house = s.scalar(select(Warehouse).where(Warehouse.code == p.get("warehouse", "")))
        wanted = p.get("items") or [{"item": p.get("item", ""), "quantity": p.get("quantity", 1)}]
        for want in wanted:
            item = s.scalar(select(MaterialItem).where((MaterialItem.code == want["item"]) | (MaterialItem.name == want["item"])))
            stmt = select(StockLine).where(StockLine.item_id == (item.id if item else -1), StockLine.quantity > 0)
            if house is not None:
                stmt = stmt.where(StockLine.warehouse_id == house.id)
            line = s.scalar(stmt.order_by(StockLine.quantity.desc()))
            if line is None:
                raise UserError(f"没有可调用的物资“{want['item']}”")
            ledger.issue(s, line.id, int(want.get("quantity", 1)), p.get("destination") or "演练调用", incident_id=iid)

    def score(self, now: datetime) -> scoring.Evaluation:
        """The evaluation as of *now* (the scripted runner's; the console goes through ``evaluate``)."""
        with self.store.read() as s:
            return scoring.evaluate(s, self.scenario, self.fired, now)


def run(scenario: Scenario, actions: list[Action], reference: Path | None = None, speed: float | None = None,
        keep: Path | None = None) -> scoring.Evaluation:
    """Play *scenario* to its end with *actions*; return the evaluation. The drill file is deleted unless kept."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="drill-"))
    path = keep or folder / "drill.sqlite"
    reference = reference or demo.template()
    open_read_only(reference).dispose()  # a missing, empty, foreign or newer store: UserError, the file untouched
    clock = FixedClock(scenario.start)
    try:
        workspace.create(reference, path)
        store = open_store(path, clock)
    except sqlite3.Error as exc:  # damaged past its header: found only while copying it
        workspace.delete(path)
        raise UserError(f"参考数据库无法读取（可能已损坏），演练未开始：{Path(reference).name}（{exc}）") from None
    try:
        with store.transaction() as s:  # the copy removed incidents behind the log: record it
            audit.reseal(s, "drill")
        with store.transaction() as s:
            op = s.scalar(select(Operator).where(Operator.role == "duty_officer").order_by(Operator.id))
            store.actor = auth.Actor(op.id, op.name, auth.Role(op.role))
        drill = Drill(scenario, store)
        timeline = [(0.0, 0, "inject", "initial")] + [(float(i.at), 0, "inject", i.id) for i in scenario.injects]
        timeline += [(a.at, 1, "action", a) for a in actions]
        timeline.sort(key=lambda x: (x[0], x[1]))
        last = 0.0
        for at, _order, kind, what in timeline:
            if speed:
                time.sleep(max(0.0, (at - last) * 60 / speed))
            last = at
            clock.set(scenario.at(at))
            if kind == "inject":
                drill.fire(what, clock.now())
            else:
                drill.perform(what)
        clock.set(scenario.end)
        with store.transaction() as s:
            clocks.sync_all(s, clock.now())
        return drill.score(clock.now())
    finally:
        store.close()
        if keep is None:
            workspace.delete(path)
