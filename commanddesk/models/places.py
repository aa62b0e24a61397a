"""Jurisdictions (GB/T 2260 divisions), organisations and people."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned
from .sync import Synced


class Jurisdiction(Base):
    """An administrative division, keyed by its GB/T 2260 (or statistical) code."""

    __tablename__ = "jurisdiction"
    __label__ = "行政区划"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(10))  # province/city/county/zone/town/village
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class Organisation(Synced, Versioned, Base):
    """A government body, department, enterprise or other unit the post deals with."""

    __tablename__ = "organisation"
    __label__ = "单位"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    duty_phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list["Contact"]] = relationship(back_populates="organisation")


class Contact(Synced, Versioned, Base):
    """A person the duty post may need to call."""

    __tablename__ = "contact"
    __label__ = "联系人"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    post: Mapped[str] = mapped_column(String(60), default="")
    office_phone: Mapped[str] = mapped_column(String(40), default="")
    mobile: Mapped[str] = mapped_column(String(40), default="")
    duty_role: Mapped[str] = mapped_column(String(20), default="")  # leader/officer/liaison/expert
    notes: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation | None] = relationship(back_populates="contacts")
