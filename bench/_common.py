"""Shared helpers of the benchmark scripts: header line, table printing, saving results."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
# The benchmark data lives next to the repository (it is not ours to ship); only bench/ knows where,
# and tests that use it ask here and skip when it is absent.
_B2BSP_PLACES = (ROOT.parent / "shared" / "benchmarks" / "b2bsp", Path("/work/shared/benchmarks/b2bsp"))
B2BSP_DATA = next((p for p in _B2BSP_PLACES if p.is_dir()), _B2BSP_PLACES[0])
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "scheduler"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown cpu"


def header() -> str:
    import ortools

    return (f"# commit {_commit()} | {platform.node()} | {_cpu()} x{os.cpu_count()} | "
            f"Python {platform.python_version()} | OR-Tools {ortools.__version__}")


def table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) if rows else len(c) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


class Output:
    """Print lines as they come and save them all to ``bench/results/<name>.txt`` at the end."""

    def __init__(self, name: str):
        self.path = RESULTS / f"{name}.txt"
        self.lines: list[str] = []

    def print(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def save(self) -> None:
        RESULTS.mkdir(exist_ok=True)
        self.path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
