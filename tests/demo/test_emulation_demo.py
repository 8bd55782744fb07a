"""The emulation figures of the seeds, computed from the demo's records by the CLI.

The keys count every theme; the demo's commendations of 1–9/2021 are the one decision of
the five-year review of Chỉ thị 05-CT/TW, those of 2023 the one of Kết luận 01-KL/TW."""

from __future__ import annotations

import json

from test_demo_cli import run


def _values(db_url, *args):
    done = run(["indicators", "--scope", "DBK", *args, "--json"], db_url)
    assert done.returncode == 0, done.stderr
    return {k: v["value"] for k, v in json.loads(done.stdout).items()}


CT05 = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)"


def test_1_to_9_2021_gives_27_collectives_and_57_individuals(demo_db):
    values = _values(demo_db, "--period", "2021-01-01..2021-09-30")
    assert values["commendation.collectives"] == 27
    assert values["commendation.individuals"] == 57
    assert values["commendation.total"] == 27 + 57
    assert values["commendation.by_theme"] == {CT05: 84}
    assert values["commendation.by_level"] == {"Ban Thường vụ Đảng ủy Khối": 84}


def test_2023_gives_32_collectives_and_50_individuals(demo_db):
    values = _values(demo_db, "--period", "2023-01-01..2023-12-31")
    assert values["commendation.collectives"] == 32
    assert values["commendation.individuals"] == 50
    assert values["commendation.proposals"] == 1  # 3 collectives, 1 individual to the province


def test_by_2024_71_units_run_110_models(demo_db):
    values = _values(demo_db, "--at", "2024-12-31")
    assert values["models.units"] == 71
    assert values["models.count"] == 110
    assert sum(values["models.by_field"].values()) == 110
    assert 0 < values["models.recognized"] < 110
    values = _values(demo_db, "--period", "2024-01-01..2024-12-31")
    assert (values["models.units"], values["models.count"]) == (71, 110)


def test_the_prime_ministers_certificates_for_2016_2021(demo_db):
    values = _values(demo_db, "--period", "2021-10-01..2022-12-31")
    assert values["commendation.by_level"]["Thủ tướng Chính phủ"] == 3  # 2 collectives, 1 person
    assert values["commendation.proposals_approved"] == 2
