"""The activities figures of the seed for 1–9/2021, checked against plain queries of the
demo database (not through the indicators)."""

from __future__ import annotations

import json
import sqlite3

from test_demo_cli import run

KEYS = (
    "meetings.expected",
    "meetings.held",
    "meetings.thematic_expected",
    "meetings.thematic_held",
    "meetings.cells_missed",
    "meetings.attendance_rate",
    "commitments.registered_rate",
    "residence.comments_rate",
)
VALID = "valid_from <= :d AND (valid_to IS NULL OR valid_to > :d)"


def valid(alias: str) -> str:
    return f"{alias}.valid_from <= :d AND ({alias}.valid_to IS NULL OR {alias}.valid_to > :d)"


def _db(url: str) -> sqlite3.Connection:
    return sqlite3.connect(url.removeprefix("sqlite:///"))


def _cells(db: sqlite3.Connection, first: str, last: str) -> set[int]:
    (scope,) = db.execute(
        f"SELECT path FROM orgs_orgversion WHERE code = 'DBK' AND {VALID}", {"d": first}
    ).fetchone()
    rows = db.execute(
        f"SELECT v.org_id FROM orgs_orgversion v JOIN orgs_organization o ON o.id = v.org_id "
        f"WHERE {valid('v')} AND v.path LIKE :p "
        "AND v.kind IN ('base_cell', 'sub_cell') AND o.founded_on <= :d "
        "AND (o.dissolved_on IS NULL OR o.dissolved_on > :last)",
        {"d": first, "p": scope + "%", "last": last},
    )
    return {r[0] for r in rows}


def test_the_cli_gives_the_activities_figures_of_1_to_9_2021(demo_db):
    args = ["indicators", "--scope", "DBK", "--period", "2021-01-01..2021-09-30", "--json"]
    for key in KEYS:
        args += ["--key", key]
    done = run(args, demo_db)
    assert done.returncode == 0, done.stderr
    values = {k: v["value"] for k, v in json.loads(done.stdout).items()}
    db = _db(demo_db)
    ends = ["31", "28", "31", "30", "31", "30", "31", "31", "30"]
    expected = held = 0
    missed: set[int] = set()
    for month in range(1, 10):
        first, last = f"2021-{month:02d}-01", f"2021-{month:02d}-{ends[month - 1]}"
        cells = _cells(db, first, last)
        met = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT org_id FROM activities_meeting WHERE status = 'held' AND "
                "kind IN ('regular', 'combined') AND held_on BETWEEN ? AND ?",
                (first, last),
            )
        }
        expected += len(cells)
        held += len(cells & met)
        missed |= cells - met
    assert values["meetings.expected"] == expected > 2000
    assert values["meetings.held"] == held
    assert 0.96 < held / expected < 1
    assert values["meetings.cells_missed"] == len(missed) > 0
    thematic_expected = thematic_held = 0
    for q in range(3):
        first = f"2021-{3 * q + 1:02d}-01"
        last = f"2021-{3 * q + 3:02d}-{ends[3 * q + 2]}"
        cells = _cells(db, first, last)
        met = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT org_id FROM activities_meeting WHERE status = 'held' AND "
                "kind IN ('thematic', 'combined') AND held_on BETWEEN ? AND ?",
                (first, last),
            )
        }
        thematic_expected += len(cells)
        thematic_held += len(cells & met)
    assert values["meetings.thematic_expected"] == thematic_expected
    assert values["meetings.thematic_held"] == thematic_held
    assert 90 <= values["meetings.attendance_rate"] <= 97
    end = {"d": "2021-09-30"}
    (scope,) = db.execute(
        f"SELECT path FROM orgs_orgversion WHERE code = 'DBK' AND {VALID}", end
    ).fetchone()
    members = {
        r[0]
        for r in db.execute(
            f"SELECT p.member_id FROM members_memberperiod p WHERE {valid('p')} "
            f"AND p.org_id IN (SELECT org_id FROM orgs_orgversion WHERE {VALID} AND path LIKE :p)",
            {**end, "p": scope + "%"},
        )
    }
    registered = {
        r[0]
        for r in db.execute(
            "SELECT member_id FROM activities_commitment WHERE year = 2021 AND "
            "registered_on <= '2021-09-30'"
        )
    } & members
    assert values["commitments.registered_rate"] == round(100 * len(registered) / len(members), 2)
    working = {
        r[0]
        for r in db.execute(
            "SELECT p.member_id FROM members_memberperiod p "
            "JOIN members_member m ON m.id = p.member_id "
            "JOIN members_person s ON s.id = m.person_id WHERE p.is_exempted = 0 AND "
            f"s.occupation != 'retired' AND {valid('p')} AND p.org_id IN "
            f"(SELECT org_id FROM orgs_orgversion WHERE {VALID} AND path LIKE :p)",
            {**end, "p": scope + "%"},
        )
    }
    satisfied = {
        r[0]
        for r in db.execute(
            "SELECT member_id FROM rating_residencecomment WHERE year = 2021 AND "
            "(received_on IS NOT NULL OR exempt = 1)"
        )
    } & working
    assert values["residence.comments_rate"] == round(100 * len(satisfied) / len(working), 2)
