"""The store's public API: scenarios with dated revisions, and runs with their results.

Every method is one transaction: it either happens completely or not at all, so a job killed
mid-way leaves the database as it was before the interrupted write. Methods return frozen
records (plain values), never live ORM objects, so callers cannot mutate stored state by
accident or touch a closed session.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from detente import __version__
from detente.errors import InputError, ScenarioError
from detente.scenario import load_scenario_text
from detente.scenario.model import Scenario
from detente.store.database import connect, default_database_url, upgrade
from detente.store.models import Revision, Run, RunStatus, ScenarioRecord, utcnow

__all__ = [
    "NotFoundError",
    "RevisionRecord",
    "RunRecord",
    "ScenarioSummary",
    "Store",
    "open_store",
]


log = logging.getLogger("detente.store")

ATTEMPTS = 10
"""Tries of a revision write that loses a race for its number before giving up."""

SHIPPED_AUTHOR = "detente"
"""Author of the revisions that import a shipped scenario."""


class NotFoundError(InputError):
    """A scenario, revision or run that the store does not hold."""


@dataclass(frozen=True)
class RevisionRecord:
    id: int
    scenario: str
    number: int
    title: str
    as_of: dt.date | None
    author: str
    note: str
    created_at: dt.datetime
    yaml_text: str

    def load(self) -> Scenario:
        """The validated scenario of this revision (it was validated when stored)."""
        return load_scenario_text(self.yaml_text, f"{self.scenario}@{self.number}")

    def as_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "scenario": self.scenario,
            "number": self.number,
            "title": self.title,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "author": self.author,
            "note": self.note,
            "created_at": _iso(self.created_at),
        }
        if with_text:
            data["yaml"] = self.yaml_text
        return data


@dataclass(frozen=True)
class ScenarioSummary:
    slug: str
    origin: str
    title: str
    revisions: int
    latest: RevisionRecord

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.slug,
            "origin": self.origin,
            "title": self.title,
            "revisions": self.revisions,
            "latest": self.latest.as_dict(),
        }


@dataclass(frozen=True)
class RunRecord:
    id: str
    scenario: str
    revision: int
    revision_id: int
    kind: str
    lenses: tuple[str, ...]
    parameters: Mapping[str, Any]
    seed: int | None
    detente_version: str
    status: str
    progress: float
    progress_message: str
    error: str | None
    results: Mapping[str, Any] | None
    worker_pid: int | None
    worker_host: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.done.value, RunStatus.failed.value)

    def as_dict(self, *, with_results: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "scenario": self.scenario,
            "revision": self.revision,
            "kind": self.kind,
            "lenses": list(self.lenses),
            "parameters": dict(self.parameters),
            "seed": self.seed,
            "detente_version": self.detente_version,
            "status": self.status,
            "progress": self.progress,
            "progress_message": self.progress_message,
            "error": self.error,
            "created_at": _iso(self.created_at),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
        }
        if with_results:
            data["results"] = self.results
        return data


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite drops the zone; everything is stored in UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _revision_record(row: Revision, slug: str) -> RevisionRecord:
    return RevisionRecord(
        id=row.id,
        scenario=slug,
        number=row.number,
        title=row.title,
        as_of=row.as_of,
        author=row.author,
        note=row.note,
        created_at=_utc(row.created_at),
        yaml_text=row.yaml_text,
    )


def _run_record(row: Run, slug: str, number: int, *, with_results: bool = True) -> RunRecord:
    return RunRecord(
        id=row.id,
        scenario=slug,
        revision=number,
        revision_id=row.revision_id,
        kind=row.kind,
        lenses=tuple(row.lenses),
        parameters=dict(row.parameters or {}),
        seed=row.seed,
        detente_version=row.detente_version,
        status=row.status,
        progress=row.progress,
        progress_message=row.progress_message,
        error=row.error,
        results=row.results if with_results else None,
        worker_pid=row.worker_pid,
        worker_host=row.worker_host,
        created_at=_utc(row.created_at),
        started_at=_utc(row.started_at) if row.started_at else None,
        finished_at=_utc(row.finished_at) if row.finished_at else None,
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child (exited, not yet reaped) still answers kill(0); it is dead for us.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


class Store:
    """Scenarios, revisions and runs in one SQL database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- scenarios and revisions ------------------------------------------------------------

    def add_revision(
        self,
        yaml_text: str,
        *,
        author: str,
        note: str = "",
        origin: str = "uploaded",
        scenario: str | None = None,
        create: bool = True,
    ) -> RevisionRecord:
        """Validate ``yaml_text`` and store it as the next revision of its scenario.

        Raises :class:`~detente.errors.ScenarioError` (nothing stored) when the text is not a
        valid scenario; with ``scenario`` given, the text's ``id`` must match it; with
        ``create=False`` the scenario must already exist.
        """
        parsed = load_scenario_text(yaml_text, f"{scenario or 'upload'}.yaml")
        if scenario is not None and parsed.id != scenario:
            raise InputError(
                f"the text describes scenario {parsed.id!r}, not {scenario!r}",
                hint="keep the top-level `id` of the scenario you are editing",
            )
        author = author.strip()[:200] or "anonymous"
        for attempt in range(ATTEMPTS):
            try:
                with self._transaction() as session:
                    # Lock the scenario's row (PostgreSQL) so concurrent edits number their
                    # revisions one after the other; SQLite serialises writers anyway.
                    record = session.scalar(
                        select(ScenarioRecord)
                        .where(ScenarioRecord.slug == parsed.id)
                        .with_for_update()
                    )
                    if record is None:
                        if not create:
                            raise NotFoundError(f"no scenario {parsed.id!r} in the store")
                        record = ScenarioRecord(slug=parsed.id, origin=origin)
                        session.add(record)
                        session.flush()
                    number = (
                        session.scalar(
                            select(func.max(Revision.number)).where(
                                Revision.scenario_id == record.id
                            )
                        )
                        or 0
                    ) + 1
                    row = Revision(
                        scenario_id=record.id,
                        number=number,
                        title=parsed.title,
                        as_of=parsed.as_of,
                        author=author,
                        note=note.strip(),
                        yaml_text=yaml_text,
                        created_at=utcnow(),
                    )
                    session.add(row)
                    session.flush()
                    return _revision_record(row, record.slug)
            except IntegrityError:
                # Another writer took this revision number (or created the scenario) first.
                if attempt == ATTEMPTS - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def sync_shipped(self) -> list[RevisionRecord]:
        """Store each shipped scenario, adding a revision when its shipped text changed."""
        from detente.scenario import shipped_scenarios

        added = []
        for shipped in shipped_scenarios():
            text = shipped.path.read_text(encoding="utf-8")
            try:
                slug = load_scenario_text(text, shipped.path.name).id  # its `id`, not file name
            except ScenarioError as error:  # a broken shipped file must not stop the store
                log.warning("shipped scenario %s is not valid, not stored: %s", shipped.name, error)
                continue
            try:
                history = self.revisions(slug)
            except NotFoundError:
                history = []
            note = "shipped with detente " + __version__
            if history:
                if self.scenario(slug).origin != "shipped":
                    continue  # an uploaded scenario took this id first; leave it alone
                # Compare with the last text detente imported, not the latest revision: an
                # analyst's edits of a shipped scenario must survive a restart.
                imported = [r for r in history if r.author == SHIPPED_AUTHOR]
                if imported and imported[-1].yaml_text == text:
                    continue
                note = "updated by detente " + __version__
            added.append(
                self.add_revision(text, author=SHIPPED_AUTHOR, note=note, origin="shipped")
            )
        return added

    def scenarios(self) -> list[ScenarioSummary]:
        with self._transaction() as session:
            records = session.scalars(select(ScenarioRecord).order_by(ScenarioRecord.slug)).all()
            summaries = []
            for record in records:
                revisions = record.revisions
                if not revisions:
                    continue
                latest = _revision_record(revisions[-1], record.slug)
                summaries.append(
                    ScenarioSummary(
                        record.slug, record.origin, latest.title, len(revisions), latest
                    )
                )
        return sorted(summaries, key=lambda s: (s.origin != "shipped", s.slug))

    def scenario(self, slug: str) -> ScenarioSummary:
        for summary in self.scenarios():
            if summary.slug == slug:
                return summary
        raise NotFoundError(f"no scenario {slug!r} in the store", hint="see /api/scenarios")

    def revisions(self, slug: str) -> list[RevisionRecord]:
        with self._transaction() as session:
            record = session.scalar(select(ScenarioRecord).where(ScenarioRecord.slug == slug))
            if record is None:
                raise NotFoundError(f"no scenario {slug!r} in the store")
            return [_revision_record(row, slug) for row in record.revisions]

    def revision(self, slug: str, number: int | None = None) -> RevisionRecord:
        """A revision by number, or the latest."""
        revisions = self.revisions(slug)
        if number is None:
            return revisions[-1]
        for record in revisions:
            if record.number == number:
                return record
        raise NotFoundError(
            f"scenario {slug!r} has no revision {number}",
            hint=f"revisions: 1..{revisions[-1].number}",
        )

    # -- runs -------------------------------------------------------------------------------

    def create_run(
        self,
        revision: RevisionRecord,
        *,
        lenses: Sequence[str],
        kind: str = "analysis",
        parameters: Mapping[str, Any] | None = None,
        seed: int | None = None,
    ) -> RunRecord:
        with self._transaction() as session:
            row = Run(
                id=str(uuid.uuid4()),
                revision_id=revision.id,
                kind=kind,
                lenses=list(lenses),
                parameters=dict(parameters or {}),
                seed=seed,
                detente_version=__version__,
                status=RunStatus.queued.value,
                progress=0.0,
                progress_message="queued",
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return _run_record(row, revision.scenario, revision.number)

    def _runs_query(self, with_results: bool) -> Any:
        query = (
            select(Run, ScenarioRecord.slug, Revision.number)
            .join(Revision, Run.revision_id == Revision.id)
            .join(ScenarioRecord, Revision.scenario_id == ScenarioRecord.id)
        )
        # Results can be large; listings and status polls do not need them.
        return query if with_results else query.options(defer(Run.results))

    def run(self, run_id: str, *, with_results: bool = True) -> RunRecord:
        """A run by id; ``with_results=False`` leaves ``results`` None (cheaper)."""
        with self._transaction() as session:
            found = session.execute(self._runs_query(with_results).where(Run.id == run_id)).first()
            if found is None:
                raise NotFoundError(f"no run {run_id!r} in the store", hint="see /api/runs")
            return _run_record(*found, with_results=with_results)

    def runs(
        self,
        scenario: str | None = None,
        *,
        status: str | None = None,
        limit: int = 200,
        with_results: bool = False,
    ) -> list[RunRecord]:
        """Runs, newest first (without their results unless ``with_results``)."""
        query = self._runs_query(with_results).order_by(Run.created_at.desc()).limit(limit)
        if scenario is not None:
            query = query.where(ScenarioRecord.slug == scenario)
        if status is not None:
            query = query.where(Run.status == status)
        with self._transaction() as session:
            return [
                _run_record(*found, with_results=with_results)
                for found in session.execute(query).all()
            ]

    def _update_run(self, run_id: str, *conditions: Any, **values: Any) -> bool:
        with self._transaction() as session:
            result = session.execute(
                update(Run).where(Run.id == run_id, *conditions).values(**values)
            )
            return bool(getattr(result, "rowcount", 0))

    def start_run(self, run_id: str, *, pid: int | None = None, host: str | None = None) -> bool:
        """queued -> running, claimed by process ``pid``; False if it was not queued."""
        return self._update_run(
            run_id,
            Run.status == RunStatus.queued.value,
            status=RunStatus.running.value,
            started_at=utcnow(),
            progress_message="started",
            worker_pid=os.getpid() if pid is None else pid,
            worker_host=host or socket.gethostname(),
        )

    def set_progress(self, run_id: str, fraction: float, message: str = "") -> None:
        self._update_run(
            run_id,
            Run.status == RunStatus.running.value,
            progress=min(max(float(fraction), 0.0), 1.0),
            progress_message=message,
        )

    def finish_run(self, run_id: str, results: Mapping[str, Any]) -> bool:
        """running -> done with ``results``, written in the same transaction as the status."""
        return self._update_run(
            run_id,
            Run.status == RunStatus.running.value,
            status=RunStatus.done.value,
            results=dict(results),
            progress=1.0,
            progress_message="done",
            finished_at=utcnow(),
        )

    def fail_run(self, run_id: str, error: str) -> bool:
        """Mark a run that has not finished as failed with ``error``."""
        return self._update_run(
            run_id,
            Run.status.in_([RunStatus.queued.value, RunStatus.running.value]),
            status=RunStatus.failed.value,
            error=error,
            progress_message="failed",
            finished_at=utcnow(),
        )

    def recover_abandoned_runs(self, pid_alive: Callable[[int], bool] = _pid_alive) -> list[str]:
        """Mark runs left ``running`` by a process that no longer exists as failed.

        Only runs claimed on this host can be checked; returns the ids marked failed.
        """
        host = socket.gethostname()
        failed = []
        for record in self.runs(status=RunStatus.running.value, limit=10_000):
            if record.worker_host != host:
                continue
            if record.worker_pid is None or not pid_alive(record.worker_pid):
                message = (
                    f"the job process (pid {record.worker_pid}) stopped before the run finished"
                )
                if self.fail_run(record.id, message):
                    failed.append(record.id)
        return failed

    # -- history ----------------------------------------------------------------------------

    def timeline(self, slug: str) -> list[dict[str, Any]]:
        """Per revision, the headline answers of its latest finished analysis (if any).

        Each entry: revision record, the run id used, and ``{lens: {key: value}}``.
        """
        revisions = self.revisions(slug)
        latest: dict[int, RunRecord] = {}
        done = self.runs(slug, status=RunStatus.done.value, limit=10_000, with_results=True)
        for record in reversed(done):
            if record.kind == "analysis":
                latest[record.revision] = record  # later runs overwrite earlier ones
        points = []
        for revision in revisions:
            run = latest.get(revision.number)
            summaries: dict[str, dict[str, float]] = {}
            if run is not None and run.results:
                for name, lens_result in run.results.get("lenses", {}).items():
                    summaries[name] = dict(lens_result.get("summary", {}))
            points.append(
                {"revision": revision, "run": run.id if run else None, "summary": summaries}
            )
        return points


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at ``url`` (default: the user's SQLite file)."""
    engine = connect(url or default_database_url())
    if migrate:
        upgrade(engine)
    return Store(engine)
