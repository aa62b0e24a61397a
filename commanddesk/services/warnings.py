"""The warnings register (预警信息): hand entry, CAP 1.2 import, lifting, expiry, forwarding. No Qt.

One ``HazardWarning`` row per warning. A CAP Update changes that row (state
``updated``, revision + 1: a new forwarding round) and a Cancel lifts it; each
message that touched it is kept as a ``WarningMessage``. Whether an active or
updated warning has expired is read from ``expires_at`` against the injected
clock, never stored.

Forwarding: the recipients a warning must reach come from
``data/warnings.toml`` (per type, and per colour upwards: a red warning also
goes to everyone a blue, yellow and orange one goes to). Each round runs the
warning-triggered clock rules (C-FORWARD-30, local practice, 30 minutes unless the
post's clock overrides say otherwise) as ``ClockInstance`` rows with
``warning_id`` set, so they show on the clock strip; a round's clock is met, at
the time of the last one, when every required recipient has a forwarding record.

Every change goes through the session, so the audit log records it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import cap as cap_format
from ..clock import BEIJING, format_beijing
from ..errors import UserError, ValidationError
from ..models import ClockInstance, HazardWarning, Jurisdiction, WarningForward, WarningMessage
from ..paths import PACKAGE_DATA
from ..rules import clocks as rules
from . import auth

DATA_FILE = PACKAGE_DATA / "warnings.toml"
COLOURS = ("blue", "yellow", "orange", "red")
COLOUR_LABELS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}
COLOUR_SHORT = {"blue": "蓝", "yellow": "黄", "orange": "橙", "red": "红"}
STATE_LABELS = {"active": "生效", "updated": "已更新（生效）", "lifted": "已解除", "expired": "已过期"}
LIVE = ("active", "updated")
MSG_LABELS = {"Alert": "发布", "Update": "更新", "Cancel": "解除", "Manual": "手工登记", "Lift": "手工解除",
              "Edit": "手工更正"}


@dataclass(frozen=True)
class Config:
    """The forwarding table: types (code → words), channels and recipients per type and colour."""

    title: str
    types: dict[str, tuple[str, ...]]
    channels: dict[str, str]
    forwarding: dict[str, dict[str, tuple[str, ...]]]

    def type_label(self, code: str) -> str:
        """The warning type in words."""
        words = self.types.get(code)
        return words[0] if words else code

    def type_of(self, text: str) -> str:
        """The type code whose word appears first-longest in *text* (e.g. 暴雨红色预警 → rainstorm)."""
        best, best_len = "other", 0
        for code, words in self.types.items():
            for word in words:
                if word in text and len(word) > best_len:
                    best, best_len = code, len(word)
        return best


@cache
def config(path: Path | None = None) -> Config:
    """The shipped forwarding table (read once)."""
    data = tomllib.loads(Path(path or DATA_FILE).read_text("utf-8"))
    return Config(
        title=data.get("title", ""),
        types={k: tuple(v) for k, v in data.get("types", {}).items()},
        channels=dict(data.get("channels", {})),
        forwarding={t: {c: tuple(v) for c, v in table.items()} for t, table in data.get("forwarding", {}).items()})


def required_recipients(type_code: str, colour: str) -> list[str]:
    """Everyone a warning of this type and colour must be forwarded to, in table order, once each."""
    cfg = config()
    rank = COLOURS.index(colour) if colour in COLOURS else 0
    out: list[str] = []
    for table in (cfg.forwarding.get("*", {}), cfg.forwarding.get(type_code, {})):
        for c in COLOURS[:rank + 1]:
            for name in table.get(c, ()):
                if name not in out:
                    out.append(name)
    return out


def state_of(w: HazardWarning, now: datetime) -> str:
    """active / updated / lifted as stored, or expired once an unlifted warning is past its expiry."""
    if w.state in LIVE and w.expires_at is not None and now >= w.expires_at:
        return "expired"
    return w.state


def is_live(w: HazardWarning, now: datetime) -> bool:
    """In force now: active or updated, and not expired."""
    return state_of(w, now) in LIVE


def _now(session: Session) -> datetime:
    return session.info["clock"].now()


def _actor(session: Session):
    return auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)


def _get(session: Session, warning_id: int) -> HazardWarning:
    w = session.get(HazardWarning, warning_id)
    if w is None:
        raise UserError("该预警信息已不存在。")
    return w


# --- entering and changing warnings ------------------------------------------------------------

def _check(type_code: str, colour: str, issuer: str, areas: list[str], issued_at: datetime,
           expires_at: datetime | None, polygon: list | None) -> None:
    if colour not in COLOURS:
        raise ValidationError("预警颜色须为 蓝、黄、橙、红 之一。", "colour")
    if not type_code.strip():
        raise ValidationError("请填写预警类型。", "type")
    if not issuer.strip():
        raise ValidationError("请填写发布单位。", "issuer")
    if not areas and not polygon:
        raise ValidationError("请填写预警区域（行政区划代码，或导入的多边形）。", "areas")
    for code in areas:
        if not (code.isdigit() and len(code) in (6, 9, 12)):
            raise ValidationError(f"行政区划代码“{code}”应为 6、9 或 12 位数字。", "areas")
    if issued_at.utcoffset() is None or (expires_at is not None and expires_at.utcoffset() is None):
        raise ValidationError("发布和失效时间须带时区。", "issued_at")
    if expires_at is not None and expires_at <= issued_at:
        raise ValidationError("失效时间应晚于发布时间。", "expires_at")


def create(session: Session, *, type: str, colour: str, issuer: str, areas: list[str], issued_at: datetime,
           expires_at: datetime | None = None, text: str = "", headline: str = "", area_desc: str = "",
           polygon: list | None = None, instruction: str = "") -> HazardWarning:
    """Enter a warning by hand (e.g. read out on the phone); its forwarding clock starts now."""
    actor = _actor(session)
    areas = [a.strip() for a in areas if a.strip()]
    _check(type, colour, issuer, areas, issued_at, expires_at, polygon)
    now = _now(session)
    if issued_at > now:
        raise ValidationError("发布时间不能晚于当前时间。", "issued_at")
    w = HazardWarning(type=type.strip(), colour=colour, issuer=issuer.strip(), areas=areas,
                      area_desc=area_desc.strip() or _area_names(session, areas), polygon=list(polygon or []),
                      issued_at=issued_at, expires_at=expires_at, received_at=now, headline=headline.strip(),
                      text=text.strip(), instruction=instruction.strip(), state="active", revision=1,
                      source="manual", is_drill=bool(session.info.get("drill")),
                      recorded_by=getattr(actor, "operator_id", None))
    if not w.headline:
        w.headline = f"{w.issuer}发布{config().type_label(w.type)}{COLOUR_LABELS[colour]}预警"
    session.add(w)
    session.flush()
    session.add(WarningMessage(warning_id=w.id, msg_type="Manual", received_at=now, summary=w.headline))
    sync_forwarding(session, w, now)
    return w


def correct(session: Session, warning_id: int, **changes) -> HazardWarning:
    """Correct a hand-entered warning's fields; a colour or type change starts a new forwarding round."""
    _actor(session)
    w = _get(session, warning_id)
    now = _now(session)
    if not is_live(w, now):
        raise UserError("该预警已解除或过期，不能再修改。")
    allowed = {"type", "colour", "issuer", "areas", "issued_at", "expires_at", "text", "headline", "area_desc",
               "instruction"}
    bad = set(changes) - allowed
    if bad:
        raise ValidationError(f"不能修改：{'、'.join(sorted(bad))}", sorted(bad)[0])
    merged = {k: getattr(w, k) for k in allowed} | changes
    _check(merged["type"], merged["colour"], merged["issuer"], list(merged["areas"]), merged["issued_at"],
           merged["expires_at"], w.polygon)
    reround = merged["colour"] != w.colour or merged["type"] != w.type
    for k, v in changes.items():
        setattr(w, k, v)
    if reround:
        w.revision += 1
        w.state = "updated"
    session.add(WarningMessage(warning_id=w.id, msg_type="Edit", received_at=now,
                               summary="手工更正：" + "、".join(sorted(changes))))
    session.flush()
    sync_forwarding(session, w, now)
    return w


