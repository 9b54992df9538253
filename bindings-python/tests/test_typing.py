"""The stubs and the typed modules: ``mypy --strict`` on a typed usage file, which is
also run, and on the package itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "python" / "uzpay"


def mypy(*targets: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, targets)],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_typed_usage_file_passes_mypy_strict() -> None:
    pytest.importorskip("mypy")
    mypy(HERE / "typed_usage.py")


def test_the_typed_usage_file_runs() -> None:
    import typed_usage

    typed_usage.main()


def test_mypy_sees_the_installed_package_as_typed() -> None:
    import uzpay

    installed = Path(uzpay.__file__).parent
    assert (installed / "py.typed").is_file()
    assert (installed / "_uzpay.pyi").is_file()
