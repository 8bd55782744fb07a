"""The demo as a newcomer meets it: `dangbo demo` then `dangbo indicators`, as subprocesses."""

import json
import os
import subprocess
import sys

DANGBO = [sys.executable, "-m", "dangbo.cli"]


def run(args, db_url):
    env = {**os.environ, "DATABASE_URL": db_url}
    if db_url.startswith("sqlite:///"):
        # Uploaded files (the portal's images) go next to the database, not into the checkout.
        env["DANGBO_DATA_DIR"] = os.path.dirname(db_url.removeprefix("sqlite:///"))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([*DANGBO, *args], env=env, capture_output=True, text=True, timeout=600)


def indicators(db_url, scope, at, *keys):
    args = ["indicators", "--scope", scope, "--at", at, "--json"]
    for key in keys:
        args += ["--key", key]
    done = run(args, db_url)
    assert done.returncode == 0, done.stderr
    return {k: v["value"] for k, v in json.loads(done.stdout).items()}


def test_bloc_figures_on_30_9_2021_are_computed_from_the_records(demo_db):
    values = indicators(
        demo_db, "DBK", "2021-09-30",
        "members.total", "orgs.base", "orgs.base_committees", "orgs.base_cells", "orgs.sub_cells",
        "orgs.sub_committees",
    )  # fmt: skip
    assert values == {
        "members.total": 3407,
        "orgs.base": 76,
        "orgs.base_committees": 31,
        "orgs.base_cells": 45,
        "orgs.sub_cells": 203,
        "orgs.sub_committees": 2,  # two committees group part of their cells
    }


def test_every_registered_indicator_has_a_label_and_a_value(demo_db):
    done = run(["indicators", "--scope", "DBK", "--at", "30/09/2021", "--json"], demo_db)
    data = json.loads(done.stdout)
    assert {"members.total", "members.probationary", "members.full", "orgs.base"} <= set(data)
    for entry in data.values():
        assert entry["label"] and "value" in entry


def test_after_the_2025_restructuring_the_new_committees_add_up(demo_db):
    before = indicators(demo_db, "DBK", "2025-02-09", "members.total", "orgs.base")
    new_codes = ["DCQD", "DUBND", "DBP-01", "DBP-02", "DBP-03"]
    moved = [
        indicators(demo_db, code, "2025-02-10", "members.total", "orgs.base") for code in new_codes
    ]
    assert sum(m["members.total"] for m in moved) == before["members.total"]
    assert sum(m["orgs.base"] for m in moved) == before["orgs.base"] == 76
    assert indicators(demo_db, "DBK", "2026-06-30", "members.total")["members.total"] == 0
    # 2021 unchanged by the restructuring that came after it.
    assert indicators(demo_db, "DBK", "2021-09-30", "members.total")["members.total"] == 3407


def test_unknown_scope_is_a_clear_error(demo_db):
    done = run(["indicators", "--scope", "KHONGCO", "--at", "2021-09-30", "--json"], demo_db)
    assert done.returncode == 2
    assert "Không tìm thấy tổ chức" in done.stderr


def test_the_same_seed_builds_the_same_people(demo_db, tmp_path):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    assert run(["demo", "--database", url], url).returncode == 0

    def digest(db_url):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(
                "SELECT p.full_name, p.birth_date, p.citizen_id, e.kind, e.date "
                "FROM members_person p JOIN members_member m ON m.person_id = p.id "
                "JOIN members_membershipevent e ON e.member_id = m.id "
                "ORDER BY p.citizen_id, e.date, e.kind"
            ).fetchall()

    first, second = digest(demo_db), digest(url)
    assert len(first) > 7000
    assert first == second
