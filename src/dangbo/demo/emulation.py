"""Demo records of Thi đua, khen thưởng (filled in by the emulation work)."""

from __future__ import annotations

import datetime as dt
import random


def build_emulation(rng: random.Random, today: dt.date) -> int:
    return 0
