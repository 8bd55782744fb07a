"""Demo records of Kiểm tra, giám sát, đơn thư (filled in by the inspection work)."""

from __future__ import annotations

import datetime as dt
import random


def build_inspection(rng: random.Random, today: dt.date) -> int:
    return 0
