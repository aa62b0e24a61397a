"""Placing evacuated people in shelters: suggestions, placements, departures.

Each placement or departure is an append-only ``ShelterAssignment`` row with the
occupancy after it; ``Shelter.occupancy`` moves in the same transaction. A
placement that would take a shelter above its capacity is refused unless the
officer overrides it explicitly with a reason, which is kept on the row and on
the incident's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalogues import label
from ..clock import format_beijing
from ..errors import ConflictError, UserError, ValidationError
from ..models import Incident, Shelter, ShelterAssignment
from ..rules.dispatch import haversine_km
from . import auth, timeline

CLOSED = ("closing", "closed")
MAX_PEOPLE = 10**7


@dataclass(frozen=True)
class ShelterOption:
    """A shelter that could take people from an incident."""

    shelter_id: int
    version: int
    name: str
    level: str
    status: str
    capacity: int
    occupancy: int
    distance_km: float | None
    facilities: str
    placed_here: int  # people of this incident in this shelter now

    @property
    def free(self) -> int:
        """Places still free (never below zero)."""
        return max(self.capacity - self.occupancy, 0)


def options(session: Session, incident_id: int | None = None, origin=None) -> list[ShelterOption]:
    """Shelters not closing or closed, nearest to the incident first (then by free places)."""
    placed: dict[int, int] = {}
    if incident_id is not None:
        placed = dict(session.execute(select(ShelterAssignment.shelter_id, func.sum(ShelterAssignment.people))
                                      .where(ShelterAssignment.incident_id == incident_id)
                                      .group_by(ShelterAssignment.shelter_id)).all())
        if origin is None:
            from .origin import incident_origin

            incident = session.get(Incident, incident_id)
            origin = incident_origin(session, incident) if incident is not None else None
    out = []
    for s in session.scalars(select(Shelter).order_by(Shelter.code)):
        if s.status in CLOSED and not placed.get(s.id):
            continue
        dist = None
        if origin is not None and s.lat is not None:
            dist = haversine_km(s.lat, s.lon, origin.lat, origin.lon)
        out.append(ShelterOption(s.id, s.version, s.name, label("shelter_level", s.level),
                                 label("shelter_status", s.status), s.capacity, s.occupancy, dist, s.facilities,
                                 placed.get(s.id, 0)))
    out.sort(key=lambda o: (o.distance_km is None, o.distance_km or 0, -o.free))
    return out


def _people(value) -> int:
    try:
        n = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(f"人数须为整数，而不是“{value}”。", "people") from None
    if n <= 0:
        raise ValidationError("人数须大于 0。", "people")
    if n > MAX_PEOPLE:
        raise ValidationError(f"人数过大（{n}），请核对。", "people")
    return n


def _load(session: Session, shelter_id: int, expected_version: int | None) -> Shelter:
    s = session.get(Shelter, shelter_id)
    if s is None:
        raise UserError("该避难场所已不存在。")
    if expected_version is not None and s.version != expected_version:
        last = session.scalar(select(ShelterAssignment).where(ShelterAssignment.shelter_id == s.id)
                              .order_by(ShelterAssignment.id.desc()).limit(1))
        who = f"，最近一次：{last.people:+,} 人，{last.actor_name} {format_beijing(last.at, False)}" if last else ""
        raise ConflictError(f"“{s.name}”已被其他席位更新（现安置 {s.occupancy:,} / {s.capacity:,} 人{who}），"
                            "您的操作未执行，请核对后重试。")
    return s


def _record(session: Session, s: Shelter, incident: Incident | None, people: int, group: str,
            override: str) -> ShelterAssignment:
    actor = session.info.get("actor")
    s.occupancy += people
    if s.occupancy >= s.capacity and s.status not in CLOSED:
        s.status = "full"
    elif s.occupancy > 0 and s.status in ("standby", "opening", "full"):
        s.status = "open"
    row = ShelterAssignment(shelter_id=s.id, incident_id=incident.id if incident else None,
                            at=session.info["clock"].now(), people=people, occupancy_after=s.occupancy,
                            group_text=group[:200], override_reason=override,
                            actor_id=getattr(actor, "operator_id", None), actor_name=getattr(actor, "name", "系统"))
    session.add(row)
    return row


def assign(session: Session, shelter_id: int, people, incident_id: int | None = None, group: str = "",
           override_reason: str = "", expected_version: int | None = None) -> ShelterAssignment:
    """Place people in a shelter; above capacity only with an explicit override and its reason."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    people = _people(people)
    s = _load(session, shelter_id, expected_version)
    incident = session.get(Incident, incident_id) if incident_id is not None else None
    if incident_id is not None and incident is None:
        raise UserError("所选事件已不存在。")
    if s.status in CLOSED:
        raise ValidationError(f"“{s.name}”{label('shelter_status', s.status)}，不能再安置人员。", "shelter")
    group, override = group.strip(), override_reason.strip()
    after = s.occupancy + people
    if after > s.capacity and not override:
        raise ValidationError(
            f"“{s.name}”容量 {s.capacity:,} 人，已安置 {s.occupancy:,} 人，只能再安置 {max(s.capacity - s.occupancy, 0):,} 人；"
            f"本次 {people:,} 人将超员 {after - s.capacity:,} 人。请分流到其他场所，或勾选“超员安置”并填写理由。",
            "people")
    if after <= s.capacity:
        override = ""
    row = _record(session, s, incident, people, group, override)
    if incident is not None:
        text = f"安置 {people:,} 人到{s.name}" + (f"（{group}）" if group else "") + \
            f"，现安置 {s.occupancy:,} / {s.capacity:,} 人"
        if override:
            text += f"【超员 {after - s.capacity:,} 人，理由：{override}】"
        timeline.record(session, incident, "shelter", text, {"shelter_id": s.id, "people": people})
    session.flush()
    return row


