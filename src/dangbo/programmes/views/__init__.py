"""Pages of Văn bản, chương trình hành động: thin views over programmes.selectors and
services."""

from dangbo.programmes.views.documents import (
    document_detail,
    document_edit,
    document_export,
    document_file,
    document_issue,
    document_link,
    document_list,
    document_receive,
    document_unlink,
    issuer_profile,
)
from dangbo.programmes.views.programmes import (
    programme_create,
    programme_detail,
    programme_edit,
    programme_export,
    programme_list,
    target_create,
    target_detail,
    target_edit,
    target_export,
    target_list,
)
from dangbo.programmes.views.units import (
    unit_figures,
    unit_figures_create,
    unit_figures_edit,
    unit_figures_export,
    unit_figures_import,
    unit_figures_template,
)
from dangbo.programmes.views.workplan import (
    work_item_create,
    work_item_edit,
    work_item_status,
    work_programme_create,
    workplan,
    workplan_export,
)

__all__ = [
    "document_detail", "document_edit", "document_export", "document_file", "document_issue",
    "document_link", "document_list", "document_receive", "document_unlink", "issuer_profile",
    "programme_create", "programme_detail", "programme_edit", "programme_export",
    "programme_list", "target_create", "target_detail", "target_edit", "target_export",
    "target_list", "unit_figures", "unit_figures_create", "unit_figures_edit",
    "unit_figures_export", "unit_figures_import", "unit_figures_template", "work_item_create",
    "work_item_edit", "work_item_status", "work_programme_create", "workplan", "workplan_export",
]  # fmt: skip
