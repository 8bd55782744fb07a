"""Fixtures of the studies tests: users on an organization, a session with a point."""

from __future__ import annotations

import pytest
from studies_days import DAY

from dangbo.studies import services
from dangbo.studies.models import SessionKind


@pytest.fixture
def session(tree):
    return services.session_save(
        org=tree["bloc"], kind=SessionKind.ONLINE_CONFERENCE, held_on=DAY, theme_year=2023,
        title="Hội nghị trực tuyến học tập Chuyên đề năm 2023",
        subject="Chuyên đề năm 2023 về xây dựng văn hóa công vụ",
        document_number="Kết luận số 01-KL/TW",
    )  # fmt: skip


@pytest.fixture
def staffed(tree, make_member):
    """Four members of the base committee's first cell, two of its second."""
    return {
        "a": [make_member(tree["cell_a"], name=f"Nguyễn Văn Ân {i}") for i in range(4)],
        "b": [make_member(tree["cell_b"], name=f"Trần Thị Bình {i}") for i in range(2)],
    }
