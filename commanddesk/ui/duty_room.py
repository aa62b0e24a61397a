"""The duty routine on the 值班 page: who is on duty now (from the roster) and leaders' instructions not carried out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ..clock import format_beijing, to_beijing
from ..services import instructions, roster
from .text_table import TextRow, TextTable


def _tr(text: str) -> str:
    return QCoreApplication.translate("DutyRoom", text)


def roster_text(ctx) -> tuple[str, bool]:
    """(line, alarming): this shift's people from the roster, the next shift and the handover time, gaps ahead."""
    with ctx.store.read() as s:
        now = roster.now(s)
        nxt = roster.following(s, now)
        gaps = roster.gaps(s, 7)
    def people(p):
        return (f"带班领导 {p.leader or '—'} · 值班员 {p.officer or _tr('（未排班）')}"
                + (f" · 备勤 {p.backup}" if p.backup else ""))
    text = (_tr("本班 %1：").replace("%1", f"{now.label} {now.times_text}") + people(now)
            + _tr("　｜　%1 交接班，下一班：").replace("%1", to_beijing(now.ends_at).strftime("%H:%M")) + people(nxt))
    if gaps:
        text += _tr("　｜　无人值班：") + "、".join(f"{g.day.month}月{g.day.day}日{g.label}" for g in gaps[:3])
    return text, bool(gaps) or now.uncovered


def instructions_table(ctx) -> QWidget:
    """Open leaders' instructions, earliest feedback due first; overdue ones in red."""
    now = ctx.store.clock.now()
    with ctx.store.read() as s:
        rows = instructions.open_(s)
    if not rows:
        return QLabel(_tr("没有未落实的领导批示。"))
    t = TextTable(["领导", "批示", "承办", "反馈时限"], "duty_instructions", stretch=1, elastic=(1, 2))
    t.fill([TextRow([v.leader, v.text, v.assignee,
                     (to_beijing(v.due_at).strftime("%H:%M") + (_tr(" 已超时") if v.overdue(now) else ""))
                     if v.due_at else "—"],
                    cell_fg={3: "#c62828"} if v.overdue(now) else {},
                    tip=f"{v.leader} {format_beijing(v.given_at, seconds=False)}（{v.channel}）\n{v.text}"
                        + (f"\n事件：#{v.incident_id} {v.incident_title}" if v.incident_id else ""))
            for v in rows])
    return t
