import locale

import pytest

from actionplans.storage.dates import uk_date
from actionplans.storage.rules import target_label


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2018-12-17", "17 December 2018"),
        ("2019-03", "March 2019"),
        ("ongoing", "Ongoing"),
        (None, ""),
        ("", ""),
        ("Q1 2019/20", "Q1 2019/20"),  # not a date: kept as given
        ("2019-13", "2019-13"),
    ],
)
def test_uk_dates(iso, expected):
    assert uk_date(iso) == expected


def test_month_names_do_not_follow_the_process_locale():
    for name in ("fr_FR.UTF-8", "de_DE.UTF-8", "cy_GB.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    try:
        assert uk_date("2018-12-17") == "17 December 2018"
        assert target_label("2019-03") == "March 2019"
    finally:
        locale.setlocale(locale.LC_TIME, "C")
