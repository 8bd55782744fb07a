"""Reading a Party document reference as people write it.

"Nghị quyết số 05-NQ/ĐUK, ngày 18/8/2021", "NQ 05 - NQ/ĐUK ngày 18-8-2021", "số 58-NQ/TW",
"01-KL/TW", "kết luận 01-kl/tw ngày 18/5/2021" all give their number, type, issuing body and
date. The Party writes "<số>-<loại>/<cơ quan>" (HD 36-HD/VPTW); the state style
"<số>/<loại>-<cơ quan>" (often seen for công văn) is read too and written back the Party way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dangbo.core.text import fold
from dangbo.programmes.models import DocType, code_abbr

# Upper-cased abbreviation as written -> DocType.
_ABBREVIATIONS = {code_abbr(t).upper(): DocType(t) for t in DocType if t != DocType.REGULATION}
_ABBREVIATIONS["QĐI"] = DocType.REGULATION  # "07-QĐi/TW": some write the quy định apart

# Folded type names written before the code -> DocType (longest first when matching).
_NAMES = {
    "nghi quyet": DocType.RESOLUTION, "chi thi": DocType.DIRECTIVE, "ket luan": DocType.CONCLUSION,
    "quyet dinh": DocType.DECISION, "quy dinh": DocType.REGULATION, "quy che": DocType.RULES,
    "huong dan": DocType.GUIDANCE, "chuong trinh": DocType.PROGRAMME, "ke hoach": DocType.PLAN,
    "bao cao": DocType.REPORT, "thong bao": DocType.NOTICE, "cong van": DocType.OFFICIAL_LETTER,
    "to trinh": DocType.SUBMISSION, "bien ban": DocType.MINUTES, "de an": DocType.PROJECT,
    "giay moi": DocType.INVITATION, "thong tri": DocType.CIRCULAR,
}  # fmt: skip

# A dash as typed or pasted: hyphen-minus, en dash, em dash, non-breaking hyphen.
_DASH = "[-\u2013\u2014\u2011]"
_BODY = rf"[A-ZĐ][A-ZĐ0-9]*(?:{_DASH}[A-ZĐ0-9]+)*"
_PARTY = re.compile(
    rf"(?P<num>\d{{1,5}})\s*{_DASH}\s*(?P<type>[A-ZĐ]{{1,4}})\s*/\s*(?P<body>{_BODY})"
)
_STATE = re.compile(
    rf"(?P<num>\d{{1,5}})\s*/\s*(?P<type>[A-ZĐ]{{1,4}})\s*{_DASH}\s*(?P<body>{_BODY})"
)
_DATE = re.compile(rf"(\d{{1,2}})\s*(?:{_DASH}|[/.])\s*(\d{{1,2}})\s*(?:{_DASH}|[/.])\s*(\d{{4}})")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")

EXAMPLE = "“Nghị quyết số 05-NQ/ĐUK, ngày 18/8/2021”"


@dataclass(frozen=True)
class Reference:
    doc_type: str
    number: int
    code: str
    issuer: str
    issued_on: dt.date | None


def _type_from_words(text: str) -> DocType | None:
    head = fold(text)
    found: tuple[int, DocType] | None = None
    for name, doc_type in _NAMES.items():
        match = re.search(rf"\b{name}\b", head)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), doc_type)
    return found[1] if found else None


def _date(text: str) -> dt.date | None:
    folded = fold(text)
    match = _DATE.search(text) or _DATE_WORDS.search(folded)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày ban hành “{day}/{month}/{year}” không có thật: ghi ngày theo dạng dd/mm/yyyy."
        ) from None


def parse_reference(text: str) -> Reference:
    """The parts of a written document reference; ValueError (in Vietnamese) if no code."""
    raw = " ".join((text or "").split())
    if not raw:
        raise ValueError(f"Chưa nhập số, ký hiệu văn bản (ví dụ {EXAMPLE}).")
    upper = raw.upper()
    match = _PARTY.search(upper)
    if match is None or match.group("type") not in _ABBREVIATIONS:
        state = _STATE.search(upper)
        if state is not None and state.group("type") in _ABBREVIATIONS:
            match = state
    if match is None:
        raise ValueError(
            f"Không đọc được số, ký hiệu văn bản trong “{raw}”: cần có dạng số-loại/cơ quan, "
            f"ví dụ {EXAMPLE}."
        )
    written_type = match.group("type")
    doc_type = _ABBREVIATIONS.get(written_type)
    if doc_type is None:
        raise ValueError(
            f"Không rõ loại văn bản “{written_type}” trong “{raw}” (các ký hiệu hợp lệ: "
            f"{', '.join(sorted({code_abbr(t) for t in DocType} | {'QĐi'}))})."
        )
    if (
        doc_type == DocType.DECISION
        and _type_from_words(raw[: match.start()]) == DocType.REGULATION
    ):
        doc_type = DocType.REGULATION  # "Quy định số 69-QĐ/TW": QĐ is written for both
    digits = match.group("num")
    body = re.sub(_DASH, "-", match.group("body"))
    return Reference(
        doc_type=str(doc_type),
        number=int(digits),
        code=f"{digits}-{code_abbr(doc_type)}/{body}",
        issuer=body,
        issued_on=_date(raw[match.end() :]),
    )
