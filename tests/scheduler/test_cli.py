import json
import subprocess
import sys
from pathlib import Path

from scheduler.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = {"slots": [{"id": "s1"}, {"id": "s2"}], "tables": 1,
           "meetings": [{"id": "m1", "participants": ["a", "b"], "required": True},
                        {"id": "m2", "participants": ["a", "c"]}]}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_solve_then_check(tmp_path, capsys):
    problem = write(tmp_path, "p.json", PROBLEM)
    plan = str(tmp_path / "plan.json")
    assert main(["solve", problem, "--time-limit", "5", "--workers", "1", "--seed", "3", "-o", plan]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "optimal" and out["meetings"] == 2
    assert main(["check", problem, plan]) == 0


def test_check_reports_violations(tmp_path, capsys):
    problem = write(tmp_path, "p.json", PROBLEM)
    plan = write(tmp_path, "plan.json", {"status": "feasible", "assignments": [
        {"meeting": "m1", "slot": "s1", "table": "1"}, {"meeting": "m2", "slot": "s1", "table": "1"}]})
    assert main(["check", problem, plan]) == 1
    assert "participant_double_booked" in capsys.readouterr().out


def test_bad_input_is_one_line_exit_2(tmp_path):
    bad = write(tmp_path, "bad.json", {**PROBLEM, "meetings": [{"id": "m1", "participants": ["a", "zz"],
                                                                "fixed_slot": "s9"}]})
    run = subprocess.run([sys.executable, "-m", "scheduler", "solve", bad], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr
    assert "bad.json" in run.stderr and "meeting 'm1'" in run.stderr and "'s9'" in run.stderr


def test_required_meetings_that_cannot_all_be_held_are_named_and_exit_1(tmp_path, capsys):
    problem = write(tmp_path, "p.json", {**PROBLEM, "slots": [{"id": "s1"}],
                                         "meetings": [{"id": "m1", "participants": ["a", "b"], "required": True},
                                                      {"id": "m2", "participants": ["a", "c"], "required": True}]})
    assert main(["solve", problem, "--time-limit", "5"]) == 1
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "feasible" and out["meetings"] == 1 and len(out["dropped_required"]) == 1
    dropped = out["dropped_required"][0]
    assert f"required meeting {dropped} cannot be held (partner_full)" in captured.err
