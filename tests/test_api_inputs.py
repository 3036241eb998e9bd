"""Bad arguments to the public API: every one is an InputError of one line that names the
parameter (docs/api.md, "Errors"), never a bare Python error. Each case is a good call with one
argument spoiled; a test checks that every parameter of every public function has a case."""

from __future__ import annotations

import inspect
import re
from datetime import date, datetime, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from slactl import api
from slactl.errors import InputError
from slactl.policy.pricing import GuaranteeMode

POLICIES = api.load_policies()
IGNUS = POLICIES.get("ignus")
MEXICO = ZoneInfo("America/Mexico_City")
UTC = timezone.utc
OPENED = "2026-11-20T18:30"  # a Friday, 30 minutes before Ignus's office closes
NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)


def due(**change):
    return api.due(**{"policy": IGNUS, "severity": "high", "opened": OPENED, **change})


def ticket(**change):
    return api.ticket(**{"policy": IGNUS, "severity": "high", "opened": OPENED, **change})


def classify(**change):
    return api.classify(**{"policy": IGNUS, "text": "el sitio está caído", **change})


def comms(**change):
    return api.comms(**{"policy": "conecta", "severity": "caida total", "opened": "2026-11-23T10:00",
                        "resolved": "2026-11-23T15:00", "policies": POLICIES, **change})


def quote(**change):
    return api.quote(**{"normalization": 5, "policies": POLICIES, **change})


def due_frame(**change):
    import pandas as pd

    frame = pd.DataFrame({"provider": ["ignus"], "severity": ["high"], "opened": [OPENED]})
    return api.due_frame(**{"frame": frame, "policies": POLICIES, "now": NOW, **change})


def case(function, parameter, call, words, sentence):
    return pytest.param(function, parameter, call, words, id=f"{function} {parameter}: {sentence}")


