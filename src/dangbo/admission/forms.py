"""Forms of admission work; the rules are checked by the services, whose messages are put
next to the field they name."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.admission.models import (
    AdmissionStep,
    CaseStatus,
    ConclusionResult,
    ExitReason,
    Introducer,
    PoliticalStandardConclusion,
    Purpose,
    Source,
    Stage,
)
from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.core.text import format_date
from dangbo.members.choices import Gender
from dangbo.members.forms import StyledForm
from dangbo.members.models import Member, Person
from dangbo.orgs.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True,
        empty_label="Tất cả tổ chức trong phạm vi",
    )  # fmt: skip
    stage = forms.ChoiceField(
        label="Bước", required=False, choices=[("", "Tất cả các bước"), *Stage.choices]
    )
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *CaseStatus.choices]
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.fields["q"].widget.attrs.update({"placeholder": "Họ tên (không cần dấu)"})
        self.style()


class CaseCreateForm(StyledForm, forms.Form):
    """A new candidate: the person (new, or a former member for re-admission) and the case."""

    full_name = forms.CharField(label="Họ và tên", max_length=128)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = forms.DateField(label="Ngày sinh", widget=DATE)
    citizen_id = forms.CharField(label="Số căn cước", max_length=12, required=False)
    cell = OrgPickerField(label="Chi bộ")
    identified_on = forms.DateField(label="Ngày chi bộ tạo nguồn, phân công giúp đỡ", widget=DATE)
    source = forms.ChoiceField(label="Nguồn giới thiệu", choices=Source.choices)
    is_readmission = forms.BooleanField(label="Kết nạp lại (đã từng là đảng viên)", required=False)
    exit_reason = forms.ChoiceField(
        label="Lý do ra khỏi Đảng trước đây", required=False,
        choices=[("", "–"), *ExitReason.choices],
    )  # fmt: skip
    over_age_approval = forms.CharField(
        label="Văn bản đồng ý kết nạp người trên 60 tuổi", required=False, max_length=128
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(OrgPickerField, self.fields["cell"])
        only = list(cells[:2])
        if len(only) == 1:  # a cell secretary has one cell: chosen already
            field.empty_label = None
            field.initial = only[0].pk
        field.setup(cells, action=Action.CHANGE)
        self.style()

    def person_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("full_name", "gender", "birth_date", "citizen_id")}

    def case_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = ("cell", "identified_on", "source", "is_readmission", "exit_reason")
        return {k: data[k] for k in (*keys, "over_age_approval", "note")}


# The fields each step asks for, beyond its date.
STEP_FORM_FIELDS: dict[str, tuple[str, ...]] = {
    Stage.TRAINED: ("certificate_number", "body"),
    Stage.APPLIED: ("note",),
    Stage.INTRODUCED: ("document_number", "note"),
    Stage.VERIFIED: ("body", "note"),
    Stage.CONCLUDED: ("conclusion", "document_number", "body"),
    Stage.CELL_RESOLUTION: ("document_number", "votes_for", "votes_total", "note"),
    Stage.HIGHER_RESOLUTION: ("document_number", "body", "note"),
    Stage.DECISION: ("document_number", "deciding_org", "late_reason"),
    Stage.CEREMONY: ("body", "late_reason", "note"),
    Stage.RECOGNITION_RESOLUTION: ("document_number", "votes_for", "votes_total", "late_reason"),
    Stage.RECOGNITION: ("document_number", "deciding_org", "late_reason"),
    Stage.NOT_RECOGNIZED: ("document_number", "deciding_org", "late_reason", "note"),
    Stage.WITHDRAWN: ("note",),
}
HELP = {
    "votes_total": "Để trống: hệ thống tính số đảng viên chính thức của chi bộ vào ngày họp.",
    "late_reason": "Chỉ cần khi quá thời hạn: số văn bản gia hạn hoặc đồng ý của cấp trên.",
    "certificate_number": "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (CN-NTVĐ).",
}


def learner_initial(learner: Any) -> dict[str, Any]:
    """The trained step's values read from an awareness-class learner (studies.Learner)."""
    klass = learner.training_class
    return {
        "learner": learner.pk,
        "certificate_number": learner.certificate_number,
        "date": learner.certificate_date,
        "body": klass.organizer or klass.title,
    }


