"""Incidents, the calls that report them, gradings, clocks, reports and timelines."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TZDateTime, Versioned
from .sync import Synced


# statuses in which an incident is no longer worked (lists of open incidents, clocks, take-out leave them out)
CLOSED_STATUSES = ("terminated", "reviewed", "merged", "voided")
OPEN_SQL = "status NOT IN (" + ", ".join(f"'{s}'" for s in CLOSED_STATUSES) + ")"  # as the queries say it


class Incident(Synced, Versioned, Base):
    """One emergency. The post's clocks start at ``received_at`` (接报时间)."""

    __tablename__ = "incident"
    __label__ = "事件"
    __table_args__ = (
        # the incidents still being worked, which every seat asks for after each change (0018_open_incidents_index)
        Index("ix_incident_open", "received_at", "id", postgresql_where=text(OPEN_SQL), sqlite_where=text(OPEN_SQL)),
        # the list's count of real incidents, read from the index alone (0019_live_indexes)
        Index("ix_incident_real", "id", postgresql_where=text("is_drill IS false"), sqlite_where=text("is_drill = 0")),
        # the list's filter box: every column the filter reads, newest first, so a keystroke scans this narrow index
        # and not the table (0021_incident_filter_index)
        Index("ix_incident_filter", "is_drill", "received_at", "id", "title", "place_text", "sync_site", "site_number"),
        # statistics (0022_statistics_indexes): the period's incidents by type, category, grade and division in
        # this order (no sort), and the counts per month as one index range each
        Index("ix_incident_kinds", "category", "type", "grade", "jurisdiction_code", "is_drill", "status",
              "received_at"),
        Index("ix_incident_months", "received_at", "is_drill", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))  # natural/accident/health/social
    type: Mapped[str] = mapped_column(String(40), default="")  # e.g. accident.explosion
    status: Mapped[str] = mapped_column(String(20), default="received")
    grade: Mapped[int | None] = mapped_column(Integer)  # confirmed level 1..4 (特别重大..一般)
    grade_predicted: Mapped[bool] = mapped_column(Boolean, default=False)
    grade_basis_call_id: Mapped[int | None] = mapped_column(Integer)  # call that first met the grade
    # Response level (应急响应级别 Ⅰ–Ⅳ) the post's response table suggests, e.g. the relief
    # plan's for natural disasters. Never the event grade; the clocks do not read it.
    # Activating a plan at a level is recorded separately (PlanActivation).
    response_level: Mapped[int | None] = mapped_column(Integer)
    grading_facts: Mapped[dict] = mapped_column(JSON, default=dict)  # e.g. {"city_size": "prefecture"}
    received_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    occurred_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    occurred_precision: Mapped[str] = mapped_column(String(10), default="exact")
    unit_received_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    place_text: Mapped[str] = mapped_column(String(200), default="")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text, default="")
    counts: Mapped[dict] = mapped_column(JSON, default=dict)  # latest actual counts
    predicted: Mapped[dict] = mapped_column(JSON, default=dict)  # latest predicted counts
    flags: Mapped[list] = mapped_column(JSON, default=list)  # e.g. ["disaster_unstable"]
    warning: Mapped[str] = mapped_column(String(10), default="")  # red/orange/yellow/blue (预警), not the grade
    measures: Mapped[dict] = mapped_column(JSON, default=dict)  # assessed values, e.g. {"wind_level": 12}
    is_drill: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    # the number at the site that made it (车1-0007 with sync_site 车1); None: the id here (services/sites.py)
    site_number: Mapped[int | None] = mapped_column(Integer)

    events: Mapped[list["TimelineEvent"]] = relationship(
        back_populates="incident", order_by="TimelineEvent.id"
    )
    calls: Mapped[list["CallRecord"]] = relationship(back_populates="incident", order_by="CallRecord.id")


