"""The fiscal domain: OFD receipt URLs and receipt arithmetic, from the core."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pytest

import uzpay
from conftest import RECEIPT_URL


def test_parse_a_receipt_url() -> None:
    url = uzpay.OfdReceiptUrl.parse(RECEIPT_URL)
    assert (url.kind, url.terminal_id, url.receipt_number, url.date_time, url.fiscal_sign) == (
        "check",
        "UZ170703100597",
        2421,
        "20230104121801",
        "514343190161",
    )
    assert url.datetime == datetime.datetime(2023, 1, 4, 12, 18, 1)
    assert str(url) == url.url == RECEIPT_URL
    assert repr(url) == f"OfdReceiptUrl.parse({RECEIPT_URL!r})"
    assert url.to_dict() == {
        "kind": "check",
        "terminal_id": "UZ170703100597",
        "receipt_number": 2421,
        "date_time": "20230104121801",
        "fiscal_sign": "514343190161",
        "url": RECEIPT_URL,
    }


def test_parse_is_canonical_and_comparable() -> None:
    shuffled = "HTTP://OFD.SOLIQ.UZ/check?s=514343190161&c=20230104121801&r=02421&t=UZ170703100597"
    url = uzpay.OfdReceiptUrl.parse(shuffled)
    assert str(url) == RECEIPT_URL
    assert url == uzpay.OfdReceiptUrl.parse(RECEIPT_URL)
    assert len({url, uzpay.OfdReceiptUrl.parse(RECEIPT_URL)}) == 1
    assert pickle.loads(pickle.dumps(url)) == url
    with pytest.raises(AttributeError):
        url.terminal_id = "x"  # type: ignore[misc]


def test_build_from_parts() -> None:
    parts: dict[str, Any] = {
        "terminal_id": "EP000000000001",
        "receipt_number": 7,
        "fiscal_sign": "000000000001",
    }
    epi = uzpay.OfdReceiptUrl(kind="epi", date_time="20251231235959", **parts)
    assert str(epi) == "https://ofd.soliq.uz/epi?t=EP000000000001&r=7&c=20251231235959&s=000000000001"
    from_datetime = uzpay.OfdReceiptUrl(kind="epi", date_time=datetime.datetime(2025, 12, 31, 23, 59, 59), **parts)
    assert from_datetime == epi
    assert uzpay.OfdReceiptUrl(date_time="20251231235959", **parts).kind == "check"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("not a url", "url"),
        (RECEIPT_URL.replace("20230104", "20230230"), "url.c"),
        (RECEIPT_URL.replace("t=UZ170703100597", "t="), "url.t"),
        (RECEIPT_URL.replace("r=2421", "r=99999999999999999999"), "url.r"),
        (RECEIPT_URL + "&x=1", "url"),
    ],
)
def test_parse_names_the_bad_part(url: str, field: str) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.OfdReceiptUrl.parse(url)
    assert e.value.field == field


def test_build_names_the_bad_part() -> None:
    good: dict[str, Any] = dict(terminal_id="UZ1", receipt_number=1, date_time="20230104121801", fiscal_sign="1")
    for change, field in [
        ({"terminal_id": "UZ 1"}, "terminal_id"),
        ({"date_time": "20230632000000"}, "date_time"),
        ({"kind": "cash"}, "kind"),
        ({"receipt_number": -1}, "receipt_number"),
        ({"fiscal_sign": "abc"}, "fiscal_sign"),
    ]:
        with pytest.raises(uzpay.InvalidInput) as e:
            uzpay.OfdReceiptUrl(**{**good, **change})
        assert e.value.field == field, change
    with pytest.raises(uzpay.InputTypeError):
        uzpay.OfdReceiptUrl(**{**good, "receipt_number": 1.0})
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.OfdReceiptUrl.parse(2421)  # type: ignore[arg-type]
    assert e.value.field == "url"


def test_receipt_totals(item: dict[str, Any]) -> None:
    totals = uzpay.receipt_totals(
        [uzpay.Item(**dict(item, price=10_000, count=3, discount=2_000)), dict(item, price=100_000)]
    )
    assert totals == uzpay.ReceiptTotals(
        lines=(uzpay.LineAmounts(total=28_000, vat=3_000), uzpay.LineAmounts(total=100_000, vat=10_714)),
        total=128_000,
        vat=13_714,
    )
    first, _ = totals.lines
    assert (first.total, first.vat) == (28_000, 3_000)
    assert totals.to_dict() == {
        "lines": [{"total": 28_000, "vat": 3_000}, {"total": 100_000, "vat": 10_714}],
        "total": 128_000,
        "vat": 13_714,
    }


def test_receipt_totals_refuse_like_the_core(item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.receipt_totals([item, dict(item, tin="31010000X")])
    assert e.value.field == "items[1].tin"
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.receipt_totals([dict(item, price=2**64 - 1, count=2)])
    assert e.value.field == "items[0].count"
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.receipt_totals([])
    assert e.value.field == "items"
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.receipt_totals([dict(item, price=11200.0)])
    assert e.value.field == "items[0].price"
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.receipt_totals(item)  # type: ignore[arg-type]
    assert e.value.field == "items"


def test_vat_included() -> None:
    assert uzpay.vat_included(112_000, 12) == 12_000
    assert uzpay.vat_included(100_000, 12) == 10_714
    assert uzpay.vat_included(14, 12) == 2  # half up
    assert uzpay.vat_included(2**64 - 1, 100) == 2**63
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.vat_included(-1, 12)
    assert e.value.field == "gross"
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.vat_included(100, 2**32)
    assert e.value.field == "rate_percent"
