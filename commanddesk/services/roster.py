"""The duty roster (值班表): shifts by Beijing day, who is on duty now, gaps ahead, Excel in and out. No Qt.

Shift times come from the setting ``roster_shift_starts`` ("08:30,17:30" by default): each shift runs
from its start to the next start of the same day, the last one to the first start of the next day,
so the night shift 17:30–08:30 crosses midnight and belongs to the day it began on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import BEIJING, ensure_utc, to_beijing
from ..errors import UserError, ValidationError
from ..models import Contact, DutyPeriod, RosterShift
from . import audit, auth, settings
from .spreadsheets import CellError, ImportResult, put, rows_of

DEFAULT_STARTS = "08:30,17:30"
PERIOD_KINDS = {"holiday": "法定节假日", "sensitive": "敏感时段"}
HEADERS = ("日期", "班次", "带班领导", "值班员", "备勤", "备注")
FIELD_OF = {"带班领导": "leader", "值班员": "officer", "备勤": "backup", "备注": "note"}
MAX_LEN = {"leader": 100, "officer": 100, "backup": 100, "note": 200}
SEPARATORS = "、,，;；/ "


def parse_starts(text: str) -> tuple[time, ...]:
    """Shift start times from "08:30,17:30" (ascending, at least one); ValidationError in Chinese otherwise."""
    out = []
    for part in (text or "").replace("，", ",").split(","):
        part = part.strip().replace("：", ":")
        if not part:
            continue
        try:
            h, m = part.split(":")
            out.append(time(int(h), int(m)))
        except ValueError:
            raise ValidationError(f"班次开始时间“{part}”不是 时:分（如 08:30）。", "roster_shift_starts") from None
    if not out or sorted(set(out)) != out:
        raise ValidationError("班次开始时间须至少一个，且按先后排列、不重复（如 08:30,17:30）。", "roster_shift_starts")
    return tuple(out)


def starts(session: Session) -> tuple[time, ...]:
    """The configured shift start times (the default when the setting cannot be read)."""
    try:
        return parse_starts(settings.get(session, "roster_shift_starts") or DEFAULT_STARTS)
    except ValidationError:
        return parse_starts(DEFAULT_STARTS)


def set_starts(session: Session, text: str) -> tuple[time, ...]:
    """Change the shift start times (e.g. "08:30,17:30"); refused in Chinese unless they read."""
    times = parse_starts(text)
    settings.put(session, "roster_shift_starts", ",".join(t.strftime("%H:%M") for t in times))
    return times


def slot_label(slot: int, n: int) -> str:
    """白班 / 夜班 for the usual two shifts, 第N班 otherwise."""
    if n == 2:
        return ("白班", "夜班")[slot]
    if n == 1:
        return "全天班"
    return f"第{slot + 1}班"


def span(day: date, slot: int, times: tuple[time, ...]) -> tuple[datetime, datetime]:
    """(start, end) of shift *slot* of Beijing *day*, aware UTC; the last shift ends the next morning."""
    start = datetime.combine(day, times[slot], BEIJING)
    end = (datetime.combine(day, times[slot + 1], BEIJING) if slot + 1 < len(times)
           else datetime.combine(day + timedelta(days=1), times[0], BEIJING))
    return ensure_utc(start), ensure_utc(end)


def slot_at(when: datetime, times: tuple[time, ...]) -> tuple[date, int]:
    """The (Beijing day, slot) of the shift running at *when*."""
    local = to_beijing(when)
    for day in (local.date(), local.date() - timedelta(days=1)):
        for slot in range(len(times)):
            a, b = span(day, slot, times)
            if a <= when < b:
                return day, slot
    raise AssertionError("shifts cover the whole day")  # pragma: no cover


def names(text: str) -> list[str]:
    """The people of a roster cell (张三、李四 → [张三, 李四])."""
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [n for n in (p.strip() for p in text.split(SEPARATORS[0])) if n]


@dataclass(frozen=True)
class PlannedShift:
    """One shift as the roster has it (or an empty one when nothing is planned)."""

    day: date
    slot: int
    label: str
    starts_at: datetime
    ends_at: datetime
    leader: str = ""
    officer: str = ""
    backup: str = ""
    note: str = ""
    id: int | None = None
    version: int | None = None

    @property
    def uncovered(self) -> bool:
        """Nobody on the roster as 值班员 for this shift."""
        return not self.officer.strip()

    @property
    def times_text(self) -> str:
        """e.g. 17:30–次日08:30."""
        a, b = to_beijing(self.starts_at), to_beijing(self.ends_at)
        nxt = "次日" if b.date() != a.date() else ""
        return f"{a:%H:%M}–{nxt}{b:%H:%M}"

    def people(self) -> list[str]:
        """Everybody rostered on this shift."""
        return names(self.leader) + names(self.officer) + names(self.backup)


@dataclass(frozen=True)
class DayPlan:
    """One Beijing day of the month view: its shifts and the periods that mark it."""

    day: date
    shifts: tuple[PlannedShift, ...]
    marks: tuple[str, ...]  # e.g. ("法定节假日：元旦",)

    @property
    def holiday(self) -> bool:
        """Whether a holiday covers the day."""
        return any(m.startswith(PERIOD_KINDS["holiday"]) for m in self.marks)

    @property
    def sensitive(self) -> bool:
        """Whether a sensitive period covers the day."""
        return any(m.startswith(PERIOD_KINDS["sensitive"]) for m in self.marks)


def _planned(row: RosterShift | None, day: date, slot: int, times: tuple[time, ...]) -> PlannedShift:
    a, b = span(day, slot, times)
    label = slot_label(slot, len(times))
    if row is None:
        return PlannedShift(day, slot, label, a, b)
    return PlannedShift(day, slot, label, a, b, row.leader, row.officer, row.backup, row.note, row.id, row.version)


def _rows(session: Session, first: date, last: date) -> dict[tuple[date, int], RosterShift]:
    return {(r.day, r.slot): r for r in session.scalars(
        select(RosterShift).where(RosterShift.day >= first, RosterShift.day <= last))}


def days(session: Session, first: date, last: date) -> list[DayPlan]:
    """Every day from *first* to *last* with all its shifts (planned or empty) and its marks."""
    times = starts(session)
    rows = _rows(session, first, last)
    periods = list(session.scalars(select(DutyPeriod).where(DutyPeriod.first_day <= last,
                                                            DutyPeriod.last_day >= first)
                                   .order_by(DutyPeriod.first_day)))
    out = []
    d = first
    while d <= last:
        marks = tuple(f"{PERIOD_KINDS.get(p.kind, p.kind)}：{p.name}" for p in periods
                      if p.first_day <= d <= p.last_day)
        out.append(DayPlan(d, tuple(_planned(rows.get((d, s)), d, s, times) for s in range(len(times))), marks))
        d += timedelta(days=1)
    return out


def month(session: Session, year: int, month_: int) -> list[DayPlan]:
    """The days of a month."""
    first = date(year, month_, 1)
    last = (date(year + month_ // 12, month_ % 12 + 1, 1)) - timedelta(days=1)
    return days(session, first, last)


def shift_at(session: Session, when: datetime) -> PlannedShift:
    """The shift running at *when* as rostered (empty names when nobody is)."""
    times = starts(session)
    day, slot = slot_at(when, times)
    row = session.scalar(select(RosterShift).where(RosterShift.day == day, RosterShift.slot == slot))
    return _planned(row, day, slot, times)


def now(session: Session) -> PlannedShift:
    """The shift on duty now, by the injected clock."""
    return shift_at(session, session.info["clock"].now())


def following(session: Session, shift: PlannedShift) -> PlannedShift:
    """The shift after *shift*."""
    return shift_at(session, shift.ends_at)


def gaps(session: Session, days_ahead: int = 7) -> list[PlannedShift]:
    """Shifts from now to *days_ahead* days on with nobody rostered as 值班员 (the current one included)."""
    current = now(session)
    limit = current.starts_at + timedelta(days=days_ahead)
    found = [p for d in days(session, current.day, current.day + timedelta(days=days_ahead))
             for p in d.shifts if p.ends_at > current.starts_at and p.starts_at < limit and p.uncovered]
    return found


def phone_of(session: Session, name: str) -> str:
    """The phone to call a rostered person on, from the 通讯录: the mobile, else the office phone; "" when the
    name is not in the contacts or names two people (a wrong number is worse than none)."""
    rows = session.execute(select(Contact.mobile, Contact.office_phone).where(Contact.name == name.strip())
                           .limit(2)).all()
    if len(rows) != 1:
        return ""
    mobile, office = rows[0]
    return (mobile or office or "").strip()


def on_roster(shift: PlannedShift, name: str) -> bool:
    """Whether *name* is rostered on *shift* (as 带班领导, 值班员 or 备勤)."""
    return name.strip() in shift.people()


def sign_in_warning(session: Session, name: str) -> str:
    """A sentence when *name* is not on the roster for the shift running now.

    "" when they are, and when nobody is rostered on it at all (a post without a roster yet, or a gap,
    which ``gaps`` flags instead).
    """
    current = now(session)
    if on_roster(current, name) or not current.people():
        return ""
    who = "、".join(names(current.officer)) or "（无人）"
    return (f"{name} 不在本班（{current.day:%m月%d日}{current.label} {current.times_text}）的值班表上；"
            f"本班值班员：{who}。")


def record_off_roster(session: Session, shift_id: int | None, name: str, reason: str) -> None:
    """Audit that *name* signed in off the roster, with the reason they gave (required)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("不在值班表上签到须说明原因（如 替班、临时加班）。", "reason")
    current = now(session)
    audit.record(session, "sign_in_off_roster", "shift", str(shift_id or ""), None,
                 {"name": name, "reason": reason, "roster_day": current.day.isoformat(), "slot": current.slot,
                  "rostered": current.officer})


