"""Contracts: customers, yearly quotas, exclusions, authorised contacts and service credits, with
values computed by hand.

Athento (seed 003): Company "Hasta 125 tickets incluidos al año", "Hasta 7 contactos
autorizados", Company Critica response "8 horas", resolution "2 días" on "Atención 9-18 LV";
"Los tickets generados durante los dos primeros meses tras la puesta en producción de un
proyecto, no se descuentan"; "Este tiempo sólo aplicará en el caso de que la solución dependa al
100% de Athento y el ticket se haya reportado originalmente de manera correcta."
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from cli_helpers import run

from slactl.contracts.model import Credits, Customer, Tier
from slactl.policy import load as loader
from slactl.sla.credits import _month
from slactl.sla.quota import in_go_live_grace, quota_year

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = str(ROOT / "examples" / "customers.yaml")
POLICIES = loader.load(loader.bundled_paths())

TICKETS = """id,customer,severity,opened,responded,resolved,reporter,third_party
A-1,acme,critical,2026-11-02T10:00,2026-11-02T12:00,2026-11-03T10:00,ana@acme.example,
A-2,acme,critical,2026-11-09T10:00,2026-11-09T16:00,2026-11-16T10:00,mallory@evil.example,false
A-3,acme,major,2026-11-16T10:00,2026-11-16T11:00,2026-12-10T10:00,luis@acme.example,true
A-4,acme,major,2026-02-15T10:00,2026-02-15T11:00,2026-02-16T10:00,ana@acme.example,
T-1,taqueria,alta,2026-11-23T10:00,2026-11-23T10:40,2026-11-24T10:00,,
"""


@pytest.fixture
def tickets(tmp_path) -> str:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return str(path)


# -- the go-live's two months and the quota year ------------------------------------------------

CUSTOMER = Customer("c", "C", "athento", "company")


@pytest.mark.parametrize("go_live, day, grace", [
    (date(2026, 1, 1), date(2026, 1, 1), True),    # the go-live day itself
    (date(2026, 1, 1), date(2026, 2, 28), True),
    (date(2026, 1, 1), date(2026, 3, 1), False),   # two months later: counted again
    (date(2026, 1, 31), date(2026, 3, 30), True),  # the last day of a month: until 31 March
    (date(2026, 1, 31), date(2026, 3, 31), False),
    (date(2025, 12, 31), date(2026, 2, 27), True),  # 31 December + 2 months is 28 February (2026 is no leap year)
    (date(2025, 12, 31), date(2026, 2, 28), False),
    (date(2026, 1, 1), date(2025, 12, 31), False),  # before the go-live: counted
], ids=lambda value: str(value))
def test_the_two_months_after_go_live(go_live, day, grace):
    customer = Customer("c", "C", "athento", "company", go_live=go_live)
    assert in_go_live_grace(customer, day) is grace


@pytest.mark.parametrize("contract_start, day, year", [
    (None, date(2026, 11, 2), (date(2026, 1, 1), date(2027, 1, 1))),
    (date(2025, 7, 1), date(2026, 6, 30), (date(2025, 7, 1), date(2026, 7, 1))),  # across a calendar year
    (date(2025, 7, 1), date(2026, 7, 1), (date(2026, 7, 1), date(2027, 7, 1))),
    (date(2025, 7, 1), date(2025, 12, 31), (date(2025, 7, 1), date(2026, 7, 1))),
    (date(2024, 2, 29), date(2025, 2, 27), (date(2024, 2, 29), date(2025, 2, 28))),  # a leap-day start: anniversaries clamp
    (date(2024, 2, 29), date(2025, 2, 28), (date(2025, 2, 28), date(2026, 2, 28))),
], ids=lambda value: str(value))
def test_the_quota_year_of_a_day(contract_start, day, year):
    customer = Customer("c", "C", "athento", "company", contract_start=contract_start)
    assert quota_year(customer, day) == year


def test_quota_counts_each_contract_year_and_leaves_the_go_live_months_out(capsys, tickets):
    # acme: Company (125 a year), contract years from 2025-07-01, go-live 2026-01-31 (grace until
    # 2026-03-31). A-4 (2026-02-15) is in the grace; A-1..A-3 (November 2026) count in 2026-07-01/2027-06-30.
    code, out, _ = run(capsys, "--customers", CUSTOMERS, "quota", tickets, "--json")
    years = {(item["customer"], item["year"]): item for item in json.loads(out)["customers"]}
    assert code == 0
    assert years["acme", "2026-07-01/2027-06-30"] | {} == {
        "customer": "acme", "name": "ACME Gestión Documental S.L.", "provider": "athento",
        "year": "2026-07-01/2027-06-30", "start": "2026-07-01", "end": "2027-07-01", "included": 125, "counted": 3,
        "not_counted_go_live": 0, "remaining": 122, "over": 0}
    assert (years["acme", "2025-07-01/2026-06-30"]["counted"], years["acme", "2025-07-01/2026-06-30"]["not_counted_go_live"]) == (0, 1)
    assert years["taqueria", "2026"]["included"] is None and years["taqueria", "2026"]["remaining"] is None


def test_quota_check_fails_when_a_customer_is_over_and_says_what_athento_offers(capsys, tmp_path):
    customers = tmp_path / "customers.yaml"
    customers.write_text("slactl: 1\ncustomers:\n  - {id: small, name: Small, provider: athento, plan: standard}\n")
    rows = "".join(f"S-{i},small,trivial,2026-03-{1 + i % 28:02d}T10:00\n" for i in range(51))  # Standard: 50 a year
    path = tmp_path / "t.csv"
    path.write_text("id,customer,severity,opened\n" + rows)
    code, out, _ = run(capsys, "--customers", str(customers), "quota", str(path), "--check")
    assert code == 1
    assert "| small    | athento  | 2026 | 50       | 51      | 0" in out
    assert "Over the quota (athento): Move up to a higher support plan, or buy ticket packs (bolsas de tickets)." in out


def test_a_customer_who_moves_up_a_plan_has_the_new_plans_quota(capsys, tmp_path):
    # Athento: over the quota, "tiene la posibilidad de pasarse a un plan superior". small moves
    # from Standard (50 a year) to Company (125) in June: the 2026 quota is Company's, whatever
    # order the file lists the tickets in (the last-opened ticket's plan, not the last row's).
    customers = tmp_path / "customers.yaml"
    customers.write_text("slactl: 1\ncustomers:\n  - {id: small, name: Small, provider: athento, plan: standard}\n")
    rows = "".join(f"S-{i},small,standard,trivial,2026-03-{1 + i % 28:02d}T10:00\n" for i in range(51))
    path = tmp_path / "t.csv"
    move = "S-J,small,company,trivial,2026-06-01T10:00\n"
    path.write_text("id,customer,plan,severity,opened\n" + rows[:500] + rows[500:].replace("\n", "\n" + move, 1))
    code, out, _ = run(capsys, "--customers", str(customers), "quota", str(path), "--json", "--check")
    assert code == 0
    (year,) = json.loads(out)["customers"]
    assert (year["included"], year["counted"], year["remaining"], year["over"]) == (125, 52, 73, 0)


def test_a_quota_year_without_tickets_is_bad_input(capsys, tickets):
    code, _, err = run(capsys, "--customers", CUSTOMERS, "quota", tickets, "--year", "2030")
    assert (code, err) == (2, "slactl: error: no ticket with a customer in a quota year starting in 2030\n")


# -- exclusions and contacts ----------------------------------------------------------------------


def test_exclusions_and_authorised_contacts_in_a_ticket_file(capsys, tickets):
    code, out, _ = run(capsys, "--customers", CUSTOMERS, "due", "--input", tickets, "--now", "2026-12-15", "--format", "jsonl")
    rows = {row["id"]: row for row in map(json.loads, out.splitlines())}
    # Company Critica resolution "2 días" from Mon 9 Nov 10:00 is due Wed 11 10:00; resolved Mon 16: missed.
    assert (rows["A-2"]["resolution_due"], rows["A-2"]["resolution_status"]) == ("2026-11-11T10:00:00+01:00", "missed")
    assert (rows["A-2"]["customer"], rows["A-2"]["authorised"]) == ("acme", "false")  # mallory is no contact
    assert rows["A-1"]["authorised"] == "true"
    assert rows["A-3"]["resolution_status"] == "excluded"  # third_party: true
    assert (rows["T-1"]["plan"], rows["T-1"]["authorised"]) == (None, None)  # taqueria lists no contacts


def test_a_row_whose_provider_is_not_its_customers_says_so(capsys, tmp_path):
    # acme is a customer of athento: a row naming ignus is refused with that reason, not with
    # what ignus makes of acme's plan.
    path = tmp_path / "t.csv"
    path.write_text("id,customer,provider,severity,opened\nB-2,acme,ignus,high,2026-11-23T10:00\n")
    code, _, err = run(capsys, "--customers", CUSTOMERS, "due", "--input", str(path), "--now", "2026-12-01")
    assert code == 1
    assert err.splitlines()[0] == f"{path}:2: customer 'acme' is a customer of athento, not of ignus"


def _as_json_array(text: str) -> str:
    import csv
    import io

    records = [{key: (True if value == "true" else False if value == "false" else value or None)
                for key, value in record.items()} for record in csv.DictReader(io.StringIO(text))]
    return json.dumps(records)


@pytest.mark.parametrize("form, extra", [
    ("csv", ["--na", "n/a"]),        # read through a column map (any reading option takes that path)
    ("json", []),                    # a JSON array, third_party a JSON boolean
    ("json", ["--na", "n/a"]),
], ids=["CSV through a column map", "JSON array", "JSON array through a column map"])
def test_exclusion_flags_survive_every_way_of_reading_the_file(capsys, tmp_path, form, extra):
    path = tmp_path / f"tickets.{form}"
    path.write_text(TICKETS if form == "csv" else _as_json_array(TICKETS), encoding="utf-8")
    code, out, _ = run(capsys, "--customers", CUSTOMERS, "due", "--input", str(path), "--now", "2026-12-15",
                       "--format", "jsonl", *extra)
    rows = {row["id"]: row for row in map(json.loads, out.splitlines())}
    assert rows["A-3"]["resolution_status"] == "excluded"  # third_party: true
    assert rows["A-2"]["resolution_status"] == "missed"    # third_party: false
    assert rows["A-2"]["authorised"] == "false"


def test_an_unknown_customer_is_a_bad_row(capsys, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("customer,severity,opened\nacmee,major,2026-11-02T10:00\n")
    code, _, err = run(capsys, "--customers", CUSTOMERS, "due", "--input", str(path))
    assert code == 1
    assert err.splitlines()[0] == f"{path}:2: unknown customer 'acmee'; did you mean 'acme'? (choose from: acme, taqueria, hosting-co)"


def test_conectas_resolution_is_for_shared_hosting_only(capsys):
    # Seed 000: "El tiempo máximo de resolución es de 24-48 horas laborables para servicios de hosting compartido."
    from cli_helpers import run_json

    found = {t["name"]: t for t in run_json(capsys, "due", "conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00",
                                            "--service", "vps", "--now", "2026-12-10T00:00")["targets"]}
    assert found["resolution"]["status"] == "excluded"
    assert found["resolution"]["reason"] == "applies to shared-hosting only, not vps"
    shared = {t["name"]: t for t in run_json(capsys, "due", "conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00",
                                             "--service", "shared-hosting", "--now", "2026-12-10T00:00")["targets"]}
    assert shared["resolution"]["status"] == "breached"


def test_an_excluded_target_never_fails_the_check(capsys):
    args = ("due", "athento", "-s", "major", "--plan", "company", "--opened", "2026-11-02T10:00", "--responded",
            "2026-11-02T11:00", "--now", "2026-12-01T00:00", "--check")
    assert run(capsys, *args)[0] == 1  # resolution "5 días" due Mon 9 Nov: breached
    assert run(capsys, *args, "--flag", "misreported")[0] == 0


# -- service credits --------------------------------------------------------------------------------

TERMS = Credits(tiers=(Tier(Decimal(99), Decimal(5)), Tier(Decimal(95), Decimal(10))), per_breach=Decimal(1), cap=Decimal(12))
FEE = Customer("c", "C", "athento", "company", monthly_fee=Decimal("1000.00"), currency="EUR", credits=TERMS)
MONTH = date(2026, 11, 1)


@pytest.mark.parametrize("judged, met, breaches, percent, amount", [
    (100, 100, 0, "0", "0.00"),      # 100 %: no tier
    (100, 99, 1, "1", "10.00"),      # exactly 99 %: not below 99: no tier; the one breach: 1 %
    (200, 197, 3, "8", "80.00"),     # 98.5 %: below 99 -> 5 %, 3 breaches -> 8 %
    (20, 19, 1, "6", "60.00"),       # exactly 95 %: below 99 only -> 5 % + 1 %
    (100, 94, 6, "12", "120.00"),    # 94 %: below 95 -> 10 % + 6 % = 16 %, capped at 12 %
    (0, 0, 0, "0", "0.00"),          # nothing judged: no tier, nothing owed
], ids=["all met", "at 99 exactly", "98.5 percent", "at 95 exactly", "the cap", "none judged"])
def test_the_credit_of_a_month(judged, met, breaches, percent, amount):
    result = _month(FEE, TERMS, MONTH, judged, judged, met, breaches)
    assert (result.credit_percent, result.credit_amount) == (Decimal(percent), Decimal(amount))


def test_at_exactly_99_percent_the_99_tier_does_not_apply():
    result = _month(FEE, TERMS, MONTH, 100, 100, 99, 1)
    assert result.compliance == Fraction(99) and result.tier is None  # 1 % is the one breach alone


def test_credits_of_a_month_through_the_cli(capsys, tickets):
    # acme, November 2026: A-1 met, A-2 missed (resolution), A-3 met (its resolution excluded):
    # 2 of 3 = 66.67 %: below 90 % -> 25 %, + 1 breach x 1 % = 26 % (cap 30 %); 1200.00 x 26 % = 312.00 EUR.
    code, out, _ = run(capsys, "--customers", CUSTOMERS, "credits", tickets, "--month", "2026-11", "--now", "2026-12-15",
                       "--json")
    [acme, taqueria] = json.loads(out)["customers"]
    assert code == 0
    assert (acme["compliance"], acme["breaches"], acme["credit_percent"], acme["credit_amount"], acme["currency"]) == \
        (66.67, 1, "26%", "312.00", "EUR")
    assert acme["arithmetic"][-1] == "amount: 1200.00 x 26% = 312.00 EUR"
    assert (taqueria["credit_percent"], taqueria["credit_amount"]) == ("0%", "0.00")


def test_the_bundled_policies_define_no_credits():
    assert all(policy.credits is None for policy in POLICIES)


# -- the customers file ------------------------------------------------------------------------------

BAD = [
    ("  - {id: x, name: X, provider: nobody}\n", "unknown provider 'nobody'"),
    ("  - {id: x, name: X, provider: athento, plan: gold}\n", "unknown plan 'gold' for athento"),
    ("  - {id: x, name: X, provider: athento, plan: company, go_live: 2026-02-30}\n", "go_live '2026-02-30' is not a date"),
    ("  - {id: x, name: X, provider: ignus, monthly_fee: '10.00', currency: MXN, credits: {tiers: [{below: 99%, credit: five}]}}\n",
     "'credit' has a bad value 'five' (write a percentage such as 5% or 99.5%)"),
    ("  - {id: x, name: X, provider: ignus, monthly_fee: '10.00', currency: MXN, credits: {cap: 120%}}\n",
     "percentage '120%' is above 100%"),
    ("  - {id: x, name: X, provider: ignus, credits: {cap: 10%}}\n",
     "credits are a share of the monthly fee: give monthly_fee (and currency)"),
    ("  - {id: x, name: X, provider: ignus}\n  - {id: x, name: Y, provider: ignus}\n", "duplicate customer id 'x'"),
    # Money is ASCII digits with at most two decimals, below a trillion: a fee Decimal cannot
    # round to cents (28 digits) used to pass validation and crash credits.
    ("  - {id: x, name: X, provider: ignus, monthly_fee: '999999999999999999999999999.99', currency: MXN}\n",
     "'monthly_fee' has a bad value '999999999999999999999999999.99'"),
    ("  - {id: x, name: X, provider: ignus, monthly_fee: '\u0661\u0660.00', currency: MXN}\n",
     "'monthly_fee' has a bad value"),
]


@pytest.mark.parametrize("body, message", BAD, ids=[message for _, message in BAD])
def test_a_bad_customers_file_is_one_located_line_per_problem(capsys, tmp_path, body, message):
    path = tmp_path / "customers.yaml"
    path.write_text("slactl: 1\ncustomers:\n" + body)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1 and out == ""
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:") and message in first


def test_validate_accepts_the_example_customers_file(capsys):
    assert run(capsys, "validate", CUSTOMERS) == (0, f"ok {CUSTOMERS}\n", "")


def test_the_customers_schema_is_printed(capsys):
    code, out, _ = run(capsys, "schema", "--customers")
    assert code == 0 and json.loads(out)["title"] == "slactl customers"


def test_a_ticket_file_naming_a_customer_without_customers_file(capsys, tickets):
    code, _, err = run(capsys, "due", "--input", tickets, "--now", "2026-12-15")
    assert code == 1 and "unknown customer 'acme' (no --customers file given)" in err

