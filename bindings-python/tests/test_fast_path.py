"""The binding's two ways from Python to the core agree.

A build first decodes its input straight into the core's typed input (the fast path,
`src/de.rs`); whatever that path does not take, and whatever the core refuses, goes
the JSON path (`src/convert.rs`), which has the last word. A `MappingProxyType` is
never on the fast path, so it shows what the JSON path answers to the same data: the
two must give equal requests, or the same error. Outputs are filled from Rust
(`src/record.rs`) as ``from_dict`` fills them from the canonical dict."""

from __future__ import annotations

import types
from typing import Any, Callable

import pytest

import uzpay
from conftest import vector_cases
from uzpay._record import Record

CONFIGS: dict[str, Any] = {
    "fiscalbox": uzpay.FiscalBoxConfig,
    "paylov": uzpay.PaylovConfig,
    "paymentsgate": uzpay.PaymentsGateConfig,
    "via": uzpay.ViaConfig,
}

INPUT_CASES = [c for c in vector_cases() if "input" in c and c["op"] in uzpay.OPERATIONS]


def outcome(build: Callable[[], uzpay.HttpRequest]) -> tuple[str, Any]:
    """A request, or the error's class, text and field."""
    try:
        request = build()
    except Exception as e:
        return type(e).__name__, (str(e), getattr(e, "field", None))
    return "request", (request.method, request.url, request.headers, request.body)


def config_of(case: dict[str, Any]) -> Any:
    try:
        return CONFIGS[case["op"].split(".")[0]].from_dict(case["config"])
    except uzpay.InvalidInput:
        pytest.skip("the config itself is refused (a config case)")


@pytest.mark.parametrize("case", INPUT_CASES, ids=[c["name"] for c in INPUT_CASES])
def test_the_fast_path_and_the_json_path_agree_on_every_vector(case: dict[str, Any]) -> None:
    build = getattr(uzpay, f"build_{case['op'].split('.')[1]}")
    config = config_of(case)
    data = case["input"]
    fast = outcome(lambda: build(config, data))
    assert fast == outcome(lambda: build(config, types.MappingProxyType(data)))
    if isinstance(data, dict):
        assert fast == outcome(lambda: build(config, **data))
    if "request" in case:
        assert fast[0] == "request"


def test_item_objects_and_dicts_agree(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    with_pinfl = {k: v for k, v in item.items() if k != "tin"} | {"pinfl": "30101990000012"}
    items = [item, with_pinfl, dict(item, discount=10)]
    as_dicts = uzpay.build_register_receipt(paylov, transaction_id="t-1", items=items)
    as_items = uzpay.build_register_receipt(paylov, transaction_id="t-1", items=[uzpay.Item(**i) for i in items])
    json_path = uzpay.build_register_receipt(
        paylov, transaction_id="t-1", items=[types.MappingProxyType(i) for i in items]
    )
    assert as_dicts == as_items == json_path


def test_a_record_with_its_own_to_dict_is_read_through_it(paylov: uzpay.PaylovConfig, item: dict[str, Any]) -> None:
    class Renamed(uzpay.Item):
        def to_dict(self) -> dict[str, Any]:
            return dict(super().to_dict(), title="From to_dict")

    request = uzpay.build_register_receipt(paylov, transaction_id="t-1", items=[Renamed(**item)])
    assert request.json()["items"][0]["title"] == "From to_dict"


@pytest.mark.parametrize(
    "odd",
    [
        pytest.param(lambda item: type("L", (list,), {})([item]), id="a list subclass"),
        pytest.param(lambda item: (item,), id="a tuple"),
        pytest.param(lambda item: [type("D", (dict,), {})(item)], id="a dict subclass"),
        pytest.param(lambda item: [{type("S", (str,), {})(k): v for k, v in item.items()}], id="str subclass keys"),
        pytest.param(lambda item: [dict(item, title=type("S", (str,), {})("Tea"))], id="a str subclass value"),
    ],
)
def test_unusual_containers_give_the_json_paths_answer(
    paylov: uzpay.PaylovConfig, item: dict[str, Any], odd: Callable[[dict[str, Any]], Any]
) -> None:
    items = odd(item)
    got = outcome(lambda: uzpay.build_register_receipt(paylov, {"transaction_id": "t-1", "items": items}))
    want = outcome(
        lambda: uzpay.build_register_receipt(paylov, types.MappingProxyType({"transaction_id": "t-1", "items": items}))
    )
    assert got == want
    assert got[0] == "request"


def test_a_field_twice_and_an_unknown_field_still_get_the_json_paths_words(paylov: uzpay.PaylovConfig) -> None:
    with pytest.raises(TypeError, match="transaction_id is given twice"):
        uzpay.build_register_receipt(paylov, {"transaction_id": "a", "items": []}, transaction_id="b")
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.build_register_receipt(paylov, transaction_id="a", items=[], colour="red")
    assert e.value.field == "colour"


OUTPUT_CASES = [c for c in vector_cases() if "output" in c and "response" in c and c["op"] in uzpay.OPERATIONS]


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=[c["name"] for c in OUTPUT_CASES])
def test_outputs_are_what_from_dict_makes(case: dict[str, Any]) -> None:
    parse = getattr(uzpay, f"parse_{case['op'].split('.')[1]}")
    response = case["response"]
    output = parse(response["status"], response["headers"], response["body"].encode())
    again = type(output).from_dict(output.to_dict())
    assert output == again
    assert repr(output) == repr(again)
    assert hash(output) == hash(again)
    for key, value in case["output"].items():
        assert output.to_dict()[key] == value

    def shapes(value: Any) -> Any:
        if isinstance(value, Record):
            return (type(value), [shapes(getattr(value, k)) for k in value.__slots__])
        if isinstance(value, (tuple, list, dict)):
            return (type(value), [shapes(v) for v in value])
        return type(value)

    assert shapes(output) == shapes(again)


def test_receipt_totals_are_what_from_dict_makes(item: dict[str, Any]) -> None:
    totals = uzpay.receipt_totals([item, dict(item, count=3)])
    assert isinstance(totals.lines, tuple)
    assert totals == uzpay.ReceiptTotals.from_dict(totals.to_dict())
    assert repr(totals) == repr(uzpay.ReceiptTotals.from_dict(totals.to_dict()))
