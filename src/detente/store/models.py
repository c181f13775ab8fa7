"""Tables of the detente store: scenarios, their dated revisions, and runs of lenses on them.

A scenario is never edited in place: every change is a new :class:`Revision` carrying the full
YAML text, its author, time and note, so the history of a forecast can be replayed. A
:class:`Run` points at the exact revision it analysed and records everything needed to
reproduce it (detente version, lenses, parameters, seed) together with its outcome.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Base", "Revision", "Run", "RunStatus", "ScenarioRecord", "utcnow"]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class RunStatus(str, enum.Enum):
    """Life cycle of a run: queued -> running -> done | failed."""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class ScenarioRecord(Base):
    """A scenario by its ``id`` (``slug`` here); its content lives in its revisions."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    origin: Mapped[str] = mapped_column(String(20))  # "shipped" | "uploaded"
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="scenario", order_by="Revision.number", cascade="all, delete-orphan"
    )


class Revision(Base):
    """One dated version of a scenario: the full YAML text plus who changed it, when and why."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("scenario_id", "number", name="uq_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    yaml_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    scenario: Mapped[ScenarioRecord] = relationship(back_populates="revisions")


class Run(Base):
    """One analysis (or sweep) of one revision, with its parameters and outcome."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "analysis" | "sweep"
    lenses: Mapped[list[str]] = mapped_column(JSON)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detente_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), index=True, default=RunStatus.queued.value)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    progress_message: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    worker_pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    worker_host: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    revision: Mapped[Revision] = relationship()
