"""Intake (接报) and grading (定级): calls become incidents, counts become a level.

A call is saved in one transaction with everything it causes: the incident (or
its update), the call record, timeline entries, a grading decision and the
derived reporting clocks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import numerals
from ..catalogues import catalogue, grading_scale, label, response_scale
from ..clock import format_beijing
from ..errors import UserError, ValidationError
from ..models import CLOSED_STATUSES, CallRecord, Grading, Incident
from ..rules import grading as rules
from . import auth, clocks, timeline

# Counts asked for on every call, in the order of the paper log.
COUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("deaths", "死亡"), ("missing", "失踪"), ("serious_injuries", "重伤"), ("injuries", "轻伤"),
    ("injured_unknown", "受伤（伤情不明）"), ("trapped", "被困"), ("relocated", "疏散转移"),
)
# injured_unknown: hurt, severity not yet known; no grading table reads it (it is not 重伤).
COUNT_LABELS = dict(COUNT_FIELDS) | {"direct_loss": "直接经济损失（元）", "collapsed_rooms": "倒损房屋（间）"}
MAX_COUNT = 100_000_000
MAX_LOSS = 10**13  # yuan
TEXT_LIMITS = {"place_text": 200, "caller_unit": 100, "caller_name": 40, "caller_post": 60,
               "caller_phone": 40, "commander": 100, "title": 200, "cause": 5000, "course": 5000, "measures": 5000,
               "trend": 5000, "requests": 5000, "notified": 2000, "grade_reason": 500, "original_message": 20000}
MULTILINE = ("cause", "course", "measures", "trend", "requests", "notified", "original_message", "grade_reason")
RECEIPT_BACK_DAYS = 31  # a receipt time edited by hand may go back a month (a call logged late), not a year's typo
OCCURRED_BACK_DAYS = 366  # an event is reported within a year of happening, or the year is a typo
CHINA_LAT, CHINA_LON = (3.0, 54.0), (73.0, 136.0)  # WGS-84, as the map and team tracks check

# Assessed figures (incident.measures, see services/plans.set_assessment) that a grading
# scale reads: measure key -> (grading input key, factor). outage_share is 0–1, graded in %.
MEASURE_INPUTS = {"burned_area_ha": ("burned_area_ha", 1), "magnitude": ("magnitude", 1),
                  "outage_share": ("load_loss_pct", 100), "threatened": ("threatened", 1)}


@dataclass
class CallInput:
    """What the officer typed on the intake form (raw, validated by ``validate``)."""

    category: str = ""
    type: str = ""
    place_text: str = ""
    received_at: datetime | None = None  # what the form's 接报时间 holds; None: the stamp
    receipt_edit_reason: str = ""  # needed (and kept) only when received_at differs from the stamp
    stamped_at: datetime | None = None  # when the call was opened (the form's stamp); None: now
    occurred_at: datetime | None = None
    occurred_precision: str = "exact"
    jurisdiction_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    cause: str = ""
    course: str = ""
    measures: str = ""
    trend: str = ""
    requests: str = ""
    notified: str = ""
    commander: str = ""
    channel: str = "phone"
    caller_unit: str = ""
    caller_name: str = ""
    caller_post: str = ""
    caller_phone: str = ""
    title: str = ""
    grade: int | None | str = "auto"  # "auto": take the suggestion
    grade_reason: str = ""
    flags: frozenset[str] = frozenset()
    # The message the call came as (pasted into the form), kept word for word, and the
    # reader's suggestions from it with what became of each (see services/reading.review).
    original_message: str = ""
    suggestions: dict = field(default_factory=dict)


@dataclass(frozen=True)
class IntakeResult:
    """What saving a call produced."""

    incident_id: int
    call_id: int
    created: bool
    suggestion: rules.GradeResult | None
    grade: int | None
    changes: tuple[str, ...]
    response: rules.GradeResult | None = None  # the response-level suggestion (not a grade)


@dataclass(frozen=True)
class Duplicate:
    """An open incident the new call may be about, and why we think so."""

    incident_id: int
    title: str
    received_at: datetime
    score: int
    why: str
    number: str = ""  # the number people see: #7, or 车1-0007 on a vehicle's own


def type_label(code: str) -> str:
    """Chinese name of an incident type code such as ``accident.explosion``."""
    return label("incident_type", code)


def grade_label(level: int | None) -> str:
    """特别重大 / 重大 / 较大 / 一般, or 未定级."""
    return rules.LEVEL_NAMES.get(level, "未定级") if level else "未定级"


def response_label(level: int | None) -> str:
    """E.g. "Ⅳ级响应", or 未达到启动条件 (a response level is never the event grade)."""
    return f"{rules.ROMAN[level]}级响应" if level in rules.ROMAN else "未达到启动条件"


def tables_for(session: Session) -> dict[str, str]:
    """The grading table the post uses per kind (settings ``grading_table_<kind>``; blank = national)."""
    from . import settings

    return {kind: settings.get(session, f"grading_table_{kind}") for kind in rules.KINDS}


def _table(kind: str, tables: dict[str, str] | None) -> rules.GradingTable:
    """The post's table for a kind, or the national one (a table of another kind is ignored)."""
    table_id = (tables or {}).get(kind)
    table = rules.load_tables().get(table_id) if table_id else None
    return table if table is not None and table.kind == kind else rules.default_table(kind)


