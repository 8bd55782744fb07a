"""The day the studies tests share (a module of its own: `conftest` names clash across
directories)."""

import datetime as dt

DAY = dt.date(2023, 2, 21)