BAD = [
    case("load_policies", "paths", lambda: api.load_policies(5), "paths: expected a path or a list of paths, got int",
         "a number is no path"),
    case("load_policies", "paths", lambda: api.load_policies([None]), "paths: expected a file or directory path",
         "None in the list is no path"),
    case("load_policies", "paths", lambda: api.load_policies(b"policies"), "paths: expected a path or a list of paths, got bytes",
         "bytes are refused rather than read as numbers"),
    # -- the arguments every function shares ---------------------------------------------------
    case("due", "policy", lambda: due(policy=None), "policy: expected a Policy or a provider id such as 'ignus', got NoneType",
         "None is neither a Policy nor an id"),
    case("due", "policies", lambda: due(policy="ignus", policies=["ignus"]), "policies: expected a PolicySet from load_policies(), got list",
         "a list is not a policy set"),
    case("due", "severity", lambda: due(severity=None), "severity: expected a severity name such as 'high' or a Severity, got NoneType",
         "None is no severity"),
    case("due", "severity", lambda: due(severity=1), "severity: expected a severity name", "a number is no severity name"),
    case("due", "opened", lambda: due(opened=None), "opened: expected a datetime or ISO 8601 text, got NoneType",
         "None is no opening time"),
    case("due", "opened", lambda: due(opened=date(2026, 11, 20)), "opened: expected a datetime or ISO 8601 text, got date",
         "a date without a time is refused"),
    case("due", "opened", lambda: due(opened=datetime(1, 1, 1, tzinfo=UTC)),
         "opened 0001-01-01T00:00:00+00:00 is out of range: slactl reads times from the year 1900 on",
         "the year 1 is refused as the CLI refuses it, not as a deadline beyond 9999"),
    case("due", "opened", lambda: due(opened=datetime(1899, 12, 31, 23, 59)), "slactl reads times from the year 1900 on",
         "a naive datetime before 1900 is refused"),
    case("due", "now", lambda: due(now=5), "now: expected a datetime or ISO 8601 text, got int", "a number is no time"),
    case("due", "now", lambda: due(now=datetime(1800, 1, 1, tzinfo=UTC)), "now 1800-01-01T00:00:00+00:00 is out of range",
         "a now before 1900 is refused"),
    case("due", "now", lambda: due(now="2026-11-19T00:00"), "now is before opened", "now before the opening is refused"),
    case("due", "warn", lambda: due(warn=75), "warn: expected text such as '75%' or '1h', or a Warn, got int",
         "a bare number is no warning point"),
    case("due", "warn", lambda: due(warn="soon"), "warn: bad duration 'soon'", "a word is no warning point"),
    # -- a ticket's values (due and comms pass them on) -------------------------------------------
    case("ticket", "policy", lambda: ticket(policy=3), "policy: expected a Policy or a provider id", "a number is no provider"),
    case("ticket", "policies", lambda: ticket(policy="ignus", policies="ignus"), "policies: expected a PolicySet", "text is not a policy set"),
    case("ticket", "severity", lambda: ticket(severity=None), "severity: expected a severity name", "None is no severity"),
    case("ticket", "opened", lambda: ticket(opened=1764000000), "opened: expected a datetime or ISO 8601 text, got int",
         "epoch seconds as a number are refused (text reads them in ticket files)"),
    case("ticket", "plan", lambda: ticket(policy="athento", severity="critical", plan=1, policies=POLICIES),
         "plan: expected a plan id such as 'enterprise', a Plan or None, got int", "a number is no plan"),
    case("ticket", "id", lambda: ticket(id=17), "id: expected text or None, got int; pass str(id)", "an int id is refused with the fix"),
    case("ticket", "pauses", lambda: ticket(pauses=5), "pauses: expected 'START/END' text or a list of pauses, got int",
         "a number is no list of pauses"),
    case("ticket", "pauses", lambda: ticket(pauses=[5]), "pauses: each pause is 'START/END' text or a (start, end) pair, got int",
         "a number is no pause"),
    case("ticket", "pauses", lambda: ticket(pauses=(datetime(2026, 11, 23, 8), datetime(2026, 11, 23, 10))),
         "got datetime; for one pair write pauses=[(start, end)]", "a bare pair of datetimes says how to write one pair"),
    case("ticket", "pauses", lambda: ticket(pauses=[("2026-11-23T08:00", "2026-11-23T09:00", "2026-11-23T10:00")]),
         "pauses: each pause is 'START/END' text or a (start, end) pair, got (str, str, str)", "a triple is no pause"),
    case("ticket", "pauses", lambda: ticket(pauses="2026-11-23T08:00"), "bad pause '2026-11-23T08:00': write START/END",
         "one time without an end is no pause"),
    case("ticket", "pauses", lambda: ticket(pauses=[(datetime(1899, 1, 1), "2026-11-23T10:00")]),
         "pause start 1899-01-01T00:00:00 is out of range", "a pause from before 1900 is refused"),
    case("ticket", "responded", lambda: ticket(responded=5), "responded: expected a datetime or ISO 8601 text, got int",
         "a number is no response time"),
    case("ticket", "mitigated", lambda: ticket(mitigated=datetime(1, 1, 1, tzinfo=UTC)), "mitigated 0001-01-01T00:00:00+00:00 is out of range",
         "a mitigation in the year 1 is refused"),
    case("ticket", "resolved", lambda: ticket(resolved=5), "resolved: expected a time or a list of times, got int",
         "a number is no list of times"),
    case("ticket", "resolved", lambda: ticket(resolved="2026-11-19T10:00"), "resolved is before opened",
         "a resolution before the opening is refused"),
    case("ticket", "reopened", lambda: ticket(reopened=[datetime(1, 1, 1)]), "reopened 0001-01-01T00:00:00 is out of range",
         "a reopening in the year 1 is refused"),
    case("ticket", "followed_up", lambda: ticket(followed_up=3.5), "followed_up: expected a datetime or ISO 8601 text, got float",
         "a float is no time"),
    case("ticket", "statuses", lambda: ticket(statuses=7), "statuses: expected 'TIME=VALUE' text or a list of them, got int",
         "a number is no list of statuses"),
    case("ticket", "statuses", lambda: ticket(statuses=[("2026-11-23T08:00", 5)]),
         "statuses: each status is 'TIME=VALUE' text or a (time, text) pair, got (str, int)", "a status must be text"),
    case("ticket", "severity_changes", lambda: ticket(severity_changes=[(1, 2, 3)]),
         "severity_changes: each severity change is 'TIME=VALUE' text or a (time, text) pair, got (int, int, int)",
         "a triple is no severity change"),
    case("ticket", "severity_changes", lambda: ticket(severity_changes="2026-11-23T08:00"), "bad severity_change '2026-11-23T08:00': write TIME=VALUE",
         "one time without a value is no change"),
    case("ticket", "now", lambda: ticket(now=[NOW]), "now: expected a datetime or ISO 8601 text, got list", "a list is no time"),
    # -- classify --------------------------------------------------------------------------------
    case("classify", "policy", lambda: classify(policy=None), "policy: expected a Policy or a provider id", "None is no provider"),
    case("classify", "policies", lambda: classify(policy="ignus", policies={}), "policies: expected a PolicySet", "a dict is not a policy set"),
    case("classify", "text", lambda: classify(text=b"caida total"), "text: expected the incident as str, got bytes (decode it first)",
         "bytes are refused with the fix"),
    case("classify", "text", lambda: classify(text=None), "nothing to classify: give the incident text or facts such as impact='total'",
         "None without facts is nothing to classify"),
    case("classify", "env", lambda: classify(env="prod"), "env: expected one of production, non-production or None, got 'prod'",
         "an environment outside the CLI's choices is refused"),
    case("classify", "impact", lambda: classify(impact="huge"), "impact: expected one of total, partial, degraded, minor or None, got 'huge'",
         "an impact outside the CLI's choices is refused, not ignored"),
    case("classify", "impact", lambda: classify(impact=1), "impact: expected one of total", "a number is no impact"),
    case("classify", "privacy", lambda: classify(privacy="yes"), "privacy: expected one of materialized, vulnerability or None, got 'yes'",
         "a privacy value outside the CLI's choices is refused"),
    case("classify", "dos", lambda: classify(dos="yes"), "dos: expected True, False or None (unknown), got 'yes'",
         "text is no yes or no"),
    case("classify", "third_party", lambda: classify(third_party=1), "third_party: expected True, False or None (unknown), got 1",
         "1 is no yes or no"),
    case("classify", "plan", lambda: classify(plan=["enterprise"]), "plan: expected a plan id", "a list is no plan"),
    case("classify", "opened", lambda: classify(opened=datetime(1, 1, 1, tzinfo=UTC)), "opened 0001-01-01T00:00:00+00:00 is out of range",
         "an opening in the year 1 is refused"),
    # -- comms -----------------------------------------------------------------------------------
    case("comms", "policy", lambda: comms(policy=1), "policy: expected a Policy or a provider id", "a number is no provider"),
    case("comms", "policies", lambda: comms(policies=POLICIES.get("conecta")),
         "policies: expected a PolicySet from load_policies(), got Policy", "one Policy is not the set"),
    case("comms", "severity", lambda: comms(severity=None), "severity: expected a severity name", "None is no severity"),
    case("comms", "opened", lambda: comms(opened=None), "opened: expected a datetime or ISO 8601 text", "None is no opening"),
    case("comms", "until", lambda: comms(resolved=None, until=5), "until: expected a datetime or ISO 8601 text, got int",
         "a number is no time"),
    case("comms", "until", lambda: comms(resolved=None, until="2026-11-22T00:00"), "until is before opened",
         "until before the opening is refused"),
    # -- quote (seed 004: 35 USD/h, 1 to 8 guarantee hours) --------------------------------------
    case("quote", "policy", lambda: quote(policy=None), "policy: expected a Policy or a provider id", "None is no provider"),
    case("quote", "policy", lambda: quote(policy="ignus"), "ignus publishes no prices", "a policy without prices"),
    case("quote", "policies", lambda: quote(policies="express"), "policies: expected a PolicySet", "text is not a policy set"),
    case("quote", "normalization", lambda: quote(normalization=-1), "normalization: bad hours -1: hours cannot be negative",
         "negative hours are refused"),
    case("quote", "normalization", lambda: quote(normalization=float("nan")), "normalization: bad hours nan: write hours as a number",
         "NaN hours are refused"),
    case("quote", "normalization", lambda: quote(normalization=Decimal("Infinity")), "normalization: bad hours Decimal('Infinity')",
         "infinite hours are refused"),
    case("quote", "normalization", lambda: quote(normalization=10**6), "normalization: bad hours 1000000: more than 100000 hours",
         "a million hours are refused as the CLI refuses them"),
    case("quote", "normalization", lambda: quote(normalization=True), "normalization: bad hours True", "a bool is no number of hours"),
    case("quote", "normalization", lambda: quote(normalization="5,5"), "normalization: bad hours '5,5'", "a decimal comma is refused"),
    case("quote", "mitigation", lambda: quote(mitigation=[1]), "mitigation: bad hours [1]", "a list is no number of hours"),
    case("quote", "guarantee", lambda: quote(guarantee=1.5), "guarantee: bad guarantee hours 1.5: write a whole number of hours such as 2",
         "a fraction of an hour is refused"),
    case("quote", "guarantee", lambda: quote(guarantee=True), "guarantee: bad guarantee hours True", "a bool is no number of hours"),
    case("quote", "guarantee", lambda: quote(guarantee="two"), "guarantee: bad guarantee hours 'two'", "a word is no number of hours"),
    case("quote", "guarantee", lambda: quote(guarantee=9), "guarantee hours must be a whole number from 1 to 8, got 9",
         "nine hours are beyond the seed's eight"),
    case("quote", "guarantee_mode", lambda: quote(guarantee_mode="refunded"),
         "guarantee_mode: expected one of separate, credited, waived or None, got 'refunded'", "a mode outside the choices"),
    case("quote", "monthly_plan", lambda: quote(monthly_plan="no"), "monthly_plan: expected True or False, got 'no'",
         "the text 'no' is not silently true"),
    case("quote", "monthly_plan", lambda: quote(monthly_plan=True, guarantee=2),
         "a monthly plan asks no guarantee: drop guarantee= and guarantee_mode=", "a monthly plan with a guarantee, in the API's words"),
    case("quote", "express_rate", lambda: quote(express_rate=Decimal("-1")),
         "express_rate: bad rate '-1': write an amount per hour such as 35 or 35.00", "a negative rate is refused"),
    case("quote", "express_rate", lambda: quote(express_rate=Decimal("Infinity")), "express_rate: bad rate 'Infinity'",
         "an infinite rate is refused"),
    case("quote", "express_rate", lambda: quote(express_rate=Decimal("NaN")), "express_rate: bad rate 'NaN'", "a NaN rate is refused"),
    case("quote", "express_rate", lambda: quote(express_rate="35.001"), "express_rate: bad rate '35.001'",
         "fractions of a cent are refused as the CLI refuses them"),
    case("quote", "express_rate", lambda: quote(express_rate=True), "express_rate: bad rate True", "a bool is no amount"),
    case("quote", "on_demand_rate", lambda: quote(mitigation=1, on_demand_rate=-25),
         "on_demand_rate: bad rate -25: write an amount per hour such as 35 or 35.00", "a negative int rate is refused"),
    case("quote", "on_demand_rate", lambda: quote(mitigation=1, monthly_plan=True, express_rate="30"),
         "with monthly_plan=True the agreement's rates apply: give the plan's mitigation rate with on_demand_rate=",
         "a monthly plan needs its own rates, in the API's words"),
    # -- due_frame -------------------------------------------------------------------------------
    case("due_frame", "frame", lambda: due_frame(frame=[{"provider": "ignus"}]), "frame: expected a pandas DataFrame, got list",
         "a list of dicts is no frame"),
    case("due_frame", "policies", lambda: due_frame(policies=None), "policies: expected a PolicySet from load_policies(), got NoneType",
         "the policy set is required"),
    case("due_frame", "now", lambda: due_frame(now=datetime(2026, 11, 23, 9)),
         "now: expected an aware datetime such as datetime.now(timezone.utc), got a naive datetime", "a naive now is refused"),
    case("due_frame", "now", lambda: due_frame(now="2026-11-23T09:00Z"), "now: expected an aware datetime", "text is refused: no zone to read it in"),
    case("due_frame", "now", lambda: due_frame(now=datetime(1, 1, 1, tzinfo=UTC)), "now 0001-01-01T00:00:00+00:00 is out of range",
         "a now in the year 1 is refused"),
    case("due_frame", "judge_at", lambda: due_frame(judge_at="soon"), "bad judge_at 'soon': write ISO 8601",
         "a word is refused once, not on every row as --now"),
    case("due_frame", "judge_at", lambda: due_frame(judge_at=NOW), "judge_at: expected ISO 8601 text, got datetime",
         "a datetime belongs in now="),
]