def lift(session: Session, warning_id: int, reason: str = "") -> HazardWarning:
    """Record that the issuer lifted a warning (解除); its open forwarding clock no longer applies."""
    _actor(session)
    w = _get(session, warning_id)
    now = _now(session)
    if w.state == "lifted":
        raise UserError("该预警已解除。")
    w.state, w.lifted_at = "lifted", now
    session.add(WarningMessage(warning_id=w.id, msg_type="Lift", received_at=now,
                               summary=reason.strip() or "手工登记解除"))
    session.flush()
    sync_forwarding(session, w, now)
    return w


# --- CAP 1.2 import ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportResult:
    """What a CAP file did to the register."""

    warning_id: int
    action: str  # created / updated / lifted
    headline: str
    identifier: str
    colour: str
    state: str

    @property
    def sentence(self) -> str:
        """The change as a sentence for the log (登记, 更新 or 解除 of which warning)."""
        verb = {"created": "新登记", "updated": "已更新", "lifted": "已解除"}[self.action]
        return f"{verb}预警 #{self.warning_id}：{self.headline}（{COLOUR_LABELS.get(self.colour, '')}，标识 {self.identifier}）"


def import_cap(session: Session, data: bytes, file_name: str = "") -> ImportResult:
    """Record one CAP 1.2 message: an Alert adds a warning, an Update or Cancel changes the one it references.

    Anything unacceptable raises ``CapError`` (a UserError) before the store is touched.
    """
    actor = _actor(session)
    msg = cap_format.parse(data)
    drill = bool(session.info.get("drill"))
    if msg.status not in ("Actual", "Exercise"):
        raise cap_format.CapError(f"该 CAP 消息的状态为 {msg.status}（测试/草稿/系统消息），不是预警信息；未作任何改动。")
    if (msg.status == "Exercise") != drill:
        where = "演练工作区" if drill else "真实值班库"
        raise cap_format.CapError(f"该 CAP 消息的状态为 {msg.status}，不能导入{where}；未作任何改动。")
    if session.scalar(select(WarningMessage.id).where(WarningMessage.identifier == msg.identifier,
                                                      WarningMessage.sender == msg.sender)) is not None:
        raise cap_format.CapError(f"标识为 {msg.identifier} 的 CAP 消息已导入过；未作任何改动。")
    now = _now(session)
    if msg.msg_type == "Alert":
        w = _from_alert(session, msg, now, actor, drill)
        action = "created"
    else:
        w = _referenced(session, msg)
        if w.state == "lifted":
            raise cap_format.CapError(f"该消息引用的预警 #{w.id} 已解除，不能再{MSG_LABELS[msg.msg_type]}；未作任何改动。")
        if msg.msg_type == "Update":
            _apply_update(session, w, msg)
            action = "updated"
        else:
            w.state, w.lifted_at = "lifted", now
            action = "lifted"
    session.add(WarningMessage(
        warning_id=w.id, msg_type=msg.msg_type, identifier=msg.identifier, sender=msg.sender, sent_at=msg.sent,
        received_at=now, references=" ".join(",".join(r) for r in msg.references), file_name=file_name[:200],
        content_hash=msg.content_hash, summary=msg.headline or msg.note or msg.event))
    session.flush()
    sync_forwarding(session, w, now)
    return ImportResult(w.id, action, w.headline, msg.identifier, w.colour, state_of(w, now))


