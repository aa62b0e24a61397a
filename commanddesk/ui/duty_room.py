"""The duty routine on the 值班 page: who is on duty now (from the roster) and leaders' instructions not carried out."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..clock import format_beijing, parse_beijing, to_beijing
from ..errors import UserError
from ..services import instructions, opinion, roster, zero_reports
from . import texts, theme
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
        return (QCoreApplication.translate("DutyRoom", "带班领导 %1 · 值班员 %2").replace("%1", p.leader or "—")
                .replace("%2", p.officer or nobody)
                + (QCoreApplication.translate("DutyRoom", " · 备勤 %1").replace("%1", p.backup) if p.backup else ""))
    text = (QCoreApplication.translate("DutyRoom", "本班 %1：").replace(
        "%1", f"{texts.t(now.label)} {texts.times_text(now.times_text)}") + people(now)
            + QCoreApplication.translate("DutyRoom", "　｜　%1 交接班，下一班：").replace("%1", to_beijing(now.ends_at).strftime("%H:%M")) + people(nxt))
    if gaps:
        text += QCoreApplication.translate("DutyRoom", "　｜　无人值班：") + "、".join(texts.shift_text(g.day, g.label) for g in gaps[:3])
    return text, bool(gaps) or now.uncovered


def _box(name: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
    """A list box of the duty page's corner: the widget, its layout, and the line for refusals."""
    box = QWidget()
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    message = QLabel()
    message.setWordWrap(True)
    theme.mark(message, "error")
    return box, layout, message


def _buttons(layout: QVBoxLayout, message: QLabel, buttons: list) -> None:
    """The refusal line and a row of (text, object name, action) buttons at the foot of a list box."""
    bar = QHBoxLayout()
    for text, name, action in buttons:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(action)
        bar.addWidget(b)
    bar.addStretch(1)
    layout.addWidget(message)
    layout.addLayout(bar)


def _chosen(rows: list, table: TextTable):
    """The row behind the table's selection, or None."""
    return rows[table.current()] if table.current() is not None else None


def instructions_table(ctx) -> QWidget:
    """Open leaders' instructions, earliest feedback due first, overdue ones in red; buttons to record and close."""
    now = ctx.store.clock.now()
    with ctx.store.read() as s:
        rows = instructions.open_(s)
    box, layout, message = _box("duty_instructions_box")
    if rows:
        t = TextTable(["领导", "批示", "承办", "反馈时限"], "duty_instructions", stretch=1, elastic=(1, 2))
        t.fill([TextRow([v.leader, v.text, v.assignee,
                         (to_beijing(v.due_at).strftime("%H:%M") + (QCoreApplication.translate("DutyRoom", " 超时") if v.overdue(now) else ""))
                         if v.due_at else "—"],
                        cell_fg={3: "#c62828"} if v.overdue(now) else {},
                        tip=f"{v.leader} {format_beijing(v.given_at, seconds=False)}（{v.channel}）\n{v.text}"
                            + (f"\n事件：{v.incident_number} {v.incident_title}" if v.incident_id else ""))
                for v in rows])
        layout.addWidget(t, 1)
    else:
        t = None
        layout.addWidget(QLabel(QCoreApplication.translate("DutyRoom", "没有未落实的领导批示。")), 1)
    buttons = [(QCoreApplication.translate("DutyRoom", "记录批示…"), "instruction_add", lambda: record_dialog(ctx, box))]
    if t is not None:
        buttons.append((QCoreApplication.translate("DutyRoom", "落实反馈…"), "instruction_done",
                        lambda: done_dialog(ctx, box, _chosen(rows, t), message)))
    _buttons(layout, message, buttons)
    box.table, box.rows = t, rows
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


# how a unit stands on the checklist, and the heat of an item, as shown (texts for t())
STATUS_TEXT = {"situation": "有情况", "nothing": "无情况", "awaited": "未报", "missing": "逾期未报"}
HEAT_TEXT = ("低", "中", "高")


