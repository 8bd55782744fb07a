"""Demo records of Kỷ luật đảng (filled in by the discipline work)."""

from __future__ import annotations

import datetime as dt
import random


def build_discipline(rng: random.Random, today: dt.date) -> int:
    return 0