class StepForm(StyledForm, forms.ModelForm):
    class Meta:
        model = AdmissionStep
        fields = ("date", *sorted({f for fs in STEP_FORM_FIELDS.values() for f in fs}))
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self,
        *args: Any,
        kind: str,
        deciding_orgs: QuerySet[Organization],
        conclusions: QuerySet[PoliticalStandardConclusion],
        learners: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        keep = {"date", *STEP_FORM_FIELDS.get(kind, ()), "learner"}
        if kind == Stage.TRAINED and learners is not None and learners.exists():
            # The awareness-class certificates recorded in the studies app (a learner of
            # such a class): choosing one fills the certificate, its date and the class.
            self.fields["learner"] = forms.ModelChoiceField(
                label="Giấy chứng nhận từ lớp bồi dưỡng nhận thức về Đảng", queryset=learners,
                required=False, empty_label="– Nhập tay –",
            )  # fmt: skip
            self.fields["learner"].label_from_instance = lambda x: (  # type: ignore[attr-defined]
                f"Số {x.certificate_number} ngày {format_date(x.certificate_date)} – "
                f"{x.training_class.title}"
            )
            self.fields["date"].required = False
            if not self.is_bound and learners.count() == 1:
                only = learners.get()
                self.initial.update(learner_initial(only))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "deciding_org" in self.fields:
            field = cast(forms.ModelChoiceField, self.fields["deciding_org"])
            field.queryset = deciding_orgs
            field.required = True
        if "conclusion" in self.fields:
            field = cast(forms.ModelChoiceField, self.fields["conclusion"])
            field.queryset = conclusions
            # A cell without the right to read conclusions records the step by its number.
            field.required = conclusions.exists()
        for name, text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        learner = data.get("learner")
        if learner is not None:
            typed = (data.get("certificate_number") or "").strip()
            if typed and typed != learner.certificate_number:
                self.add_error(
                    "certificate_number",
                    f"Khác số giấy chứng nhận của lớp đã chọn ({learner.certificate_number}).",
                )
            for name, value in learner_initial(learner).items():
                if name != "learner" and not data.get(name):
                    data[name] = value
        elif "learner" in self.fields and not data.get("date") and "date" not in self.errors:
            self.add_error("date", "Phải nhập ngày hoặc chọn giấy chứng nhận của lớp.")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        values = {k: v for k, v in self.cleaned_data.items() if k not in ("date", "learner")}
        learner = self.cleaned_data.get("learner")
        if learner is not None:
            values["note"] = (
                f"Theo giấy chứng nhận của lớp “{learner.training_class.title}” "
                f"(mã lớp {learner.training_class_id})"
            )
        return values | {"date": self.cleaned_data["date"]}


class IntroducerForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Introducer
        fields = (
            "kind", "member", "union_name", "introduced_on", "worked_with_since",
            "document_number",
        )  # fmt: skip
        widgets = {"introduced_on": DATE, "worked_with_since": DATE}

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = members
        self.style()


class ConclusionForm(StyledForm, VersionedFormMixin, forms.ModelForm):
    org = OrgPickerField(label="Tổ chức đề nghị")

    class Meta:
        model = PoliticalStandardConclusion
        fields = (
            "person", "org", "purpose", "position", "concluded_on", "concluding_body", "result",
            "document_number", "note",
        )  # fmt: skip
        widgets = {"concluded_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self, *args: Any, people: QuerySet[Person], orgs: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.CHANGE)
        self.style()


class ConclusionFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    purpose = forms.ChoiceField(
        label="Mục đích", required=False, choices=[("", "Tất cả"), *Purpose.choices]
    )
    result = forms.ChoiceField(
        label="Kết luận", required=False, choices=[("", "Tất cả"), *ConclusionResult.choices]
    )
    start = forms.DateField(label="Từ ngày", required=False, widget=DATE)
    end = forms.DateField(label="Đến ngày", required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