def zero_report_title(ctx) -> tuple[str, bool]:
    """(tab text, alarming): today's outstanding 零报告 count; alarming once units are past the deadline."""
    with ctx.store.read() as s:
        lst = zero_reports.checklist(s)
    if not lst.lines:
        return QCoreApplication.translate("DutyRoom", "零报告"), False
    if lst.outstanding:
        late = bool(lst.missing)
        return (QCoreApplication.translate("DutyRoom", "零报告（%1 逾期）") if late else QCoreApplication.translate("DutyRoom", "零报告（%1 未报）")).replace("%1", str(len(lst.outstanding))), late
    return QCoreApplication.translate("DutyRoom", "零报告（已齐）"), False


def zero_report_table(ctx) -> QWidget:
    """Today's checklist of the units below: reported (有情况/无情况, when, who), awaited, or late in red;
    buttons to check a unit off and to log a chase (催报) of the selected one."""
    with ctx.store.read() as s:
        lst = zero_reports.checklist(s)
    box, layout, message = _box("duty_zero_box")
    due = QCoreApplication.translate("DutyRoom", "截止 %1").replace("%1", to_beijing(lst.deadline).strftime("%H:%M"))
    head = QLabel(due + ("　" + QCoreApplication.translate("DutyRoom", "当日须报（%1 项原因）").replace("%1", str(len(lst.reasons)))
                         if lst.reasons else ""))
    head.setObjectName("duty_zero_head")
    head.setToolTip("\n".join(lst.reasons))  # one line whatever the reasons, so the tab keeps its height
    layout.addWidget(head)
    t = TextTable(["单位", "情况", "报送", "催报"], "duty_zero", stretch=0, elastic=(0, 1))
    rows = []
    for line in lst.lines:
        when = to_beijing(line.reported_at).strftime("%H:%M") if line.reported_at else "—"
        chased = (QCoreApplication.translate("DutyRoom", "%1 次，末次 %2").replace("%1", str(len(line.chases)))
                  .replace("%2", to_beijing(line.chases[-1][0]).strftime("%H:%M")) if line.chases else "—")
        tip = "　".join(x for x in (line.unit, line.reporter, line.note) if x)
        if line.recorded_by:
            tip += ("\n" if tip else "") + QCoreApplication.translate("DutyRoom", "登记：%1").replace("%1", line.recorded_by)
        rows.append(TextRow([line.unit, texts.t(STATUS_TEXT[line.status]), when, chased], tip=tip,
                            cell_fg={1: "#c62828"} if line.status == "missing" else {}))
    t.fill(rows)
    layout.addWidget(t, 1)
    _buttons(layout, message, [
        (QCoreApplication.translate("DutyRoom", "登记报送…"), "zero_record",
         lambda: zero_record_dialog(ctx, box, lst, t.current())),
        (QCoreApplication.translate("DutyRoom", "催报"), "zero_chase", lambda: _chase(ctx, lst, t.current(), message))])
    box.findChild(QPushButton, "zero_chase").setToolTip(
        QCoreApplication.translate("DutyRoom", "记下已向选中的单位催报（时间和催报人）"))
    box.table = t
    return box


def _chase(ctx, lst, row: int | None, message: QLabel) -> None:
    if row is None:
        message.setText(QCoreApplication.translate("DutyRoom", "请先选中一个未报的单位。"))
        return
    try:
        with ctx.store.transaction() as s:
            zero_reports.chase(s, lst.lines[row].unit, lst.day)
    except UserError as e:
        message.setText(str(e))
        return
    ctx.notifier.sig_data_changed.emit("zero_reports")


def zero_record_dialog(ctx, parent, lst, row: int | None) -> FormDialog:
    """Check a unit off: 无情况 or 有情况 with what was reported, who reported it and when."""
    now = ctx.store.clock.now()
    waiting = [line.unit for line in lst.lines if not line.reported]
    chosen = lst.lines[row].unit if row is not None and not lst.lines[row].reported else None
    order = ([chosen] if chosen else []) + [u for u in waiting if u != chosen]

    def save(values: dict) -> None:
        at = parse_beijing(values["at"], now) if values["at"].strip() else None
        with ctx.store.transaction() as s:
            zero_reports.record(s, values["unit"], values["status"], day=lst.day, reporter=values["reporter"],
                                note=values["note"], at=at)
        ctx.notifier.sig_data_changed.emit("zero_reports")

    dlg = FormDialog("登记零报告", [
        ("unit", "单位", {u: u for u in order} or {"": "（各单位均已报送）"}),
        ("status", "情况", {"nothing": "无情况", "situation": "有情况"}),
        ("note", "报送内容（有情况时必填）", ""), ("reporter", "报送人", ""),
        ("at", "报送时间", to_beijing(now).strftime("%H:%M"))], save, parent=parent)
    dlg.setObjectName("zero_record_dialog")
    dlg.open()
    return dlg


