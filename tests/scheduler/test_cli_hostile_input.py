"""``python -m scheduler`` on hostile input: one line on stderr, exit 2, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SLOT = {"id": "s1", "start": "2027-03-10T09:00:00+01:00", "end": "2027-03-10T09:25:00+01:00"}
PROBLEM = {"format": "coopex-problem/1", "slots": [SLOT], "tables": 1,
           "meetings": [{"id": "m1", "participants": ["a", "b"]}]}


def _run(argv, capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    err = capsys.readouterr().err.strip()
    return code, err


def _problem(tmp_path, **changes) -> str:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROBLEM, **changes}), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("changes", "expected"), [
    ({"meetings": [{"id": "m1", "participants": ["a", "b"], "weight": 10**30}]}, "'weight' must be at most"),
    ({"tables": 10**12}, "'tables' must be"),
    ({"slots": [{**SLOT, "end": "2027-03-10T08:55:00+01:00"}]}, "'end' must be after 'start'"),
    ({"slots": [{**SLOT, "end": SLOT["start"]}]}, "'end' must be after 'start'"),
    ({"slots": [{**SLOT, "start": "2027-03-10T09:00:00"}]}, "'start' needs a time zone"),
    ({"format": "coopex-problem/2"}, "'format' must be 'coopex-problem/1'"),
    ({"format": "b2bsp"}, "'format' must be 'coopex-problem/1'"),
    ({"options": {"cross_border_bonus": 10**30}}, "'cross_border_bonus' must be at most"),
])
def test_bad_problem_is_refused_in_one_line(tmp_path, capsys, changes, expected):
    code, err = _run(["solve", _problem(tmp_path, **changes), "--time-limit", "1"], capsys)
    assert code == 2
    assert "\n" not in err and expected in err


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--time-limit", "0", "positive number of seconds"),
    ("--time-limit", "-3", "positive number of seconds"),
    ("--time-limit", "nan", "positive number of seconds"),
    ("--time-limit", "inf", "positive number of seconds"),
    ("--time-limit", "soon", "not a number"),
    ("--workers", "0", "must be from 1"),
    ("--workers", "-1", "must be from 1"),
    ("--workers", str(10**30), "must be from 1"),
    ("--seed", str(10**30), "must be from 0"),
])
def test_bad_option_is_refused_in_one_line(tmp_path, capsys, option, value, expected):
    code, err = _run(["solve", _problem(tmp_path), option, value], capsys)
    assert code == 2
    assert "\n" not in err and expected in err and option in err


def test_missing_file(tmp_path, capsys):
    code, err = _run(["solve", str(tmp_path / "nothing.json")], capsys)
    assert code == 2 and "nothing.json: cannot read" in err


def test_plan_with_a_wrong_format_tag(tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format": "coopex-plan/9", "status": "feasible"}), encoding="utf-8")
    code, err = _run(["check", _problem(tmp_path), str(plan)], capsys)
    assert code == 2 and "'format' must be 'coopex-plan/1'" in err


@pytest.mark.parametrize("target", ["a-directory", "p.json/plan.json"])
def test_unwritable_output(tmp_path, capsys, target):
    """The output path is a directory, or lies below a file (unwritable even for root)."""
    problem = _problem(tmp_path)
    (tmp_path / "a-directory").mkdir()
    code, err = _run(["solve", problem, "--time-limit", "2", "-o", str(tmp_path / target)], capsys)
    assert code == 2 and "cannot write" in err and "\n" not in err


def test_deeply_nested_json_in_a_real_process(tmp_path):
    """The interpreter's own recursion limit is hit while decoding: still one line, no traceback."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "scheduler", "solve", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.strip().count("\n") == 0
    assert "nested too deeply" in run.stderr
