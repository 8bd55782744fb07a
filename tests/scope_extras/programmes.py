"""The programmes pages in the scope walk: documents (with a link and a file), a programme,
a target with a hand value, a work programme with an item, and host units' figures on both
sides; B's texts carry the marker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from dangbo.programmes import services
from dangbo.programmes.models import (
    Document,
    DocumentLink,
    Programme,
    Target,
    TargetManualValue,
    UnitFigures,
    WorkItem,
    WorkProgramme,
)

SEGMENT_KINDS = {
    "van-ban": "document",
    "lien-ket": "document_link",
    "the-thuc": "org",
    "chuong-trinh": "programme",
    "chi-tieu": "target",
    "cong-tac-nam": "work_programme",
    "dau-viec": "work_item",
    "so-lieu-don-vi": "unit_figures",
}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        received = services.document_receive(
            org=base, reference="Nghị quyết số 58-NQ/TW, ngày 5/8/2020",
            issuer_name=f"Bộ Chính trị {text}", subject=f"Phát triển tỉnh {text}",
        )  # fmt: skip
        issued = services.document_issue(
            org=base, doc_type="CTr", issued_on=dt.date(2020, 12, 28),
            subject=f"Chương trình hành động {text}",
        )  # fmt: skip
        link = services.document_link(source=issued, target=received, kind="implements")
        programme = services.programme_save(
            org=base, title=f"Chương trình hành động {text}", issued_on=dt.date(2020, 12, 28),
            year_from=2020, year_to=2025, documents=[received], issued_as=issued,
        )  # fmt: skip
        target = services.target_save(
            org=base, programme=programme, label=f"Chỉ tiêu nhập tay {text}",
            comparison="at_least", value=Decimal(3), period_kind="year",
            period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
        )  # fmt: skip
        services.target_enter_value(target=target, at=dt.date(2021, 6, 30), value=Decimal(1),
                                    note=f"Căn cứ {text}")  # fmt: skip
        measured = services.target_save(
            org=base, label=f"Chỉ tiêu kết nạp {text}", comparison="at_least",
            value=Decimal(5), indicator_key="admission.admitted", period_kind="year",
            period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
        )  # fmt: skip
        wp = services.work_programme_save(org=base, year=2021, title=f"Công tác năm {text}")
        item = services.work_item_save(
            programme=wp, title=f"Hội nghị {text}", owner=f"Văn phòng {text}",
            due_on=dt.date(2021, 3, 1),
        )  # fmt: skip
        figures = services.unit_figures_save(
            org=base, period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 9, 30),
            revenue=Decimal("1234.5"), workers=77, avg_income=Decimal(9), profit=Decimal(5),
        )  # fmt: skip
        ids[side] = {
            "document": [received.pk, issued.pk], "document_link": [link.pk],
            "programme": [programme.pk], "target": [target.pk, measured.pk],
            "work_programme": [wp.pk], "work_item": [item.pk], "unit_figures": [figures.pk],
        }  # fmt: skip
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path

    def rows(model: Any, field: str) -> list[Any]:
        return list(
            model.objects.filter(**{f"{field}__startswith": path}).order_by("pk").values_list()
        )

    return [
        rows(Document, "org__path"), rows(DocumentLink, "source__org__path"),
        rows(Programme, "org__path"), rows(Target, "org__path"),
        rows(TargetManualValue, "target__org__path"), rows(WorkProgramme, "org__path"),
        rows(WorkItem, "programme__org__path"), rows(UnitFigures, "org__path"),
    ]  # fmt: skip
