"""CAP 1.2 export of a warning or an incident notice (预警信息 / 事件信息 out). No Qt.

``export_warning`` and ``export_incident`` build one CAP alert from the register,
validate it against the bundled CAP 1.2 schema (``cap_write.render``) and return
its bytes; anything that would not validate raises ``CapError`` before the
caller writes a byte. Inside the caller's transaction each export:

* takes the next GB/T 35965.1 identifier of the post's issuing unit (setting
  ``cap_unit_code``, 14 digits), kept in the ``setting`` table as the last one
  issued (``cap_last_identifier``, read with a row lock on PostgreSQL) so two
  exports never share one, even in the same second;
* remembers what it exported (``cap_out:warning:N`` / ``cap_out:incident:N``) so
  the next export of the same warning or incident is an ``Update`` referencing
  it, and a lifted warning exports as a ``Cancel``.

Drill warnings and incidents (and everything in a drill workspace) export with
status ``Exercise``, never ``Actual``. Both settings rows are written through the
session, so the audit log records who exported what.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import cap_write
from ..cap import CapError
from ..models import HazardWarning, Incident, Jurisdiction, Setting, WarningMessage
from ..paths import PACKAGE_DATA
from . import auth, settings
from .sites import incident_heading
from . import incidents as incident_service
from . import warnings as warning_service

UNIT_SETTING = "cap_unit_code"
LAST_SETTING = "cap_last_identifier"

# our warning types → CAP category (hydrological warnings are Met in CAP, which has no Hydro)
WARNING_CATEGORY = {"geological": "Geo", "forest_fire": "Fire", "other": "Other"}
# incident type (or its category) → CAP category
INCIDENT_CATEGORY = {
    "natural.geohazard": "Geo", "natural.earthquake": "Geo", "natural.forest_fire": "Fire", "natural": "Met",
    "accident.hazmat": "CBRNE", "accident.explosion": "Fire", "accident.fire": "Fire",
    "accident.road_traffic": "Transport", "accident.water_traffic": "Transport", "accident.power_outage": "Infra",
    "accident.pollution": "Env", "accident.special_equipment": "Safety", "accident": "Safety",
    "health": "Health", "social.terror": "Security", "social": "Security"}
GRADE_SEVERITY = {1: "Extreme", 2: "Severe", 3: "Moderate", 4: "Minor"}
CLOSED = ("terminated", "reviewed")


@dataclass(frozen=True)
class Exported:
    """One export: the bytes to write and what they say."""

    data: bytes
    identifier: str
    msg_type: str
    status: str
    references: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"identifier": self.identifier, "msg_type": self.msg_type, "status": self.status,
                "references": list(self.references), "bytes": len(self.data)}


def write_file(path: Path | str, data: bytes) -> None:
    """Write an export whole or not at all (a temporary file in the same folder, then renamed); CapError if not.

    Call it inside the export's transaction: a file that cannot be written rolls the export back.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise CapError(f"输出应为文件，而“{path}”是文件夹；未写出文件。")
    if not folder.is_dir():
        raise CapError(f"文件夹不存在：{folder}；未写出文件。")
    tmp = folder / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"  # created with the user's umask, unlike mkstemp
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise CapError(f"无法写入文件：{path}；未写出文件。") from None