@pytest.mark.parametrize("function, parameter, call, words", BAD)
def test_a_bad_argument_is_an_input_error_of_one_line_naming_it(function, parameter, call, words):
    with pytest.raises(InputError) as raised:
        call()
    message = str(raised.value)
    assert words in message
    assert "\n" not in message


def test_every_parameter_of_every_public_function_has_a_bad_case():
    covered = {(function, parameter) for function, parameter, *_ in (p.values for p in BAD)}
    expected = {(name, parameter) for name in api.__all__
                for parameter, spec in inspect.signature(getattr(api, name)).parameters.items()
                if spec.kind is not inspect.Parameter.VAR_KEYWORD}
    assert expected - covered == set()


@pytest.mark.parametrize("name, call", [("due", due), ("comms", comms)])
def test_a_misspelt_ticket_keyword_is_a_type_error_naming_the_function_called(name, call):
    # A keyword a function does not have is a TypeError, as for any Python function.
    expected = f"{name}() got an unexpected keyword argument 'resolvd'; a ticket's values are followed_up, id, mitigated"
    with pytest.raises(TypeError, match=re.escape(expected)):
        call(resolvd="2026-11-23T15:00")


def test_a_datetime_before_1900_gets_the_message_its_text_gets():
    with pytest.raises(InputError) as as_text:
        due(opened="1899-12-31T23:59:00")
    with pytest.raises(InputError) as as_datetime:
        due(opened=datetime(1899, 12, 31, 23, 59))
    assert str(as_datetime.value) == str(as_text.value)


