"""The demo database built once per session by `dangbo demo`, as a subprocess."""

from pathlib import Path

import pytest
from test_demo_cli import run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("demo")) / "demo.sqlite3"
    url = f"sqlite:///{path}"
    done = run(["demo", "--database", url], url)
    assert done.returncode == 0, done.stderr
    assert "bantochuc" in done.stdout  # the logins are printed
    return url
