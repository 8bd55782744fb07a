"""A later version of a form added as data (DANGBO_STATFORM_DIRS) is picked for dates on
and after it applies, and not before; the command line uses it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from dangbo.statforms import definitions
from dangbo.statforms.evaluate import Evaluation


@pytest.fixture
def later(tmp_path, settings):
    shipped = json.loads((definitions.SHIPPED / "1" / "2021-12-13.json").read_text("utf-8"))
    shipped["valid_from"] = "2025-07-01"
    shipped["reference"] = "Hướng dẫn thử nghiệm sau sắp xếp đơn vị hành chính 2025"
    # No districts after 1/7/2025: one row for every transfer in.
    shipped["rows"] = [r for r in shipped["rows"] if r["code"] not in ("B.2.a", "B.2.b")]
    folder = tmp_path / "1"
    folder.mkdir()
    (folder / "2025-07-01.json").write_text(json.dumps(shipped, ensure_ascii=False), "utf-8")
    settings.DANGBO_STATFORM_DIRS = str(tmp_path)
    return tmp_path


def test_the_later_version_applies_from_its_date(later):
    assert definitions.pick("1", dt.date(2025, 6, 30)).valid_from == dt.date(2021, 12, 13)
    picked = definitions.pick("1", dt.date(2025, 7, 1))
    assert picked.valid_from == dt.date(2025, 7, 1)
    assert "B.2.a" not in [r.code for r in picked.rows]
    assert definitions.pick("1", dt.date(2025, 12, 31)).source.startswith(str(later))


def test_the_command_picks_it(later, tree):
    from dangbo.commands import app

    runner = CliRunner()
    after = runner.invoke(app, ["statform", "1", "--scope", "K", "--at", "2025-12-31"])
    before = runner.invoke(app, ["statform", "1", "--scope", "K", "--at", "2024-12-31"])
    assert after.exit_code == 0, after.output
    assert "áp dụng từ 01/07/2025" in after.output and "B.2.a" not in after.output
    assert "áp dụng từ 13/12/2021" in before.output and "B.2.a" in before.output


def test_a_broken_definition_is_refused_with_its_file(tmp_path, settings):
    folder = tmp_path / "1"
    folder.mkdir()
    bad = {"number": "1", "code": "1-X", "title": "x", "valid_from": "2030-01-01",
           "columns": [{"code": "2", "label": "Kỳ này"}],
           "rows": [{"code": "A", "label": "x",
                     "filter": {"field": "height", "gt": 1}}]}  # fmt: skip
    (folder / "2030-01-01.json").write_text(json.dumps(bad), "utf-8")
    settings.DANGBO_STATFORM_DIRS = str(tmp_path)
    with pytest.raises(definitions.DefinitionError, match="2030-01-01.json"):
        definitions.pick("1", dt.date(2030, 6, 30))


def test_evaluation_uses_the_version_of_the_date(later, tree):
    evaluation = Evaluation(definitions.pick("1", dt.date(2025, 12, 31)), tree["bloc"],
                            dt.date(2025, 12, 31))  # fmt: skip
    assert evaluation.payload()["valid_from"] == "2025-07-01"
