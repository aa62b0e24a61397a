"""Demo duty routine, relative to the store's clock: a roster from last month to next (one shift ahead left
uncovered), a sensitive period, two leaders' instructions (one with its feedback overdue) and the previous
shift's handover, signed by both. No Qt."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..clock import to_beijing
from ..models import Handover, Operator, RosterShift
from . import auth, handover, instructions, opinion, roster, settings, zero_reports

LEADERS = ("周建华", "王立新")
OFFICERS = ("李晓明", "刘洋")
BACKUPS = ("张涛", "吴敏", "郑凯")


def stage_roster(session) -> None:
    """The roster and the marked periods, first, so the demo's calls and drafts name who is on duty."""
    if session.scalar(select(RosterShift.id).limit(1)) is not None:
        return
    current = roster.now(session)
    today = current.day
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last = today + timedelta(days=40)
    gap = today + timedelta(days=3)
    actor = session.info.get("actor")
    n = 0
    d = first
    while d <= last:
        for slot in range(len(roster.starts(session))):
            if (d, slot) == (gap, 1):
                continue  # one night nobody has taken yet: flagged on the roster and the duty page
            if (d, slot) == (current.day, current.slot):
                officer = actor.name if actor else OFFICERS[0]
            else:
                officer = OFFICERS[n % 2]
            roster.set_shift(session, d, slot, leader=LEADERS[d.toordinal() % 2], officer=officer,
                             backup=BACKUPS[n % 3])
            n += 1
        d += timedelta(days=1)
    roster.add_period(session, "sensitive", "重要会议保障期", today + timedelta(days=1), today + timedelta(days=3))
    roster.add_period(session, "holiday", "元旦", today.replace(year=today.year + 1, month=1, day=1),
                      today.replace(year=today.year + 1, month=1, day=3))


def stage(session, incident_ids: list[int]) -> None:
    """Put the rest of the routine into a demo copy (the signed-in actor is the demo officer)."""
    if session.scalar(select(Handover.id).limit(1)) is not None:
        return
    stage_roster(session)
    now = session.info["clock"].now()
    current = roster.now(session)
    inc = incident_ids[-1] if incident_ids else None
    instructions.record(session, "周建华", "全力搜救被困人员，严防次生灾害，30 分钟内报告现场最新情况",
                        given_at=now - timedelta(minutes=8), channel="电话", incident_id=inc,
                        assignee="开发区应急管理局值班室", due_at=now + timedelta(minutes=22))
    instructions.record(session, "王立新", "加强夜间防汛值守，低洼片区转移情况每 2 小时报一次",
                        given_at=now - timedelta(minutes=90), channel="书面",
                        incident_id=incident_ids[0] if incident_ids else None,
                        assignee="板桥街道办事处", due_at=now - timedelta(minutes=30))
    _previous_handover(session, current)
    _zero_reports_and_opinion(session, inc)


ZERO_UNITS = ("朝阳街道", "中云街道", "猴嘴街道", "开发区规划自然资源分局", "开发区住房和城乡建设局", "开发区生态环境分局")


def _zero_reports_and_opinion(session, incident_id: int | None) -> None:
    """Today's 零报告 from the three streets and three departments, 猴嘴街道 not heard from; two 舆情 items."""
    now = session.info["clock"].now()
    settings.put(session, zero_reports.UNITS_KEY, "、".join(ZERO_UNITS), check=False)
    minutes = (55, 48, None, 40, 36, 31)
    for unit, ago in zip(ZERO_UNITS, minutes):
        if ago is None:
            continue
        situation = unit == "中云街道"
        zero_reports.record(session, unit, "situation" if situation else "nothing", at=now - timedelta(minutes=ago),
                            reporter=f"{unit}值班员",
                            note="山后村一处边坡出现裂缝，已设警示牌并安排专人巡查" if situation else "")
    opinion.record(session, "微博", "网传开发区有化工厂爆炸，配图为外地旧照片", heat="中",
                   seen_at=now - timedelta(minutes=25), incident_id=incident_id,
                   response="已核实图片非本地，报区委宣传部（网信办）研判")
    opinion.record(session, "本地论坛", "有网友询问云台山部分路段为何临时封闭", seen_at=now - timedelta(minutes=70))


def _previous_handover(session, current: roster.PlannedShift) -> None:
    """The record with which the previous shift handed over to this one, signed by both."""
    prev = roster.shift_at(session, current.starts_at - timedelta(minutes=1))
    outgoing = next((n for n in roster.names(prev.officer) if n != (session.info["actor"].name)), OFFICERS[1])
    op_out = session.scalar(select(Operator).where(Operator.name == outgoing))
    actor = session.info["actor"]
    if op_out is None:
        return
    session.info["actor"] = auth.Actor(op_out.id, op_out.name, auth.Role(op_out.role))
    row = handover.draft(session, "上一班平稳；板桥街道低洼片区仍在转移，夜间雨势可能加大，注意续报。")
    items = handover.checklist_items(session)
    handover.update(session, row.id, [{"item": i, "ok": i != items[1], "note": "" if i != items[1]
                                       else "1 台电池老化，已报装备科更换"} for i in items])
    session.info["actor"] = actor
    at = current.starts_at - timedelta(minutes=5)
    quiet = {k: [] for k in ("incidents", "clocks", "drafts", "tasks", "instructions", "materials")}
    quiet["shift"] = {"day": prev.day.isoformat(), "label": prev.label, "times": prev.times_text,
                      "leader": prev.leader, "officer": prev.officer}
    quiet["next_shift"] = {"day": current.day.isoformat(), "label": current.label, "times": current.times_text,
                           "leader": current.leader, "officer": current.officer,
                           "starts_at": current.starts_at.isoformat()}
    row.content = {**row.content, **quiet, "assembled_at": to_beijing(at).strftime("%Y-%m-%d %H:%M")}
    row.assembled_at = row.outgoing_signed_at = at
    row.incoming, row.incoming_signed_at = actor.name, current.starts_at + timedelta(minutes=2)
    session.flush()
