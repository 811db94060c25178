"""The stages of ``solver.solve``, one module each, in the order they run.

``warm_start`` (a valid plan before any model: the previous plan or first fit), ``weight`` (the
relaxation's bound and its meetings, timetabled), ``fairness`` (bounds that end the fairness level
early), ``breaks`` (the settled meetings timetabled day by day, or the model with break variables),
``tables`` (the solution as a plan: tables, reasons, metrics).  docs/scheduler.md says why each exists.
"""
