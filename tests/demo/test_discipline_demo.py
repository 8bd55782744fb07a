"""The discipline figures of the seed, computed from the demo's records by the CLI, and the
demo's cases checked against the app's rules and the ratings they cap."""

from __future__ import annotations

import json
import sqlite3

from test_demo_cli import indicators, run


def test_the_cli_gives_the_seed_discipline_figures_for_1_to_9_2021(demo_db):
    args = ["indicators", "--scope", "DBK", "--period", "2021-01-01..2021-09-30", "--json"]
    done = run(args, demo_db)
    assert done.returncode == 0, done.stderr
    values = {k: v["value"] for k, v in json.loads(done.stdout).items()}
    assert values["discipline.total"] == 25
    assert values["discipline.by_superior"] == 1
    assert values["discipline.by_base"] == 24
    assert values["discipline.reprimand"] == 22
    assert values["discipline.warning"] == 3
    assert values["discipline.members"] == 25 and values["discipline.orgs"] == 0
    assert values["discipline.expulsion"] == 0
    assert values["discipline.by_form"] == {"Khiển trách": 22, "Cảnh cáo": 3}
    assert sum(values["discipline.by_body"].values()) == 25
    assert values["discipline.by_body"]["Ủy ban Kiểm tra – cấp trên cơ sở"] == 1
    # The expulsions after the seed period did not move the members of 30/09/2021.
    assert indicators(demo_db, "DBK", "2021-09-30", "members.total")["members.total"] == 3407


def _db(url: str) -> sqlite3.Connection:
    return sqlite3.connect(url.removeprefix("sqlite:///"))


def test_demo_cases_cap_the_ratings_and_expulsions_end_membership(demo_db):
    con = _db(demo_db)
    # Every disciplined member's rating of that year is "không hoàn thành nhiệm vụ" (the
    # cap of 132/124/366), decided or proposed, and the entry's facts name the decision.
    rows = con.execute(
        """select c.decision_number, r.disciplined, r.discipline_decision,
                  coalesce(nullif(r.decided_grade, ''), r.proposed_grade)
           from discipline_disciplinecase c
           join rating_memberrating r on r.member_id = c.member_id
                and r.year = cast(strftime('%Y', c.decision_date) as integer)
           where c.kind = 'decision' and c.status = 'in_force'"""
    ).fetchall()
    assert len(rows) >= 25
    for number, disciplined, decision, grade in rows:
        assert disciplined == 1 and decision == number and grade == "not_completed"
    expelled = con.execute(
        """select c.decision_date, e.kind, e.date, m.status, c.votes_for, c.full_members
           from discipline_disciplinecase c
           join members_membershipevent e on e.id = c.membership_event_id
           join members_member m on m.id = c.member_id
           where c.form = 'expulsion'"""
    ).fetchall()
    assert len(expelled) == 2
    for decided, kind, day, status, votes, total in expelled:
        assert decided > "2021-09-30" and kind == "expelled" and day == decided
        assert status == "left" and 3 * votes >= 2 * total
    late = con.execute(
        "select count(*), sum(notice_late) from discipline_disciplinecase where kind='information'"
    ).fetchone()
    assert late == (2, 1)
