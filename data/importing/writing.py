"""Writing validated batches in the caller's transaction: upsert by natural key, counted.

Portable SQL only (SQLAlchemy Core): existing rows are fetched in chunks by key, then inserted
and updated with executemany. No statement is issued per row."""

from collections import Counter
from collections.abc import Callable
from functools import partial

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from data.importing.lookup import StoreIndex
from data.importing.problems import FileCounts, ImportRejected, ImportReport, Problem
from data.importing.records import CODED, Batch

CHUNK = 500
INSERT_CHUNK = 5000
KEYS = {  # natural key as store columns; the first one filters the fetch of existing rows
    "programmes": ("code",), "participants": ("code",), "sessions": ("code",),
    "attendance": ("session_id", "participant_id"),
    "evaluations": ("participant_id", "programme_id", "timepoint", "completed_on", "skill_id"),
    "principle_ratings": ("rating_code",), "feedback": ("code",),
}
ORDERED = {"programmes": ("start_date", "end_date"), "feedback": ("raised_on", "responded_on")}
# Feedback items: whether young people and trustees see the item (not a column of the contract).
# A new item is shown when it has a response; an item without one waits for a member of staff to
# approve it. A re-import never hides an item (staff approvals stay); it shows one when its response
# arrives.
SHOWN = "shown_to_all"
RESPONSE = ("we_did", "responded_on")
RATING_VALUES = ("session_id", "principle_id", "rater_role", "rater_id", "score", "rated_on",
                 "comment")


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def write_batches(conn: Connection, batches: list[Batch], index: StoreIndex,
                  on_rows: Callable[[Batch, int], None] | None = None) -> ImportReport:
    """`on_rows(batch, rows added so far)` is called with 0 before each batch is written, then after
    every INSERT_CHUNK rows added (for progress)."""
    ids = {name: dict(index.ids(name)) for name in CODED}
    report = ImportReport()
    for batch in batches:
        added = None
        if on_rows:
            on_rows(batch, 0)
            added = partial(on_rows, batch)
        _resolve(batch, ids)
        try:
            if batch.name == "principle_ratings":
                report.files[batch.name] = _write_ratings(conn, batch)
            else:
                report.files[batch.name] = _upsert(conn, batch, list(range(len(batch.records))), added)
        except IntegrityError as error:  # e.g. someone else wrote the same code meanwhile
            reason = str(error.orig).splitlines()[0][:200]
            raise ImportRejected([Problem(batch.label, None, None,
                                          f"the store refused these rows ({reason})")]) from error
        if batch.name in CODED:
            _learn_ids(conn, batch, ids[batch.name])
    return report


def _resolve(batch: Batch, ids: dict[str, dict[str, int]]) -> None:
    for column, target in batch.refs.items():
        known = ids[target]
        for record in batch.records:
            code = record.get(column)
            if code is not None:
                record[column] = known[code]


def _learn_ids(conn: Connection, batch: Batch, known: dict[str, int]) -> None:
    new = [record["code"] for record in batch.records if record["code"] not in known]
    for part in chunks(new):
        known.update(conn.execute(select(batch.table.c.code, batch.table.c.id)
                                  .where(batch.table.c.code.in_(part))).all())


def _upsert(conn: Connection, batch: Batch, positions: list[int],
            added: Callable[[int], None] | None = None) -> FileCounts:
    table, records = batch.table, batch.records
    key = KEYS[batch.name]
    columns = batch.update_columns
    ordered = ORDERED.get(batch.name, ())
    flagged = batch.name == "feedback"
    fetched = tuple(dict.fromkeys((*columns, *ordered, *((*RESPONSE, SHOWN) if flagged else ()))))
    existing = _existing(conn, table, key, fetched, {records[i][key[0]] for i in positions})
    counts = FileCounts()
    inserts, updates, problems = [], [], []
    for i in positions:
        record = records[i]
        found = existing.get(tuple(record[k] for k in key))
        if found is None:
            if flagged:
                record = {**record, SHOWN: has_response(record)}
            inserts.append(record)
            counts.added += 1
            continue
        stored = dict(zip(fetched, found[1:], strict=True))
        if ordered:
            _check_order(batch, i, {**stored, **{c: record[c] for c in columns}}, ordered, problems)
        if all(stored[c] == record[c] for c in columns):
            counts.unchanged += 1
        else:
            changed = {"_id": found[0], **{c: record[c] for c in columns}}
            if flagged:
                changed[SHOWN] = bool(stored[SHOWN]) or (not has_response(stored)
                                                         and has_response({**stored, **changed}))
            updates.append(changed)
            counts.updated += 1
    if problems:
        raise ImportRejected(problems)
    if batch.name == "attendance":  # in the unique index's order: appended, not scattered (docs/decisions.md)
        inserts.sort(key=lambda record: (record["session_id"], record["participant_id"]))
    _insert(conn, table, inserts, added)
    if updates:
        conn.execute(update(table).where(table.c.id == bindparam("_id")), updates)
    return counts