class CallRecord(Synced, Base):
    """One call or message about an incident (a page of the duty phone log)."""

    __tablename__ = "call_record"
    __label__ = "接报记录"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(TZDateTime)
    stamped_at: Mapped[datetime] = mapped_column(TZDateTime)  # what the clock said on answering
    receipt_edit_reason: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    caller_unit: Mapped[str] = mapped_column(String(100), default="")
    caller_name: Mapped[str] = mapped_column(String(40), default="")
    caller_post: Mapped[str] = mapped_column(String(60), default="")
    caller_phone: Mapped[str] = mapped_column(String(40), default="")
    occurred_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    occurred_precision: Mapped[str] = mapped_column(String(10), default="exact")
    place_text: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(40), default="")
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    predicted: Mapped[dict] = mapped_column(JSON, default=dict)
    cause: Mapped[str] = mapped_column(Text, default="")
    course: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    trend: Mapped[str] = mapped_column(Text, default="")
    requests: Mapped[str] = mapped_column(Text, default="")
    notified: Mapped[str] = mapped_column(Text, default="")
    commander: Mapped[str] = mapped_column(String(100), default="")
    recorder_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    recorder_name: Mapped[str] = mapped_column(String(40), default="")
    # The message the call came as (SMS, WeChat, 110/119 transfer pasted into the form), word
    # for word, and what the reader suggested from it: {field: {value, span, final, kept}}.
    original_message: Mapped[str] = mapped_column(Text, default="")
    suggestions: Mapped[dict] = mapped_column(JSON, default=dict)

    incident: Mapped[Incident] = relationship(back_populates="calls")


class Grading(Synced, Base):
    """One grading decision, with the rule table edition and inputs it used."""

    __tablename__ = "grading"
    __label__ = "定级"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    table_id: Mapped[str] = mapped_column(String(60), default="")  # the event scale's table ("" if none)
    edition: Mapped[str] = mapped_column(String(60), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)
    suggested: Mapped[int | None] = mapped_column(Integer)
    chosen: Mapped[int | None] = mapped_column(Integer)
    predicted: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    basis_call_id: Mapped[int | None] = mapped_column(Integer)
    # The response level suggested at the same time, from its own table (not a grade).
    response_level: Mapped[int | None] = mapped_column(Integer)
    response_table_id: Mapped[str] = mapped_column(String(60), default="")
    response_reasons: Mapped[list] = mapped_column(JSON, default=list)


