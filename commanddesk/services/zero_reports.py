"""零报告 from below: every township (street) and department that must report, checked off day by day. No Qt.

Each Beijing day the units listed in the setting ``zero_report_units`` (blank: every township-level division
in the store) report to the post by the deadline ``zero_report_deadline`` (local practice, 08:30 by default,
so that the county can make its own 09:00 report): either 有情况 (something happened, told in the note) or
无情况. A unit not heard from by the deadline is 逾期未报 and can be chased; every chase is logged.

On ordinary days the checklist is kept but nothing alarms. On a compulsory day — a holiday or sensitive
period on the roster, or while a natural disaster is unstable — the missing units are a deadline like any
other and show on the clock strip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import BEIJING, format_beijing, to_beijing
from ..errors import UserError, ValidationError
from ..models import CLOSED_STATUSES, Incident, Jurisdiction, ZeroReport
from . import roster, settings
from .sites import incident_heading

UNITS_KEY, DEADLINE_KEY = "zero_report_units", "zero_report_deadline"
STATUS_LABELS = {"situation": "有情况", "nothing": "无情况", "awaited": "未报", "missing": "逾期未报"}
MAX_UNITS = 200
_SPLIT = re.compile(r"[、，,;；\n]+")
CLOCK_ID_BASE = 1_000_000_000  # strip ids of zero-report clocks: -(base + day ordinal), never an instruction's


@dataclass(frozen=True)
class UnitLine:
    """One unit on one day's checklist."""

    unit: str
    status: str  # situation / nothing / awaited / missing
    reported_at: datetime | None
    reporter: str
    note: str
    recorded_by: str
    chases: tuple[tuple[datetime, str], ...]

    @property
    def label(self) -> str:
        """The unit's state in words (有情况, 无情况, 未报, 逾期未报)."""
        return STATUS_LABELS[self.status]

    @property
    def reported(self) -> bool:
        """Whether the unit has sent its report, with or without something to report."""
        return self.status in ("situation", "nothing")


@dataclass(frozen=True)
class Checklist:
    """A day's zero reports: who reported, who is awaited or missing, whether the day is compulsory."""

    day: date
    deadline: datetime
    reasons: tuple[str, ...]  # why the day is compulsory; empty on an ordinary day
    lines: tuple[UnitLine, ...]

    @property
    def compulsory(self) -> bool:
        """Whether the 零报告 is required today (there are reasons for it)."""
        return bool(self.reasons)

    @property
    def missing(self) -> list[str]:
        """Units that have not reported at all."""
        return [line.unit for line in self.lines if line.status == "missing"]

    @property
    def outstanding(self) -> list[str]:
        """Units whose report is still to come (awaited or overdue)."""
        return [line.unit for line in self.lines if not line.reported]

    def summary(self) -> str:
        """One sentence for the daily report and the duty page."""
        n = len(self.lines)
        if not n:
            return "未设置须报送零报告的单位。"
        done = [line for line in self.lines if line.reported]
        situation = [line.unit for line in done if line.status == "situation"]
        text = (f"{self.day.month}月{self.day.day}日应报零报告单位 {n} 个（截止 {to_beijing(self.deadline):%H:%M}），"
                f"已报 {len(done)} 个")
        if situation:
            text += f"，其中有情况：{'、'.join(situation)}"
        if self.missing:
            text += f"；逾期未报 {len(self.missing)} 个：{'、'.join(self.missing)}"
        elif self.outstanding:
            text += f"；尚未报 {len(self.outstanding)} 个"
        text += "。"
        if self.reasons:
            text += f"当日须报（{'；'.join(self.reasons)}）。"
        return text


def _now(session: Session) -> datetime:
    return session.info["clock"].now()


def today(session: Session) -> date:
    """The Beijing calendar day now."""
    return to_beijing(_now(session)).date()


def split_units(text: str) -> list[str]:
    """Unit names typed as a list (、，; or one per line), blanks dropped, order kept."""
    return [u.strip() for u in _SPLIT.split(text or "") if u.strip()]


def units(session: Session) -> list[str]:
    """The units that must report: the setting, or every township-level division in the store."""
    listed = split_units(settings.get(session, UNITS_KEY))
    if listed:
        return listed
    return list(session.scalars(select(Jurisdiction.name).where(Jurisdiction.level == "town")
                                .order_by(Jurisdiction.code)))


def check_units(text: str) -> list[str]:
    """The typed list checked: names of at most 60 characters, no repeats, at most MAX_UNITS."""
    names = split_units(text)
    for name in names:
        if len(name) > 60:
            raise ValidationError(f"单位名称过长（最多 60 字）：{name[:20]}…", "units")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError(f"单位重复：{'、'.join(repeated)}。", "units")
    if len(names) > MAX_UNITS:
        raise ValidationError(f"须报送零报告的单位最多 {MAX_UNITS} 个。", "units")
    return names


def set_units(session: Session, text: str) -> list[str]:
    """Store the list of reporting units (the administrator's); blank means every township in the store."""
    names = check_units(text)
    settings.put(session, UNITS_KEY, "、".join(names))
    return units(session)


def parse_deadline(text: str) -> time:
    """A deadline typed as HH:MM; ValidationError in Chinese otherwise."""
    m = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(f"截止时间“{text}”应为 08:30 这样的时刻。", "deadline")
    return time(int(m.group(1)), int(m.group(2)))


