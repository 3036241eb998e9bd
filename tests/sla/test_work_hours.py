"""Hours as the on-call engineer types them (``slactl.hours``).

Named test_work_hours.py: tests/calendar/test_hours.py already owns the basename, and the test
directories have no __init__.py, so a second test_hours.py would break collection.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from slactl.sla.work_hours import clock_text, hours_text, parse_hours, parse_whole_hours

PARSED = [
    ("a whole number is hours", "5", Fraction(5)),
    ("a decimal is hours", "1.5", Fraction(3, 2)),
    ("ninety minutes are an hour and a half", "90m", Fraction(3, 2)),
    ("1h30m is an hour and a half", "1h30m", Fraction(3, 2)),
    ("hours and minutes may be spaced", "1h 30m", Fraction(3, 2)),
    ("2h is two hours", "2h", Fraction(2)),
    ("1.5h is an hour and a half", "1.5h", Fraction(3, 2)),
    ("45 min is three quarters", " 45min ", Fraction(3, 4)),
    ("twenty minutes are exactly a third, not 0.33", "20m", Fraction(1, 3)),
    ("zero is allowed", "0", Fraction(0)),
    ("upper case units are read", "1H30M", Fraction(3, 2)),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in PARSED], ids=[c[0] for c in PARSED])
def test_hours_parse(text, expected):
    assert parse_hours(text) == expected


BAD = [
    ("an empty string is refused", "", "bad hours"),
    ("a negative amount is refused", "-1", "bad hours"),
    ("NaN is refused", "nan", "bad hours"),
    ("NaN in capitals is refused", "NaN", "bad hours"),
    ("infinity is refused", "inf", "bad hours"),
    ("spelled-out infinity is refused", "Infinity", "bad hours"),
    ("words are refused", "five", "bad hours"),
    ("an exponent is refused", "1e3", "bad hours"),
    ("a decimal comma is refused with a hint", "1,5", "use a dot for decimals"),
    ("a unit without a number is refused", "h", "bad hours"),
    ("minutes before hours are refused", "30m1h", "bad hours"),
    ("days are not hours", "1d", "bad hours"),
    ("more than 100000 hours is refused", "100001", "more than 100000 hours"),
]


@pytest.mark.parametrize("text, phrase", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_hours(text, phrase):
    with pytest.raises(ValueError, match=phrase):
        parse_hours(text)


@pytest.mark.parametrize("text, expected", [("2", 2), ("8", 8), ("2h", 2), (" 1 ", 1), ("0", 0)],
                         ids=["2 is two hours", "8 is eight", "2h is two", "spaces are ignored",
                              "0 parses (the range is the policy's rule)"])
def test_whole_hours(text, expected):
    assert parse_whole_hours(text) == expected


@pytest.mark.parametrize("text", ["1.5", "90m", "-1", "two", "", "nan", "inf", "2.0"],
                         ids=["a fraction", "minutes", "a negative", "a word", "nothing", "nan", "inf", "a decimal"])
def test_whole_hours_refuses_anything_else(text):
    with pytest.raises(ValueError, match="whole number of hours"):
        parse_whole_hours(text)


TEXTS = [
    ("two hours print as 2", Fraction(2), "2", "2h"),
    ("an hour and a half prints as 1.5", Fraction(3, 2), "1.5", "1h30m"),
    ("a quarter prints as 0.25", Fraction(1, 4), "0.25", "15m"),
    ("a third prints to four decimals", Fraction(1, 3), "0.3333", "20m"),
    ("two thirds round half-up", Fraction(2, 3), "0.6667", "40m"),
    ("45 seconds keep their seconds", Fraction(1, 80), "0.0125", "45s"),
    ("zero prints as 0", Fraction(0), "0", "0m"),
]


@pytest.mark.parametrize("hours, decimal, clock", [c[1:] for c in TEXTS], ids=[c[0] for c in TEXTS])
def test_hours_text(hours, decimal, clock):
    assert (hours_text(hours), clock_text(hours)) == (decimal, clock)
