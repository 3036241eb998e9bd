"""``quote(pricing, work)`` against the Express seed (004_a671f63a2a7c7411.txt), amounts by hand.

The pricing comes from the bundled ``policies/express.yaml``, so these tests also pin what the
policy encodes: 35.00 USD/h, 1-8 guarantee hours defaulting to 1, no on-demand rate.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slactl.policy import load as loader
from slactl.errors import InputError
from slactl.sla.quote import Effort, GuaranteeMode, LineKind, Phase, Rate, Work, cents, quote

EXPRESS = loader.load(loader.bundled_paths()).get("express").pricing
N, M = Phase.NORMALIZATION, Phase.MITIGATION
SEPARATE, CREDITED, WAIVED = GuaranteeMode.SEPARATE, GuaranteeMode.CREDITED, GuaranteeMode.WAIVED


def work(normalization=None, mitigation=None, **terms) -> Work:
    efforts = [Effort(N, Fraction(normalization))] if normalization is not None else []
    efforts += [Effort(M, Fraction(mitigation))] if mitigation is not None else []
    return Work(tuple(efforts), **terms)


def amounts(result) -> dict[str, str]:
    return {**{i.name: f"{i.total:.2f}" for i in result.invoices}, "total": f"{result.total:.2f}"}


def test_the_policy_encodes_the_seed_prices():
    # "Plan Express / Emergencias 35 $USD Por hora"; "de una (1) a ocho (8) horas ... en su
    # defecto es una hora"; the evaluation is "sin ningún costo para usted".
    assert (EXPRESS.currency, EXPRESS.express_rate, EXPRESS.on_demand_rate) == ("USD", Decimal("35.00"), None)
    assert (EXPRESS.guarantee.min, EXPRESS.guarantee.default, EXPRESS.guarantee.max) == (1, 1, 8)
    assert EXPRESS.evaluation_cost == Decimal("0.00")


CASES = [
    # The example: 2 × 35 = 70; 5 × 35 = 175; 10 × 25 = 250; 70 + 175 + 250 = 495.
    ("2 guarantee hours, 5 normalization and 10 mitigation at 25 total 495.00",
     work(5, 10, guarantee_hours=2, on_demand_rate=Decimal("25")),
     {"guarantee": "70.00", "normalization": "175.00", "mitigation": "250.00", "total": "495.00"}),
    # "en su defecto es una hora de servicio Express": 1 × 35 = 35; 2 × 35 = 70.
    ("the guarantee defaults to one Express hour: 35.00 + 70.00",
     work(2), {"guarantee": "35.00", "normalization": "70.00", "total": "105.00"}),
    # "un máximo de ocho horas": 8 × 35 = 280.
    ("eight guarantee hours, the maximum, are 280.00",
     work(guarantee_hours=8), {"guarantee": "280.00", "total": "280.00"}),
    # "como también reconocerlo en los honorarios": 175 − 70 = 105; 70 + 105 + 250 = 425.
    ("a credited guarantee is deducted from the normalization invoice",
     work(5, 10, guarantee_hours=2, guarantee_mode=CREDITED, on_demand_rate=Decimal("25")),
     {"guarantee": "70.00", "normalization": "105.00", "mitigation": "250.00", "total": "425.00"}),
    # 8 × 35 = 280 against 2 × 35 = 70: normalization 0.00, 210 carried: 10 × 25 − 210 = 40.
    ("a credit larger than normalization leaves it at zero and carries the rest to mitigation",
     work(2, 10, guarantee_hours=8, guarantee_mode=CREDITED, on_demand_rate=Decimal("25")),
     {"guarantee": "280.00", "normalization": "0.00", "mitigation": "40.00", "total": "320.00"}),
    # No normalization hours: 4 × 25 − 35 = 65.
    ("without normalization hours the credit goes straight to mitigation",
     work(mitigation=4, guarantee_mode=CREDITED, on_demand_rate=Decimal("25")),
     {"guarantee": "35.00", "mitigation": "65.00", "total": "100.00"}),
    # "este dinero no es reembolsable": 280 paid, 35 of fees, 245 never returned.
    ("a credit larger than all the fees is not refunded",
     work(1, guarantee_hours=8, guarantee_mode=CREDITED),
     {"guarantee": "280.00", "normalization": "0.00", "total": "280.00"}),
    # "inclusive su exonerarían si asi el lo decide": no guarantee invoice; 5 × 35 = 175.
    ("a waived guarantee is not billed",
     work(5, guarantee_hours=3, guarantee_mode=WAIVED), {"normalization": "175.00", "total": "175.00"}),
    # "cuando el cliente posee un servicio en plan fijo mensual este costo no es requerido":
    # 5 × 30 = 150; 10 × 20 = 200.
    ("a monthly plan asks no guarantee and bills the plan's rates",
     work(5, 10, monthly_plan=True, express_rate=Decimal("30"), on_demand_rate=Decimal("20")),
     {"normalization": "150.00", "mitigation": "200.00", "total": "350.00"}),
    # --express-rate also prices the guarantee ("horas ... de servicio Express"): 1 × 40; 2 × 40.
    ("an Express rate given on the command line prices guarantee and normalization",
     work(2, express_rate=Decimal("40")), {"guarantee": "40.00", "normalization": "80.00", "total": "120.00"}),
    ("no hours bill only the guarantee that opens the service",
     work(), {"guarantee": "35.00", "total": "35.00"}),
    ("zero normalization hours make no normalization invoice",
     work(0), {"guarantee": "35.00", "total": "35.00"}),
    ("a monthly plan with no hours bills nothing", work(monthly_plan=True), {"total": "0.00"}),
    # 20 min = 1/3 h; 35 / 3 = 11.666… → 11.67.
    ("twenty minutes at 35.00 are 11.67", work(Fraction(1, 3), guarantee_mode=WAIVED),
     {"normalization": "11.67", "total": "11.67"}),
    # 1 min at 0.30/h = 0.005 exactly: half-up gives 0.01 (half-even would give 0.00).
    ("half a cent rounds up", work(Fraction(1, 60), guarantee_mode=WAIVED, express_rate=Decimal("0.30")),
     {"normalization": "0.01", "total": "0.01"}),
    # 50 min at 0.03/h = 0.025 exactly → 0.03; a Decimal 0.8333…3 h would give 0.02.
    ("fifty minutes are exact thirds of a cent, not a rounded decimal",
     work(Fraction(5, 6), guarantee_mode=WAIVED, express_rate=Decimal("0.03")),
     {"normalization": "0.03", "total": "0.03"}),
    # 1.5 × 35 = 52.50.
    ("an hour and a half at 35.00 is 52.50", work(Fraction(3, 2), guarantee_mode=WAIVED),
     {"normalization": "52.50", "total": "52.50"}),
]


@pytest.mark.parametrize("given_work, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quote_amounts(given_work, expected):
    assert amounts(quote(EXPRESS, given_work)) == expected


def test_the_policy_on_demand_rate_applies_when_set():
    pricing = replace(EXPRESS, on_demand_rate=Decimal("25.00"))
    result = quote(pricing, work(mitigation=2, guarantee_mode=WAIVED))
    (invoice,) = result.invoices
    assert (invoice.name, invoice.rate_name, f"{invoice.total}") == ("mitigation", Rate.ON_DEMAND, "50.00")


def test_invoices_come_in_the_seed_order_with_the_policy_labels():
    result = quote(EXPRESS, work(1, 1, on_demand_rate=Decimal("1")))
    assert [i.name for i in result.invoices] == ["guarantee", "normalization", "mitigation"]
    assert result.invoices[1].label == "Factura por la restitución y normalización del servicio"


def test_a_credit_is_its_own_negative_line():
    result = quote(EXPRESS, work(5, guarantee_hours=2, guarantee_mode=CREDITED))
    normalization = result.invoices[1]
    assert [(line.kind, f"{line.amount}") for line in normalization.lines] == [
        (LineKind.WORK, "175.00"), (LineKind.CREDIT, "-70.00")]
    assert (f"{normalization.subtotal}", f"{result.guarantee.credited}", f"{result.guarantee.uncredited}") == (
        "175.00", "70.00", "0.00")


def test_an_unused_credit_is_reported():
    # 8 × 35 = 280 against 35 of fees: 35 credited, 245 left.
    result = quote(EXPRESS, work(1, guarantee_hours=8, guarantee_mode=CREDITED))
    assert (f"{result.guarantee.credited}", f"{result.guarantee.uncredited}") == ("35.00", "245.00")


def test_the_estimate_sheet():
    # "(a) cuanto tiempo su infra estructura estará en situación de emergencia, (b) Cuanto tiempo
    # para la normalización (c) Cuanto tiempo para mitigar las causas (d) Horas de garantía".
    result = quote(EXPRESS, work(5, 10, guarantee_hours=2, on_demand_rate=Decimal("25")))
    assert (result.emergency_hours, result.normalization_hours, result.mitigation_hours, result.guarantee.hours) == (
        15, 5, 10, 2)
    assert not result.tracked


def test_tracked_days_make_one_line_each_in_date_order():
    efforts = (Effort(N, Fraction(2), date(2026, 11, 21)), Effort(N, Fraction(3), date(2026, 11, 20)),
               Effort(N, Fraction(1), date(2026, 11, 21)))
    result = quote(EXPRESS, Work(efforts, guarantee_mode=WAIVED))
    (invoice,) = result.invoices
    # 20th: 3 × 35 = 105; 21st: (2 + 1) × 35 = 105.
    assert [(line.day, f"{line.amount}") for line in invoice.lines] == [
        (date(2026, 11, 20), "105.00"), (date(2026, 11, 21), "105.00")]
    assert result.tracked


ERRORS = [
    ("mitigation hours without any on-demand rate say where to set one",
     work(1, 2), "pass --on-demand-rate R or set pricing.on_demand_rate"),
    ("nine guarantee hours exceed the seed's eight", work(guarantee_hours=9), "from 1 to 8, got 9"),
    ("zero guarantee hours are below the seed's one", work(guarantee_hours=0), "from 1 to 8, got 0"),
    ("a monthly plan with guarantee hours is contradictory",
     work(monthly_plan=True, guarantee_hours=2), "a monthly plan asks no guarantee"),
    ("a monthly plan with a guarantee mode is contradictory",
     work(monthly_plan=True, guarantee_mode=WAIVED), "a monthly plan asks no guarantee"),
    ("a monthly plan needs its own normalization rate",
     work(5, monthly_plan=True), "give the plan's normalization rate with --express-rate"),
    ("a monthly plan needs its own mitigation rate",
     work(mitigation=5, monthly_plan=True), "give the plan's mitigation rate with --on-demand-rate"),
]


@pytest.mark.parametrize("given_work, phrase", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_quote_errors(given_work, phrase):
    with pytest.raises(InputError, match=phrase):
        quote(EXPRESS, given_work)


@pytest.mark.parametrize("value, expected", [(Fraction(1, 200), "0.01"), (Fraction(1, 201), "0.00"),
                                              (Fraction(0), "0.00"), (Fraction(123456789, 100), "1234567.89")],
                         ids=["half a cent rounds up", "under half a cent rounds down", "zero has two decimals",
                              "large amounts stay exact"])
def test_cents(value, expected):
    assert str(cents(value)) == expected


hours = st.fractions(min_value=0, max_value=200, max_denominator=3600)
rates = st.decimals(min_value=0, max_value=500, places=2)
days = st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 5)))
efforts = st.lists(st.builds(Effort, st.sampled_from(list(Phase)), hours, days), max_size=8)


@given(efforts, st.sampled_from([None, *GuaranteeMode]), st.integers(1, 8), rates, rates)
def test_totals_are_the_sums_of_their_lines(items, mode, guarantee, express, on_demand):
    result = quote(EXPRESS, Work(tuple(items), guarantee, mode, express_rate=express, on_demand_rate=on_demand))
    for invoice in result.invoices:
        assert invoice.total == sum(line.amount for line in invoice.lines) >= 0
    assert result.total == sum(invoice.total for invoice in result.invoices)
    fees = sum((i.subtotal for i in result.invoices if i.name != "guarantee"), Decimal(0))
    owed = {None: result.guarantee.amount + fees, SEPARATE: result.guarantee.amount + fees,
            CREDITED: max(result.guarantee.amount, fees), WAIVED: fees}[mode]
    assert result.total == owed
