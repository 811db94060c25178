"""Every hard rule of the spec, checked on a plan without the solver (``rules.RULES``), plus objective metrics."""

from __future__ import annotations

from .index import Index
from .model import Plan, Problem, Violation
from .rules import check_rules
from .stats import metrics

__all__ = ["Violation", "violations", "metrics"]


def _known_assignments(ix: Index, plan: Plan, out: list[Violation]):
    seen, good = set(), []
    tables = {t.id for t in ix.problem.tables}
    for a in plan.assignments:
        bad = [(k, v) for k, v, ok in (("meeting", a.meeting, a.meeting in ix.meetings),
                                       ("slot", a.slot, a.slot in ix.pos), ("table", a.table, a.table in tables),
                                       ("interpreter", a.interpreter,
                                        a.interpreter is None or a.interpreter in ix.interpreters)) if not ok]
        if bad:
            k, v = bad[0]
            out.append(Violation("unknown_id", f"assignment of meeting {a.meeting} names unknown {k} {v}",
                                 meeting=a.meeting))
        elif a.meeting in seen:
            out.append(Violation("duplicate", f"meeting {a.meeting} is scheduled more than once", a.meeting))
        else:
            seen.add(a.meeting)
            good.append(a)
    return good


def violations(problem: Problem, plan: Plan) -> list[Violation]:
    """All hard-rule violations of ``plan`` (empty list = valid): ids first, then every registered rule."""
    ix = Index(problem)
    out: list[Violation] = []
    good = _known_assignments(ix, plan, out)
    return out + check_rules(ix, good)
