"""measures.formatting, function by function, against figures worked out by hand: half-up
rounding, an ASCII minus and never "-0", changes from the figures as shown, 'fewer than k' and
'no data'."""

from datetime import date
from decimal import Decimal

import pytest

from measures import formatting as f
from measures.suppression import SUPPRESSED

NAN = float("nan")


def test_missing_is_none_or_nan_and_says_no_data():
    assert f.missing(None) and f.missing(NAN) and not f.missing(0) and not f.missing(SUPPRESSED)
    assert f.NO_DATA == "no data" and f.NO_CHANGE == "no change"
    for write in (f.count, f.share, f.mean, f.signed, f.money, f.hours, f.days):
        assert write(None) == "no data" and write(NAN) == "no data"


def test_hidden_says_fewer_than_k():
    assert f.hidden(5) == "fewer than 5"


def test_count_has_thousands_separators_and_rounds_half_up():
    assert f.count(0) == "0"
    assert f.count(1234) == "1,234"
    assert f.count(1_234_567) == "1,234,567"
    assert f.count(2.5) == "3"            # half up, not to even (round(2.5) is 2)
    assert f.count(-0.4) == "0"           # never "-0"
    assert f.count(-1234) == "-1,234"


def test_share_is_a_percentage_rounded_half_up():
    assert f.share(0.285) == "29%"         # 28.5%: in floats 0.285 * 100 is 28.4999...
    assert f.share(0.125) == "13%"
    assert f.share(5 / 6) == "83%"         # 83.33...
    assert f.share(1) == "100%" and f.share(0) == "0%"
    assert f.share(0.2851, places=1) == "28.5%"
    assert f.share(-0.001) == "0%"         # never "-0%"


def test_mean_has_one_decimal_rounded_half_up():
    assert f.mean(2.25) == "2.3"           # in floats, round(2.25, 1) is 2.2
    assert f.mean(2.35) == "2.4"
    assert f.mean(3) == "3.0"
    assert f.mean(-0.04) == "0.0"          # never "-0.0"
    assert f.mean(-1.25) == "-1.3"         # half away from zero, ASCII minus
    assert f.mean(1234.56) == "1,234.6"
    assert f.mean(2.345, places=2) == "2.35"


def test_signed_gives_plus_or_an_ascii_minus_and_never_minus_zero():
    assert f.signed(0.5) == "+0.5"
    assert f.signed(1) == "+1.0"
    assert f.signed(-0.36) == "-0.4"       # U+2212 nowhere
    assert f.signed(-0.04) == "0.0"        # rounds to nothing: no sign, not "-0.0"
    assert f.signed(0.04) == "0.0"
    assert f.signed(0.25) == "+0.3"
    assert f.signed(-0.125, places=2) == "-0.13"


def test_money_is_whole_pounds():
    assert f.money(1234.5) == "£1,235"
    assert f.money(90) == "£90"
    assert f.money(-30.2) == "-£30"        # the minus before the pound sign
    assert f.money(-0.4) == "£0"


def test_hours_and_days_are_whole():
    assert f.hours(12.4) == "12" and f.hours(1234.5) == "1,235"
    assert f.days(29) == "29 days"
    assert f.days(1) == "1 day"
    assert f.days(0.6) == "1 day"          # rounded first, then the word agrees with the number
    assert f.days(0) == "0 days"


def test_figure_writes_each_kind_or_fewer_than_k_or_no_data():
    assert f.figure(0.285, "share", 5) == "29%"
    assert f.figure(2.25, "mean", 5) == "2.3"
    assert f.figure(1.0, "gain", 5) == "+1.0"
    assert f.figure(-0.25, "change", 5) == "-0.3"
    assert f.figure(1234.5, "money", 5) == "£1,235"
    assert f.figure(1234, "hours", 5) == "1,234"
    assert f.figure(74.5, "score", 5) == "75"
    assert f.figure(29, "days", 5) == "29 days"
    assert f.figure(1234, "count", 5) == "1,234"
    assert f.figure(SUPPRESSED, "share", 5) == "fewer than 5"
    assert f.figure(SUPPRESSED, "mean", 10) == "fewer than 10"
    assert f.figure(None, "share", 5) == "no data"
    assert f.figure(NAN, "mean", 5) == "no data"


