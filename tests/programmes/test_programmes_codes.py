"""parse_reference reads document references as people write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.programmes.codes import parse_reference
from dangbo.programmes.models import DocType, code_abbr

CASES = [
    ("Nghị quyết số 05-NQ/ĐUK, ngày 18/8/2021", "NQ", 5, "05-NQ/ĐUK", "ĐUK", dt.date(2021, 8, 18)),
    ("NQ 05 - NQ/ĐUK ngày 18-8-2021", "NQ", 5, "05-NQ/ĐUK", "ĐUK", dt.date(2021, 8, 18)),
    ("số 58-NQ/TW", "NQ", 58, "58-NQ/TW", "TW", None),
    ("01-KL/TW", "KL", 1, "01-KL/TW", "TW", None),
    ("Kết luận 01-KL/TW ngày 18/5/2021", "KL", 1, "01-KL/TW", "TW", dt.date(2021, 5, 18)),
    ("kết luận số 01 - kl/tw, ngày 18/05/2021", "KL", 1, "01-KL/TW", "TW", dt.date(2021, 5, 18)),
    ("nghị quyết 02-nq/đuk ngày 26/4/2021", "NQ", 2, "02-NQ/ĐUK", "ĐUK", dt.date(2021, 4, 26)),
    ("Quy định số 69-QĐ/TW, ngày 06/7/2022", "QĐi", 69, "69-QĐ/TW", "TW", dt.date(2022, 7, 6)),
    ("Quyết định số 15-QĐ/ĐUK ngày 1.2.2021", "QĐ", 15, "15-QĐ/ĐUK", "ĐUK", dt.date(2021, 2, 1)),
    ("Hướng dẫn 12-HD/BTCTW, ngày 06/7/2018", "HD", 12, "12-HD/BTCTW", "BTCTW",
     dt.date(2018, 7, 6)),
    ("Chương trình số 12-CTr/ĐUK", "CTr", 12, "12-CTr/ĐUK", "ĐUK", None),
    ("Công văn số 245-CV/ĐUK ngày 03 tháng 3 năm 2022", "CV", 245, "245-CV/ĐUK", "ĐUK",
     dt.date(2022, 3, 3)),
    ("công văn số 245/CV-ĐUK", "CV", 245, "245-CV/ĐUK", "ĐUK", None),
    ("Chỉ thị số 05-CT/TW, ngày 15/5/2016", "CT", 5, "05-CT/TW", "TW", dt.date(2016, 5, 15)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "doc_type", "number", "code", "issuer", "on"), CASES)
def test_references_as_written(text, doc_type, number, code, issuer, on):
    ref = parse_reference(text)
    assert (ref.doc_type, ref.number, ref.code, ref.issuer, ref.issued_on) == (
        doc_type, number, code, issuer, on,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Chưa nhập"),
        ("Nghị quyết Đại hội Đảng bộ Khối", "Không đọc được"),
        ("05-XYZ/ĐUK", "Không rõ loại văn bản “XYZ”"),
        ("Nghị quyết số 05-NQ/ĐUK ngày 31/2/2021", "không có thật"),
    ],
)
def test_bad_references_say_why_in_vietnamese(text, words):
    with pytest.raises(ValueError, match=words):
        parse_reference(text)


TYPES = [t for t in DocType if t != DocType.REGULATION]


@given(
    doc_type=st.sampled_from(TYPES),
    number=st.integers(min_value=1, max_value=9999),
    body=st.sampled_from(["TW", "ĐUK", "ĐU", "BTCTW", "TU", "CB"]),
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    lower=st.booleans(),
    so=st.booleans(),
    spaces=st.booleans(),
    sep=st.sampled_from(["/", "-", ".", "\u2013"]),
    dash=st.sampled_from(["-", "\u2013", "\u2014", "\u2011"]),
)
def test_any_written_form_round_trips(doc_type, number, body, day, lower, so, spaces, sep, dash):
    dash = f" {dash} " if spaces else dash
    text = f"{doc_type.label}{' số' if so else ''} {number}{dash}{code_abbr(doc_type)}/{body}"
    text += f", ngày {day.day}{sep}{day.month}{sep}{day.year}"
    if lower:
        text = text.lower()
    ref = parse_reference(text)
    assert ref.doc_type == doc_type
    assert ref.number == number
    assert ref.code == f"{number}-{code_abbr(doc_type)}/{body}"
    assert ref.issued_on == day
