"""Demo records of Sinh hoạt đảng, cam kết (filled in by the activities work)."""

from __future__ import annotations

import datetime as dt
import random


def build_activities(rng: random.Random, today: dt.date) -> int:
    return 0
