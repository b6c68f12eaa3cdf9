"""The database schema, created in code, versioned in `PRAGMA user_version`.

Each migration takes the database from version N-1 to N inside one transaction. Never edit a
migration that has shipped: add the next one, and a frozen database of the old version under
tests/fixtures/schemas/ so that tests migrate it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

V1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    responds_to TEXT,
    report_published TEXT,
    submitted TEXT,
    notice TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    UNIQUE (plan_id, title)
);
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    ref TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    decision TEXT CHECK (decision IN ('Agreed', 'Partly Agreed', 'Not Agreed')),
    reason TEXT CHECK (reason IN ('commissioning', 'policy', 'operational', 'affordability'))
);
CREATE INDEX recommendations_plan ON recommendations(plan_id, position);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    target TEXT,
    target_text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed'))
);
CREATE INDEX actions_recommendation ON actions(recommendation_id, position);
CREATE TABLE owners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE action_owners (
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES owners(id),
    PRIMARY KEY (action_id, position)
) WITHOUT ROWID;
CREATE INDEX action_owners_owner ON action_owners(owner_id);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    plan_id INTEGER,
    kind TEXT NOT NULL,
    item_id INTEGER,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX history_item ON history(kind, item_id);
CREATE INDEX history_plan ON history(plan_id, at);
-- One row per recommendation (rowid = recommendations.id): its Rec No and text, and the text
-- and owners of its actions, the unit a board discusses. Kept in step by Store.reindex.
CREATE VIRTUAL TABLE search_index USING fts5(
    body, plan_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


V2 = """
ALTER TABLE plans ADD COLUMN marking TEXT;
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    board TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meeting_plans (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, plan_id)
) WITHOUT ROWID;
CREATE INDEX meeting_plans_plan ON meeting_plans(plan_id);
-- Dated progress updates, never overwritten. An action's current status is its latest
-- update's (actions.status holds the status it had before any update).
CREATE TABLE updates (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('open', 'in_progress', 'completed', 'superseded')),
    text TEXT NOT NULL DEFAULT '',
    evidence TEXT,
    rag TEXT CHECK (rag IN ('red', 'amber', 'green', 'blue')),
    rag_reason TEXT,
    target_from TEXT,
    target_to TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX updates_action ON updates(action_id, on_date, id);
CREATE INDEX updates_date ON updates(on_date);
-- Results come in plan order, never ranked by bm25, so the index keeps no column sizes and no
-- positions within a column: a fifth cheaper to write, same answers.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    body, plan_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', columnsize = 0, detail = column
);
"""


V3 = """
-- What the report calls each item: HMIP prison reports since May 2022 list key concerns, some
-- of them priority concerns, where older reports list recommendations.
ALTER TABLE recommendations ADD COLUMN kind TEXT NOT NULL DEFAULT 'recommendation'
    CHECK (kind IN ('recommendation', 'priority concern', 'key concern'));
-- The name a plan goes by in lists ("HMP Thematic - Social Care"), NULL to derive it from the
-- title. (No semicolons in these comments: the script is split on them.)
ALTER TABLE plans ADD COLUMN short_name TEXT;
-- Independent Reviews of Progress: the inspectorate's judgement of one item on one day, kept
-- for good like updates.
CREATE TABLE judgements (
    id INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('no meaningful', 'insufficient', 'reasonable', 'good')),
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX judgements_recommendation ON judgements(recommendation_id, on_date, id);
-- The secretary's verdict on a reported completion: verified (the evidence seen) or not
-- accepted (the action reopened, with the reason). One row per verdict, the latest counts.
CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    update_id INTEGER NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
    verdict TEXT NOT NULL CHECK (verdict IN ('verified', 'not accepted')),
    on_date TEXT NOT NULL,
    evidence_seen TEXT,
    reason TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX verifications_update ON verifications(update_id, id)
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    """A migration that runs `sql` statement by statement (executescript would commit)."""

    def run(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return run


def _v2(conn: sqlite3.Connection) -> None:
    from actionplans.storage.search_index import rebuild

    _script(V2)(conn)
    rebuild(conn)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_script(V1), _v2, _script(V3)]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The tables in the database (FTS5's own shadow tables included)."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """A table's columns and their declared types, in order."""
    return {row[1]: row[2] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the database to LATEST, one transaction per step; returns the versions applied."""
    current = version(conn)
    if current > LATEST:
        raise RuntimeError(
            f"this database is schema version {current}, newer than this program ({LATEST})"
        )
    applied = []
    for number in range(current + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied
