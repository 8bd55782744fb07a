"""The studies figures of the seed, computed from the demo's records by the CLI."""

from __future__ import annotations

import json

from test_demo_cli import run


def _values(demo_db, period):
    done = run(["indicators", "--scope", "DBK", "--period", period, "--json"], demo_db)
    assert done.returncode == 0, done.stderr
    return {k: v["value"] for k, v in json.loads(done.stdout).items()}


def test_the_cli_gives_the_seed_figures_for_1_to_9_2021(demo_db):
    values = _values(demo_db, "2021-01-01..2021-09-30")
    assert values["training.classes"] == 2
    assert values["training.learners"] == 145
    assert values["training.by_kind"] == {"Lý luận chính trị": 2}
    assert values["contest.prizes"] == 17
    assert values["contest.prizes_by_rank"] == {
        "Giải Nhất": 1, "Giải Nhì": 2, "Giải Ba": 3, "Giải Khuyến khích": 11,
    }  # fmt: skip


def test_the_2023_conference_has_21_points_and_nearly_2300_attendees(demo_db):
    """The conference alone gives 21 and about 2.300 (read from its own records); the year's
    figures add the other sessions, computed from their records too."""
    import sqlite3

    path = demo_db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        (session_id,) = db.execute(
            "SELECT id FROM studies_studysession WHERE kind = 'online_conference' "
            "AND held_on LIKE '2023-%'"
        ).fetchone()
        points, non_members = db.execute(
            "SELECT COUNT(*), SUM(non_members_present) FROM studies_bridgepoint "
            "WHERE session_id = ?", (session_id,),
        ).fetchone()  # fmt: skip
        (present,) = db.execute(
            "SELECT COUNT(*) FROM studies_sessionattendance WHERE session_id = ?", (session_id,)
        ).fetchone()
        all_points, all_non_members = db.execute(
            "SELECT COUNT(*), SUM(p.non_members_present) FROM studies_bridgepoint p "
            "JOIN studies_studysession s ON s.id = p.session_id WHERE s.held_on LIKE '2023-%'"
        ).fetchone()
        (all_present,) = db.execute(
            "SELECT COUNT(*) FROM studies_sessionattendance a JOIN studies_studysession s "
            "ON s.id = a.session_id WHERE s.held_on LIKE '2023-%'"
        ).fetchone()
        (expected,) = db.execute(
            "SELECT SUM(p.members_expected) FROM studies_bridgepoint p JOIN "
            "studies_studysession s ON s.id = p.session_id WHERE s.held_on LIKE '2023-%'"
        ).fetchone()
    assert points == 21
    assert 2200 <= present + non_members < 2300
    values = _values(demo_db, "2023-01-01..2023-12-31")
    assert values["study.bridge_points"] == all_points >= 21
    assert values["study.attendees"] == all_present + all_non_members
    assert values["study.participation_rate"] == round(100 * all_present / expected, 2) > 95
