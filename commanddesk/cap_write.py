"""Writing CAP 1.2 (OASIS Common Alerting Protocol) messages, validated. No Qt, no store.

``render`` turns an ``Outgoing`` message into the bytes of one ``<alert>`` and
validates them against the CAP 1.2 schema bundled in the package
(``data/cap/CAP-v1.2.xsd``) before returning; a message that would not validate
raises ``CapError`` and nothing is returned, so nothing is ever written.

Times are written in Beijing time with an explicit ``+08:00`` offset. The
identifier follows GB/T 35965.1-2018 appendix A.1.1:
``ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N`` (31 characters): the issuing unit's code
(6-digit GB/T 2260 division, 3-digit GB/T 4657 organisation code, 3-digit internal
code, 2-digit extension), the Beijing entry time to the second, and a sequence
number 0-9 for messages of the same unit in the same second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from lxml import etree

from .cap import NS, CapError
from .clock import BEIJING
from .paths import PACKAGE_DATA

SCHEMA_FILE = PACKAGE_DATA / "cap" / "CAP-v1.2.xsd"
UNIT_CODE = re.compile(r"\d{14}")
IDENTIFIER = re.compile(r"(\d{14})_(\d{14})_(\d)")
GEOCODE_NAME = "GB/T 2260"
COLOUR_SEVERITY = {"red": "Extreme", "orange": "Severe", "yellow": "Moderate", "blue": "Minor"}


@dataclass(frozen=True)
class Area:
    """One CAP area: words, GB/T 2260 codes and an optional closed polygon of (lat, lon)."""

    desc: str
    geocodes: tuple[str, ...] = ()
    polygon: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Outgoing:
    """Everything one exported alert says (times aware; written in Beijing time)."""

    identifier: str
    sender: str
    sent: datetime
    status: str  # Actual / Exercise
    msg_type: str  # Alert / Update / Cancel
    category: str
    event: str
    urgency: str
    severity: str
    certainty: str
    area: Area
    scope: str = "Public"
    references: tuple[tuple[str, str, datetime], ...] = ()
    note: str = ""
    sender_name: str = ""
    headline: str = ""
    description: str = ""
    instruction: str = ""
    effective: datetime | None = None
    expires: datetime | None = None
    response_type: str = ""
    parameters: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@cache
def schema() -> etree.XMLSchema:
    """The bundled CAP 1.2 schema (read once)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def cap_time(at: datetime) -> str:
    """A CAP date-time in Beijing time: 2026-07-01T08:00:00+08:00."""
    if at.utcoffset() is None:
        raise CapError("导出 CAP 时遇到不带时区的时间；未写出文件。")
    return at.astimezone(BEIJING).replace(microsecond=0).isoformat()


def identifier(unit_code: str, at: datetime, seq: int) -> str:
    """The GB/T 35965.1 identifier of a message entered at *at* with same-second sequence *seq* (0-9)."""
    if not UNIT_CODE.fullmatch(unit_code):
        raise CapError(f"预警发布单位代码“{unit_code}”应为 14 位数字（行政区划 6 位 + 机构 3 位 + 内部 3 位 + 扩展 2 位）；"
                       "未写出文件。")
    if not 0 <= seq <= 9:
        raise CapError("同一秒内的序号应为 0-9；未写出文件。")
    return f"{unit_code}_{at.astimezone(BEIJING):%Y%m%d%H%M%S}_{seq}"


def next_after(last: str | None, unit_code: str, now: datetime) -> str:
    """The identifier after *last* (the unit's previous one, or None): never equal to it nor to an earlier one.

    Same second as *last* (or a clock that went back): the next sequence number; after 9, the next second.
    """
    now = now.astimezone(BEIJING).replace(microsecond=0)
    m = IDENTIFIER.fullmatch(last or "")
    if m is None or m.group(1) != unit_code:
        return identifier(unit_code, now, 0)
    prev = datetime.strptime(m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=BEIJING)
    if now > prev:
        return identifier(unit_code, now, 0)
    seq = int(m.group(3)) + 1
    return identifier(unit_code, prev, seq) if seq <= 9 else identifier(unit_code, prev + timedelta(seconds=1), 0)


def _sub(parent, name: str, text: str | None = None):
    el = etree.SubElement(parent, f"{{{NS}}}{name}")
    if text is not None:
        el.text = text
    return el


def _pair(parent, name: str, value_name: str, value: str) -> None:
    el = _sub(parent, name)
    _sub(el, "valueName", value_name)
    _sub(el, "value", value)


def _number(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _ring(points) -> str:
    return " ".join(f"{_number(lat)},{_number(lon)}" for lat, lon in points)


def build(o: Outgoing) -> bytes:
    """The XML of *o* in the schema's element order (not yet validated)."""
    root = etree.Element(f"{{{NS}}}alert", nsmap={None: NS})
    _sub(root, "identifier", o.identifier)
    _sub(root, "sender", o.sender)
    _sub(root, "sent", cap_time(o.sent))
    _sub(root, "status", o.status)
    _sub(root, "msgType", o.msg_type)
    _sub(root, "scope", o.scope)
    if o.note:
        _sub(root, "note", o.note)
    if o.references:
        _sub(root, "references", " ".join(f"{s},{i},{cap_time(t)}" for s, i, t in o.references))
    info = _sub(root, "info")
    _sub(info, "language", "zh-CN")
    _sub(info, "category", o.category)
    _sub(info, "event", o.event)
    if o.response_type:
        _sub(info, "responseType", o.response_type)
    _sub(info, "urgency", o.urgency)
    _sub(info, "severity", o.severity)
    _sub(info, "certainty", o.certainty)
    for name, at in (("effective", o.effective), ("expires", o.expires)):
        if at is not None:
            _sub(info, name, cap_time(at))
    for name, text in (("senderName", o.sender_name), ("headline", o.headline), ("description", o.description),
                       ("instruction", o.instruction)):
        if text:
            _sub(info, name, text)
    for name, value in o.parameters:
        _pair(info, "parameter", name, value)
    area = _sub(info, "area")
    _sub(area, "areaDesc", o.area.desc)
    if o.area.polygon:
        _sub(area, "polygon", _ring(o.area.polygon))
    for code in o.area.geocodes:
        _pair(area, "geocode", GEOCODE_NAME, code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def validate(data: bytes) -> None:
    """Raise CapError unless *data* is a CAP 1.2 alert valid against the bundled schema."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        doc = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CapError(f"导出的 CAP 文件不是格式正确的 XML（{exc.msg or exc}）；未写出文件。") from None
    s = schema()
    if not s.validate(doc):
        err = s.error_log.last_error
        raise CapError(f"导出的 CAP 文件未通过 CAP 1.2 模式校验（第 {err.line} 行：{err.message}）；未写出文件。")


def render(o: Outgoing) -> bytes:
    """The XML of *o*, validated against the CAP 1.2 schema, or CapError."""
    try:
        data = build(o)
    except ValueError:  # lxml refuses text XML cannot hold (control characters, NUL)
        raise CapError("导出内容含 XML 不允许的字符（控制字符）；未写出文件。") from None
    validate(data)
    return data
