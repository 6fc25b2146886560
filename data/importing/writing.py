"""Writing validated batches in the caller's transaction: upsert by natural key, counted.

Existing rows are fetched in chunks by key (not at all when the table is empty), compared, then
updated with executemany; new rows go in through data.importing.inserting (executemany of tuples
on SQLite, COPY on PostgreSQL). No statement is issued per row."""

from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from operator import itemgetter

import numpy as np
from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from data.importing.inserting import insert_rows
from data.importing.lookup import StoreIndex
from data.importing.problems import FileCounts, ImportRejected, ImportReport, Problem
from data.importing.records import CODED, Batch

CHUNK = 500
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
                  on_rows: Callable[[Batch, int], None] | None = None,
                  loaded_in_bulk: frozenset[str] = frozenset()) -> ImportReport:
    """`on_rows(batch, rows added so far)` is called with 0 before each batch is written, then after
    every 5,000 rows added (for progress). `loaded_in_bulk`: the tables data.importing.bulk_load set
    aside."""
    ids = {name: dict(index.ids(name)) for name in CODED}
    report = ImportReport()
    for batch in batches:
        added = None
        if on_rows:
            on_rows(batch, 0)
            added = partial(on_rows, batch)
        _resolve(batch, ids)
        try:
            bulk = batch.table.name in loaded_in_bulk
            if batch.name == "principle_ratings":
                report.files[batch.name] = _write_ratings(conn, batch, bulk)
            else:
                report.files[batch.name] = _upsert(conn, batch, range(len(batch)), added, bulk)
        except IntegrityError as error:  # e.g. someone else wrote the same code meanwhile
            reason = str(error.orig).splitlines()[0][:200]
            raise ImportRejected([Problem(batch.label, None, None,
                                          f"the store refused these rows ({reason})")]) from error
        if batch.name in CODED:
            _learn_ids(conn, batch, ids[batch.name])
    return report


def _resolve(batch: Batch, ids: dict[str, dict[str, int]]) -> None:
    """Referenced codes -> ids (every code was checked to be known: data.importing.records)."""
    for column, target in batch.refs.items():
        codes = batch.columns[column]
        known = ids[target]
        if None in codes:
            known = {**known, None: None}
        batch.columns[column] = list(map(known.__getitem__, codes))


def _learn_ids(conn: Connection, batch: Batch, known: dict[str, int]) -> None:
    new = [code for code in batch.columns["code"] if code not in known]
    for part in chunks(new):
        known.update(conn.execute(select(batch.table.c.code, batch.table.c.id)
                                  .where(batch.table.c.code.in_(part))).all())


def _upsert(conn: Connection, batch: Batch, positions: Sequence[int],
            added: Callable[[int], None] | None = None, bulk: bool = False) -> FileCounts:
    """The records at `positions`: added when their natural key is new, else updated in the
    columns the file holds when a value differs, else left unchanged (counted)."""
    table, columns = batch.table, batch.columns
    key = KEYS[batch.name]
    update_columns = batch.update_columns
    ordered = ORDERED.get(batch.name, ())
    flagged = batch.name == "feedback"
    fetched = tuple(dict.fromkeys((*update_columns, *ordered, *((*RESPONSE, SHOWN) if flagged else ()))))
    existing = {} if _empty(conn, table) else _existing(conn, table, key, fetched,
                                                         set(take(columns[key[0]], positions)))
    counts = FileCounts()
    if existing:
        inserts, updates = _compared(batch, positions, existing, fetched, counts)
    else:
        inserts, updates = positions, []
    counts.added = len(inserts)
    new = columns if len(inserts) == len(batch) else {c: take(values, inserts) for c, values in columns.items()}
    if flagged and inserts:
        new = {**new, SHOWN: [has_response({"we_did": did, "responded_on": on}) for did, on
                              in zip(new["we_did"], new["responded_on"], strict=True)]}
    if batch.name == "attendance":  # in the unique index's order: appended, not scattered (docs/decisions.md)
        new = in_order(new, ("session_id", "participant_id"))
    insert_rows(conn, table, new, added, loaded_in_bulk=bulk)
    if updates:
        conn.execute(update(table).where(table.c.id == bindparam("_id")), updates)
    return counts


