"""The programmes figures of the seed, computed from the demo's records by `dangbo indicators`
as a subprocess: work items, host units' figures and the target entries."""

from __future__ import annotations

import json
import sqlite3

from test_demo_cli import run

ARGS = ["indicators", "--scope", "DBK", "--period", "2021-01-01..2021-09-30", "--at",
        "2021-09-30", "--json"]  # fmt: skip


def _out(demo_db):
    done = run(ARGS, demo_db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_nine_months_of_2021(demo_db):
    out = _out(demo_db)
    values = {k: v["value"] for k, v in out.items()}
    assert values["work_items.done"] == 64
    assert values["work_items.total"] == 78
    assert values["units.revenue"] == 4262  # tỉ đồng
    assert values["units.workers"] == 2931
    assert values["units.avg_income"] == 10
    assert values["programmes.base_with_programme"] == values["orgs.base"] == 76
    targets = {k: v for k, v in out.items() if k.startswith("target.")}
    admission = [
        t for t in targets.values()
        if t["target"] == 120 and "Kết nạp" in t["label"] and not t["manual"]
    ]  # fmt: skip
    assert len(admission) == 1
    assert admission[0]["value"] == 116
    assert admission[0]["share"] == 96.67
    assert admission[0]["text"] == "116/120 (96,67%)"
    manual = [t for t in targets.values() if t["manual"]]
    assert manual and all("(nhập tay)" in t["text"] for t in manual)
    units = {t["label"]: t for t in targets.values() if "%" in t["text"] and not t["manual"]}
    assert any(t["value"] >= 90 and "cơ quan" in label for label, t in units.items())


def test_the_bloc_documents_carry_the_seed_codes(demo_db):
    path = demo_db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = dict(
            db.execute(
                "SELECT code, issued_on FROM programmes_document WHERE code IN "
                "('02-NQ/ĐUK', '05-NQ/ĐUK', '58-NQ/TW', '01-KL/TW', '12-CTr/ĐUK')"
            ).fetchall()
        )
    assert rows["05-NQ/ĐUK"] == "2021-08-18"
    assert rows["02-NQ/ĐUK"] == "2021-04-26"
    assert rows["58-NQ/TW"] == "2020-08-05"
    assert rows["01-KL/TW"] == "2021-05-18"
    assert "12-CTr/ĐUK" in rows