def grading_figures(counts: dict, measures: dict | None = None) -> dict:
    """The counts plus the assessed figures a scale reads (burned area, magnitude, load lost…)."""
    figures = dict(counts)
    for key, (target, factor) in MEASURE_INPUTS.items():
        value = (measures or {}).get(key)
        if value is not None and target not in figures:
            number = Decimal(str(value)) * factor
            figures[target] = int(number) if target not in rules.DECIMAL_DIMENSIONS else number
    return figures


def suggest(category: str, counts: dict[str, int], predicted: dict[str, int] | None = None,
            tables: dict[str, str] | None = None, type: str = "", measures: dict | None = None,
            facts: dict | None = None) -> rules.GradeResult | None:
    """The event grade the incident type's scale suggests, or None if the type has no scale.

    The type chooses the scale (``grading_scale`` in catalogues.toml: landslides on
    the geohazard plan, forest fires on the 森林防火条例…); the post may pick its
    own table per kind. A natural disaster type with no national event scale
    (flood, typhoon…) gets None here: it stays 未定级 and still gets its response
    level from ``suggest_response``.
    """
    kind = grading_scale(type, category)
    if kind is None:
        return None
    return rules.grade(_table(kind, tables), grading_figures(counts, measures), predicted or {}, facts or {})


def suggest_response(category: str, counts: dict[str, int], predicted: dict[str, int] | None = None,
                     tables: dict[str, str] | None = None) -> rules.GradeResult | None:
    """The response level (e.g. the relief plan's Ⅰ–Ⅳ) suggested for a category, or None."""
    kind = response_scale(category)
    if kind is None:
        return None
    return rules.grade(_table(kind, tables), counts, predicted or {})


def suggest_for(incident: Incident, tables: dict[str, str] | None = None,
                counts: dict | None = None, predicted: dict | None = None) -> rules.GradeResult | None:
    """``suggest`` for a stored incident (its type, assessed figures and facts)."""
    return suggest(incident.category, incident.counts if counts is None else counts,
                   incident.predicted if predicted is None else predicted, tables, type=incident.type,
                   measures=incident.measures, facts=incident.grading_facts)


def grading_table_choices() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind, label, [(table id, or "" for the national table, title)]) for every grading scale."""
    tables = rules.load_tables()
    out = []
    for kind, name in rules.KINDS.items():
        national = rules.DEFAULT_TABLES.get(kind)
        options = [("", f"国家标准：{tables[national].title}" if national in tables else "国家标准")]
        options += [(t.id, f"{t.title}（{t.edition}）") for t in tables.values() if t.kind == kind and t.id != national]
        out.append((kind, f"{name}救助应急响应表" if kind == "natural_disaster" else f"{name}分级表", options))
    return out


def grading_fact_choices(session: Session, incident_id: int) -> list[tuple[str, str, dict[str, str], str]]:
    """The facts the incident's scale reads, for a form: (key, label, {value: label}, current value).

    Empty when the scale reads no such fact (most kinds grade on figures alone).
    """
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    kind = grading_scale(incident.type, incident.category)
    if kind is None:
        return []
    current = incident.grading_facts or {}
    return [(key, rules.FACTS[key][0], dict(rules.FACTS[key][1]), current.get(key, ""))
            for key in _table(kind, tables_for(session)).facts if key in rules.FACTS]


def set_grading_facts(session: Session, incident_id: int, facts: dict[str, str]) -> None:
    """Record the facts a scale reads (population density, city size, water intake cut off) and regrade."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    try:
        clean = rules.grade(rules.default_table("production_safety"), {}, facts=facts).inputs["facts"]
    except ValueError as exc:
        raise ValidationError(f"{exc}。", "grading_facts") from None
    if clean == (incident.grading_facts or {}):
        return
    incident.grading_facts = clean
    text = "；".join(f"{rules.FACTS[k][0]}：{rules.FACTS[k][1][v]}" for k, v in clean.items()) or "无"
    timeline.record(session, incident, "grading_facts", f"定级条件：{text}")
    regrade(session, incident)


