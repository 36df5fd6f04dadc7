"""What the emulated OFD received, in SQLite: one row per (FN number, FD number).

A document sent again (the KKT did not get the receipt the first time) is stored once and
acknowledged again, as a real OFD deduplicates; ``times_received`` counts the copies.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from typing import NamedTuple

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    fn_number TEXT NOT NULL,
    fd_number INTEGER NOT NULL,
    doc_type INTEGER NOT NULL,
    stlv BLOB NOT NULL,
    received_at TEXT NOT NULL,
    times_received INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (fn_number, fd_number)
);
CREATE TABLE IF NOT EXISTS kkt (fn_number TEXT PRIMARY KEY, ffd TEXT NOT NULL);
"""


class StoredDocument(NamedTuple):
    """One document the OFD holds: FN number, FD number, FFD type, the STLV as received."""

    fn_number: str
    fd_number: int
    doc_type: int
    stlv: bytes
    received_at: datetime


class OFDStore:
    """SQLite store of received documents (``db_path`` None: in memory). Thread-safe."""

    def __init__(self, db_path: str | None = None) -> None:
        self._db = sqlite3.connect(db_path or ":memory:", check_same_thread=False,
                                   isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            if db_path:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)

    def put(self, fn_number: str, fd: int, doc_type: int, stlv: bytes,
            received_at: datetime) -> bool:
        """Store a document; False (and the copy counted) if it was already there."""
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO documents (fn_number, fd_number, doc_type, stlv, received_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (fn_number, fd_number) "
                "DO UPDATE SET times_received = times_received + 1 RETURNING times_received",
                (fn_number, fd, doc_type, stlv, received_at.isoformat()),
            )
            (times,) = cur.fetchone()
            return bool(times == 1)

    def documents(self, fn_number: str | None = None) -> list[StoredDocument]:
        """Every stored document (of one FN if given), in (FN, FD) order."""
        sql = "SELECT fn_number, fd_number, doc_type, stlv, received_at FROM documents"
        args: tuple[str, ...] = ()
        if fn_number is not None:
            sql += " WHERE fn_number = ?"
            args = (fn_number,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY fn_number, fd_number", args).fetchall()
        return [StoredDocument(r[0], r[1], r[2], bytes(r[3]), datetime.fromisoformat(r[4]))
                for r in rows]

    def times_received(self, fn_number: str, fd: int) -> int:
        """How many copies of a document arrived (0: none)."""
        with self._lock:
            row = self._db.execute(
                "SELECT times_received FROM documents WHERE fn_number = ? AND fd_number = ?",
                (fn_number, fd)).fetchone()
        return int(row[0]) if row else 0

    def count(self) -> int:
        """Distinct documents held."""
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def set_ffd(self, fn_number: str, ffd: str) -> None:
        """Remember the FFD version an FN was registered with (from its registration report)."""
        with self._lock:
            self._db.execute("INSERT INTO kkt VALUES (?, ?) ON CONFLICT (fn_number) "
                             "DO UPDATE SET ffd = excluded.ffd", (fn_number, ffd))

    def ffd(self, fn_number: str) -> str | None:
        """The FFD version registered for an FN, or None if no registration was received."""
        with self._lock:
            row = self._db.execute("SELECT ffd FROM kkt WHERE fn_number = ?",
                                   (fn_number,)).fetchone()
        return str(row[0]) if row else None

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