def test_rounded_is_the_figure_as_shown_as_an_exact_decimal():
    assert f.rounded(0.285, "share") == Decimal("29")
    assert f.rounded(2.25, "mean") == Decimal("2.3")
    assert f.rounded(1234.5, "money") == Decimal("1235")
    assert str(f.rounded(-0.04, "mean")) == "0.0"     # no "-0.0"
    assert f.rounded(None, "share") is None and f.rounded(NAN, "mean") is None
    assert f.rounded(SUPPRESSED, "count") is None


def test_difference_is_of_the_figures_as_shown():
    # 0.834 and 0.896 are shown as 83% and 90%: the difference is 7 points, not 6.2.
    assert f.difference(0.896, 0.834, "share") == Decimal("7")
    assert f.difference(3.25, 3.0, "mean") == Decimal("0.3")
    assert f.difference(SUPPRESSED, 0.5, "share") is None
    assert f.difference(0.5, None, "share") is None


def test_change_text_says_points_pounds_and_no_change():
    assert f.change_text(Decimal(7), "share") == "+7 points"
    assert f.change_text(Decimal(1), "share") == "+1 point"
    assert f.change_text(Decimal(-1), "share") == "-1 point"
    assert f.change_text(Decimal(-6), "share") == "-6 points"
    assert f.change_text(Decimal(30), "money") == "+£30"
    assert f.change_text(Decimal(-1200), "money") == "-£1,200"
    assert f.change_text(Decimal("-0.5"), "mean") == "-0.5"
    assert f.change_text(Decimal(1200), "count") == "+1,200"
    assert f.change_text(Decimal(0), "share") == "no change"


def test_signed_number_writes_an_already_rounded_number():
    assert f.signed_number(Decimal(1200)) == "+1,200"
    assert f.signed_number(Decimal("-0.5")) == "-0.5"
    assert f.signed_number(Decimal("0.0")) == "0.0"


def test_change_is_worked_out_from_the_figures_as_shown():
    assert f.change(0.90, 0.83, "share") == "+7 points"          # from 83% to 90%
    assert f.change(0.896, 0.834, "share") == "+7 points"        # shown as 90% and 83% too
    assert f.change(0.66, 0.65, "share") == "+1 point"
    assert f.change(0.70, 0.755, "share") == "-6 points"         # 70% against 76% (75.5 rounds up)
    assert f.change(0.801, 0.803, "share") == "no change"        # both 80%: never a red "-0 points"
    assert f.change(3.0, 3.5, "mean") == "-0.5"
    assert f.change(3.02, 3.04, "mean") == "no change"
    assert f.change(120, 90, "money") == "+£30"
    assert f.change(12_345, 10_000, "count") == "+2,345"
    assert f.change(SUPPRESSED, 0.5, "share") is None
    assert f.change(0.5, None, "share") is None


@pytest.mark.parametrize(("n", "text"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions"),
                                         (1234, "1,234 sessions")])
def test_plural_agrees_with_the_number(n, text):
    assert f.plural(n, "session") == text


def test_plural_and_noun_take_an_irregular_plural():
    assert f.plural(1, "young person", "young people") == "1 young person"
    assert f.plural(2, "young person", "young people") == "2 young people"
    assert f.noun(1, "session") == "session" and f.noun(2, "session") == "sessions"
    assert f.noun(3, "young person", "young people") == "young people"


def test_day_and_date_range_long_and_short():
    start, end = date(2025, 9, 1), date(2026, 8, 31)
    assert f.day(start) == "1 September 2025"            # no leading zero
    assert f.day(start, short=True) == "1 Sep 2025"
    assert f.date_range(start, end) == "1 September 2025 to 31 August 2026"
    assert f.date_range(start, end, short=True) == "1 Sep 2025 to 31 Aug 2026"


def test_megabytes_has_one_decimal():
    assert f.megabytes(21 * 1024 * 1024) == "21.0 MB"
    assert f.megabytes(1024 * 1024 * 5 / 4) == "1.3 MB"    # 1.25 rounds up
    assert f.megabytes(0) == "0.0 MB"
