"""An incremental agenda: place meetings one by one and ask why a placement is impossible.

Used by the first-fit baseline and to explain unscheduled meetings; solver-free.
"""

from __future__ import annotations

from .domains import Domain
from .index import Index
from .rules import fit_order


class Agenda:
    def __init__(self, ix: Index, doms: dict[str, Domain]):
        self.ix, self.doms = ix, doms
        self.where: dict[str, tuple[int, str, str | None]] = {}
        self.person: dict[str, dict[int, str]] = {p: {} for p in ix.people}
        self.table_use: dict[tuple[int, str], str] = {}
        self.interp_use: dict[tuple[int, str], str] = {}
        self.free_left: dict[int, list[str]] = {}   # free (non-host) tables still open, per slot
        self.fits = fit_order()  # the registered rules' fit tests, read once per agenda

    # --- questions --------------------------------------------------------------------------
    def table_for(self, mid: str, n: int) -> str | None:
        dom = self.doms[mid]
        if dom.table is not None:
            return None if (n, dom.table) in self.table_use else dom.table
        prefer = [self.where[o][1] for p in self.ix.meetings[mid].participants
                  for o in (self.person[p].get(n - 1),) if o is not None]
        prev = self.ix.previous.get(mid)
        if prev is not None and prev.slot == self.ix.slots[n].id:
            prefer.insert(0, prev.table)
        free = self.free_left.get(n, self.ix.free_tables)
        return next((t for t in prefer if (n, t) not in self.table_use and t not in self.ix.host_tables),
                    free[0] if free else None)

    def interpreter_for(self, mid: str, n: int) -> str | None:
        sid = self.ix.slots[n].id
        return next((i for i in self.doms[mid].interpreters if (n, i) not in self.interp_use
                     and sid not in self.ix.interpreters[i].unavailable), None)

    def why_not(self, mid: str, n: int) -> str | None:
        """None if the meeting fits in slot n now, else the spec's reason code (``rules.fit_order``)."""
        for rule in self.fits:
            if not rule.fits(self, mid, n):
                return rule.reason
        return None

    def weight(self) -> int:
        """Total weight of the meetings placed."""
        return sum(self.ix.weight(self.ix.meetings[mid]) for mid in self.where)

    # --- changes ----------------------------------------------------------------------------
    def place(self, mid: str, n: int, table: str, interpreter: str | None = None) -> None:
        self.where[mid] = (n, table, interpreter)
        for p in self.ix.meetings[mid].participants:
            self.person[p][n] = mid
        self.table_use[(n, table)] = mid
        if table not in self.ix.host_tables:
            self.free_left.setdefault(n, list(self.ix.free_tables)).remove(table)
        if interpreter is not None:
            self.interp_use[(n, interpreter)] = mid

    def remove(self, mid: str) -> tuple[int, str, str | None]:
        n, table, interpreter = self.where.pop(mid)
        for p in self.ix.meetings[mid].participants:
            del self.person[p][n]
        del self.table_use[(n, table)]
        if table not in self.ix.host_tables:
            self.free_left[n].append(table)
            self.free_left[n].sort(key=self.ix.free_tables.index)
        if interpreter is not None:
            del self.interp_use[(n, interpreter)]
        return n, table, interpreter

    def holds_required(self) -> bool:
        """Every meeting that must be held (required or locked) is placed."""
        return all(mid in self.where for mid in self.ix.meetings if self.ix.must(mid))

    def try_place(self, mid: str, slots) -> bool:
        for n in slots:
            if self.why_not(mid, n) is None:
                interp = self.interpreter_for(mid, n) if self.doms[mid].needs_interpreter else None
                self.place(mid, n, self.table_for(mid, n), interp)
                return True
        return False