def regrade(session: Session, incident: Incident) -> None:
    """Grade again after assessed figures or facts changed (magnitude, burned area, city size…).

    A grade the officer took from the suggestion follows the new suggestion; a
    grade set by hand against the suggestion stays, and only the response-level
    suggestion is brought up to date. The clocks re-derive either way.
    """
    tables = tables_for(session)
    suggestion = suggest_for(incident, tables)
    response = suggest_response(incident.category, incident.counts, incident.predicted, tables)
    last = session.scalars(select(Grading).where(Grading.incident_id == incident.id)
                           .order_by(Grading.id.desc()).limit(1)).first()
    by_hand = last is not None and last.chosen != last.suggested
    if suggestion is not None and suggestion.level != incident.grade and not by_hand:
        set_grade(session, incident, suggestion.level, suggestion=suggestion)
    elif response is not None and response.level != incident.response_level:
        set_response(session, incident, response, suggestion)
    else:
        clocks.sync(session, incident, session.info["clock"].now())


# --- validation ----------------------------------------------------------

def _count(name: str, value) -> int:
    """A count as typed (3, 三, 一百零五, 1,200) or given (int); ValidationError names the field."""
    label_ = COUNT_LABELS.get(name, name)
    if isinstance(value, bool):
        raise ValidationError(f"“{label_}”须为整数，而不是“{value}”。", name)
    if isinstance(value, int):
        number = value
    else:
        text = "" if value is None else str(value).strip()
        if not text:
            return 0
        sign = -1 if text[0] in "-－" else 1
        try:
            number = sign * numerals.parse_count(text.lstrip("-－"))
        except ValueError:
            raise ValidationError(f"“{label_}”须为整数（可写 3 或 三），而不是“{text}”。", name) from None
    if number < 0:
        raise ValidationError(f"“{label_}”不能为负数。", name)
    limit = MAX_LOSS if name == "direct_loss" else MAX_COUNT
    if number > limit:
        raise ValidationError(f"“{label_}”数值过大（{number}），请核对。", name)
    return number


def validate(inp: CallInput, now: datetime) -> CallInput:
    """Check a call; return a cleaned copy or raise ValidationError naming the field."""
    types = catalogue("incident_type")
    if inp.category not in catalogue("incident_category"):
        raise ValidationError("请选择事件类别。", "category")
    if not inp.type:
        raise ValidationError("请选择事件类型。", "type")
    if inp.type not in types or not inp.type.startswith(inp.category + "."):
        raise ValidationError(f"事件类型“{inp.type}”与类别不符。", "type")
    texts = {key: visible(getattr(inp, key), key in MULTILINE) for key in TEXT_LIMITS}
    place = texts["place_text"].strip()
    if not place:
        raise ValidationError("请填写事发地点。", "place_text")
    for key, limit in TEXT_LIMITS.items():
        if len(texts[key].strip()) > limit:
            raise ValidationError(f"该项不能超过 {limit} 个字。", key)
    lat, lon = _position(inp.lat, inp.lon)
    stamp, received, reason = receipt(inp, now)
    if inp.occurred_at is not None and inp.occurred_at > received:
        raise ValidationError(
            f"事发时间（{format_beijing(inp.occurred_at, False)}）不能晚于接报时间（{format_beijing(received, False)}）。",
            "occurred_at")
    if inp.occurred_at is not None and inp.occurred_at < received - timedelta(days=OCCURRED_BACK_DAYS):
        raise ValidationError(
            f"事发时间（{format_beijing(inp.occurred_at, False)}）早于接报一年以上，请核对年份。", "occurred_at")
    if inp.channel not in catalogue("call_channel"):
        raise ValidationError("请选择报告方式。", "channel")
    if inp.occurred_precision not in catalogue("time_precision"):
        raise ValidationError("事发时间精度不正确。", "occurred_precision")
    counts = {k: _count(k, v) for k, v in inp.counts.items()}
    predicted = {k: _count(k, v) for k, v in inp.predicted.items()}
    predicted = {k: v for k, v in predicted.items() if v}
    grade = inp.grade
    if grade not in ("auto", None) and grade not in rules.LEVEL_NAMES:
        raise ValidationError("等级须为 特别重大、重大、较大、一般 之一。", "grade")
    return replace(inp, **{**texts, "place_text": place}, lat=lat, lon=lon, received_at=received, stamped_at=stamp,
                   receipt_edit_reason=reason, counts=counts, predicted=predicted)


