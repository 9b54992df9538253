"""Every conformance vector, with each credential set to a sentinel: the sentinel
appears nowhere in what uzpay prints, raises or renders (repr, str, error messages,
redacted requests, outputs' repr) except in the one header that must carry it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import uzpay

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
SENTINEL = "SENTINEL-py-5e3d"
CREDENTIALS = ("api_key", "access_token", "client_secret")
CARRIERS = {"api_key": "api-key", "access_token": "authorization", "client_secret": "client-secret"}
CONFIG_CLASSES = {
    "fiscalbox": uzpay.FiscalBoxConfig,
    "paylov": uzpay.PaylovConfig,
    "paymentsgate": uzpay.PaymentsGateConfig,
    "via": uzpay.ViaConfig,
}


def cases() -> list[Any]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            if case["op"] in uzpay.OPERATIONS:
                out.append(pytest.param(case, id=case["name"]))
    return out


def assert_hidden(what: str, text: str) -> None:
    assert SENTINEL not in text, f"{what} shows the credential: {text[:300]}"


@pytest.mark.parametrize("case", cases())
def test_sentinel_never_shows(case: dict[str, Any]) -> None:
    provider, name = case["op"].split(".")
    config = dict(case["config"])
    present = [key for key in CREDENTIALS if key in config]
    for key in present:
        config[key] = SENTINEL
    try:
        cfg = CONFIG_CLASSES[provider].from_dict(config)
    except (uzpay.UzpayError, TypeError) as e:  # the vectors' deliberately bad configs
        assert_hidden("a config error", f"{e} {e!r} {e.args!r}")
        return
    assert_hidden("repr(config)", repr(cfg))
    assert_hidden("str(config)", str(cfg))
    if "input" in case:
        try:
            request = getattr(uzpay, f"build_{name}")(cfg, case["input"])
        except (uzpay.UzpayError, TypeError) as e:
            assert_hidden("an error", f"{e} {e!r} {e.args!r} {vars(e)!r}")
            return
        assert_hidden("repr(request)", repr(request))
        assert_hidden("str(request)", str(request))
        assert_hidden("the redacted request", repr(request.redacted()) + request.redacted().body.decode())
        assert_hidden("the body", request.body.decode())
        carriers = [h for h, v in request.headers if SENTINEL in v]
        assert [h.lower() for h in carriers] == [CARRIERS[k] for k in present], carriers
    else:
        r = case["response"]
        try:
            output = getattr(uzpay, f"parse_{name}")(r["status"], list(r["headers"].items()), r["body"].encode())
        except uzpay.UzpayError as e:
            assert_hidden("an error", f"{e} {e!r}")
            return
        assert_hidden("repr(output)", repr(output))
