"""The SQLite store: one database file holding every plan a board works on.

Durability first: WAL with `synchronous=FULL`, so a change the window shows as saved survives a
power cut; the rollback journal instead on a network share, where WAL is unsafe. Every change a
user would call one step runs in one `transaction()`, and every change to a plan,
recommendation or action after it was stored is written to `history` in that same transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from actionplans.storage import integrity, schema, search_index, validation
from actionplans.storage.bulk import cycle_collection_paused
from actionplans.storage.errors import BadInput
from actionplans.storage.location import is_network_path
from actionplans.storage.model import (
    Action,
    Judgement,
    Meeting,
    Plan,
    Recommendation,
    Update,
    Verification,
)
from actionplans.storage.rules import OPEN_SQL, current_status, overdue

PLAN_FIELDS = (
    "title",
    "responds_to",
    "report_published",
    "submitted",
    "notice",
    "marking",
    "short_name",
)
INSERT_UPDATE = (
    "INSERT INTO updates (action_id, on_date, status, text, evidence, rag, rag_reason, "
    "target_from, target_to, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_VERIFICATION = (
    "INSERT INTO verifications (update_id, verdict, on_date, evidence_seen, reason, "
    "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
INSERT_JUDGEMENT = (
    "INSERT INTO judgements (recommendation_id, on_date, rating, note, recorded_by, "
    "recorded_at) VALUES (?, ?, ?, ?, ?, ?)"
)
BUSY_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class PlanRow:
    """One line of the plan list: what a board sees before opening a plan."""

    id: int
    title: str
    responds_to: str | None
    submitted: str | None
    agreed: int
    partly_agreed: int
    not_agreed: int
    undecided: int
    total: int
    open_actions: int
    overdue_actions: int
    short_name: str | None = None  # the secretary's own; lists fall back on the derived one

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def os_user() -> str:
    """Who made a change, for its history line (getpass loads here, on the first write, not
    at every start of the window)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # getuser raises when no login name can be found (services, containers)
        return "unknown"


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """A connection to one database; create it with `Store.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, journal_note: str | None) -> None:
        self.conn = conn
        self.path = path
        self.journal_note = journal_note
        self.user = os_user()

    @classmethod
    def open(cls, path: Path, migrate: bool = True) -> Store:
        """Open (creating if needed) the database at `path` and bring its schema up to date.

        A damaged database is refused (`integrity.Damaged`, offering the newest good
        backup), and what killed steps left in its backups folder is removed."""
        path = Path(path)
        if path.is_file() and path.stat().st_size:  # checked before anything writes to it
            damage = integrity.file_problem(path, live=True)
            if damage is not None:
                raise integrity.Damaged(integrity.health(path, damage))
        conn = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            note = None
            if is_network_path(path):
                conn.execute("PRAGMA journal_mode = DELETE")
                note = (
                    f"{path} is on a network drive, where SQLite's write-ahead log is unsafe: "
                    "using the slower rollback journal. Keep the database on this computer."
                )
            else:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()  # a damaged file is set aside next, which Windows refuses if open
            if integrity.is_damage(exc):
                raise integrity.Damaged(integrity.health(path, str(exc))) from exc
            raise BadInput(f"{path}: cannot open the database ({exc}).") from exc
        except OSError as exc:
            raise BadInput(f"{path}: cannot create the database ({exc.strerror}).") from exc
        integrity.clean_leftovers(path)
        store = cls(conn, path, note)
        found = schema.version(conn)
        if found > schema.LATEST:
            conn.close()
            raise BadInput(
                f"{path}: this database was written by a newer version of actionplans "
                f"(schema {found}); install that version to open it."
            )
        if migrate and schema.version(conn) < schema.LATEST:
            if schema.version(conn) > 0:
                from actionplans.storage.backups import (
                    backup,  # only for a migration: not every start
                )

                backup(store, "migration")
            schema.migrate(conn)
        return store

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One user-visible step: all of it is written, or none of it."""
        if self.conn.in_transaction:  # nested: the outer step owns commit and rollback
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may already have rolled back (a full disk, an I/O error): then ROLLBACK
            # fails with "no transaction is active", which must not hide the real cause.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def insert(self, sql: str, params: tuple[object, ...]) -> int:
        """Run one INSERT of one row and return the new row's id."""
        rowid = self.conn.execute(sql, params).lastrowid
        if rowid is None:  # only after a statement that inserted nothing
            raise sqlite3.InterfaceError(f"no row was inserted by {sql!r}")
        return rowid

    def record(
        self,
        plan_id: int | None,
        kind: str,
        item_id: int | None,
        field: str,
        old: object,
        new: object,
    ) -> None:
        """Add one line to the history; call inside the transaction that makes the change."""
        self.conn.execute(
            "INSERT INTO history (at, user, plan_id, kind, item_id, field, old, new) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), self.user, plan_id, kind, item_id, field, _text(old), _text(new)),
        )

    # --- whole plans -------------------------------------------------------------------

    def add_plan(self, plan: Plan) -> int:
        """Store a new plan in one transaction and return its id."""
        validation.check_plan_fields(plan)
        with cycle_collection_paused(), self.transaction():
            plan_id = self.insert(
                "INSERT INTO plans (title, responds_to, report_published, submitted, notice, "
                "marking, short_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*(getattr(plan, f) for f in PLAN_FIELDS), now()),
            )
            self.insert_recommendations(plan_id, plan.recommendations, first_position=0)
            self.link_meetings(plan_id, plan.meetings)
            self.record(plan_id, "plan", plan_id, "created", None, plan.title)
        return plan_id

    def insert_recommendations(
        self, plan_id: int, recs: list[Recommendation], first_position: int
    ) -> list[int]:
        """Bulk insert with ids chosen up front, so thousands of rows go in a few executemany."""
        validation.check_recommendations(recs, date.today())
        c = self.conn
        next_rec = _next_id(c, "recommendations")
        next_action = _next_id(c, "actions")
        rec_rows, action_rows, owner_rows, index_rows, rec_ids = [], [], [], [], []
        update_rows: list[tuple] = []
        verified: list[tuple[tuple, Verification]] = []  # updates with a verdict: one by one
        judgement_rows: list[tuple] = []
        owner_ids: dict[str, int] = {}
        section_ids: dict[str | None, int | None] = {}
        for offset, rec in enumerate(recs):
            rec_id = next_rec + offset
            rec_ids.append(rec_id)
            if rec.section not in section_ids:
                section_ids[rec.section] = self.section_id(plan_id, rec.section)
            rec_rows.append(
                (
                    rec_id,
                    plan_id,
                    section_ids[rec.section],
                    first_position + offset,
                    rec.ref,
                    rec.text,
                    rec.decision,
                    rec.reason,
                    rec.kind,
                )
            )
            index_rows.append((rec_id, index_body(rec), plan_id))
            judgement_rows.extend(self.judgement_row(rec_id, j) for j in rec.judgements)
            for position, action in enumerate(rec.actions):
                action_rows.append(
                    (
                        next_action,
                        rec_id,
                        position,
                        action.text,
                        action.target,
                        action.target_text,
                        action.status,
                    )
                )
                for i, name in enumerate(action.owners):
                    if name not in owner_ids:
                        owner_ids[name] = self.owner_id(name)
                    owner_rows.append((next_action, i, owner_ids[name]))
                for u in action.updates:
                    if u.verification is None:
                        update_rows.append(self.update_row(next_action, u))
                    else:
                        verified.append((self.update_row(next_action, u), u.verification))
                next_action += 1
        c.executemany("INSERT INTO recommendations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rec_rows)
        c.executemany("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?)", action_rows)
        c.executemany("INSERT INTO action_owners VALUES (?, ?, ?)", owner_rows)
        if update_rows:
            c.executemany(INSERT_UPDATE, update_rows)
        for row, verdict in verified:
            (update_id,) = c.execute(INSERT_UPDATE + " RETURNING id", row).fetchone()
            c.execute(INSERT_VERIFICATION, self.verification_row(update_id, verdict))
        if judgement_rows:
            c.executemany(INSERT_JUDGEMENT, judgement_rows)
        c.executemany(
            "INSERT INTO search_index (rowid, body, plan_id) VALUES (?, ?, ?)",
            index_rows,
        )
        return rec_ids

    def update_row(self, action_id: int, u: Update) -> tuple:
        """The row for INSERT_UPDATE; who and when default to this user and now."""
        return (
            action_id,
            u.on_date,
            u.status,
            u.text,
            u.evidence,
            u.rag,
            u.rag_reason,
            u.target_from,
            u.target_to,
            u.recorded_by or self.user,
            u.recorded_at or now(),
        )

    def verification_row(self, update_id: int, v: Verification) -> tuple:
        """The row for INSERT_VERIFICATION; who and when default to this user and now."""
        return (
            update_id,
            v.verdict,
            v.on_date,
            v.evidence_seen,
            v.reason,
            v.recorded_by or self.user,
            v.recorded_at or now(),
        )

    def judgement_row(self, rec_id: int, j: Judgement) -> tuple:
        """The row for INSERT_JUDGEMENT; who and when default to this user and now."""
        return (
            rec_id,
            j.on_date,
            j.rating,
            j.note,
            j.recorded_by or self.user,
            j.recorded_at or now(),
        )

    def link_meetings(self, plan_id: int, meetings: list[Meeting]) -> None:
        """Attach the plan to these meetings, reusing a meeting of the same day and board."""
        for meeting in meetings:
            row = self.conn.execute(
                "SELECT id FROM meetings WHERE held_on = ? AND board IS ?",
                (meeting.held_on, meeting.board),
            ).fetchone()
            meeting_id = (
                row[0]
                if row
                else self.insert(
                    "INSERT INTO meetings (held_on, board, notes) VALUES (?, ?, ?)",
                    (meeting.held_on, meeting.board, meeting.notes),
                )
            )
            self.conn.execute(
                "INSERT OR IGNORE INTO meeting_plans VALUES (?, ?)", (meeting_id, plan_id)
            )

    def section_id(self, plan_id: int, title: str | None) -> int | None:
        if not title:
            return None
        row = self.conn.execute(
            "SELECT id FROM sections WHERE plan_id = ? AND title = ?", (plan_id, title)
        ).fetchone()
        if row:
            return row[0]
        return self.insert("INSERT INTO sections (plan_id, title) VALUES (?, ?)", (plan_id, title))

    def owner_id(self, name: str) -> int:
        self.conn.execute("INSERT OR IGNORE INTO owners (name) VALUES (?)", (name,))
        return self.conn.execute("SELECT id FROM owners WHERE name = ?", (name,)).fetchone()[0]

    def reindex(self, rec_id: int) -> None:
        """Refresh one recommendation's search row after it or one of its actions changed."""
        search_index.refresh(self.conn, rec_id)

    def get_plan(self, plan_id: int) -> Plan:
        row = self.conn.execute(
            f"SELECT {', '.join(PLAN_FIELDS)} FROM plans WHERE id = ?", (plan_id,)
        ).fetchone()
        if row is None:
            raise BadInput(f"There is no plan {plan_id} in {self.path}.")
        plan = Plan(**dict(zip(PLAN_FIELDS, row, strict=True)), id=plan_id)
        plan.recommendations = self.load_recommendations("r.plan_id = ?", plan_id)
        plan.meetings = [
            Meeting(held_on, board, notes, id=meeting_id)
            for meeting_id, held_on, board, notes in self.conn.execute(
                "SELECT m.id, m.held_on, m.board, m.notes FROM meetings m JOIN meeting_plans mp "
                "ON mp.meeting_id = m.id WHERE mp.plan_id = ? ORDER BY m.held_on, m.id",
                (plan_id,),
            )
        ]
        return plan

    def load_recommendations(self, where: str, param: int) -> list[Recommendation]:
        """Recommendations matching `where` (a condition on `r` with one parameter), in order,
        each with its actions, owners and updates: a whole plan, or one recommendation."""
        recs: dict[int, Recommendation] = {}
        for rec_id, ref, text, section, decision, reason, kind in self.conn.execute(
            "SELECT r.id, r.ref, r.text, s.title, r.decision, r.reason, r.kind "
            "FROM recommendations r "
            f"LEFT JOIN sections s ON s.id = r.section_id WHERE {where} ORDER BY r.position",
            (param,),
        ):
            recs[rec_id] = Recommendation(
                ref, text, section, decision, reason, kind=kind, id=rec_id
            )
        owners: dict[int, list[str]] = {}
        actions: dict[int, Action] = {}
        for action_id, name in self.conn.execute(
            "SELECT ao.action_id, o.name FROM action_owners ao JOIN owners o ON o.id = ao.owner_id "
            "JOIN actions a ON a.id = ao.action_id JOIN recommendations r "
            f"ON r.id = a.recommendation_id WHERE {where} "
            "ORDER BY r.position, a.position, ao.position",  # the indexes' order: no sort
            (param,),
        ):
            owners.setdefault(action_id, []).append(name)
        for action_id, rec_id, text, target, target_text, status in self.conn.execute(
            "SELECT a.id, a.recommendation_id, a.text, a.target, a.target_text, a.status "
            "FROM actions a JOIN recommendations r ON r.id = a.recommendation_id "
            f"WHERE {where} ORDER BY a.recommendation_id, a.position",
            (param,),
        ):
            actions[action_id] = Action(
                text, owners.get(action_id, []), target, target_text, status, id=action_id
            )
            recs[rec_id].actions.append(actions[action_id])
        verdicts = {
            update_id: Verification(*fields)
            for update_id, *fields in self.conn.execute(
                "SELECT v.update_id, v.verdict, v.on_date, v.evidence_seen, v.reason, "
                "v.recorded_by, v.recorded_at FROM verifications v JOIN updates u "
                "ON u.id = v.update_id JOIN actions a ON a.id = u.action_id JOIN "
                f"recommendations r ON r.id = a.recommendation_id WHERE {where} ORDER BY v.id",
                (param,),
            )  # in order, so each update keeps its latest verdict
        }
        for update_id, action_id, *fields in self.conn.execute(
            "SELECT u.id, u.action_id, u.on_date, u.status, u.text, u.evidence, u.rag, "
            "u.rag_reason, u.target_from, u.target_to, u.recorded_by, u.recorded_at "
            "FROM updates u JOIN actions a ON a.id = u.action_id JOIN recommendations r "
            f"ON r.id = a.recommendation_id WHERE {where} "
            "ORDER BY u.action_id, u.on_date, u.id",
            (param,),
        ):
            update = Update(*fields)
            update.verification = verdicts.get(update_id)
            actions[action_id].updates.append(update)
        for action in actions.values():
            action.status = current_status(action)  # what its updates say, once loaded
        for rec_id, *fields in self.conn.execute(
            "SELECT j.recommendation_id, j.on_date, j.rating, j.note, j.recorded_by, "
            "j.recorded_at FROM judgements j JOIN recommendations r "
            f"ON r.id = j.recommendation_id WHERE {where} ORDER BY j.on_date, j.id",
            (param,),
        ):
            recs[rec_id].judgements.append(Judgement(*fields))
        return list(recs.values())

    def delete_plan(self, plan_id: int) -> None:
        with self.transaction():
            title = self.get_plan_title(plan_id)
            self.conn.execute(
                "DELETE FROM search_index WHERE rowid IN "
                "(SELECT id FROM recommendations WHERE plan_id = ?)",
                (plan_id,),
            )
            self.conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
            self.record(plan_id, "plan", plan_id, "deleted", title, None)

    def get_plan_title(self, plan_id: int) -> str:
        row = self.conn.execute("SELECT title FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise BadInput(f"There is no plan {plan_id} in {self.path}.")
        return row[0]

    def find_plan(self, spec: str) -> int:
        """A plan's id from its id, or from the start of its title as a person types it: in any
        case, with or without accents, a hyphen for a dash and straight quotes for curly ones.
        A whole title wins over a longer one it starts ("HMP Cardiff", "HMP Cardiff 2021")."""
        spec = spec.strip()
        if not spec:
            raise BadInput("Give a plan's id or the start of its title; see 'actionplans list'.")
        if spec.isascii() and spec.isdigit():
            self.get_plan_title(int(spec))
            return int(spec)
        wanted = fold(spec)
        titles = self.conn.execute("SELECT id, title FROM plans ORDER BY id").fetchall()
        rows = [(i, t) for i, t in titles if fold(t) == wanted] or [
            (i, t) for i, t in titles if fold(t).startswith(wanted)
        ]
        if not rows:
            raise BadInput(f"No plan's id or title starts with '{spec}'; see 'actionplans list'.")
        if len(rows) > 1:
            names = "; ".join(f"{i}: {t}" for i, t in rows[:5])
            raise BadInput(
                f"'{spec}' matches {len(rows)} plans ({names}); give more of the title or the id."
            )
        return rows[0][0]

    def list_plans(self, today: date | None = None) -> list[PlanRow]:
        """Every plan with its counts by decision and its open and overdue actions (commitments
        only: a Not Agreed recommendation's response is an explanation, not an action)."""
        today = today or date.today()
        decisions = {
            row[0]: row[1:]
            for row in self.conn.execute(
                "SELECT p.id, "
                "sum(r.decision = 'Agreed'), sum(r.decision = 'Partly Agreed'), "
                "sum(r.decision = 'Not Agreed'), sum(r.id IS NOT NULL AND r.decision IS NULL), "
                "count(r.id) FROM plans p LEFT JOIN recommendations r ON r.plan_id = p.id "
                "GROUP BY p.id"
            )
        }
        open_counts: dict[int, list[int]] = {}
        for plan_id, target, n in self.conn.execute(
            "SELECT r.plan_id, a.target, count(*) FROM actions a JOIN recommendations r "
            f"ON r.id = a.recommendation_id WHERE {OPEN_SQL} GROUP BY r.plan_id, a.target"
        ):
            counts = open_counts.setdefault(plan_id, [0, 0])
            counts[0] += n
            counts[1] += n if overdue("open", target, today) else 0
        rows = []
        for plan_id, title, responds_to, submitted, short_name in self.conn.execute(
            "SELECT id, title, responds_to, submitted, short_name FROM plans ORDER BY id"
        ):
            agreed, partly, not_agreed, undecided, total = (
                int(x or 0) for x in decisions.get(plan_id, (0,) * 5)
            )
            open_actions, late = open_counts.get(plan_id, (0, 0))
            rows.append(
                PlanRow(
                    plan_id,
                    title,
                    responds_to,
                    submitted,
                    agreed,
                    partly,
                    not_agreed,
                    undecided,
                    total,
                    open_actions,
                    late,
                    short_name,
                )
            )
        return rows


_TYPED = str.maketrans("‐‑‒–—―−‘’‚‛“”„‟", "-------''''\"\"\"\"")


def fold(text: str) -> str:
    """`text` as compared when a person names it: no case, no accents, ASCII dashes and
    quotes, single spaces."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(bare.translate(_TYPED).casefold().split())


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def index_body(rec: Recommendation) -> str:
    """What full-text search sees of a recommendation: Rec No, text, actions and owners."""
    return "\n".join([rec.ref, rec.text, *(p for a in rec.actions for p in (a.text, *a.owners))])


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)