def _cap_fields(session: Session, msg: cap_format.CapMessage) -> dict:
    if not msg.colour:
        raise cap_format.CapError("无法从该 CAP 消息读出预警颜色（event/headline 无颜色字样，severity 为 Unknown）；"
                                  "未作任何改动。")
    areas = [g for g in msg.geocodes if g.isdigit() and len(g) in (6, 9, 12)]
    if not areas and not msg.polygon:
        raise cap_format.CapError("该 CAP 消息的预警区域既无行政区划代码（geocode）也无多边形；未作任何改动。")
    issued = msg.effective or msg.sent
    if msg.expires is not None and msg.expires <= issued:
        raise cap_format.CapError("该 CAP 消息的失效时间（expires）不晚于生效时间；未作任何改动。")
    return dict(type=config().type_of(msg.event + msg.headline), colour=msg.colour,
                issuer=(msg.sender_name or msg.sender)[:100], areas=areas,
                area_desc=(msg.area_desc or _area_names(session, areas))[:200],
                polygon=[list(p) for p in msg.polygon], issued_at=issued, expires_at=msg.expires,
                headline=(msg.headline or msg.event)[:200], text=msg.description, instruction=msg.instruction)


def _from_alert(session: Session, msg, now: datetime, actor, drill: bool) -> HazardWarning:
    w = HazardWarning(**_cap_fields(session, msg), received_at=now, state="active", revision=1, source="cap",
                      identifier=msg.identifier[:120], is_drill=drill, recorded_by=getattr(actor, "operator_id", None))
    session.add(w)
    session.flush()
    return w


