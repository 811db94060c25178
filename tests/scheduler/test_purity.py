import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_loads_no_web_framework():
    code = ("import sys, scheduler, scheduler.__main__; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_private_or_tools_api():
    """Only the public CP-SAT API: no cp_model_helper internals, no hand edits of the model's proto."""
    found = [f"{path.name}: {line.strip()}" for path in (ROOT / "scheduler").glob("*.py")
             for line in path.read_text(encoding="utf-8").splitlines()
             if "cp_model_helper" in line or ".proto." in line or ".proto[" in line]
    assert found == []