def opinion_table(ctx) -> QWidget:
    """The latest 舆情 items, hot ones in red; buttons to log an item and to record a response."""
    with ctx.store.read() as s:
        rows = opinion.recent(s, 30)
    box, layout, message = _box("duty_opinion_box")
    t = None
    if rows:
        t = TextTable(["时间", "来源", "内容", "热度"], "duty_opinion", stretch=2, elastic=(2,))
        t.fill([TextRow([to_beijing(v.seen_at).strftime("%H:%M"), v.source, v.text, texts.t(v.heat)],
                        cell_fg={3: "#c62828"} if v.heat == "高" else {},
                        tip=f"{format_beijing(v.seen_at, seconds=False)} {v.source}\n{v.text}"
                            + (f"\n{v.link}" if v.link else "")
                            + (f"\n事件：{v.incident_number} {v.incident_title}" if v.incident_id else "")
                            + (f"\n应对：{v.response}" if v.response else "\n" + QCoreApplication.translate("DutyRoom", "尚未采取应对措施")))
                for v in rows])
        layout.addWidget(t, 1)
    else:
        layout.addWidget(QLabel(QCoreApplication.translate("DutyRoom", "尚无舆情记录。")), 1)
    buttons = [(QCoreApplication.translate("DutyRoom", "记录舆情…"), "opinion_add", lambda: opinion_dialog(ctx, box))]
    if t is not None:
        buttons.append((QCoreApplication.translate("DutyRoom", "应对…"), "opinion_respond",
                        lambda: respond_dialog(ctx, box, _chosen(rows, t), message)))
    _buttons(layout, message, buttons)
    box.table = t
    return box


def opinion_dialog(ctx, parent) -> FormDialog:
    """Log a public-opinion item."""
    now = ctx.store.clock.now()

    def save(values: dict) -> None:
        seen = parse_beijing(values["seen_at"], now) if values["seen_at"].strip() else None
        inc = values["incident"].strip().lstrip("#")
        if inc and not inc.isdigit():
            raise UserError(QCoreApplication.translate("DutyRoom", "事件编号应为数字（如 3），不针对事件可留空。"))
        with ctx.store.transaction() as s:
            opinion.record(s, values["source"], values["text"], heat=values["heat"], link=values["link"],
                           seen_at=seen, incident_id=int(inc) if inc else None, response=values["response"])
        ctx.notifier.sig_data_changed.emit("opinion")

    dlg = FormDialog("记录舆情", [
        ("source", "来源", {x: x for x in opinion.SOURCES}), ("seen_at", "发现时间", to_beijing(now).strftime("%H:%M")),
        ("text", "内容摘要", ""), ("link", "链接", ""), ("heat", "热度", dict(zip(opinion.HEATS, HEAT_TEXT))),
        ("incident", "事件编号", ""), ("response", "已采取的应对", "")], save, parent=parent)
    dlg.setObjectName("opinion_dialog")
    dlg.open()
    return dlg


def respond_dialog(ctx, parent, view, message: QLabel) -> FormDialog | None:
    """Record the response taken to the chosen item (and its heat now)."""
    if view is None:
        message.setText(QCoreApplication.translate("DutyRoom", "请先选中一条舆情。"))
        return None

    def save(values: dict) -> None:
        with ctx.store.transaction() as s:
            opinion.respond(s, view.id, values["response"], values["heat"])
        ctx.notifier.sig_data_changed.emit("opinion")

    heats = {view.heat: view.heat, **dict(zip(opinion.HEATS, HEAT_TEXT))}
    dlg = FormDialog(f"舆情应对：{view.source}", [("response", "应对措施", ""), ("heat", "当前热度", heats)], save,
                     intro=view.text, parent=parent)
    dlg.setObjectName("opinion_respond_dialog")
    dlg.open()
    return dlg