class ClockInstance(Base):
    """A reporting deadline of one incident (or of one received warning) under one rule (and slot)."""

    __tablename__ = "clock_instance"
    __label__ = "报告时限"
    __table_args__ = (
        UniqueConstraint("incident_id", "rule_id", "slot", name="uq_clock_instance_key"),
        # statistics: on-time rates grouped by rule, state and lateness are read from this index alone, in
        # its order (no sort of 200,000 clocks over ten years); 0015_statistics_index
        Index("ix_clock_instance_stats", "rule_id", "state", "late_minutes", "due_at", "kind", "incident_id",
              "warning_id", "inapplicable_since", "name"),
        # the clock strip's open clocks by deadline, re-read after every change (0019_live_indexes)
        Index("ix_clock_instance_open", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)  # None: a warning's clock
    warning_id: Mapped[int | None] = mapped_column(ForeignKey("warning.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(40))
    ruleset_version: Mapped[str] = mapped_column(String(40), default="")
    slot: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(100), default="")
    anchor: Mapped[str] = mapped_column(String(20))
    anchor_at: Mapped[datetime] = mapped_column(TZDateTime)
    due_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    warn_at: Mapped[datetime] = mapped_column(TZDateTime)
    satisfied_by: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open/met/met_late/waived/superseded
    met_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    met_by_report_id: Mapped[int | None] = mapped_column(Integer)
    late_minutes: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    inapplicable_since: Mapped[datetime | None] = mapped_column(TZDateTime)
    created_at: Mapped[datetime] = mapped_column(TZDateTime)


class Report(Base):
    """A report in the chain (初报, 续报N, 核报, 终报, 补报) or a logged phone report."""

    __tablename__ = "report"
    __label__ = "报告"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # initial/followup/verified/final/supplementary/phone/notify
    seq: Mapped[int] = mapped_column(Integer, default=0)  # 续报 number
    title: Mapped[str] = mapped_column(String(200), default="")
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    elements: Mapped[list] = mapped_column(JSON, default=list)  # [{key,label,text,status}]
    changes: Mapped[list] = mapped_column(JSON, default=list)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)  # counts at drafting, for the next 续报
    summary: Mapped[str] = mapped_column(Text, default="")  # phone reports
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft/sent
    author_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    author_name: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(TZDateTime)
    signer: Mapped[str] = mapped_column(String(40), default="")
    signer_role: Mapped[str] = mapped_column(String(40), default="")
    channel: Mapped[str] = mapped_column(String(20), default="")
    recipient_level: Mapped[str] = mapped_column(String(20), default="")  # city/county/leader/province/regulator
    recipient: Mapped[str] = mapped_column(String(100), default="")
    recipient_person: Mapped[str] = mapped_column(String(60), default="")
    sent_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    late_minutes: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    # 版头 elements (GB/T 9704): 份号, 密级, 紧急程度 (urgent 加急 / flash 特急)
    copy_number: Mapped[str] = mapped_column(String(10), default="")
    classification: Mapped[str] = mapped_column(String(10), default="")
    urgency: Mapped[str] = mapped_column(String(10), default="")
    # 文号 〔doc_year〕doc_seq号: numbers restart each (Beijing) year, unique per year
    doc_year: Mapped[int | None] = mapped_column(Integer)
    doc_seq: Mapped[int | None] = mapped_column(Integer)
    # Sign-off by the 带班领导 with their own PIN; approved_hash is the content approved,
    # so an edit after approval is seen (and voids it).
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    approver: Mapped[str] = mapped_column(String(40), default="")
    approved_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    approved_hash: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        UniqueConstraint("doc_year", "doc_seq", name="uq_report_doc_year_seq"),
        # statistics: each incident's first report sent, read from this index alone (0022_statistics_indexes)
        Index("ix_report_first", "incident_id", "status", "sent_at", "kind"),
    )

    recipients: Mapped[list["ReportRecipient"]] = relationship(
        order_by="ReportRecipient.position", cascade="all, delete-orphan")
    sends: Mapped[list["ReportSend"]] = relationship(order_by="ReportSend.id")


class ReportRecipient(Base):
    """One addressee of a written report: 主送 (main) or 抄送 (cc)."""

    __tablename__ = "report_recipient"
    __label__ = "报告接收单位"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    addressing: Mapped[str] = mapped_column(String(4), default="main")  # main 主送 / cc 抄送
    position: Mapped[int] = mapped_column(Integer, default=0)
    recipient: Mapped[str] = mapped_column(String(100))
    recipient_level: Mapped[str] = mapped_column(String(20), default="")  # city/county/province/...


class ReportSend(Base):
    """One delivery of a report to one addressee: channel, time and who sent it."""

    __tablename__ = "report_send"
    __label__ = "报告报送记录"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("report_recipient.id"))
    recipient: Mapped[str] = mapped_column(String(100))
    recipient_level: Mapped[str] = mapped_column(String(20), default="")
    recipient_person: Mapped[str] = mapped_column(String(60), default="")
    channel: Mapped[str] = mapped_column(String(20))
    in_writing: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[datetime] = mapped_column(TZDateTime)
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")
    recorded_at: Mapped[datetime] = mapped_column(TZDateTime)


class TimelineEvent(Synced, Base):
    """One entry on an incident's timeline; corrections are new entries."""

    __tablename__ = "timeline_event"
    __label__ = "事件时间线"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("timeline_event.id"))

    incident: Mapped[Incident] = relationship(back_populates="events")