def has_response(item: dict) -> bool:
    """Whether a feedback item has been responded to: what we did, or when we told back, is filled in."""
    return any(item.get(column) is not None for column in RESPONSE)


def _existing(conn: Connection, table: Table, key: tuple[str, ...], fetched: tuple[str, ...],
              wanted: set) -> dict[tuple, tuple]:
    """{natural key: (id, *fetched values)} for stored rows whose first key column is wanted."""
    selected = [table.c.id, *(table.c[c] for c in key), *(table.c[c] for c in fetched)]
    width = len(key)
    found = {}
    for part in chunks(sorted(wanted)):
        for row in conn.execute(select(*selected).where(table.c[key[0]].in_(part))):
            found[tuple(row[1:1 + width])] = (row[0], *row[1 + width:])
    return found


def _insert(conn: Connection, table: Table, records: list[dict], added: Callable[[int], None] | None = None) -> None:
    if not records:
        return
    write = _positional_insert(conn, table, list(records[0])) or partial(conn.execute, insert(table))
    done = 0
    for part in chunks(records, INSERT_CHUNK):
        write(part)
        done += len(part)
        if added:
            added(done)


def _positional_insert(conn: Connection, table: Table, columns: list[str]) -> Callable[[list[dict]], None] | None:
    """For a driver that takes positional parameters (SQLite): the INSERT compiled once and the
    rows handed to the driver's executemany as tuples, with each column's own conversion (dates
    to text). SQLAlchemy's per-row parameter building was a third of an import's time (docs/decisions.md).
    None for other drivers: SQLAlchemy already sends many rows per statement to PostgreSQL."""
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    if not compiled.positional:
        return None
    order = [key for key in compiled.positiontup]
    convert = [(i, processor) for i, key in enumerate(order)
               if (processor := table.c[key].type.dialect_impl(conn.dialect).bind_processor(conn.dialect))]
    sql = str(compiled)

    def write(part: list[dict]) -> None:
        rows = [[record[key] for key in order] for record in part]
        for i, processor in convert:
            for row in rows:
                if row[i] is not None:
                    row[i] = processor(row[i])
        conn.exec_driver_sql(sql, [tuple(row) for row in rows])
    return write


def _check_order(batch: Batch, i: int, merged: dict, ordered: tuple[str, str], problems) -> None:
    """A file that sets one of two ordered dates must agree with the other one, as stored."""
    earlier, later = ordered
    first, second = merged.get(earlier), merged.get(later)
    if first is not None and second is not None and second < first:
        column = later if later in batch.update_columns else earlier
        problems.append(Problem(batch.label, batch.rows[i], column,
                                f"{later} {second} would be before {earlier} {first} "
                                "(the other date is the one already in the store)"))


def _write_ratings(conn: Connection, batch: Batch) -> FileCounts:
    """Coded ratings upsert by rating_code; code-less ones are a multiset of their values."""
    coded = [i for i, r in enumerate(batch.records) if r.get("rating_code") is not None]
    counts = _upsert(conn, batch, coded) if coded else FileCounts()
    loose = [r for r in batch.records if r.get("rating_code") is None]
    if not loose:
        return counts
    wanted = Counter(tuple(r[c] for c in RATING_VALUES) for r in loose)
    table = batch.table
    stored: Counter = Counter()
    sessions = sorted({r["session_id"] for r in loose})
    for part in chunks(sessions):
        for row in conn.execute(select(*(table.c[c] for c in RATING_VALUES))
                                .where(table.c.session_id.in_(part), table.c.rating_code.is_(None))):
            values = tuple(row)
            stored[values[:-1] + (values[-1] or None,)] += 1
    added = []
    for values, count in wanted.items():
        added.extend([dict(zip(RATING_VALUES, values, strict=True), rating_code=None)]
                     * max(0, count - stored[values]))
    _insert(conn, table, added)
    counts.added += len(added)
    counts.unchanged += len(loose) - len(added)
    return counts
