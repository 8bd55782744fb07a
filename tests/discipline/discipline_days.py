"""Days the discipline tests share (a module of its own: `conftest` names clash across
directories)."""

import datetime as dt

DECIDED = dt.date(2021, 6, 15)
TODAY = dt.date(2026, 12, 1)