def _referenced(session: Session, msg) -> HazardWarning:
    """The warning a message's references point at (the newest referenced message that is on record)."""
    for sender, identifier, _sent in reversed(msg.references):
        found = session.scalar(select(WarningMessage).where(WarningMessage.identifier == identifier,
                                                            WarningMessage.sender == sender)
                               .order_by(WarningMessage.id.desc()))
        if found is not None:
            return session.get(HazardWarning, found.warning_id)
    ids = "、".join(r[1] for r in msg.references)
    raise cap_format.CapError(f"该 {msg.msg_type} 消息引用的预警（{ids}）不在本库中，请先导入原预警；未作任何改动。")


def _apply_update(session: Session, w: HazardWarning, msg) -> None:
    fields = _cap_fields(session, msg)
    reround = fields["colour"] != w.colour or fields["type"] != w.type or fields["areas"] != list(w.areas)
    for k, v in fields.items():
        setattr(w, k, v)
    w.state = "updated"
    if reround:
        w.revision += 1


def _area_names(session: Session, codes: list[str]) -> str:
    names = dict(session.execute(select(Jurisdiction.code, Jurisdiction.name)
                                 .where(Jurisdiction.code.in_(codes))).all()) if codes else {}
    return "、".join(names.get(c, c) for c in codes)[:200]


# --- forwarding ---------------------------------------------------------------------------------

def _facts(w: HazardWarning) -> rules.IncidentFacts:
    return rules.IncidentFacts(category="natural", type=f"warning.{w.type}", level=None,
                               received_at=w.received_at, occurred_at=None, trigger="warning")