# -- good values, each one the kind a demanding caller may pass --------------------------------

# Seed 002 (Ignus): "Alta | 1 hora" in office hours, "lunes a viernes 8 - 19 hrs". Opened Friday
# 18:30, the response is due Monday 08:30; two business hours paused Monday 08:00-10:00 make it 10:30.
PAUSED_RESPONSE = datetime(2026, 11, 23, 10, 30, tzinfo=MEXICO)
PAUSE = "2026-11-23T08:00/2026-11-23T10:00"


@pytest.mark.parametrize("pauses", [
    pytest.param(PAUSE, id="one START/END text is one pause"),
    pytest.param([PAUSE], id="a list of one text"),
    pytest.param([("2026-11-23T08:00", "2026-11-23T10:00")], id="a list of one (start, end) pair"),
    pytest.param([["2026-11-23T08:00", datetime(2026, 11, 23, 16, tzinfo=UTC)]], id="a two-item list, as JSON gives it, with an aware end"),
    pytest.param((p for p in [PAUSE]), id="a generator"),
])
def test_pauses_may_be_one_text_or_any_iterable_of_pauses(pauses):
    assert due(pauses=pauses)[0].due == PAUSED_RESPONSE


@pytest.mark.parametrize("pauses", [None, (), []], ids=["None", "an empty tuple", "an empty list"])
def test_no_pauses_leave_the_response_due_monday_0830(pauses):
    assert due(pauses=pauses)[0].due == datetime(2026, 11, 23, 8, 30, tzinfo=MEXICO)


