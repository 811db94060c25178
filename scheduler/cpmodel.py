"""The CP-SAT model of a problem: variables, every registered hard rule, implied counts, break variables."""

from __future__ import annotations

from ortools.sat.python import cp_model

from . import constraints as c
from .breaks import add_breaks
from .index import Index
from .model import Problem
from .rules import build_rules


def wants_breaks(problem: Problem) -> bool:
    return "breaks" in problem.options.order or problem.options.max_breaks is not None


def build(ix: Index, doms, want_breaks: bool) -> c.Vars:
    """The CP-SAT model of every registered rule; without break variables when ``want_breaks`` is false."""
    v = c.Vars(cp_model.CpModel(), ix, doms, want_breaks)
    c.add_variables(v)
    build_rules(v)
    c.add_implied(v)
    if want_breaks:
        add_breaks(v)
    build_rules(v, after_breaks=True)
    return v