def sync_forwarding(session: Session, w: HazardWarning, now: datetime) -> None:
    """Open the current round's forwarding clock(s); earlier rounds' open clocks, and all once lifted, stop."""
    from . import clocks

    rs = clocks.ruleset()
    slot = f"第{w.revision}轮"
    existing = list(session.scalars(select(ClockInstance).where(ClockInstance.warning_id == w.id)))
    live = is_live(w, now)
    for inst in existing:
        if inst.state == clocks.OPEN and (not live or inst.slot != slot):
            inst.state = clocks.SUPERSEDED
            inst.note = f"{format_beijing(now)} 起不再适用（预警{'已更新' if live else STATE_LABELS[state_of(w, now)]}）"
    if not live:
        session.flush()
        return
    have = {(c.rule_id, c.slot) for c in existing}
    facts = _facts(w)
    if w.revision > 1:  # a changed warning is forwarded again, from when the change came in
        facts = replace(facts, received_at=now)
    for d in rules.derive(rs, facts, now, clocks.HORIZON_HOURS):
        if (d.rule_id, slot) in have:
            continue
        session.add(ClockInstance(
            incident_id=None, warning_id=w.id, rule_id=d.rule_id, ruleset_version=rs.version, slot=slot,
            name=d.name, kind=d.kind, recipient=d.recipient, anchor=d.anchor, anchor_at=d.anchor_at, due_at=d.due_at,
            warn_at=d.warn_at, satisfied_by=list(d.satisfied_by), state=clocks.OPEN, created_at=now, note=d.note))
    session.flush()
    _close_if_done(session, w)


@dataclass(frozen=True)
class RecipientStatus:
    """One required recipient of the current round and its forwarding record, if any."""

    recipient: str
    forwarded_at: datetime | None
    channel: str
    by: str


def recipients(session: Session, warning_id: int) -> list[RecipientStatus]:
    """The current round's required recipients, each with when, how and by whom it was forwarded."""
    w = _get(session, warning_id)
    done: dict[str, WarningForward] = {}
    for f in session.scalars(select(WarningForward).where(WarningForward.warning_id == w.id,
                                                          WarningForward.round == w.revision)
                             .order_by(WarningForward.forwarded_at)):
        done.setdefault(f.recipient, f)
    cfg = config()
    out = []
    for name in required_recipients(w.type, w.colour):
        f = done.get(name)
        out.append(RecipientStatus(name, f.forwarded_at if f else None,
                                   cfg.channels.get(f.channel, f.channel) if f else "", f.actor_name if f else ""))
    return out


def record_forward(session: Session, warning_id: int, recipient: str, channel: str, at: datetime | None = None,
                   note: str = "") -> WarningForward:
    """Record that the warning was passed to *recipient* by *channel* at *at* (default now)."""
    actor = _actor(session)
    w = _get(session, warning_id)
    now = _now(session)
    if not is_live(w, now):
        raise UserError(f"该预警{STATE_LABELS[state_of(w, now)]}，无需再转发。")
    if not recipient.strip():
        raise ValidationError("请填写转发对象。", "recipient")
    if channel not in config().channels:
        raise ValidationError(f"转发方式须为：{'、'.join(config().channels.values())}。", "channel")
    at = at or now
    if at > now:
        raise ValidationError("转发时间不能晚于当前时间。", "at")
    if at < w.received_at:
        raise ValidationError("转发时间不能早于收到预警的时间。", "at")
    f = WarningForward(warning_id=w.id, round=w.revision, recipient=recipient.strip()[:100], channel=channel,
                       forwarded_at=at, recorded_at=now, actor_id=getattr(actor, "operator_id", None),
                       actor_name=getattr(actor, "name", ""), note=note.strip())
    session.add(f)
    session.flush()
    _close_if_done(session, w)
    return f


def _close_if_done(session: Session, w: HazardWarning) -> None:
    """Meet the round's open forwarding clocks once every required recipient is recorded."""
    from . import clocks

    status = recipients(session, w.id)
    if not status or any(s.forwarded_at is None for s in status):
        return
    at = max(s.forwarded_at for s in status)
    for inst in session.scalars(select(ClockInstance).where(
            ClockInstance.warning_id == w.id, ClockInstance.state == clocks.OPEN,
            ClockInstance.slot == f"第{w.revision}轮")):
        inst.met_at = at
        if at <= inst.due_at:
            inst.state = clocks.MET
        else:
            inst.state = clocks.MET_LATE
            inst.late_minutes = clocks.late_minutes(at, inst.due_at)
        inst.note = f"全部 {len(status)} 个转发对象已登记"
    session.flush()


