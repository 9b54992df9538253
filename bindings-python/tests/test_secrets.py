"""Credentials never show in repr() or str() of configs, requests, outputs or errors."""

from __future__ import annotations

from typing import Any

import pytest

import uzpay

SENTINELS = ("paylov-sentinel-key", "pg-sentinel-token", "via-sentinel-secret", "pk-sentinel")


def shown(value: object) -> str:
    return repr(value) + str(value)


def assert_hidden(text: str) -> None:
    for secret in SENTINELS:
        assert secret not in text, text


def test_config_reprs_hide_credentials(
    paylov: uzpay.PaylovConfig, paymentsgate: uzpay.PaymentsGateConfig, via: uzpay.ViaConfig
) -> None:
    for config in (paylov, paymentsgate, via, uzpay.PaylovConfig.sandbox("paylov-sentinel-key")):
        assert_hidden(shown(config))
    assert (
        repr(paylov)
        == "PaylovConfig(base_url='https://gw.paylov.uz', api_key='***', use_deprecated_register_path=False)"
    )
    assert repr(paymentsgate) == "PaymentsGateConfig(base_url='https://api.paymentsgate.example', access_token='***')"
    assert repr(via) == "ViaConfig(base_url='https://api.viasandbox.uz', client_id='system', client_secret='***')"
    assert repr(uzpay.PaymentsGateConfig("https://pg")) == "PaymentsGateConfig(base_url='https://pg', access_token='')"
    assert not hasattr(paylov, "api_key")


def test_request_reprs_mask_credential_headers(
    paylov: uzpay.PaylovConfig, paymentsgate: uzpay.PaymentsGateConfig, via: uzpay.ViaConfig, item: dict[str, Any]
) -> None:
    requests = [
        uzpay.build_register_receipt(paylov, transaction_id="t", items=[item]),
        uzpay.build_payin_credentials(paymentsgate, deal_id="d1"),
        uzpay.build_confirm_pay_verify(via, verify_id="v", verify_code="1234"),
        uzpay.build_auth_token(paymentsgate, account_id="a", public_key="pk-sentinel"),
    ]
    for request in requests:
        assert_hidden(shown(request))
        assert_hidden(shown(request.redacted()))
    assert "('api-key', '***')" in repr(requests[0])
    assert "('Authorization', '***')" in repr(requests[1])
    assert "('client-secret', '***')" in repr(requests[2]) and "('client-id', 'system')" in repr(requests[2])
    assert repr(requests[0]).endswith(f"body=<{len(requests[0].body)} bytes>)")
    # The request itself still carries them: it is what goes on the wire.
    assert requests[0].header("api-key") == "paylov-sentinel-key"


def test_redacted_masks_card_numbers_and_body_credentials(
    via: uzpay.ViaConfig, paymentsgate: uzpay.PaymentsGateConfig
) -> None:
    pay = uzpay.build_confirm_pay(
        via, merchant_id="m", card={"pan": "8600000000000007", "expiry": "0127"}, external_id="o-1", amount=100
    )
    masked = pay.redacted()
    assert masked.json()["card"] == {"pan": "860000******0007", "expiry": "0127"}
    assert masked.header("client-secret") == "***"
    assert "8600000000000007" not in repr(pay)
    auth = uzpay.build_auth_token(paymentsgate, account_id="a", public_key="pk-sentinel").redacted()
    assert auth.json()["public_key"] == "***"


def test_token_outputs_hide_tokens_in_repr() -> None:
    tokens = uzpay.parse_auth_token(
        200, {}, b'{"access_token":"pg-sentinel-token","refresh_token":"pk-sentinel","expires_in":60}'
    )
    assert_hidden(shown(tokens))
    assert repr(tokens) == "AuthTokenOutput(access_token='***', refresh_token='***', expires_in=60)"
    assert tokens.access_token == "pg-sentinel-token"  # the caller needs the value


def test_errors_never_carry_a_credential(item: dict[str, Any]) -> None:
    # Refused when the config is made (a credential with a line break would split the
    # header), naming the field and never showing the value.
    with pytest.raises(uzpay.InvalidInput) as e:
        uzpay.PaylovConfig("paylov-sentinel-key\n")
    assert e.value.field == "api_key"
    assert_hidden(shown(e.value) + repr(e.value.__dict__))
