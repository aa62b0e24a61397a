"""The public-opinion log (舆情): what was seen where, how hot it is, the incident it concerns, the response. No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..models import Incident, OpinionItem
from .sites import incident_heading

SOURCES = ("微博", "微信", "抖音", "快手", "新闻网站", "本地论坛", "12345热线", "其他")
HEATS = ("低", "中", "高")


@dataclass(frozen=True)
class OpinionView:
    """One item as the duty page, the incident and the daily report show it."""

    id: int
    seen_at: datetime
    source: str
    link: str
    text: str
    heat: str
    incident_id: int | None
    incident_title: str
    response: str
    recorded_by: str
    incident_number: str = ""  # the number people see: #7, or 车1-0007 on a vehicle's own


def _clean_link(link: str) -> str:
    link = (link or "").strip()
    if len(link) > 500:
        raise ValidationError("链接过长（最多 500 字符）。", "link")
    if link and any(ch.isspace() for ch in link):
        raise ValidationError("链接中不能有空格或换行。", "link")
    return link


def record(session: Session, source: str, text: str, *, heat: str = "低", link: str = "",
           seen_at: datetime | None = None, incident_id: int | None = None, response: str = "") -> OpinionItem:
    """Log an item; *seen_at* defaults to the clock's now."""
    source, text = (source or "").strip(), (text or "").strip()
    if not source:
        raise ValidationError("请填写舆情来源（如 微博、本地论坛）。", "source")
    if len(source) > 60:
        raise ValidationError("来源过长（最多 60 字）。", "source")
    if not text:
        raise ValidationError("请填写舆情内容或摘要。", "text")
    if heat not in HEATS:
        raise ValidationError(f"热度应为 {'、'.join(HEATS)} 之一。", "heat")
    now = session.info["clock"].now()
    seen_at = seen_at or now
    if seen_at > now:
        raise ValidationError("发现时间不能晚于现在。", "seen_at")
    if incident_id is not None and session.get(Incident, incident_id) is None:
        raise ValidationError(f"没有编号为 #{incident_id} 的事件。", "incident_id")
    actor = session.info.get("actor")
    row = OpinionItem(seen_at=seen_at, source=source, link=_clean_link(link), text=text, heat=heat,
                      incident_id=incident_id, response=(response or "").strip(),
                      recorded_by=actor.name if actor is not None else "")
    session.add(row)
    session.flush()
    return row


def respond(session: Session, item_id: int, response: str, heat: str | None = None) -> OpinionItem:
    """Record the response taken (辟谣、回应、报告宣传部门 …), optionally with the heat as it is now."""
    row = session.get(OpinionItem, item_id)
    if row is None:
        raise UserError(f"没有编号为 {item_id} 的舆情。")
    response = (response or "").strip()
    if not response:
        raise ValidationError("请填写采取的应对措施。", "response")
    if heat is not None and heat not in HEATS:
        raise ValidationError(f"热度应为 {'、'.join(HEATS)} 之一。", "heat")
    row.response = f"{row.response}\n{response}".strip() if row.response else response
    if heat is not None:
        row.heat = heat
    session.flush()
    return row


def _views(session: Session, stmt) -> list[OpinionView]:
    rows = session.execute(stmt.outerjoin(Incident, Incident.id == OpinionItem.incident_id)
                           .add_columns(Incident.title, Incident.sync_site, Incident.site_number)).all()
    return [OpinionView(r.id, r.seen_at, r.source, r.link, r.text, r.heat, r.incident_id, title or "",
                        r.response, r.recorded_by,
                        incident_heading(site_, n, r.incident_id) if r.incident_id else "")
            for r, title, site_, n in rows]


def recent(session: Session, limit: int = 50) -> list[OpinionView]:
    """The latest items, newest first."""
    return _views(session, select(OpinionItem).order_by(OpinionItem.seen_at.desc(), OpinionItem.id.desc()).limit(limit))


def for_incident(session: Session, incident_id: int) -> list[OpinionView]:
    """Items linked to one incident, oldest first."""
    return _views(session, select(OpinionItem).where(OpinionItem.incident_id == incident_id)
                  .order_by(OpinionItem.seen_at, OpinionItem.id))


def between(session: Session, start: datetime, end: datetime) -> list[OpinionView]:
    """Items seen in [start, end), oldest first."""
    return _views(session, select(OpinionItem).where(OpinionItem.seen_at >= start, OpinionItem.seen_at < end)
                  .order_by(OpinionItem.seen_at, OpinionItem.id))


def summary(views: list[OpinionView]) -> str:
    """The daily report's section text."""
    if not views:
        return "未发现涉及本辖区的突发事件舆情。"
    hot = sum(1 for v in views if v.heat == "高")
    head = f"发现舆情 {len(views)} 条" + (f"，其中热度高 {hot} 条" if hot else "") + "。"
    lines = [f"\n{n}. {v.source}：{v.text}" + (f"（涉及 {v.incident_number} {v.incident_title}）" if v.incident_id else "")
             + (f"。应对：{v.response}" if v.response else "。尚未采取应对措施。") for n, v in enumerate(views, 1)]
    return head + "".join(lines)