def visible(text: str, multiline: bool = True) -> str:
    """*text* without control characters, lone surrogates and non-characters: they are invisible on the form,
    break Word and PDF exports (XML allows none of them) and cannot be stored as UTF-8. Line breaks and tabs are
    kept in multi-line fields (a Windows or old-Mac line end as one \\n) and become spaces in one-line fields."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for c in text:
        if c in "\n\t":
            out.append(c if multiline else " ")
        elif unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff":
            out.append(c)
    return "".join(out)


def _position(lat, lon) -> tuple[float | None, float | None]:
    """The call's position (WGS-84) checked: both or neither, finite, inside China."""
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise ValidationError("位置须同时有纬度和经度。", "lat" if lat is None else "lon")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValidationError("纬度和经度须为数字。", "lat") from None
    if not (CHINA_LAT[0] <= lat <= CHINA_LAT[1] and CHINA_LON[0] <= lon <= CHINA_LON[1]):  # NaN fails here too
        raise ValidationError(f"位置（纬度 {lat:.5f}，经度 {lon:.5f}）不在中国境内（纬度 3–54，经度 73–136，WGS-84）。",
                              "lat")
    return lat, lon


def receipt_edited(received: datetime, stamp: datetime) -> bool:
    """Whether the officer changed the receipt time by hand (the form shows whole seconds)."""
    return abs(received - stamp) >= timedelta(seconds=1)


def receipt(inp: CallInput, now: datetime) -> tuple[datetime, datetime, str]:
    """(stamp, receipt time, edit reason) of a call, checked.

    The stamp is taken when the call is opened and kept however long the call
    takes; a reason is asked for only when the receipt time differs from the
    stamp, i.e. the officer changed it by hand. A reason given without an edit
    is dropped, so no hand edit is recorded that did not happen.
    """
    stamp = inp.stamped_at or now
    received = inp.received_at or stamp
    reason = inp.receipt_edit_reason.strip()
    if not receipt_edited(received, stamp):
        return stamp, received, ""
    if received > now:
        raise ValidationError(f"接报时间（{format_beijing(received)}）不能晚于当前时间。", "received_at")
    if received < now - timedelta(days=RECEIPT_BACK_DAYS):
        raise ValidationError(f"接报时间（{format_beijing(received)}）早于当前时间 {RECEIPT_BACK_DAYS} 天以上，请核对年份和日期。",
                              "received_at")
    if not reason:
        raise ValidationError(
            f"接报时间已由 {format_beijing(stamp)} 手工改为 {format_beijing(received)}，"
            "请填写修改原因（将记入审计日志）。", "receipt_edit_reason")
    if len(reason) > 200:
        raise ValidationError("修改原因不能超过 200 个字。", "receipt_edit_reason")
    return stamp, received, reason


# --- saving a call -------------------------------------------------------

def _count_changes(old: dict, new: dict, prefix: str = "") -> list[str]:
    out = []
    for key in sorted(set(old) | set(new), key=lambda k: list(COUNT_LABELS).index(k) if k in COUNT_LABELS else 99):
        a, b = old.get(key, 0), new.get(key, 0)
        if a != b:
            out.append(f"{prefix}{COUNT_LABELS.get(key, key)}：{a} → {b}")
    return out