def forwarding_clock(session: Session, warning_id: int) -> ClockInstance | None:
    """The current round's forwarding clock (None if no rule applies)."""
    w = _get(session, warning_id)
    return session.scalar(select(ClockInstance).where(ClockInstance.warning_id == w.id,
                                                      ClockInstance.slot == f"第{w.revision}轮")
                          .order_by(ClockInstance.due_at))


def clock_views(session: Session, drills: bool = False) -> list:
    """Open clocks of live warnings as ClockView rows for the strip (incident_id None)."""
    from .clocks import OPEN, ClockView

    now = _now(session) if "clock" in session.info else None
    rows = session.execute(
        select(ClockInstance, HazardWarning).join(HazardWarning, HazardWarning.id == ClockInstance.warning_id)
        .where(ClockInstance.state == OPEN, HazardWarning.is_drill.is_(drills))
        .order_by(ClockInstance.due_at)).all()
    return [ClockView(c.id, None, f"预警：{w.headline}", f"{c.name}（{c.slot}）", c.recipient, c.due_at, c.warn_at)
            for c, w in rows if now is None or is_live(w, now)]


# --- reading -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class WarningRow:
    """One line of the register."""

    id: int
    headline: str
    type: str
    type_label: str
    colour: str
    issuer: str
    area_desc: str
    issued_at: datetime
    expires_at: datetime | None
    received_at: datetime
    state: str
    state_label: str
    forwarded: int
    required: int
    clock_state: str  # e.g. 计时中 / 已按时完成 / 迟报 N 分钟 / ""
    clock_due: datetime | None

    def as_dict(self) -> dict:
        """The warning as plain data for ``--json``."""
        return {"id": self.id, "headline": self.headline, "type": self.type, "type_label": self.type_label,
                "colour": self.colour, "colour_label": COLOUR_LABELS.get(self.colour, ""), "issuer": self.issuer,
                "area": self.area_desc, "issued_at": self.issued_at.isoformat(),
                "expires_at": self.expires_at.isoformat() if self.expires_at else None,
                "received_at": self.received_at.isoformat(), "state": self.state, "state_label": self.state_label,
                "forwarded": self.forwarded, "required": self.required, "forwarding_clock": self.clock_state,
                "forwarding_due": self.clock_due.isoformat() if self.clock_due else None}


def _row(session: Session, w: HazardWarning, now: datetime) -> WarningRow:
    from . import clocks

    status = recipients(session, w.id)
    inst = forwarding_clock(session, w.id)
    clock_state = ""
    if inst is not None:
        st = clocks.state_of(inst, now)
        clock_state = clocks.STATE_LABELS.get(st, st)
        if st == clocks.MET_LATE:
            clock_state = f"迟报 {inst.late_minutes} 分钟"
    state = state_of(w, now)
    return WarningRow(w.id, w.headline, w.type, config().type_label(w.type), w.colour, w.issuer, w.area_desc,
                      w.issued_at, w.expires_at, w.received_at, state, STATE_LABELS[state],
                      sum(1 for s in status if s.forwarded_at), len(status), clock_state,
                      inst.due_at if inst is not None else None)


def listing(session: Session, live_only: bool = False) -> list[WarningRow]:
    """The register, newest first (live warnings only if *live_only*)."""
    now = _now(session)
    drill = bool(session.info.get("drill"))
    out = [_row(session, w, now) for w in session.scalars(
        select(HazardWarning).where(HazardWarning.is_drill.is_(drill)).order_by(HazardWarning.received_at.desc(),
                                                                                  HazardWarning.id.desc()))]
    return [r for r in out if r.state in LIVE] if live_only else out


