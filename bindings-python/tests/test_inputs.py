"""How Python inputs cross into the core: dicts and keyword arguments, `Item`s, and
the types uzpay refuses (floats, Decimals and bools for numbers, ints beyond 64
bits) with the path of the offending value."""

from __future__ import annotations

import collections
import fractions
import types
from decimal import Decimal
from typing import Any

import pytest

import uzpay
from conftest import RECEIPT_URL


def register(config: uzpay.PaylovConfig, item: dict[str, Any], **changes: Any) -> uzpay.HttpRequest:
    return uzpay.build_register_receipt(config, transaction_id="t-1", items=[item, dict(item, **changes)])


def test_a_dict_keyword_arguments_and_both_build_the_same(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    fields = {"payment_id": "4710103925", "qr_code": RECEIPT_URL}
    from_dict = uzpay.build_click_confirm(fiscalbox, fields)
    from_kwargs = uzpay.build_click_confirm(fiscalbox, **fields)
    mixed = uzpay.build_click_confirm(fiscalbox, {"payment_id": "4710103925"}, qr_code=RECEIPT_URL)
    assert from_dict == from_kwargs == mixed


def test_a_field_given_twice_is_a_type_error(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(TypeError, match="payment_id is given twice"):
        uzpay.build_click_confirm(fiscalbox, {"payment_id": "1", "qr_code": RECEIPT_URL}, payment_id="2")


def test_the_input_must_be_a_dict(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(TypeError, match="input must be a dict"):
        uzpay.build_click_confirm(fiscalbox, ["4710103925"])  # type: ignore[arg-type]


def test_any_mapping_and_tuple_work(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    frozen = types.MappingProxyType(item)
    ordered = collections.OrderedDict(item)
    request = uzpay.build_register_receipt(paylov, {"transaction_id": "t-1", "items": (frozen, ordered)})
    assert len(request.json()["items"]) == 2


def test_items_may_be_item_objects(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    as_item = uzpay.Item(**item)
    assert as_item.to_dict() == dict(item, discount=0)
    assert "pinfl" not in as_item.to_dict()
    with_item = uzpay.build_register_receipt(paylov, transaction_id="t-1", items=[as_item])
    with_dict = uzpay.build_register_receipt(paylov, transaction_id="t-1", items=[item])
    assert with_item == with_dict


def test_item_arguments_are_keyword_only(item: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        uzpay.Item("Tea", 100, 1, "01902001001000000", 12, "1437667")  # type: ignore[misc]


def test_the_core_names_the_field_it_refuses(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        register(paylov, item, discount=2_000_000)
    assert e.value.field == "items[1].discount"
    assert (
        str(e.value) == "invalid input: items[1].discount: must not exceed the price (1120000 tiyin), got 2000000 tiyin"
    )
    assert e.value.message == "must not exceed the price (1120000 tiyin), got 2000000 tiyin"
    assert not isinstance(e.value, TypeError)


@pytest.mark.parametrize(
    ("value", "kind"),
    [(1_120_000.0, "float"), (Decimal("11200.00"), "Decimal"), (fractions.Fraction(1, 3), "Fraction")],
)
def test_money_is_never_a_fraction(paylov: uzpay.PaylovConfig, item: dict[str, Any], value: Any, kind: str) -> None:
    with pytest.raises(TypeError) as e:
        register(paylov, item, price=value)
    error = e.value
    assert isinstance(error, uzpay.InputTypeError) and isinstance(error, uzpay.InvalidInput)
    assert error.field == "items[1].price"
    assert error.kind == "invalid_input" and error.retryable is False
    assert f"not a {kind}" in str(error) and "money is integer tiyin" in str(error)
    assert str(error).startswith("invalid input: items[1].price: ")


def test_a_float_is_refused_anywhere(paymentsgate: uzpay.PaymentsGateConfig, via: uzpay.ViaConfig) -> None:
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.build_create_payin(paymentsgate, amount=516.5, invoice_id="inv-1")
    assert e.value.field == "amount"
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.vat_included(100.0, 12)
    assert e.value.field == "gross"


def test_a_bool_is_not_a_number(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InputTypeError) as e:
        register(paylov, item, price=True)
    assert e.value.field == "items[1].price"
    assert "not a boolean" in str(e.value)
    with pytest.raises(uzpay.InputTypeError) as e:
        register(paylov, item, count=False)
    assert e.value.field == "items[1].count"
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.vat_included(True, 12)
    assert e.value.field == "gross"


def test_a_bool_where_a_bool_belongs_is_fine(item: dict[str, Any]) -> None:
    config = uzpay.PaylovConfig.from_dict({"api_key": "k", "use_deprecated_register_path": True})
    assert config.use_deprecated_register_path is True


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, 10**30])
def test_ints_beyond_64_bits_are_refused(paylov: uzpay.PaylovConfig, item: dict[str, Any], value: int) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        register(paylov, item, price=value)
    assert e.value.field == "items[1].price"
    assert "64 bits" in str(e.value)


def test_the_largest_u64_reaches_the_core(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        register(paylov, item, price=2**64 - 1, count=2)
    assert e.value.field == "items[1].count"  # the core's overflow check, not the binding's


def test_a_negative_amount_gets_the_core_words(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        register(paylov, item, price=-1)
    assert (e.value.field, e.value.message) == ("items[1].price", "must not be negative")


def test_other_python_types_are_type_errors(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InputTypeError, match="not bytes") as e:
        register(paylov, item, title=b"Tea")
    assert e.value.field == "items[1].title"
    with pytest.raises(uzpay.InputTypeError, match="key that is not a str"):
        uzpay.build_register_receipt(paylov, {"transaction_id": "t", "items": [{1: "x"}]})
    with pytest.raises(uzpay.InputTypeError):
        uzpay.build_register_receipt(paylov, transaction_id="t", items={"a", "b"})


def test_a_string_where_a_number_belongs_gets_the_core_words(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        register(paylov, item, price="100")
    assert e.value.field == "items[1].price"
    assert e.value.message == "must be a whole number, zero or more, not a string"


def test_unknown_and_missing_fields(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_click_confirm(fiscalbox, paymnet_id="1", qr_code=RECEIPT_URL)
    assert e.value.field == "paymnet_id" and "check its spelling" in str(e.value)
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_click_confirm(fiscalbox, qr_code=RECEIPT_URL)
    assert (e.value.field, e.value.message) == ("payment_id", "is required")


def test_none_means_absent(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    request = uzpay.build_register_receipt(
        paylov, transaction_id="t-1", external_id=None, phone_number=None, items=[item]
    )
    assert "externalId" not in request.json()


def test_a_self_containing_input_is_refused_not_a_crash(paylov: uzpay.PaylovConfig) -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(uzpay.InvalidInput, match="nested too deeply"):
        uzpay.build_register_receipt(paylov, transaction_id="t", items=loop)


def test_a_config_of_another_provider_is_a_type_error(fiscalbox: uzpay.FiscalBoxConfig) -> None:
    with pytest.raises(TypeError, match="config must be a PaylovConfig, not FiscalBoxConfig"):
        uzpay.build_receipt_status(fiscalbox, transaction_id="t")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="config must be a PaylovConfig, not dict"):
        uzpay.build_receipt_status({"api_key": "k"}, transaction_id="t")  # type: ignore[arg-type]


def test_configs_mirror_the_core() -> None:
    assert uzpay.FiscalBoxConfig().base_url == uzpay.FiscalBoxConfig.DEFAULT_BASE_URL == "https://api.fiscalbox.uz"
    assert uzpay.PaylovConfig("k").base_url == uzpay.PaylovConfig.PRODUCTION_BASE_URL == "https://gw.paylov.uz"
    assert uzpay.PaylovConfig.sandbox("k").base_url == uzpay.PaylovConfig.SANDBOX_BASE_URL == "https://dev.gw.paylov.uz"
    assert uzpay.PaylovConfig("k").use_deprecated_register_path is False
    assert uzpay.ViaConfig.SANDBOX_BASE_URL == "https://api.viasandbox.uz"
    assert uzpay.ViaConfig("https://v", "id", "s").client_id == "id"
    assert uzpay.PaylovConfig("k") == uzpay.PaylovConfig.from_dict({"api_key": "k"})
    assert uzpay.PaylovConfig("k") != uzpay.PaylovConfig("other")


def test_configs_are_checked_by_the_core_when_made() -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.PaylovConfig.from_dict({"base_url": "https://gw.paylov.uz"})
    assert (e.value.field, e.value.message) == ("api_key", "is required")
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.ViaConfig.from_dict({"base_url": "https://v", "client_id": 7, "client_secret": "s"})
    assert (e.value.field, e.value.message) == ("client_id", "must be a string, not an integer")
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.PaylovConfig("k", use_deprecated_register_path=1.0)  # type: ignore[arg-type]
    assert e.value.field == "use_deprecated_register_path"
    with pytest.raises(TypeError):
        uzpay.PaylovConfig.from_dict(["k"])  # type: ignore[arg-type]


def test_an_empty_credential_is_refused_when_building(item: dict[str, Any]) -> None:
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_register_receipt(uzpay.PaylovConfig(""), transaction_id="t", items=[item])
    assert e.value.field == "api_key"


def test_records_go_as_objects_the_json_way_too(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    # A record is a tuple; where an input goes as JSON text it must still be an object.
    totals = uzpay.receipt_totals([uzpay.Item(**item), item])
    assert totals.lines[0] == totals.lines[1]
    with pytest.raises(uzpay.InputTypeError) as e:
        uzpay.build_register_receipt(paylov, transaction_id="t", items=[uzpay.Item(**dict(item, price=1.5))])
    assert e.value.field == "items[0].price"