@cache
def _gazetteer_names() -> dict[str, str]:
    """GB/T 2260 code → name from the shipped gazetteer (read once, only when the store does not know a code)."""
    out: dict[str, str] = {}
    for line in (PACKAGE_DATA / "gazetteer.csv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name, *_ = line.split(",")
            if code.isdigit():
                out.setdefault(code, name)
    return out


def _names(session: Session, codes: list[str]) -> dict[str, str]:
    known = dict(session.execute(select(Jurisdiction.code, Jurisdiction.name)
                                 .where(Jurisdiction.code.in_(codes))).all()) if codes else {}
    missing = [c for c in codes if c not in known]
    if missing:
        gaz = _gazetteer_names()
        known |= {c: gaz[c] for c in missing if c in gaz}
    return known


def _status(session: Session, is_drill: bool) -> str:
    return "Exercise" if is_drill or session.info.get("drill") else "Actual"


def _unit_code(session: Session) -> str:
    code = settings.get(session, UNIT_SETTING).strip()
    if not code:
        raise CapError("尚未设置预警发布单位代码（设置项 cap_unit_code，14 位：GB/T 2260 行政区划代码 6 位 + "
                       "GB/T 4657 机构代码 3 位 + 内部编码 3 位 + 扩展编码 2 位）；未写出文件。")
    return code


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def _next_identifier(session: Session, unit: str, now: datetime) -> str:
    row = session.get(Setting, LAST_SETTING, with_for_update=True)  # PostgreSQL: one exporter at a time
    if row is None:  # the post's first export: make the row (another seat may be making it too)
        try:
            with session.begin_nested():
                session.add(Setting(key=LAST_SETTING, value=""))
        except IntegrityError:
            pass
        row = session.get(Setting, LAST_SETTING, with_for_update=True, populate_existing=True)
    ident = cap_write.next_after(row.value or None, unit, now)
    row.value = ident
    session.flush()
    return ident


def _previous(session: Session, key: str) -> tuple[str, str, datetime] | None:
    row = session.get(Setting, key)
    if row is None or row.value.count(",") != 2:
        return None
    sender, ident, sent = row.value.split(",")
    return sender, ident, datetime.fromisoformat(sent)


def _finish(session: Session, key: str, msg: cap_write.Outgoing) -> Exported:
    data = cap_write.render(msg)  # validated, or CapError and the transaction rolls back
    _put(session, key, f"{msg.sender},{msg.identifier},{cap_write.cap_time(msg.sent)}")
    return Exported(data, msg.identifier, msg.msg_type, msg.status, tuple(r[1] for r in msg.references))


def _polygon(points) -> tuple[tuple[float, float], ...]:
    ring = [(float(p[0]), float(p[1])) for p in points or ()]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return tuple(ring) if len(ring) >= 4 else ()


def export_warning(session: Session, warning_id: int) -> Exported:
    """A CAP alert for warning *warning_id*: Alert the first time, then Update, Cancel once lifted."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    w = session.get(HazardWarning, warning_id)
    if w is None:
        raise CapError(f"没有编号为 {warning_id} 的预警信息；未写出文件。")
    now = session.info["clock"].now()
    key = f"cap_out:warning:{w.id}"
    refs = []
    prev = _previous(session, key)
    if prev:
        refs.append(prev)
    elif w.source == "cap":  # our first export of a warning we received: it refers to the issuer's message
        first = session.scalar(select(WarningMessage).where(WarningMessage.warning_id == w.id,
                                                            WarningMessage.identifier != "")
                               .order_by(WarningMessage.id))
        if first is not None and first.sent_at is not None and "," not in first.sender + first.identifier:
            refs.append((first.sender, first.identifier, first.sent_at))
    state = warning_service.state_of(w, now)
    if state == "lifted":
        if not refs:
            raise CapError(f"预警 #{w.id} 已解除且从未导出或接收过 CAP 消息，无可解除的消息；未写出文件。")
        msg_type = "Cancel"
    else:
        msg_type = "Update" if refs else "Alert"
    cfg = warning_service.config()
    type_words = cfg.type_label(w.type)
    colour = warning_service.COLOUR_LABELS.get(w.colour, "")
    codes = [c for c in w.areas if c.isdigit() and len(c) in (6, 9, 12)]
    names = _names(session, codes)
    area = cap_write.Area(desc=w.area_desc or "、".join(names.get(c, c) for c in codes) or "见多边形",
                          geocodes=tuple(codes), polygon=_polygon(w.polygon))
    unit = _unit_code(session)
    msg = cap_write.Outgoing(
        identifier=_next_identifier(session, unit, now), sender=unit, sent=now, status=_status(session, w.is_drill),
        msg_type=msg_type, category=WARNING_CATEGORY.get(w.type, "Met"), event=f"{type_words}{colour}预警",
        urgency="Past" if state in ("lifted", "expired") else "Expected",
        severity=cap_write.COLOUR_SEVERITY.get(w.colour, "Unknown"), certainty="Likely", area=area,
        references=tuple(refs), sender_name=w.issuer, headline=w.headline, description=w.text,
        instruction=w.instruction, effective=w.issued_at, expires=w.expires_at,
        response_type="AllClear" if state == "lifted" else "Prepare",
        parameters=(("预警颜色", colour),) if colour else ())
    return _finish(session, key, msg)


def export_incident(session: Session, incident_id: int) -> Exported:
    """A CAP incident notice for incident *incident_id* (an Alert the first time, an Update after)."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    i = session.get(Incident, incident_id)
    if i is None:
        raise CapError(f"没有编号为 {incident_id} 的事件；未写出文件。")
    if i.status in ("voided", "merged"):
        raise CapError(f"事件 {incident_heading(i.sync_site, i.site_number, i.id)} 已作废或已合并，不能导出；未写出文件。")
    now = session.info["clock"].now()
    key = f"cap_out:incident:{i.id}"
    prev = _previous(session, key)
    code = i.jurisdiction_code or ""
    geocodes = (code,) if code.isdigit() and len(code) in (6, 9, 12) else ()
    county = code[:6] if geocodes else ""
    if county and county != code:
        geocodes += (county,)
    names = _names(session, list(geocodes))
    where = "、".join(dict.fromkeys(n for n in (names.get(code), i.place_text) if n)) or "事发地"
    event = incident_service.type_label(i.type) if i.type else ""
    category = INCIDENT_CATEGORY.get(i.type) or INCIDENT_CATEGORY.get(i.category, "Other")
    grade = incident_service.grade_label(i.grade)
    unit = _unit_code(session)
    msg = cap_write.Outgoing(
        identifier=_next_identifier(session, unit, now), sender=unit, sent=now, status=_status(session, i.is_drill),
        msg_type="Update" if prev else "Alert", category=category, event=event or "突发事件",
        urgency="Past" if i.status in CLOSED else "Immediate",
        severity=GRADE_SEVERITY.get(i.grade, "Unknown") if i.grade else "Unknown",
        certainty="Likely" if i.grade_predicted else "Observed", area=cap_write.Area(desc=where, geocodes=geocodes),
        references=(prev,) if prev else (), sender_name=settings.get(session, "issuing_unit"),
        headline=i.title, description=i.summary, effective=i.occurred_at or i.received_at,
        response_type="Monitor", parameters=(("事件等级", grade), ("本地事件编号", str(i.id))))
    return _finish(session, key, msg)