def _compared(batch: Batch, positions: Sequence[int], existing: dict[tuple, tuple], fetched: tuple[str, ...],
              counts: FileCounts) -> tuple[list[int], list[dict]]:
    """(positions of new records, changes to stored rows); counts updated and unchanged."""
    columns, update_columns = batch.columns, batch.update_columns
    ordered = ORDERED.get(batch.name, ())
    flagged = batch.name == "feedback"
    keys = list(zip(*(columns[k] for k in KEYS[batch.name]), strict=True))
    inserts, updates, problems = [], [], []
    for i in positions:
        found = existing.get(keys[i])
        if found is None:
            inserts.append(i)
            continue
        stored = dict(zip(fetched, found[1:], strict=True))
        record = {c: columns[c][i] for c in update_columns}
        if ordered:
            _check_order(batch, i, {**stored, **record}, ordered, problems)
        if all(stored[c] == record[c] for c in update_columns):
            counts.unchanged += 1
        else:
            changed = {"_id": found[0], **record}
            if flagged:
                changed[SHOWN] = bool(stored[SHOWN]) or (not has_response(stored)
                                                         and has_response({**stored, **changed}))
            updates.append(changed)
            counts.updated += 1
    if problems:
        raise ImportRejected(problems)
    return inserts, updates


def has_response(item: dict) -> bool:
    """Whether a feedback item has been responded to: what we did, or when we told back, is filled in."""
    return any(item.get(column) is not None for column in RESPONSE)


def _empty(conn: Connection, table: Table) -> bool:
    return conn.execute(select(table.c.id).limit(1)).first() is None


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


def take(values: list, positions: Sequence[int]) -> list:
    """values[i] for each i of `positions`, in that order."""
    if isinstance(positions, range) and positions == range(len(values)):
        return values
    if len(positions) < 2:
        return [values[i] for i in positions]
    return list(itemgetter(*positions)(values))


def in_order(columns: dict[str, list], by: tuple[str, str]) -> dict[str, list]:
    """The records sorted by two integer columns (as they are when already in that order)."""
    first, second = columns[by[0]], columns[by[1]]
    if len(first) < 2:
        return columns
    order = np.lexsort((np.asarray(second, dtype=np.int64), np.asarray(first, dtype=np.int64)))
    if (order[1:] > order[:-1]).all():
        return columns
    pick = itemgetter(*order.tolist())
    return {column: list(pick(values)) for column, values in columns.items()}


def _check_order(batch: Batch, i: int, merged: dict, ordered: tuple[str, str], problems) -> None:
    """A file that sets one of two ordered dates must agree with the other one, as stored."""
    earlier, later = ordered
    first, second = merged.get(earlier), merged.get(later)
    if first is not None and second is not None and second < first:
        column = later if later in batch.update_columns else earlier
        problems.append(Problem(batch.label, batch.rows[i], column,
                                f"{later} {second} would be before {earlier} {first} "
                                "(the other date is the one already in the store)"))


def _write_ratings(conn: Connection, batch: Batch, bulk: bool = False) -> FileCounts:
    """Coded ratings upsert by rating_code; code-less ones are a multiset of their values
    (docs/import-contract.md): n identical rows in the file stand for n ratings, and only those
    the store lacks are added."""
    codes = batch.columns["rating_code"]
    loose_before = not _empty(conn, batch.table)  # no stored rating at all: none without a code either
    coded = [i for i, code in enumerate(codes) if code is not None]
    counts = _upsert(conn, batch, coded, bulk=bulk) if coded else FileCounts()
    loose = [i for i, code in enumerate(codes) if code is None]
    if not loose:
        return counts
    wanted = Counter(zip(*(take(batch.columns[c], loose) for c in RATING_VALUES), strict=True))
    stored: Counter = Counter()
    if loose_before:
        table = batch.table
        sessions = sorted(set(take(batch.columns["session_id"], loose)))
        for part in chunks(sessions):
            for row in conn.execute(select(*(table.c[c] for c in RATING_VALUES))
                                    .where(table.c.session_id.in_(part), table.c.rating_code.is_(None))):
                values = tuple(row)
                stored[values[:-1] + (values[-1] or None,)] += 1
    added = []
    for values, count in wanted.items():
        added.extend([values] * max(0, count - stored[values]))
    if added:
        new = dict(zip(RATING_VALUES, map(list, zip(*added, strict=True)), strict=True))
        insert_rows(conn, batch.table, {**new, "rating_code": [None] * len(added)}, loaded_in_bulk=bulk)
    counts.added += len(added)
    counts.unchanged += len(loose) - len(added)
    return counts