def test_one_status_or_severity_change_text_is_one_event():
    one = ticket(statuses="2026-11-23T08:00=pending", severity_changes="2026-11-23T09:00=low", now=NOW)
    listed = ticket(statuses=["2026-11-23T08:00=pending"], severity_changes=["2026-11-23T09:00=low"], now=NOW)
    assert (one.statuses, one.severity_changes) == (listed.statuses, listed.severity_changes)
    assert one.severity.id == "low"


def test_the_first_instant_of_1900_is_read():
    # Seed 002: "Urgente | 15 minutos | 24x7": opened 1900-01-01T00:00Z, the response is due 00:15Z.
    deadlines = api.due(IGNUS, "urgente", datetime(1900, 1, 1, tzinfo=UTC))
    assert deadlines[0].due == datetime(1900, 1, 1, 0, 15, tzinfo=UTC)


def test_classify_takes_facts_without_text_and_false_for_a_fact():
    assert api.classify("conecta", None, impact="total", dos=False, policies=POLICIES).severity.id == "total-outage"


# Seed 004 (Plan Express): "35 $USD por hora" and "de una (1) a ocho (8) horas como garantía"; by
# default one hour of guarantee (35.00). Each line is hours x rate rounded half-up to cents.
QUOTES = [
    pytest.param(dict(normalization=Fraction(1, 3)), ["35.00", "11.67"], "46.67",
                 id="a third of an hour is 11.666.. rounded to 11.67, plus the 35.00 guarantee"),
    pytest.param(dict(normalization=0.1, guarantee="2h"), ["70.00", "3.50"], "73.50",
                 id="a float hour reads as written (0.1 h = 3.50); '2h' of guarantee = 70.00"),
    pytest.param(dict(normalization=Decimal("1E+1"), guarantee=8.0), ["280.00", "350.00"], "630.00",
                 id="Decimal 1E+1 is ten hours (350.00); 8.0, the seed's maximum, is eight whole hours (280.00)"),
    pytest.param(dict(normalization=2, express_rate=Decimal("40.50")), ["40.50", "81.00"], "121.50",
                 id="an Express rate of 40.50 bills the guarantee hour and two hours of work"),
    pytest.param(dict(normalization=5, guarantee=2, guarantee_mode=GuaranteeMode.CREDITED), ["70.00", "105.00"], "175.00",
                 id="a credited guarantee (the enum member) of 70.00 is deducted from 5 h at 35 (175.00)"),
    pytest.param(dict(normalization=3, express_rate=0), ["0.00", "0.00"], "0.00",
                 id="a rate of 0 is a rate (work done free)"),
]


@pytest.mark.parametrize("given, invoices, total", QUOTES)
def test_quote_reads_numbers_exactly(given, invoices, total):
    result = api.quote(**given, policies=POLICIES)
    assert [invoice.total for invoice in result.invoices] == [Decimal(amount) for amount in invoices]
    assert result.total == Decimal(total)


def test_due_frame_takes_a_pandas_timestamp_as_now():
    # Seed 002, Ignus "Alta | 1 hora": opened Friday 18:30, due Monday 08:30 (14:30Z); judged
    # Monday 15:00Z the response is breached.
    import pandas as pd

    frame = due_frame(now=pd.Timestamp("2026-11-23T15:00Z"))
    assert frame["error"].isna().all()
    assert datetime.fromisoformat(frame["response_due"][0]) == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    assert frame["response_status"][0] == "breached"