def record_call(session: Session, inp: CallInput, incident_id: int | None = None) -> IntakeResult:
    """Save a call: a new incident, or a follow-up call on ``incident_id``."""
    actor = auth.require(session.info.get("actor"), auth.Permission.RECORD_CALL)
    now = session.info["clock"].now()
    inp = validate(inp, now)
    created = incident_id is None
    if created:
        title = inp.title.strip() or f"{inp.place_text}{type_label(inp.type)}"
        incident = Incident(
            title=title, category=inp.category, type=inp.type, status="received",
            received_at=inp.received_at, occurred_at=inp.occurred_at,
            occurred_precision=inp.occurred_precision, place_text=inp.place_text,
            jurisdiction_code=inp.jurisdiction_code, lat=inp.lat, lon=inp.lon,
            summary=inp.course, counts={}, predicted={},
            flags=sorted(set(inp.flags) | ({clocks.UNSTABLE} if inp.category == "natural" else set())),
            is_drill=bool(session.info.get("drill")),
            recorded_by=actor.operator_id,
            unit_received_at=None)
        session.add(incident)
        session.flush()
    else:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise UserError("该事件已不存在。")
    seq = len(incident.calls) + 1
    call = CallRecord(
        incident=incident, seq=seq, received_at=inp.received_at, stamped_at=inp.stamped_at,
        receipt_edit_reason=inp.receipt_edit_reason, channel=inp.channel,
        caller_unit=inp.caller_unit.strip(), caller_name=inp.caller_name.strip(),
        caller_post=inp.caller_post.strip(), caller_phone=inp.caller_phone.strip(),
        occurred_at=inp.occurred_at, occurred_precision=inp.occurred_precision,
        place_text=inp.place_text, category=inp.category, type=inp.type,
        counts=inp.counts, predicted=inp.predicted, cause=inp.cause.strip(), course=inp.course.strip(),
        measures=inp.measures.strip(), trend=inp.trend.strip(), requests=inp.requests.strip(),
        notified=inp.notified.strip(), commander=inp.commander.strip(),
        recorder_id=actor.operator_id, recorder_name=actor.name,
        original_message=inp.original_message, suggestions=dict(inp.suggestions))
    session.add(call)
    session.flush()

    who = "、".join(x for x in (inp.caller_unit.strip(), inp.caller_name.strip()) if x) or "来电人未留名"
    channel = label("call_channel", inp.channel)
    if created:
        timeline.record(session, incident, "call", f"接报（{channel}，{who}）：{inp.place_text}{type_label(inp.type)}",
                  {"call_id": call.id}, at=inp.received_at)
        changes = _count_changes({}, inp.counts) + _count_changes({}, inp.predicted, "研判可能")
    else:
        changes = _count_changes(incident.counts, inp.counts) + _count_changes(
            incident.predicted, inp.predicted, "研判可能")
        if incident.type != inp.type:
            changes.append(f"事件类型：{type_label(incident.type)} → {type_label(inp.type)}")
            incident.type, incident.category = inp.type, inp.category
        if inp.occurred_at and incident.occurred_at != inp.occurred_at:
            incident.occurred_at = inp.occurred_at
        timeline.record(session, incident, "call",
                  f"续报来电第 {seq} 次（{channel}，{who}）" + ("：" + "；".join(changes) if changes else "：无数字变化"),
                  {"call_id": call.id, "changes": changes}, at=inp.received_at)
    if inp.receipt_edit_reason:  # set by validate only for a hand edit
        timeline.record(session, incident, "receipt_edit",
                  f"接报时间由 {format_beijing(inp.stamped_at)}（系统记录）手工改为 {format_beijing(inp.received_at)}，"
                  f"原因：{inp.receipt_edit_reason}",
                  {"call_id": call.id, "stamped_at": inp.stamped_at.isoformat(),
                   "received_at": inp.received_at.isoformat()})
    incident.counts = {**incident.counts, **inp.counts}
    incident.predicted = dict(inp.predicted) if inp.predicted or not created else {}
    if inp.flags:
        incident.flags = sorted(set(incident.flags) | set(inp.flags))

    tables = tables_for(session)
    suggestion = suggest_for(incident, tables)
    response = suggest_response(incident.category, incident.counts, incident.predicted, tables)
    wanted = inp.grade
    if wanted == "auto":
        wanted = suggestion.level if suggestion else incident.grade
    if wanted != incident.grade:
        set_grade(session, incident, wanted, inp.grade_reason, suggestion=suggestion)  # re-derives the clocks
    elif response is not None and response.level != incident.response_level:
        set_response(session, incident, response, suggestion)  # re-derives the clocks
    else:
        clocks.sync(session, incident, now)
    session.flush()
    return IntakeResult(incident.id, call.id, created, suggestion, incident.grade, tuple(changes), response)