def _clean(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_LEN[field]:
        raise ValidationError(f"内容过长（最多 {MAX_LEN[field]} 字）。", field)
    return value


def set_shift(session: Session, day: date, slot: int, *, leader: str = "", officer: str = "", backup: str = "",
              note: str = "", expected_version: int | None = None) -> RosterShift:
    """Plan or change one shift (an empty shift stays as a row with no names); duty roles only."""
    auth.require(session.info.get("actor"), auth.Permission.RECORD_CALL, "编排值班表")
    times = starts(session)
    if not 0 <= slot < len(times):
        raise ValidationError(f"没有第 {slot + 1} 个班次。", "slot")
    values = {"leader": _clean(leader, "leader"), "officer": _clean(officer, "officer"),
              "backup": _clean(backup, "backup"), "note": _clean(note, "note")}
    row = session.scalar(select(RosterShift).where(RosterShift.day == day, RosterShift.slot == slot))
    if row is not None and expected_version is not None and row.version != expected_version:
        raise ValidationError("这一班刚被别的席位改过，请刷新后再改。", "version")
    a, b = span(day, slot, times)
    if row is None:
        row = RosterShift(day=day, slot=slot, starts_at=a, ends_at=b, **values)
        session.add(row)
    else:
        for k, v in values.items():
            if getattr(row, k) != v:
                setattr(row, k, v)
        if row.starts_at != a or row.ends_at != b:
            row.starts_at, row.ends_at = a, b
    session.flush()
    return row


def add_period(session: Session, kind: str, name: str, first: date, last: date) -> DutyPeriod:
    """Mark a holiday or sensitive period (inclusive Beijing dates); duty roles only."""
    auth.require(session.info.get("actor"), auth.Permission.RECORD_CALL, "标注节假日与敏感时段")
    if kind not in PERIOD_KINDS:
        raise ValidationError(f"未知时段类型：{kind}（应为 法定节假日 或 敏感时段）。", "kind")
    name = name.strip()
    if not name:
        raise ValidationError("请填写时段名称（如 元旦、全国两会）。", "name")
    if last < first:
        raise ValidationError("结束日期早于开始日期。", "last_day")
    p = DutyPeriod(kind=kind, name=name[:100], first_day=first, last_day=last)
    session.add(p)
    session.flush()
    return p


def periods_on(session: Session, day: date) -> list[DutyPeriod]:
    """The holidays and sensitive periods covering *day*."""
    return list(session.scalars(select(DutyPeriod).where(DutyPeriod.first_day <= day, DutyPeriod.last_day >= day)))


# --- Excel -----------------------------------------------------------------------------------

def export_xlsx(session: Session, first: date, last: date, path: Path | str) -> int:
    """Write the roster from *first* to *last* (one row per shift, empty ones too); returns the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "值班表"
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    n = 0
    for d in days(session, first, last):
        for p in d.shifts:
            n += 1
            for c, value in enumerate([p.day.isoformat(), p.label, p.leader, p.officer, p.backup, p.note], start=1):
                put(ws, n + 1, c, value)
    for col, width in zip("ABCDEF", (12, 8, 14, 20, 14, 24)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return n


def _read_day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def check_xlsx(session: Session, path: Path | str) -> tuple[list[tuple[date, int, dict]], int, list[CellError]]:
    """Read a roster workbook: the planned shifts, the row count and every refused cell (in Chinese)."""
    try:  # the same guarded reader as the registries' sheets (zip bombs, forged dimensions, row limit)
        rows = rows_of(path, "值班表")
    except UserError as exc:
        return [], 0, [CellError(1, "", "", exc.message)]
    if not rows:
        return [], 0, [CellError(1, "", "", "工作表是空的。")]
    header = [str(h or "").strip() for h in rows[0]]
    errors: list[CellError] = []
    where = {}
    for name in HEADERS:
        if name in header:
            where[name] = header.index(name)
        elif name in ("日期", "班次", "值班员"):
            errors.append(CellError(1, "", name, f"缺少“{name}”列。"))
    if errors:
        return [], 0, errors
    times = starts(session)
    labels = {slot_label(s, len(times)): s for s in range(len(times))}
    labels.update({f"第{s + 1}班": s for s in range(len(times))})
    letter = {name: chr(ord("A") + i) if i < 26 else f"第{i + 1}" for name, i in where.items()}
    planned, seen, n = [], {}, 0
    for r, values in enumerate(rows[1:], start=2):
        cell = lambda name: (values[where[name]] if name in where and where[name] < len(values) else None)  # noqa: E731
        if all(v in (None, "") for v in values):
            continue
        n += 1
        day = _read_day(cell("日期"))
        if day is None:
            errors.append(CellError(r, letter["日期"], "日期", f"“{cell('日期') or ''}”不是日期（如 2026-12-01）。"))
        slot_text = str(cell("班次") or "").strip()
        slot = labels.get(slot_text)
        if slot is None:
            errors.append(CellError(r, letter["班次"], "班次",
                                    f"“{slot_text}”不是班次（应为 {' 或 '.join(slot_label(s, len(times)) for s in range(len(times)))}）。"))
        values_of = {}
        for name, field in FIELD_OF.items():
            text = str(cell(name) or "").strip()
            if len(text) > MAX_LEN[field]:
                errors.append(CellError(r, letter[name], name, f"内容过长（最多 {MAX_LEN[field]} 字）。"))
            values_of[field] = text
        if not values_of["officer"]:
            errors.append(CellError(r, letter["值班员"], "值班员", "值班员不能为空（无人值班的班次请不要列出）。"))
        if day is not None and slot is not None:
            if (day, slot) in seen:
                errors.append(CellError(r, letter["日期"], "日期",
                                        f"{day.isoformat()} {slot_text} 与第 {seen[(day, slot)]} 行重复。"))
            seen[(day, slot)] = r
            planned.append((day, slot, values_of))
    if not n and not errors:
        errors.append(CellError(2, "", "", "没有任何班次。"))
    return planned, n, errors


def import_xlsx(session: Session, path: Path | str) -> ImportResult:
    """Import a roster workbook, all or nothing: with any refused cell nothing changes."""
    planned, n, errors = check_xlsx(session, path)
    if errors:
        return ImportResult("roster", n, 0, 0, 0, tuple(errors))
    created = updated = unchanged = 0
    existing = {(r.day, r.slot): r for r in session.scalars(select(RosterShift).where(
        RosterShift.day.in_(sorted({d for d, _s, _v in planned}))))}
    for day, slot, values in planned:
        row = existing.get((day, slot))
        if row is None:
            created += 1
        elif all(getattr(row, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        else:
            updated += 1
        set_shift(session, day, slot, **values)
    return ImportResult("roster", n, created, updated, unchanged, ())