@dataclass(frozen=True)
class WarningDivision:
    """A division a warning names by code, with its seat (WGS-84) when the post's division table has one."""

    code: str
    name: str
    level: str  # province/city/county/zone/town/village
    parent_code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class WarningArea:
    """A warning in force as the map draws it: its polygon (points (lat, lon), WGS-84) if it has one, otherwise
    the divisions it names by code (the map draws their outlines, or marks their seats when it has none)."""

    id: int
    colour: str
    headline: str
    points: tuple[tuple[float, float], ...]
    divisions: tuple[WarningDivision, ...] = ()

    @property
    def label(self) -> str:
        """The popup text: 橙色预警：<headline>."""
        return f"{COLOUR_LABELS.get(self.colour, '')}预警：{self.headline}"


def map_areas(session: Session) -> list[WarningArea]:
    """The warnings in force now, oldest first (the map draws them under the zones): those with a polygon as
    that polygon; those known only by division codes as the divisions of the post's table they name."""
    now = _now(session)
    drill = bool(session.info.get("drill"))
    out, known = [], None
    for w in session.scalars(select(HazardWarning).where(HazardWarning.is_drill.is_(drill),
                                                         HazardWarning.state.in_(LIVE))
                             .order_by(HazardWarning.received_at, HazardWarning.id)):
        if not is_live(w, now):
            continue
        pts = tuple((float(p[0]), float(p[1])) for p in (w.polygon or ()) if len(p) == 2)
        if len(pts) >= 3:
            out.append(WarningArea(w.id, w.colour, w.headline, pts))
            continue
        if known is None:
            known = {j.code: WarningDivision(j.code, j.name, j.level, j.parent_code, j.lat, j.lon)
                     for j in session.scalars(select(Jurisdiction))}
        named = tuple(dict.fromkeys(known[c] for c in w.areas if c in known))
        if named:  # codes of places outside the post's table have nothing to draw them by
            out.append(WarningArea(w.id, w.colour, w.headline, (), named))
    return out


@dataclass(frozen=True)
class WarningDetail:
    """Everything the detail pane shows about one warning."""

    row: WarningRow
    text: str
    instruction: str
    areas: tuple[str, ...]
    polygon: tuple
    identifier: str
    source: str
    revision: int
    recipients: tuple[RecipientStatus, ...]
    forwards: tuple[WarningForward, ...]
    messages: tuple[WarningMessage, ...]
    clock: ClockInstance | None
    clock_rule: str


def detail(session: Session, warning_id: int) -> WarningDetail:
    """A warning with its recipients and forwarding records."""
    from . import clocks

    w = _get(session, warning_id)
    inst = forwarding_clock(session, warning_id)
    return WarningDetail(
        _row(session, w, _now(session)), w.text, w.instruction, tuple(w.areas), tuple(map(tuple, w.polygon)),
        w.identifier, w.source, w.revision, tuple(recipients(session, warning_id)), tuple(w.forwards),
        tuple(w.messages), inst, clocks.rule_label(inst.rule_id) if inst is not None else "")


def live_warnings(session: Session) -> list[HazardWarning]:
    """Active and updated warnings that have not expired (this workspace's: real or drill)."""
    now = _now(session)
    drill = bool(session.info.get("drill"))
    return [w for w in session.scalars(select(HazardWarning).where(HazardWarning.state.in_(LIVE),
                                                                    HazardWarning.is_drill.is_(drill)))
            if is_live(w, now)]


def covers(w: HazardWarning, code: str) -> bool:
    """Whether a warning's divisions include the division *code* (a county's warning covers its towns)."""
    if not code:
        return False
    for area in w.areas:
        stem = area
        if len(area) == 6:
            stem = area[:2] if area.endswith("0000") else area[:4] if area.endswith("00") else area
        if code.startswith(stem):
            return True
    return False


def colour_for(session: Session, jurisdiction_code: str) -> str:
    """The highest colour among live warnings covering this division ("" if none)."""
    best = ""
    for w in live_warnings(session):
        if covers(w, jurisdiction_code) and (not best or COLOURS.index(w.colour) > COLOURS.index(best)):
            best = w.colour
    return best


