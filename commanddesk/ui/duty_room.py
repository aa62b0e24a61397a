"""The duty routine on the 值班 page: who is on duty now (from the roster) and leaders' instructions not carried out."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..clock import format_beijing, parse_beijing, to_beijing
from ..errors import UserError
from ..services import instructions, roster
from . import theme
from .dialogs import FormDialog
from .text_table import TextRow, TextTable


def roster_text(ctx) -> tuple[str, bool]:
    """(line, alarming): this shift's people from the roster, the next shift and the handover time, gaps ahead."""
    with ctx.store.read() as s:
        now = roster.now(s)
        nxt = roster.following(s, now)
        gaps = roster.gaps(s, 7)

    nobody = QCoreApplication.translate("DutyRoom", "（未排班）")

    def people(p):
        return (f"带班领导 {p.leader or '—'} · 值班员 {p.officer or nobody}"
                + (f" · 备勤 {p.backup}" if p.backup else ""))
    text = (QCoreApplication.translate("DutyRoom", "本班 %1：").replace("%1", f"{now.label} {now.times_text}") + people(now)
            + QCoreApplication.translate("DutyRoom", "　｜　%1 交接班，下一班：").replace("%1", to_beijing(now.ends_at).strftime("%H:%M")) + people(nxt))
    if gaps:
        text += QCoreApplication.translate("DutyRoom", "　｜　无人值班：") + "、".join(f"{g.day.month}月{g.day.day}日{g.label}" for g in gaps[:3])
    return text, bool(gaps) or now.uncovered


def instructions_table(ctx) -> QWidget:
    """Open leaders' instructions, earliest feedback due first, overdue ones in red; buttons to record and close."""
    now = ctx.store.clock.now()
    with ctx.store.read() as s:
        rows = instructions.open_(s)
    box = QWidget()
    box.setObjectName("duty_instructions_box")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    message = QLabel()
    message.setWordWrap(True)
    theme.mark(message, "error")
    if rows:
        t = TextTable(["领导", "批示", "承办", "反馈时限"], "duty_instructions", stretch=1, elastic=(1, 2))
        t.fill([TextRow([v.leader, v.text, v.assignee,
                         (to_beijing(v.due_at).strftime("%H:%M") + (QCoreApplication.translate("DutyRoom", " 超时") if v.overdue(now) else ""))
                         if v.due_at else "—"],
                        cell_fg={3: "#c62828"} if v.overdue(now) else {},
                        tip=f"{v.leader} {format_beijing(v.given_at, seconds=False)}（{v.channel}）\n{v.text}"
                            + (f"\n事件：#{v.incident_id} {v.incident_title}" if v.incident_id else ""))
                for v in rows])
        layout.addWidget(t, 1)
    else:
        t = None
        layout.addWidget(QLabel(QCoreApplication.translate("DutyRoom", "没有未落实的领导批示。")), 1)
    bar = QHBoxLayout()
    add_b = QPushButton(QCoreApplication.translate("DutyRoom", "记录批示…"))
    add_b.setObjectName("instruction_add")
    add_b.clicked.connect(lambda: record_dialog(ctx, box))
    bar.addWidget(add_b)
    if t is not None:
        done_b = QPushButton(QCoreApplication.translate("DutyRoom", "落实反馈…"))
        done_b.setObjectName("instruction_done")
        done_b.clicked.connect(lambda: done_dialog(ctx, box, rows[t.current()] if t.current() is not None else None,
                                                   message))
        bar.addWidget(done_b)
    bar.addStretch(1)
    layout.addWidget(message)
    layout.addLayout(bar)
    box.table = t
    return box


def record_dialog(ctx, parent) -> FormDialog:
    """Ask for a new instruction and record it."""
    now = ctx.store.clock.now()

    def save(values: dict) -> None:
        given = parse_beijing(values["given_at"], now) if values["given_at"].strip() else None
        minutes = values["due_minutes"].strip()
        if minutes and not minutes.isdigit():
            raise UserError(QCoreApplication.translate("DutyRoom", "反馈时限请填分钟数（如 30），不需要可留空。"))
        inc = values["incident"].strip().lstrip("#")
        if inc and not inc.isdigit():
            raise UserError(QCoreApplication.translate("DutyRoom", "事件编号应为数字（如 3），不针对事件可留空。"))
        with ctx.store.transaction() as s:
            instructions.record(s, values["leader"], values["text"], given_at=given, channel=values["channel"],
                                incident_id=int(inc) if inc else None, assignee=values["assignee"],
                                due_at=(given or now) + timedelta(minutes=int(minutes)) if minutes else None)
        ctx.notifier.sig_data_changed.emit("instructions")

    dlg = FormDialog("记录领导批示", [
        ("leader", "批示领导", ""), ("channel", "接收方式", {c: c for c in instructions.CHANNELS}),
        ("given_at", "批示时间", to_beijing(now).strftime("%H:%M")), ("text", "批示内容", ""),
        ("incident", "事件编号", ""), ("assignee", "承办", ""), ("due_minutes", "反馈时限（分钟）", "30")],
        save, parent=parent)
    dlg.setObjectName("instruction_dialog")
    dlg.open()
    return dlg


def done_dialog(ctx, parent, view, message: QLabel) -> FormDialog | None:
    """Record how the chosen instruction was carried out."""
    if view is None:
        message.setText(QCoreApplication.translate("DutyRoom", "请先选中一条批示。"))
        return None

    def save(values: dict) -> None:
        with ctx.store.transaction() as s:
            instructions.complete(s, view.id, values["feedback"])
        ctx.notifier.sig_data_changed.emit("instructions")

    dlg = FormDialog(f"落实反馈：{view.leader}批示", [("feedback", "落实情况", "")], save,
                     intro=view.text, parent=parent)
    dlg.setObjectName("instruction_done_dialog")
    dlg.open()
    return dlg
