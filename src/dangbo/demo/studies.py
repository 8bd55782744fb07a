"""Demo records of Học tập, bồi dưỡng, hội thi (filled in by the studies work)."""

from __future__ import annotations

import datetime as dt
import random


def build_studies(rng: random.Random, today: dt.date) -> int:
    return 0
