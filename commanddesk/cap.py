"""Reading CAP 1.2 (OASIS Common Alerting Protocol) warning messages, safely. No Qt, no store.

``parse`` turns the bytes of one CAP 1.2 ``<alert>`` into a ``CapMessage`` or
raises ``CapError`` with one Chinese sentence saying why the file is refused.
Files with a document type declaration are refused before parsing (no DTD, no
entities: XXE and entity-expansion bombs never reach the parser), the parser
itself resolves no entities and reads nothing from the network, and files over
2 MB are refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from .errors import UserError

NS = "urn:oasis:names:tc:emergency:cap:1.2"
MAX_BYTES = 2 * 1024 * 1024
STATUS = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
              "CBRNE", "Other")
URGENCY = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITY = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTY = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
SEVERITY_COLOUR = {"Extreme": "red", "Severe": "orange", "Moderate": "yellow", "Minor": "blue"}
COLOUR_WORDS = {"红色": "red", "橙色": "orange", "黄色": "yellow", "蓝色": "blue"}
COLOUR_PARAMS = ("colour", "color", "预警颜色", "预警级别", "alertcolor", "severitycolor")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class CapError(UserError):
    """A file that is not an acceptable CAP 1.2 message; nothing was recorded."""


@dataclass(frozen=True)
class CapMessage:
    """The parts of one CAP alert the warnings register keeps (times aware)."""

    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    references: tuple[tuple[str, str, str], ...]  # (sender, identifier, sent)
    event: str = ""
    category: str = ""
    urgency: str = ""
    severity: str = ""
    certainty: str = ""
    colour: str = ""  # blue/yellow/orange/red, "" when the message does not say
    sender_name: str = ""
    headline: str = ""
    description: str = ""
    instruction: str = ""
    effective: datetime | None = None
    expires: datetime | None = None
    area_desc: str = ""
    geocodes: tuple[str, ...] = ()
    polygon: tuple[tuple[float, float], ...] = ()
    note: str = ""
    content_hash: str = ""
    parameters: dict[str, str] = field(default_factory=dict)


def _refuse(reason: str) -> CapError:
    return CapError(f"不是可导入的 CAP 1.2 预警文件：{reason}；未作任何改动。")


def parse(data: bytes) -> CapMessage:
    """Read one CAP 1.2 alert from *data*, or raise CapError."""
    if len(data) > MAX_BYTES:
        raise _refuse(f"文件大于 {MAX_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise _refuse("文件是空的")
    if _DOCTYPE.search(data):
        raise _refuse("文件含文档类型声明（DOCTYPE/ENTITY），为防外部实体和实体膨胀攻击，一律拒收")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(f"不是格式正确的 XML（{exc.msg or exc}）") from None
    if root.tag != f"{{{NS}}}alert":
        ns = etree.QName(root).namespace or "无"
        raise _refuse(f"根元素应为命名空间 {NS} 中的 alert，而不是 {etree.QName(root).localname}（命名空间：{ns}）")
    r = _Reader(root)
    identifier = r.text("identifier")
    sender = r.text("sender")
    sent = r.time("sent")
    status = r.choice("status", STATUS)
    msg_type = r.choice("msgType", MSG_TYPES)
    scope = r.choice("scope", SCOPES)
    refs = tuple(_references(r.text("references", required=False)))
    if msg_type in ("Update", "Cancel") and not refs:
        raise _refuse(f"{msg_type} 消息缺少 references（须指明更新或解除的是哪一条预警）")
    if msg_type in ("Ack", "Error"):
        raise _refuse(f"{msg_type} 类消息是回执，不是预警信息")
    note = r.text("note", required=False)
    infos = root.findall(f"{{{NS}}}info")
    info = next((i for i in infos if (_child_text(i, "language") or "en-US").lower().startswith("zh")), None)
    if info is None:
        info = infos[0] if infos else None
    if info is None:
        if msg_type == "Cancel":
            return CapMessage(identifier, sender, sent, status, msg_type, scope, refs, note=note,
                              content_hash=hashlib.sha256(data).hexdigest())
        raise _refuse("缺少必填元素 info")
    i = _Reader(info, "info/")
    category = i.choice("category", CATEGORIES)
    event = i.text("event")
    urgency = i.choice("urgency", URGENCY)
    severity = i.choice("severity", SEVERITY)
    certainty = i.choice("certainty", CERTAINTY)
    params = {}
    for p in info.findall(f"{{{NS}}}parameter"):
        name, value = _child_text(p, "valueName"), _child_text(p, "value")
        if name:
            params[name] = value
    headline = i.text("headline", required=False)
    area = info.find(f"{{{NS}}}area")
    geocodes: list[str] = []
    polygon: tuple[tuple[float, float], ...] = ()
    area_desc = ""
    if area is not None:
        a = _Reader(area, "info/area/")
        area_desc = a.text("areaDesc")
        for g in area.findall(f"{{{NS}}}geocode"):
            value = _child_text(g, "value")
            if value:
                geocodes.extend(v for v in re.split(r"[\s,，;；]+", value) if v)
        poly = area.find(f"{{{NS}}}polygon")
        if poly is not None and (poly.text or "").strip():
            polygon = _polygon(poly.text)
    elif msg_type != "Cancel":
        raise _refuse("缺少必填元素 info/area（预警区域）")
    return CapMessage(
        identifier=identifier, sender=sender, sent=sent, status=status, msg_type=msg_type, scope=scope,
        references=refs, event=event, category=category, urgency=urgency, severity=severity, certainty=certainty,
        colour=_colour(event, headline, params, severity), sender_name=i.text("senderName", required=False),
        headline=headline, description=i.text("description", required=False),
        instruction=i.text("instruction", required=False), effective=i.time("effective", required=False),
        expires=i.time("expires", required=False), area_desc=area_desc, geocodes=tuple(geocodes), polygon=polygon,
        note=note, content_hash=hashlib.sha256(data).hexdigest(), parameters=params)


def _colour(event: str, headline: str, params: dict[str, str], severity: str) -> str:
    """The warning colour: said in words (暴雨红色预警), in a parameter, or read from the severity."""
    for text in (event, headline):
        for word, code in COLOUR_WORDS.items():
            if word in text:
                return code
    for name, value in params.items():
        if name.lower() in COLOUR_PARAMS:
            v = value.strip().lower()
            for word, code in COLOUR_WORDS.items():
                if v in (word, word[0], code):
                    return code
    return SEVERITY_COLOUR.get(severity, "")


def _references(text: str):
    for item in text.split():
        parts = item.split(",")
        if len(parts) != 3 or not all(parts):
            raise _refuse(f"references 中的“{item}”应为“发布者,标识,发送时间”")
        yield parts[0], parts[1], parts[2]


def _polygon(text: str) -> tuple[tuple[float, float], ...]:
    points = []
    for pair in text.split():
        try:
            lat, lon = (float(x) for x in pair.split(","))
        except ValueError:
            raise _refuse(f"polygon 中的“{pair}”应为“纬度,经度”") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _refuse(f"polygon 中的“{pair}”超出经纬度范围")
        points.append((lat, lon))
    if len(points) < 4 or points[0] != points[-1]:
        raise _refuse("polygon 至少须有 4 个点且首尾相同")
    return tuple(points)


def _child_text(el, name: str) -> str:
    child = el.find(f"{{{NS}}}{name}")
    return (child.text or "").strip() if child is not None else ""


class _Reader:
    """Required and optional children of one CAP element, with Chinese refusals."""

    def __init__(self, el, where: str = "") -> None:
        self.el, self.where = el, where

    def text(self, name: str, required: bool = True) -> str:
        """The text of child element *name*; refused when it is required and empty."""
        value = _child_text(self.el, name)
        if required and not value:
            raise _refuse(f"缺少必填元素 {self.where}{name}")
        return value

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        """The text of child *name*, refused unless it is one of CAP 1.2's *allowed* values."""
        value = self.text(name)
        if value not in allowed:
            raise _refuse(f"{self.where}{name} 的值“{value}”不在 CAP 1.2 规定的取值中（{'/'.join(allowed)}）")
        return value

    def time(self, name: str, required: bool = True) -> datetime | None:
        """Child *name* as a CAP date-time (with its offset), or None when optional and absent."""
        value = self.text(name, required)
        if not value:
            return None
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            at = None
        if at is None or at.utcoffset() is None:
            raise _refuse(f"{self.where}{name} 的时间“{value}”应为带时区的格式，如 2026-07-01T08:00:00+08:00")
        return at
