"""The inspection figures of the 2021 bloc report, computed by the CLI from the demo's
records: "hoàn thành 09/12 cuộc đạt 75% kế hoạch"; "kế hoạch kiểm tra đối với 23 tổ chức
đảng"; letters settled in time, nothing left overdue."""

from __future__ import annotations

import json

from test_demo_cli import run


def test_the_cli_gives_the_2021_inspection_figures(demo_db):
    args = ["indicators", "--scope", "DBK", "--period", "2021-01-01..2021-09-30", "--json"]
    done = run(args, demo_db)
    assert done.returncode == 0, done.stderr
    values = {k: v["value"] for k, v in json.loads(done.stdout).items()}
    assert values["inspection.planned"] == 12
    assert values["inspection.done"] == 9
    assert values["inspection.done_rate"] == 75.0
    assert values["inspection.orgs_covered"] == 23
    assert values["inspection.done_on_time"] <= values["inspection.done"]
    assert values["inspection.unplanned"] >= 1
    assert values["inspection.members_covered"] >= 1
    assert sum(values["inspection.by_body"].values()) >= 12
    assert values["complaints.received"] > 0
    assert values["complaints.received"] == sum(values["complaints.by_kind"].values())
    assert 0 < values["complaints.settled"] == values["complaints.settled_on_time"]
    assert values["complaints.overdue"] == 0  # "không để tồn đọng, kéo dài"
    assert values["complaints.closed"] >= 1  # anonymous letters, closed with that reason
