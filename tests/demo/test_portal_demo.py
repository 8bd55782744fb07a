"""The demo's portal: published into its own database by `dangbo demo`, its figures those
of the demo's records."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

from test_demo_cli import run


def _portal(db_url: str) -> sqlite3.Connection:
    main = Path(db_url.removeprefix("sqlite:///"))
    return sqlite3.connect(main.with_name(f"{main.stem}_portal.sqlite3"))


def test_the_demo_publishes_a_portal(demo_db):
    with _portal(demo_db) as db:
        articles = db.execute("select count(*) from portal_public_article").fetchone()[0]
        galleries = db.execute("select count(*) from portal_public_gallery").fetchone()[0]
        thumbs = db.execute("select count(*) from portal_public_photo where thumb != ''").fetchone()
        days = db.execute("select count(*), sum(visitors) from portal_public_visitday").fetchone()
        links = db.execute("select count(*) from portal_public_linkedsite").fetchone()[0]
        pending = db.execute(
            "select count(*) from portal_public_feedback where status = 'pending'"
        ).fetchone()[0]
    main = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    with main:
        published = main.execute(
            "select count(*) from portal_article where state = 'published' and secrecy = ''"
        ).fetchone()[0]
        unpublished = main.execute(
            "select count(*) from portal_article where state != 'published'"
        ).fetchone()[0]
    # Every published article is on the portal, and nothing else is.
    assert articles == published >= 20 and unpublished >= 1
    assert galleries == 6 and thumbs[0] >= 24 and links == 5
    assert days[0] >= 730 and days[1] > 0
    assert pending >= 1  # waiting for moderation, not shown


def test_the_demo_articles_say_what_the_records_say(demo_db):
    with _portal(demo_db) as db:
        titles = [t for (t,) in db.execute("select title from portal_public_article")]
    found = [re.match(r"Năm (\d{4}): (\d+) quần chúng ưu tú", t) for t in titles]
    found = [m for m in found if m]
    assert found
    today = dt.date.today()  # noqa: DTZ011 - the demo's calendar day
    for m in found:
        year, count = int(m[1]), int(m[2])
        end = min(dt.date(year, 12, 31), today)
        args = ["indicators", "--scope", "DBK", "--at", f"{end}", "--period"]
        args += [f"{year}-01-01..{end}", "--key", "admission.admitted", "--json"]
        done = run(args, demo_db)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["admission.admitted"]["value"] == count


def test_the_demo_keeps_drafts_in_the_back_office(demo_db, tmp_path):
    file = tmp_path / "goi.json"
    done = run(["portal", "export-bundle", str(file)], demo_db)
    assert done.returncode == 0, done.stderr
    data = json.loads(file.read_text(encoding="utf-8"))
    titles = {i["data"]["title"] for i in data["items"] if i["type"] == "article"}
    assert "Hội nghị cán bộ, công chức năm mới" not in titles  # in review, not published
    with _portal(demo_db) as db:
        published = {t for (t,) in db.execute("select title from portal_public_article")}
    assert titles == published
