"""The Python conformance runner: every case of the given vector directories through
uzpay's public Python API, per tests/conformance/FORMAT.md (and the compute-case
extension of tests/conformance/README.md).

Usage: python runner.py DIR...  Prints one line per failed case and ends with
``N passed, M failed``; exits 1 if a case failed or none ran.

Canonical names map to the Python API one to one: an operation ``provider.name`` is
``uzpay.build_name`` / ``uzpay.parse_name``, its config the provider's config class
(``from_dict``), its input a dict of the same snake_case keys, its output the parsed
object's ``to_dict()``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import uzpay

CONFIGS: dict[str, Any] = {
    "fiscalbox": uzpay.FiscalBoxConfig,
    "paylov": uzpay.PaylovConfig,
    "paymentsgate": uzpay.PaymentsGateConfig,
    "via": uzpay.ViaConfig,
}


class Mismatch(Exception):
    """The case did not come out as the vector says."""


def main(dirs: list[str]) -> int:
    if not dirs:
        print("usage: runner.py DIR...", file=sys.stderr)
        return 2
    passed = failed = 0
    names: set[str] = set()
    for file in vector_files(dirs):
        try:
            cases = load(file)
        except Exception as e:  # a broken file is one failure, not a crash
            print(f"FAIL {file}: {e}")
            failed += 1
            continue
        for case in cases:
            name = case.get("name", "<unnamed>")
            try:
                if name in names:
                    raise Mismatch("the case name is not unique")
                names.add(name)
                run_case(case)
                passed += 1
            except Mismatch as e:
                failed += 1
                print(f"FAIL {file}: {name}: {e}")
            except Exception as e:  # anything else is a bug worth one line too
                failed += 1
                print(f"FAIL {file}: {name}: unexpected {type(e).__name__}: {e}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


def vector_files(dirs: list[str]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        files.extend(Path(d).glob("*.json"))
    return sorted(files)


def load(file: Path) -> list[dict[str, Any]]:
    doc = json.loads(file.read_text(encoding="utf-8"))
    cases = doc.get("cases") if isinstance(doc, dict) else None
    if not isinstance(cases, list):
        raise ValueError('has no "cases" array')
    return cases


def run_case(case: dict[str, Any]) -> None:
    if "flow" in case:
        return run_flow(case)
    op = case.get("op")
    compute = COMPUTE.get(op or "")
    if compute is not None:
        return run_compute(case, compute)
    if not isinstance(op, str) or op not in uzpay.OPERATIONS:
        raise Mismatch(f"unknown op {op}")
    provider, name = op.split(".", 1)
    if "input" in case:
        return run_build(case, provider, name)
    if "response" in case:
        return run_parse(case, name)
    raise Mismatch("a case needs input or response")


def run_build(case: dict[str, Any], provider: str, name: str) -> None:
    build = getattr(uzpay, f"build_{name}")

    def as_dict() -> uzpay.HttpRequest:
        config = CONFIGS[provider].from_dict(case.get("config") or {})
        return build(config, case["input"])

    outcome = attempt(as_dict)
    # The same input as keyword arguments must come out the same.
    if all(isinstance(k, str) and k.isidentifier() for k in case["input"]):

        def as_kwargs() -> uzpay.HttpRequest:
            config = CONFIGS[provider].from_dict(case.get("config") or {})
            return build(config, **case["input"])

        again = attempt(as_kwargs)
        if describe(again) != describe(outcome):
            raise Mismatch(f"keyword arguments gave {describe(again)}, a dict {describe(outcome)}")
    expect(case, "request", outcome, check_request)


def run_parse(case: dict[str, Any], name: str) -> None:
    parse = getattr(uzpay, f"parse_{name}")
    response = case["response"]
    if not isinstance(response.get("status"), int):
        raise Mismatch("response.status is missing")
    body = response.get("body")
    if not isinstance(body, str):
        raise Mismatch("response.body must be a string")
    headers = list((response.get("headers") or {}).items())
    outcome = attempt(lambda: parse(response["status"], headers, body.encode("utf-8")).to_dict())
    expect(case, "output", outcome, lambda want, got: subset(want, got, "output"))


def run_compute(case: dict[str, Any], compute: Callable[[dict[str, Any]], Any]) -> None:
    if "input" not in case:
        raise Mismatch("a compute case needs input")
    outcome = attempt(lambda: compute(case["input"]))
    expect(case, "output", outcome, lambda want, got: subset(want, got, "output"))


def parse_receipt_url(data: dict[str, Any]) -> dict[str, Any]:
    url = uzpay.OfdReceiptUrl.parse(data.get("url"))  # type: ignore[arg-type]
    return {
        "kind": url.kind,
        "terminal_id": url.terminal_id,
        "receipt_number": url.receipt_number,
        "date_time": url.date_time,
        "fiscal_sign": url.fiscal_sign,
        "url": str(url),
    }


def build_receipt_url(data: dict[str, Any]) -> dict[str, Any]:
    return {"url": str(uzpay.OfdReceiptUrl(**data))}


def totals(data: dict[str, Any]) -> dict[str, Any]:
    return uzpay.receipt_totals(data.get("items")).to_dict()  # type: ignore[arg-type]


COMPUTE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "ofd.parse_receipt_url": parse_receipt_url,
    "ofd.build_receipt_url": build_receipt_url,
    "receipt.totals": totals,
}


# Flow cases (FORMAT.md "Flow cases") --------------------------------------------------

#: Every flow class by its core name (each generated class knows it).
FLOWS: dict[str, type[uzpay.Flow]] = {cls.flow_name: cls for cls in uzpay.Flow.__subclasses__()}
SECRET_KEYS = {"api_key", "client_secret", "access_token", "refresh_token", "public_key", "pan", "password"}


def secrets_in(value: Any) -> set[str]:
    """The values of credential keys anywhere in ``value`` (4 characters or more)."""
    if isinstance(value, dict):
        found = {v for k, v in value.items() if k in SECRET_KEYS and isinstance(v, str) and len(v) >= 4}
        return found.union(*(secrets_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(secrets_in(v) for v in value))
    return set()


def tokens_in(body: str) -> set[str]:
    """The tokens of a sign-in answer (PaymentsGate's), which no snapshot may hold."""
    try:
        return secrets_in(json.loads(body))
    except ValueError:
        return set()


def run_flow(case: dict[str, Any]) -> None:
    cls = FLOWS.get(case["flow"])
    if cls is None:
        raise Mismatch(f"unknown flow {case['flow']}")
    provider = case["flow"].split(".")[0]
    config = lambda: CONFIGS[provider].from_dict(case.get("config") or {})  # noqa: E731
    steps: list[dict[str, Any]] = case.get("steps") or []
    made = attempt(lambda: cls(config(), case["input"], options=case.get("options")))
    if not made[0]:
        if steps:
            raise Mismatch(f"create: {describe(made)}")
        return expect(case, "outcome", made, check_outcome)
    flow = made[1]
    secrets = secrets_in(case.get("config")) | secrets_in(case["input"])

    def check_snapshot(at: str) -> None:
        snapshot = flow.snapshot()
        if any(secret in snapshot for secret in secrets):
            raise Mismatch(f"{at}: the snapshot holds a secret")

    pending: tuple[bool, Any] | None = None
    for index, step in enumerate(steps):
        at, last = f"steps[{index}]", index + 1 == len(steps)
        if step.get("restore") is True:
            check_snapshot(at)
            snapshot = flow.snapshot()
            if cls.flow_name == "paymentsgate.payin":
                restored = attempt(lambda: cls.restore(config(), snapshot, case["input"]["credentials"]))  # type: ignore[call-arg]
            else:
                restored = attempt(lambda: cls.restore(config(), snapshot))  # type: ignore[call-arg]
            if not restored[0]:
                if last:
                    return expect(case, "outcome", restored, check_outcome)
                raise Mismatch(f"{at}: restore: {describe(restored)}")
            flow = restored[1]
            pending = attempt(flow.resume)
            continue
        ok, action = pending if pending is not None else attempt(flow.start)
        if not ok:
            raise Mismatch(f"{at}: expected an action, got the {describe((ok, action))}")
        if "expect" in step:
            if not isinstance(action, uzpay.Step):
                raise Mismatch(f"{at}: expected a request for {step['expect'].get('operation')}, got {action!r}")
            check_step(step["expect"], action, at)
            if "respond" in step:
                r = step["respond"]
                secrets |= tokens_in(r["body"])
                pending = attempt(lambda r=r: flow.on_response(r["status"], r.get("headers"), r["body"]))
            else:
                pending = attempt(lambda: flow.on_transport_failure(step["fail"]))
        elif "expect_code" in step:
            if not isinstance(action, uzpay.AwaitVerifyCode):
                raise Mismatch(f"{at}: expected a code request, got {action!r}")
            subset(step["expect_code"], action.to_dict(), "expect_code")
            if "code" in step:
                secrets.add(step["code"])
                pending = attempt(lambda: flow.provide_verify_code(step["code"]))  # type: ignore[attr-defined]
            else:
                pending = attempt(flow.resend_code)  # type: ignore[attr-defined]
        else:
            raise Mismatch(f"{at}: a step is expect, expect_code or restore")
        check_snapshot(at)
        if not pending[0] and not last:
            raise Mismatch(f"{at}: the flow failed before the script's end: {describe(pending)}")
    end = pending if pending is not None else attempt(flow.start)
    if end[0] and not isinstance(end[1], uzpay.Done):
        raise Mismatch(f"expected the end, got {end[1]!r}")
    expect(case, "outcome", (end[0], end[1].outcome.to_dict() if end[0] else end[1]), check_outcome)


def check_step(want: dict[str, Any], step: uzpay.Step, at: str) -> None:
    if "operation" in want and want["operation"] != step.operation:
        raise Mismatch(f"{at}: expected a request for {want['operation']}, got one for {step.operation} (attempt {step.attempt})")
    if "request" in want:
        check_request(want["request"], step.request, json_subset=True)
    for key in ("attempt", "delay_ms"):
        if key in want and want[key] != getattr(step, key):
            raise Mismatch(f"{at}: {step.operation}: {key}: expected {want[key]}, got {getattr(step, key)}")


def check_outcome(want: Any, got: Any) -> None:
    subset(want, got, "outcome")


# Outcomes ---------------------------------------------------------------------------


def attempt(f: Callable[[], Any]) -> tuple[bool, Any]:
    """(True, value) or (False, the UzpayError raised). Other exceptions propagate:
    the API must raise nothing but UzpayError for a vector."""
    try:
        return True, f()
    except uzpay.UzpayError as e:
        return False, e


def describe(outcome: tuple[bool, Any]) -> str:
    ok, value = outcome
    if ok:
        if isinstance(value, uzpay.HttpRequest):
            return f"request {value.method} {value.url} {value.body!r}"
        return f"output {json.dumps(value, sort_keys=True, default=str)}"
    e = value
    return (
        f"error {e.kind} (field {getattr(e, 'field', None)!r}, code {getattr(e, 'code', None)!r}, "
        f"retryable {e.retryable}): {e.message}"
    )


def expect(
    case: dict[str, Any],
    success_key: str,
    outcome: tuple[bool, Any],
    check: Callable[[Any, Any], None],
) -> None:
    want_ok, want_err = case.get(success_key), case.get("error")
    ok, value = outcome
    if (want_ok is None) == (want_err is None):
        raise Mismatch(f"a case needs exactly one of {success_key} and error")
    if want_ok is not None and ok:
        check(want_ok, value)
    elif want_err is not None and not ok:
        check_error(want_err, value)
    elif want_ok is not None:
        raise Mismatch(f"expected {'a ' + success_key if success_key == 'request' else 'an ' + success_key}, got the {describe(outcome)}")
    else:
        raise Mismatch(f"expected an error, got the {describe(outcome)}")


# Comparisons (FORMAT.md) -------------------------------------------------------------


def check_request(want: dict[str, Any], got: uzpay.HttpRequest, json_subset: bool = False) -> None:
    if "method" in want and want["method"] != got.method:
        raise Mismatch(f"method: expected {want['method']}, got {got.method}")
    if "url" in want and want["url"] != got.url:
        raise Mismatch(f"url: expected {want['url']}, got {got.url}")
    for name, value in (want.get("headers") or {}).items():
        actual = got.header(name)
        if actual is None:
            raise Mismatch(f"header {name}: missing")
        if actual != value:
            raise Mismatch(f"header {name}: a different value")
    if "json" in want:
        try:
            body = json.loads(got.body)
        except ValueError as e:
            raise Mismatch(f"body is not JSON: {e}") from None
        if json_subset:
            subset(want["json"], body, "json")
        elif not equal(want["json"], body):
            raise Mismatch(f"json: expected {json.dumps(want['json'])}, got {json.dumps(body)}")


def check_error(want: dict[str, Any], got: uzpay.UzpayError) -> None:
    def fail(what: str) -> Mismatch:
        return Mismatch(f"error {what}: expected {want[what]!r}, got {describe((False, got))}")

    if "kind" in want and want["kind"] != got.kind:
        raise fail("kind")
    if "field" in want and not field_matches(want["field"], getattr(got, "field", None)):
        raise fail("field")
    if "code" in want:
        code = want["code"] if isinstance(want["code"], str) else json.dumps(want["code"])
        if getattr(got, "code", None) != code:
            raise fail("code")
    if "retryable" in want and want["retryable"] is not got.retryable:
        raise fail("retryable")
    if "status" in want and getattr(got, "status", None) != want["status"]:
        raise fail("status")
    for key in ("operation", "failure"):  # a transport error's
        if key in want and getattr(got, key, None) != want[key]:
            raise fail(key)


def field_matches(want: str, got: str | None) -> bool:
    """The actual path equals the expected one or continues it (``items[0]`` matches
    ``items[0].tin``)."""
    if got is None or not got.startswith(want):
        return False
    rest = got[len(want):]
    return not rest or not want or rest[0] in ".["


def equal(a: Any, b: Any) -> bool:
    """Exact JSON equality, numbers by value (``516`` equals ``516.0``), a bool never
    equal to a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(v, b[k]) for k, v in a.items())
    return type(a) is type(b) and a == b


def subset(want: Any, got: Any, path: str) -> None:
    """Every key given is present and equal (recursively); arrays have the same length."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k, v in want.items():
            if k not in got:
                raise Mismatch(f"{path}.{k}: missing")
            subset(v, got[k], f"{path}.{k}")
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            raise Mismatch(f"{path}: expected {len(want)} elements, got {len(got)}")
        for i, (v, w) in enumerate(zip(want, got)):
            subset(v, w, f"{path}[{i}]")
    elif not equal(want, got):
        raise Mismatch(f"{path}: expected {json.dumps(want)}, got {json.dumps(got)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
