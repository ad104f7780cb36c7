"""Shared helpers for the Python tests: where the repository's fixtures are, and how
to run the real ``zhclean`` binary that the binding must agree with.

The binary is ``$ZHCLEAN_BIN`` when set, else the first of
``$CARGO_TARGET_DIR/{debug,release}/zhclean`` and ``target/{debug,release}/zhclean``
that exists (``cargo test`` builds ``target/debug/zhclean``). Only files in the
repository are read, never ``../shared``.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


def _binary() -> Path:
    if os.environ.get("ZHCLEAN_BIN"):
        return Path(os.environ["ZHCLEAN_BIN"])
    dirs = []
    if os.environ.get("CARGO_TARGET_DIR"):
        dirs.append(Path(os.environ["CARGO_TARGET_DIR"]))
    dirs.append(REPO / "target")
    for d in dirs:
        for profile in ("debug", "release"):
            p = d / profile / "zhclean"
            if p.is_file():
                return p
    raise RuntimeError(
        "no zhclean binary: run `cargo build` first or set ZHCLEAN_BIN (looked in "
        + ", ".join(str(d) for d in dirs)
        + ")"
    )


class CliRun:
    """One run of the binary on stdin: exit code, cleaned bytes, report, stderr."""

    def __init__(self, code: int, out: bytes, report: Optional[Dict[str, Any]], stderr: str):
        self.code = code
        self.out = out
        self.report = report
        self.stderr = stderr


@pytest.fixture(scope="session")
def cli(tmp_path_factory):
    """``cli(data: bytes, args: list) -> CliRun``: ``zhclean ARGS -o OUT --report R``
    with ``data`` on stdin (so the report's ``path`` is null, as the binding's)."""
    binary = _binary()
    tmp = tmp_path_factory.mktemp("cli")
    counter = [0]

    def run(data: bytes, args: List[str]) -> CliRun:
        counter[0] += 1
        out = tmp / f"out{counter[0]}.txt"
        rep = tmp / f"report{counter[0]}.json"
        p = subprocess.run(
            [str(binary), *args, "-o", str(out), "--report", str(rep)],
            input=data,
            capture_output=True,
            check=False,
        )
        report = json.loads(rep.read_text("utf-8")) if p.returncode == 0 else None
        text = out.read_bytes() if p.returncode == 0 else b""
        return CliRun(p.returncode, text, report, p.stderr.decode("utf-8", "replace"))

    return run


def canonical(value: Any) -> str:
    """JSON text that differs whenever a value, a type, or the order of keys differs."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def cli_args(options: Dict[str, Any]) -> List[str]:
    """The command-line spelling of binding options (names map 1:1)."""
    args: List[str] = []
    for k, v in options.items():
        flag = "--" + k.replace("_", "-")
        if v is True:
            args.append(flag)
        elif v is False or v is None:
            continue
        else:
            args += [flag, str(v)]
    return args


def golden_cases() -> List[Tuple[str, Path, Dict[str, Any], Path, Optional[Path]]]:
    """Every golden fixture the CLI's golden tests use (tests/it/cli.rs,
    fuzzy_cases.rs, conversion.rs, boilerplate.rs): ``(id, input, options,
    golden_out, golden_report_or_None)``."""
    cases = []
    seed = FIXTURES / "seed" / "000_c23f71ea9a2bd46e"
    cases.append(("seed", seed.with_suffix(".txt"), {}, Path(f"{seed}.out.txt"), Path(f"{seed}.report.json")))
    # fixtures/cases/NAME[.VARIANT].report.json: options from the variant and the
    # golden report's own target (tests/it/fuzzy_cases.rs runs `--to keep` for some)
    for rep in sorted((FIXTURES / "cases").glob("*.report.json")):
        stem = rep.name[: -len(".report.json")]
        name, _, variant = stem.partition(".")
        target = json.loads(rep.read_text("utf-8"))["documents"][0]["script"]["target"]
        opts: Dict[str, Any] = {}
        if target != "zh-hans":
            opts["to"] = target
        if variant == "strip":
            opts["strip_boilerplate"] = True
        elif variant:
            raise AssertionError(f"{rep}: a variant this test does not know: {variant}")
        cases.append((f"cases/{stem}", FIXTURES / "cases" / f"{name}.txt", opts, FIXTURES / "cases" / f"{stem}.out.txt", rep))
    # fixtures/conv (tests/it/conversion.rs): NAME[.TARGET].out.txt
    for out in sorted((FIXTURES / "conv").glob("*.out.txt")):
        stem = out.name[: -len(".out.txt")]
        name, _, target = stem.partition(".")
        opts = {"to": target} if target else {}
        cases.append((f"conv/{stem}", FIXTURES / "conv" / f"{name}.txt", opts, out, None))
    # fixtures/boilerplate (tests/it/boilerplate.rs)
    cases.append(
        (
            "boilerplate/news_furniture",
            FIXTURES / "boilerplate" / "news_furniture.txt",
            {"strip_boilerplate": True, "to": "keep", "punct": "keep"},
            FIXTURES / "boilerplate" / "news_furniture.out.txt",
            None,
        )
    )
    return cases