def _basis_call(incident: Incident, level: int | None, tables: dict[str, str]) -> CallRecord | None:
    """The first call whose counts alone already met *level* (for clock anchoring)."""
    if level is None:
        return None
    seen: dict[str, int] = {}
    for call in incident.calls:
        seen = {**seen, **call.counts}
        result = suggest_for(incident, tables, seen, call.predicted)
        if result is not None and result.level is not None and result.level <= level:
            return call
    return incident.calls[-1] if incident.calls else None


def set_grade(session: Session, incident: Incident | int, level: int | None, reason: str = "",
              suggestion: rules.GradeResult | None = None) -> Grading:
    """Confirm or override the incident's grade; an override needs a reason."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if isinstance(incident, int):
        incident = session.get(Incident, incident)
        if incident is None:
            raise UserError("该事件已不存在。")
    if level is not None and level not in rules.LEVEL_NAMES:
        raise ValidationError("等级须为 1–4。", "grade")
    tables = tables_for(session)
    if suggestion is None:
        suggestion = suggest_for(incident, tables)
    response = suggest_response(incident.category, incident.counts, incident.predicted, tables)
    suggested = suggestion.level if suggestion else None
    reason = reason.strip()
    if suggestion is not None and level != suggested and not reason:
        raise ValidationError(
            f"所选等级（{grade_label(level)}）与依据标准的建议（{grade_label(suggested)}）不同，请填写调整理由。",
            "grade_reason")
    now = session.info["clock"].now()
    actor = session.info.get("actor")
    basis = _basis_call(incident, level, tables)
    predicted = bool(suggestion and suggestion.predicted_decides and level == suggested)
    record = Grading(
        incident_id=incident.id, at=now, actor_id=getattr(actor, "operator_id", None),
        table_id=suggestion.table_id if suggestion else "", edition=suggestion.edition if suggestion else "",
        content_hash=suggestion.content_hash if suggestion else "",
        inputs={"counts": incident.counts, "predicted": incident.predicted},
        suggested=suggested, chosen=level, predicted=predicted, override_reason=reason,
        reasons=[r.text for r in suggestion.reasons] if suggestion else [],
        basis_call_id=basis.id if basis else None,
        response_level=response.level if response else None,
        response_table_id=response.table_id if response else "",
        response_reasons=[r.text for r in response.reasons] if response else [])
    record.inputs = {**record.inputs, "measures": dict(incident.measures or {}),
                     "facts": dict(incident.grading_facts or {})}
    session.add(record)
    old, old_response = incident.grade, incident.response_level
    incident.grade = level
    incident.grade_predicted = predicted
    incident.grade_basis_call_id = basis.id if basis else None
    if response is not None:
        incident.response_level = response.level
    if incident.status == "received" and level is not None:
        incident.status = "graded"
    parts = []
    if old != level or old_response == incident.response_level:
        text = f"定级：{grade_label(old)} → {grade_label(level)}" + ("（依据研判预测数字）" if predicted else "")
        if suggestion is not None and suggestion.reasons:
            text += f"。依据：{suggestion.reasons[0].text}；{suggestion.source}"
        elif suggestion is None and level is None:
            text += f"（{type_label(incident.type)}没有国家事件分级标准）"
        if reason:
            text += f"。调整理由：{reason}"
        parts.append(text)
    if response is not None and old_response != incident.response_level:
        text = f"应急响应建议：{response_label(old_response)} → {response_label(incident.response_level)}"
        if response.reasons:
            text += f"。依据：{response.reasons[0].text}；{response.source}"
        parts.append(text)
    timeline.record(session, incident, "grade", "\n".join(parts),
              {"from": old, "to": level, "response_from": old_response, "response_to": incident.response_level})
    session.flush()
    clocks.sync(session, incident, now)
    return record


def set_response(session: Session, incident: Incident, response: rules.GradeResult,
                 suggestion: rules.GradeResult | None = None) -> Grading:
    """Record a new response-level suggestion while the grade stays as it is."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    now = session.info["clock"].now()
    actor = session.info.get("actor")
    record = Grading(
        incident_id=incident.id, at=now, actor_id=getattr(actor, "operator_id", None),
        table_id=suggestion.table_id if suggestion else "", edition=suggestion.edition if suggestion else "",
        content_hash=suggestion.content_hash if suggestion else "",
        inputs={"counts": incident.counts, "predicted": incident.predicted,
                "measures": dict(incident.measures or {}), "facts": dict(incident.grading_facts or {})},
        suggested=suggestion.level if suggestion else None, chosen=incident.grade,
        predicted=bool(incident.grade_predicted), override_reason="",
        reasons=[r.text for r in suggestion.reasons] if suggestion else [],
        basis_call_id=incident.grade_basis_call_id, response_level=response.level,
        response_table_id=response.table_id, response_reasons=[r.text for r in response.reasons])
    session.add(record)
    old = incident.response_level
    incident.response_level = response.level
    text = f"应急响应建议：{response_label(old)} → {response_label(response.level)}（事件等级仍为{grade_label(incident.grade)}）"
    if response.reasons:
        text += f"。依据：{response.reasons[0].text}；{response.source}"
    timeline.record(session, incident, "grade", text, {"response_from": old, "response_to": response.level})
    session.flush()
    clocks.sync(session, incident, now)
    return record