def deadline(session: Session, day: date) -> datetime:
    """When *day*'s zero reports are due (Beijing time of the setting, as an aware datetime)."""
    try:
        at = parse_deadline(settings.get(session, DEADLINE_KEY))
    except ValidationError:
        at = parse_deadline(settings.DEFAULTS[DEADLINE_KEY])
    return datetime.combine(day, at, BEIJING)


def reasons(session: Session, day: date) -> tuple[str, ...]:
    """Why *day*'s zero reports are compulsory: holidays and sensitive periods, unstable natural disasters."""
    out = [f"{'法定节假日' if p.kind == 'holiday' else '敏感时段'}：{p.name}" for p in roster.periods_on(session, day)]
    unstable = session.scalars(select(Incident).where(
        Incident.status.not_in(CLOSED_STATUSES), Incident.is_drill.is_(False), Incident.category == "natural")).all()
    out += [f"自然灾害应对中：{incident_heading(i.sync_site, i.site_number, i.id)} {i.title}" for i in unstable if "disaster_unstable" in (i.flags or [])]
    return tuple(out)


def _row(session: Session, day: date, unit: str) -> ZeroReport | None:
    return session.scalar(select(ZeroReport).where(ZeroReport.day == day, ZeroReport.unit == unit))


def _chases(row: ZeroReport | None) -> tuple[tuple[datetime, str], ...]:
    if row is None:
        return ()
    return tuple((datetime.fromisoformat(c["at"]), c.get("by", "")) for c in row.chases or [])


def checklist(session: Session, day: date | None = None) -> Checklist:
    """*day*'s checklist (today by default), in the order of the unit list; units that reported but are no
    longer listed are kept at the end so nothing recorded disappears."""
    day = day or today(session)
    due = deadline(session, day)
    late = _now(session) > due
    rows = {r.unit: r for r in session.scalars(select(ZeroReport).where(ZeroReport.day == day))}
    names = units(session)
    names += [u for u in rows if u not in names and rows[u].status]
    lines = []
    for name in names:
        r = rows.get(name)
        status = r.status if r is not None and r.status else ("missing" if late else "awaited")
        lines.append(UnitLine(name, status, r.reported_at if r else None, r.reporter if r else "",
                              r.note if r else "", r.recorded_by if r else "", _chases(r)))
    return Checklist(day, due, reasons(session, day), tuple(lines))


def _actor_name(session: Session) -> str:
    actor = session.info.get("actor")
    return actor.name if actor is not None else ""


def _known(session: Session, unit: str, day: date) -> str:
    unit = (unit or "").strip()
    if unit not in units(session):
        raise ValidationError(f"“{unit}”不在须报送零报告的单位名单中（在设置页维护名单）。", "unit")
    if day > today(session):
        raise ValidationError("不能登记以后日期的零报告。", "day")
    return unit


def record(session: Session, unit: str, status: str, *, day: date | None = None, reporter: str = "",
           note: str = "", at: datetime | None = None) -> ZeroReport:
    """Check a unit off: 有情况 ("situation", the note says what) or 无情况 ("nothing"), when and by whom."""
    day = day or today(session)
    unit = _known(session, unit, day)
    if status not in ("situation", "nothing"):
        raise ValidationError("报送情况应为“有情况”或“无情况”。", "status")
    note = (note or "").strip()
    if status == "situation" and not note:
        raise ValidationError("有情况时请简要填写报送的情况。", "note")
    now = _now(session)
    at = at or now
    if at > now:
        raise ValidationError("报送时间不能晚于现在。", "at")
    if at < datetime.combine(day - timedelta(days=1), time(0), BEIJING):
        raise ValidationError("报送时间早于该日零报告的报送期。", "at")
    row = _row(session, day, unit)
    if row is not None and row.status:
        raise UserError(f"{unit} {day.month}月{day.day}日的零报告已于 {format_beijing(row.reported_at, seconds=False)} "
                        f"登记（{STATUS_LABELS[row.status]}），不能重复登记。")
    if row is None:
        row = ZeroReport(day=day, unit=unit, chases=[])
        session.add(row)
    row.status, row.reported_at, row.reporter = status, at, (reporter or "").strip()[:60]
    row.note, row.recorded_by = note, _actor_name(session)
    session.flush()
    return row


def chase(session: Session, unit: str, day: date | None = None) -> ZeroReport:
    """Log that the post chased a unit that has not reported (催报), with the time and who chased."""
    day = day or today(session)
    unit = _known(session, unit, day)
    row = _row(session, day, unit)
    if row is not None and row.status:
        raise UserError(f"{unit} 已报送零报告，无需催报。")
    if row is None:
        row = ZeroReport(day=day, unit=unit, chases=[])
        session.add(row)
    row.chases = [*(row.chases or []), {"at": _now(session).isoformat(), "by": _actor_name(session)}]
    session.flush()
    return row


def clock_views(session: Session, drills: bool = False) -> list:
    """Today's outstanding zero reports as one strip clock, on a compulsory day only (none in a drill)."""
    from .clocks import ClockView

    if drills:
        return []
    day = today(session)
    lst = checklist(session, day)
    if not lst.compulsory or not lst.outstanding:
        return []
    n = len(lst.outstanding)
    return [ClockView(-(CLOCK_ID_BASE + day.toordinal()), None, f"下级零报告：{n} 个单位未报",
                      f"零报告（{n} 个单位未报）", "本值班室", lst.deadline, lst.deadline - timedelta(minutes=30))]
