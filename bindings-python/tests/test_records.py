"""The frozen output classes: attribute access, equality, hashing, repr, pickling and
the canonical dict."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

import uzpay

TX = json.dumps(
    {"transactionId": "trx_1", "merchantId": "m", "amount": 100, "status": "SUCCESS", "epos": {"terminalId": "2"}}
)


def transaction() -> uzpay.ViaTransaction:
    return uzpay.parse_confirm_pay_verify(200, {}, TX)


def test_attributes_and_canonical_dict() -> None:
    tx = transaction()
    assert tx.status == "SUCCESS" and tx.amount == 100 and tx.payed_at is None
    assert tx.epos is not None and tx.epos.terminal_id == "2"
    assert tx.to_dict()["epos"] == {"merchant_id": None, "terminal_id": "2"}
    assert list(tx.to_dict()) == list(uzpay.ViaTransaction._fields)


def test_equality_hash_and_round_trips() -> None:
    tx = transaction()
    assert tx == transaction() and hash(tx) == hash(transaction())
    assert tx != uzpay.ViaTransaction.from_dict({**tx.to_dict(), "status": "REJECT"})
    assert tx != tx.to_dict()
    assert uzpay.ViaTransaction.from_dict(tx.to_dict()) == tx
    assert pickle.loads(pickle.dumps(tx)) == tx
    assert copy.deepcopy(tx) == tx and copy.copy(tx) == tx


def test_frozen() -> None:
    tx = transaction()
    with pytest.raises(AttributeError, match="frozen"):
        tx.status = "REJECT"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del tx.status  # type: ignore[misc]
    with pytest.raises(AttributeError):
        tx.extra = 1  # type: ignore[attr-defined]


def test_repr() -> None:
    out = uzpay.RefundReceiptOutput(success=True)
    assert repr(out) == "RefundReceiptOutput(success=True)"
    assert repr(uzpay.LineAmounts(total=10, vat=1)) == "LineAmounts(total=10, vat=1)"


def test_from_dict_is_strict() -> None:
    with pytest.raises(TypeError, match="has no field"):
        uzpay.RefundReceiptOutput.from_dict({"success": True, "extra": 1})
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'success'"):
        uzpay.RefundReceiptOutput.from_dict({})


def test_constructor_errors() -> None:
    # Keyword-only: two amounts must never trade places.
    with pytest.raises(TypeError, match="positional"):
        uzpay.LineAmounts(1, 2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected keyword"):
        uzpay.LineAmounts(total=1, vat=2, tax=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing"):
        uzpay.LineAmounts(total=1)  # type: ignore[call-arg]
