"""Invariants of deadlines and communications over the bundled policies, for random openings and
pauses: what the engine's own properties (tests/businesstime/test_properties.py) promise must
survive the policies' real calendars, plans and targets. Fixed budget, derandomized for CI."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.sla import comms as agenda
from slactl.sla import due as deadlines
from slactl.policy import load as loader
from slactl.tickets.model import Ticket

POLICIES = loader.load(loader.bundled_paths())
COMBINATIONS = [(policy, severity, plan) for policy in POLICIES for severity in policy.severities
                for plan in (policy.plans or (None,))]
BUDGET = settings(max_examples=examples(120), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

openings = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2032, 12, 31),
                        timezones=st.just(timezone.utc))
combinations = st.sampled_from(COMBINATIONS)


@st.composite
def pauses(draw, opened: datetime) -> list[tuple[datetime, datetime]]:
    """Up to three disjoint pauses around ``opened`` (some before it, most after)."""
    spans = sorted(draw(st.lists(st.tuples(st.integers(-3_000, 30_000), st.integers(1, 5_000)), max_size=3)))
    chosen, end = [], None
    for offset, length in spans:
        start = opened + timedelta(minutes=offset)
        if end is None or start >= end:
            chosen.append((start, start + timedelta(minutes=length)))
            end = chosen[-1][1]
    return chosen


def _ticket(combination, opened, stops=(), resolved=None, **more) -> Ticket:
    policy, severity, plan = combination
    return Ticket(policy, severity, plan, opened, pauses=tuple(stops),
                  resolutions=((resolved, None),) if resolved is not None else (), **more)


def _due(combination, opened, stops=(), resolved=None, now=None, **more):
    return deadlines.due(_ticket(combination, opened, stops, resolved, **more), now)


@BUDGET
@given(combinations, openings, st.integers(0, 20_000), st.data())
def test_every_deadline_is_at_or_after_its_start(combination, opened, resolved_after, data):
    resolved = opened + timedelta(minutes=resolved_after)
    for deadline in _due(combination, opened, data.draw(pauses(opened)), resolved):
        if deadline.due is not None:
            assert deadline.due >= deadline.start >= opened
        if deadline.earliest is not None and deadline.due is not None:
            assert deadline.earliest <= deadline.due


@BUDGET
@given(combinations, openings, st.data())
def test_pauses_never_move_a_deadline_earlier(combination, opened, data):
    stops = data.draw(pauses(opened))
    for plain, paused in zip(_due(combination, opened), _due(combination, opened, stops)):
        assert plain.target == paused.target
        if plain.due is not None:
            assert paused.due >= plain.due


@BUDGET
@given(combinations, openings, st.integers(1, 10_000))
def test_a_later_opening_never_gives_an_earlier_deadline(combination, opened, delay):
    later = opened + timedelta(minutes=delay)
    for first, second in zip(_due(combination, opened), _due(combination, later)):
        if first.due is not None:
            assert second.due >= first.due


@BUDGET
@given(combinations, openings, st.one_of(st.none(), st.integers(0, 5_000)))
def test_every_communication_owed_is_at_or_after_the_opening(combination, opened, resolved_after):
    policy, severity, plan = combination
    resolved = None if resolved_after is None else opened + timedelta(minutes=resolved_after)
    owed = agenda.comms(_ticket(combination, opened, resolved=resolved))
    for item in owed.timed:
        assert item.at >= opened
        if item.until is not None:
            assert item.until >= item.at


@BUDGET
@given(combinations, openings, st.data())
def test_an_event_at_or_before_its_due_time_is_always_met(combination, opened, data):
    stops = data.draw(pauses(opened))
    for item in _due(combination, opened, stops):
        if item.due is None or item.target.name not in ("evaluation", "response", "mitigation", "resolution"):
            continue
        done = item.due - timedelta(minutes=data.draw(st.integers(0, 600)))
        if done < opened:
            continue
        event = {"evaluation": "responded", "response": "responded", "mitigation": "mitigated"}.get(item.target.name)
        finished = _due(combination, opened, stops, **({event: done} if event else {"resolved": done}))
        [judged] = [d for d in finished if d.target.name == item.target.name]
        assert judged.status in (deadlines.Status.MET, deadlines.Status.WITHIN_ESTIMATE)


@BUDGET
@given(combinations, openings, st.integers(0, 20_000), st.integers(0, 40_000))
def test_a_severity_change_to_the_same_severity_changes_nothing(combination, opened, change_after, now_after):
    policy, severity, plan = combination
    now = opened + timedelta(minutes=now_after)
    changed = opened + timedelta(minutes=change_after)
    plain = _due(combination, opened, now=now)
    same = _due(combination, opened, now=now, severity_changes=((opened, severity), (changed, severity)))
    assert plain == same