# --- demo ---------------------------------------------------------------------------------------

DEMO_CAP = PACKAGE_DATA / "demo_warnings" / "rainstorm-orange.xml"


def stage_demo(session: Session) -> list[int]:
    """Two live demo warnings, times relative to the clock: one imported from the shipped CAP file
    (received 12 minutes ago, two recipients reached), one entered by hand (forwarding overdue)."""
    from datetime import timedelta

    from lxml import etree

    now = _now(session)
    root = etree.fromstring(DEMO_CAP.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"c": cap_format.NS}
    sent = (now - timedelta(minutes=15)).astimezone(BEIJING).isoformat(timespec="seconds")
    for path, at in (("c:sent", sent), ("c:info/c:effective", sent),
                     ("c:info/c:expires", (now + timedelta(hours=20)).astimezone(BEIJING)
                      .isoformat(timespec="seconds"))):
        root.find(path, ns).text = at
    clock = session.info["clock"]
    session.info["clock"] = _Fixed(now - timedelta(minutes=12))
    try:
        first = import_cap(session, etree.tostring(root, xml_declaration=True, encoding="UTF-8"), DEMO_CAP.name)
        names = [r.recipient for r in recipients(session, first.warning_id)]
        session.info["clock"] = _Fixed(now - timedelta(minutes=5))
        for name in names[:2]:
            record_forward(session, first.warning_id, name, "wechat", note="演示数据")
        session.info["clock"] = _Fixed(now - timedelta(minutes=40))
        second = create(session, type="geological", colour="yellow", issuer="连云港市自然资源和规划局（演示）",
                        areas=["320723101"], area_desc="灌云县伊山镇", issued_at=now - timedelta(minutes=45),
                        expires_at=now + timedelta(hours=30),  # a township by its code only: no polygon
                        text="灌云县伊山镇大伊山一带地质灾害气象风险较高，注意防范崩塌、滑坡。（演示数据）")
    finally:
        session.info["clock"] = clock
    return [first.warning_id, second.id]


class _Fixed:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


# --- a watched folder -----------------------------------------------------------------------------

DONE_DIR, REFUSED_DIR = "已导入", "未导入"


@dataclass(frozen=True)
class FolderItem:
    """One file found in the drop folder: what it did, or why it was refused."""

    name: str
    result: ImportResult | None
    reason: str = ""


def import_folder(store, folder: Path, actor=None) -> list[FolderItem]:
    """Import every ``*.xml`` another system dropped into *folder*, oldest first, one transaction each.

    An imported file moves to ``已导入/``; a refused one to ``未导入/`` with a
    ``.txt`` beside it giving the reason, so nothing is read twice and nothing
    is lost. Files still being written (changed in the last 2 seconds) wait for the next call.
    """
    import time

    folder = Path(folder)
    out: list[FolderItem] = []
    files = sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".xml", ".cap")),
                   key=lambda p: (p.stat().st_mtime, p.name))
    for path in files:
        if time.time() - path.stat().st_mtime < 2:
            continue
        try:
            data = path.read_bytes()
            with store.transaction(actor) as s:
                result = import_cap(s, data, path.name)
        except UserError as exc:
            out.append(FolderItem(path.name, None, exc.message))
            _move(path, folder / REFUSED_DIR).with_suffix(path.suffix + ".txt").write_text(exc.message + "\n", "utf-8")
            continue
        except OSError as exc:
            out.append(FolderItem(path.name, None, f"无法读取：{exc.strerror or exc}"))
            continue
        out.append(FolderItem(path.name, result))
        _move(path, folder / DONE_DIR)
    return out


def _move(path: Path, target_dir: Path) -> Path:
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{path.stem}-{n}{path.suffix}"
    path.replace(target)
    return target