def release(session: Session, shelter_id: int, people, incident_id: int | None = None, note: str = "",
            expected_version: int | None = None) -> ShelterAssignment:
    """People leave a shelter (return home, moved on)."""
    auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)
    people = _people(people)
    s = _load(session, shelter_id, expected_version)
    incident = session.get(Incident, incident_id) if incident_id is not None else None
    if people > s.occupancy:
        raise ValidationError(f"“{s.name}”现只安置 {s.occupancy:,} 人，不能离开 {people:,} 人。", "people")
    if incident is not None:
        here = session.scalar(select(func.coalesce(func.sum(ShelterAssignment.people), 0)).where(
            ShelterAssignment.shelter_id == s.id, ShelterAssignment.incident_id == incident.id))
        if people > here:
            raise ValidationError(f"本事件在“{s.name}”安置的只有 {here:,} 人。", "people")
    row = _record(session, s, incident, -people, note.strip(), "")
    if incident is not None:
        timeline.record(session, incident, "shelter",
                  f"{s.name}离开 {people:,} 人" + (f"（{note.strip()}）" if note.strip() else "") +
                  f"，现安置 {s.occupancy:,} / {s.capacity:,} 人", {"shelter_id": s.id, "people": -people})
    session.flush()
    return row


@dataclass(frozen=True)
class PlacementRow:
    """One placement or departure for display."""

    at: datetime
    shelter: str
    people: int
    occupancy_after: int
    group: str
    override_reason: str
    actor_name: str


def placements(session: Session, incident_id: int) -> list[PlacementRow]:
    """An incident's placements and departures, newest first."""
    return [PlacementRow(a.at, name, a.people, a.occupancy_after, a.group_text, a.override_reason, a.actor_name)
            for a, name in session.execute(
                select(ShelterAssignment, Shelter.name).join(Shelter, Shelter.id == ShelterAssignment.shelter_id)
                .where(ShelterAssignment.incident_id == incident_id).order_by(ShelterAssignment.id.desc()))]