def set_flag(session: Session, incident_id: int, flag: str, on: bool) -> None:
    """Turn a clock-relevant flag (e.g. disaster_unstable) on or off."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    incident = session.get(Incident, incident_id)
    flags = set(incident.flags)
    if (flag in flags) == on:
        return
    flags.symmetric_difference_update({flag})
    incident.flags = sorted(flags)
    names = {"disaster_unstable": "灾情不稳定（每日零报告）"}
    timeline.record(session, incident, "flag", f"{'设置' if on else '取消'}：{names.get(flag, flag)}")
    clocks.sync(session, incident, session.info["clock"].now())


# --- finding incidents ---------------------------------------------------

def likely_duplicates(session: Session, inp: CallInput, now: datetime, hours: int = 12) -> list[Duplicate]:
    """Open incidents from the last *hours* that the call may be about, best first."""
    since = now - timedelta(hours=hours)
    candidates = session.scalars(select(Incident).where(
        Incident.received_at >= since, Incident.is_drill.is_(bool(session.info.get("drill"))),
        Incident.status.not_in(CLOSED_STATUSES))).all()
    place = inp.place_text.strip()
    out = []
    for inc in candidates:
        score, why = 0, []
        if inp.type and inc.type == inp.type:
            score += 2
            why.append("类型相同")
        elif inp.category and inc.category == inp.category:
            score += 1
        if place and (place in inc.place_text or inc.place_text in place or _shared_words(place, inc.place_text)):
            score += 3
            why.append("地点相近")
        if inp.jurisdiction_code and inc.jurisdiction_code == inp.jurisdiction_code:
            score += 1
            why.append("同一区划")
        minutes = int((now - inc.received_at).total_seconds() // 60)
        if score >= 3:
            why.append(f"{minutes} 分钟前接报")
            out.append(Duplicate(inc.id, inc.title, inc.received_at, score, "，".join(why), heading(inc)))
    return sorted(out, key=lambda d: (-d.score, -d.received_at.timestamp()))


def _shared_words(a: str, b: str, n: int = 3) -> bool:
    """Whether two place texts share a run of *n* characters (e.g. a company name)."""
    return any(a[i:i + n] in b for i in range(max(0, len(a) - n + 1)))


PAGE = 200  # incidents listed at a time; older ones come with 更多 or a filter


@dataclass(frozen=True)
class ListPage:
    """One page of the incident list: the newest incidents matching the filter (open ones always with the first
    page), how many match in all, and whether there are more to fetch."""

    incidents: list[Incident]
    total: int
    more: bool


def number(incident: Incident) -> str:
    """The number people see: 7 for the post's incident (its id), 车1-0007 for one a vehicle made."""
    from .sites import incident_number

    return incident_number(incident.sync_site, incident.site_number, incident.id)


