"""A log of states (one row per update: the ticket's state after it) folded into tickets
(``tickets.events.fold_states``), checked on the text rows it gives."""

from __future__ import annotations

import pytest

from slactl.tickets.events import fold_states
from slactl.tickets.read import BadRow


def folded(*rows: tuple) -> list:
    """``rows``: ``(id, time, status, severity)`` or with a dict of more columns."""
    records = []
    for line, row in enumerate(rows, start=2):
        ticket, time, status, severity, *more = row
        records.append((line, {"id": ticket, "time": time, "status": status, "severity": severity,
                               "provider": "ignus", **(more[0] if more else {})}))
    return list(fold_states(records))


def test_a_ticket_opens_at_its_opening_column_and_is_answered_when_it_leaves_new():
    (row,) = folded(("A", "t1", "new", "p3", {"opened": "t0"}), ("A", "t2", "in-progress", "p3"),
                    ("A", "t3", "in-progress", "p3"))
    assert (row.opened, row.severity, row.responded, row.statuses) == ("t0", "p3", "t2", "t1=new;t2=in-progress")


def test_without_an_opening_column_the_first_row_opens_it():
    (row,) = folded(("A", "t1", "in-progress", "p2"))
    assert (row.opened, row.responded) == ("t1", "t1")


def test_rows_at_one_instant_the_last_one_counts():
    """ServiceNow's log has minutes only: New then Active at 01:23 is Active at 01:23."""
    (row,) = folded(("A", "t1", "new", "p3"), ("A", "t2", "new", "p3"), ("A", "t2", "in-progress", "p3"))
    assert row.statuses == "t1=new;t2=in-progress"


def test_entering_a_done_status_resolves_and_leaving_it_reopens():
    (row,) = folded(("A", "t1", "new", "p3"), ("A", "t2", "resolved", "p3"), ("A", "t3", "closed", "p3"),
                    ("A", "t4", "in-progress", "p3"), ("A", "t5", "resolved", "p3"))
    assert (row.resolved, row.reopened, row.responded) == ("t2;t5", "t4", "t2")


def test_a_new_priority_is_a_severity_change_at_that_row():
    (row,) = folded(("A", "t1", "new", "p3"), ("A", "t2", "new", "p2"), ("A", "t3", "new", "p2"))
    assert (row.severity, row.severity_changes) == ("p3", "t2=p2")


def test_tickets_come_out_in_the_order_of_their_first_row_with_its_line():
    rows = folded(("B", "t1", "new", "p3"), ("A", "t1", "new", "p3"), ("B", "t2", "closed", "p3"))
    assert [(row.id, row.line) for row in rows] == [("B", 2), ("A", 3)]


PROBLEMS = [
    ("a row without a time", [("A", None, "new", "p3")], BadRow(2, "a row of the event log needs a time (when the update happened)")),
    ("a first row without a severity", [("A", "t1", "new", None)], BadRow(2, "the first row of a ticket needs its severity")),
    ("two providers for one ticket", [("A", "t1", "new", "p3"), ("A", "t2", "new", "p3", {"provider": "conecta"})],
     BadRow(3, "provider 'conecta' differs from 'ignus' given earlier for this ticket")),
]


@pytest.mark.parametrize("rows, problem", [p[1:] for p in PROBLEMS], ids=[p[0] for p in PROBLEMS])
def test_a_ticket_that_cannot_be_folded_is_one_bad_row(rows, problem):
    assert folded(*rows) == [problem]


def test_a_row_without_an_id_is_a_bad_row_and_the_others_fold():
    found = list(fold_states([(2, {"id": None, "time": "t1"}), (3, {"id": "A", "time": "t1", "severity": "p1",
                                                                  "provider": "ignus"})]))
    assert found[0] == BadRow(2, "a row of the event log needs an id (which ticket it belongs to)")
    assert found[1].id == "A"
