"""Days and web addresses as people type them."""

from datetime import date

import pytest

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.validation import parse_day, supplier_errors, web_address
from tests.factories import TODAY, make_supplier


@pytest.mark.parametrize("typed", ["2027-06-30", "30/06/2027", "30.06.2027", "06/30/2027",
                                   " 30-6-2027 "])
def test_a_day_with_one_reading_is_understood(typed):
    assert parse_day(typed) == date(2027, 6, 30)


def test_an_empty_day_is_none_and_an_ambiguous_one_is_refused():
    assert parse_day("  ") is None
    for typed in ("05/06/2027", "June 2027", "ASAP", "31/31/2027"):
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            parse_day(typed)
    assert parse_day("07/07/2027") == date(2027, 7, 7)  # both readings are the same day


def test_a_store_address_without_its_scheme_is_a_web_address():
    assert web_address(" hq.en.alibaba.com ") == "https://hq.en.alibaba.com"
    assert web_address("http://hq.cn") == "http://hq.cn"
    assert web_address("") == ""
    assert "store_url" not in supplier_errors(make_supplier(store_url="hq.en.alibaba.com"),
                                              TODAY)
    assert "store_url" in supplier_errors(make_supplier(store_url="hq alibaba"), TODAY)