def heading(incident: Incident) -> str:
    """The number as headings and messages show it: #7, or 车1-0007."""
    from .sites import incident_heading

    return incident_heading(incident.sync_site, incident.site_number, incident.id)


def _matching(session: Session, text: str):
    from .sites import parse_incident_number

    stmt = select(Incident).where(Incident.is_drill.is_(bool(session.info.get("drill"))))
    for word in text.split():
        word = word.lstrip("#")
        cond = Incident.title.contains(word, autoescape=True) | Incident.place_text.contains(word, autoescape=True)
        parsed = parse_incident_number(word) if len(word) <= 30 else None
        if parsed is not None and parsed[1] < 10**9:
            site_, n = parsed
            if site_:  # 车1-0007: that vehicle's seventh
                cond = cond | ((Incident.sync_site == site_) & (Incident.site_number == n))
            else:  # 7: the post's number (its id here, or the number it came with)
                cond = cond | ((Incident.sync_site == "") & ((Incident.site_number == n) |
                                                             (Incident.site_number.is_(None) & (Incident.id == n))))
        stmt = stmt.where(cond)
    return stmt


def list_page(session: Session, text: str = "", offset: int = 0, limit: int | None = None) -> ListPage:
    """Incidents newest first, *limit* at a time from *offset*, filtered by every word of *text* (in the title or
    the place, or the number); the first page unfiltered also carries every open incident, however old, so a
    long-running one never drops off the list. Never loads the whole store."""
    limit = limit or PAGE
    stmt = _matching(session, text.strip())
    rows = list(session.scalars(stmt.order_by(Incident.received_at.desc(), Incident.id.desc())
                                .offset(offset).limit(limit)))
    if len(rows) < limit:  # the last page: no second pass over the store to count
        total = offset + len(rows) if rows or offset == 0 else \
            session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    else:
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    if offset == 0 and not text.strip():
        seen = {i.id for i in rows}
        oldest = rows[-1].received_at if rows else None
        extra = [] if oldest is None else session.scalars(
            stmt.where(Incident.status.not_in(CLOSED_STATUSES), Incident.received_at < oldest)).all()
        rows += sorted((i for i in extra if i.id not in seen), key=lambda i: (i.received_at, i.id), reverse=True)
    return ListPage(rows, total, offset + limit < total)


def get(session: Session, incident_id: int) -> Incident | None:
    """One incident of the store, or None."""
    return session.get(Incident, incident_id)


def active_incidents(session: Session) -> list[Incident]:
    """The workspace's incidents still being worked (not terminated, reviewed, merged or voided), newest first."""
    return list(session.scalars(_matching(session, "").where(Incident.status.not_in(CLOSED_STATUSES))
                                .order_by(Incident.received_at.desc())))


def position(session: Session, incident_id: int) -> tuple[float, float] | None:
    """(lat, lon) of an incident in WGS-84, or None when it has no coordinates (or does not exist)."""
    inc = session.get(Incident, incident_id)
    if inc is None or inc.lat is None or inc.lon is None:
        return None
    return inc.lat, inc.lon


def assessment(session: Session, incident_id: int) -> tuple[str, dict[str, float]]:
    """The warning colour and measured values (停电比例 …) last entered for an incident."""
    inc = session.get(Incident, incident_id)
    if inc is None:
        raise UserError(f"事件 #{incident_id} 不存在")
    return inc.warning or "", dict(inc.measures or {})


@dataclass(frozen=True)
class KnownFacts:
    """What is known of an incident when a further call about it comes in."""

    id: int
    title: str
    category: str
    type: str
    place_text: str
    counts: dict
    predicted: dict
    grade: int | None
    occurred_at: datetime | None
    number: str = ""  # the number people see: #7, or 车1-0007 on a vehicle's own


def known_facts(session: Session, incident_id: int) -> KnownFacts:
    """The incident's facts for prefilling a follow-up call (UserError if it does not exist)."""
    inc = session.get(Incident, incident_id)
    if inc is None:
        raise UserError(f"事件 #{incident_id} 不存在")
    return KnownFacts(inc.id, inc.title, inc.category, inc.type, inc.place_text, dict(inc.counts or {}),
                      dict(inc.predicted or {}), inc.grade, inc.occurred_at, heading(inc))
