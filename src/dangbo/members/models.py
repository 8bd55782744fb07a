"""People, members and their history.

A Person is one record however many times they appear (citizen ID unique). A
Member is the Party record of a person. Membership changes are MembershipEvents;
MemberPeriod rows and the current-state fields on Member are derived from the
events by dangbo.members.history and never edited by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.fields import PathField
from dangbo.core.models import Versioned
from dangbo.members.choices import (
    ETHNICITIES,
    EventKind,
    Gender,
    GeneralEducation,
    MemberStatus,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)

citizen_id_validator = RegexValidator(r"^\d{12}$", _("Số căn cước phải gồm đúng 12 chữ số."))
card_number_validator = RegexValidator(r"^\d{12}$", _("Số thẻ đảng viên phải gồm đúng 12 chữ số."))
background_validator = RegexValidator(r"^\d{10}$", _("Số lý lịch phải gồm đúng 10 chữ số."))


class Person(Versioned):
    full_name = models.CharField(_("họ và tên"), max_length=128)
    other_name = models.CharField(_("tên gọi khác"), max_length=128, blank=True)
    # Folded (no diacritics, lower case, đ→d) for search; kept by services.
    search_name = models.CharField(max_length=128, db_index=True, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    birth_place = models.CharField(_("nơi đăng ký khai sinh"), max_length=255, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    residence = models.CharField(_("nơi thường trú"), max_length=255, blank=True)
    temporary_residence = models.CharField(_("nơi tạm trú"), max_length=255, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ETHNICITIES, default="01")
    religion = models.CharField(
        _("tôn giáo"), max_length=16, choices=Religion.choices, default=Religion.NONE
    )
    occupation = models.CharField(
        _("nghề nghiệp hiện nay"), max_length=32, choices=Occupation.choices, blank=True
    )
    general_education = models.CharField(
        _("giáo dục phổ thông"), max_length=16, choices=GeneralEducation.choices, blank=True
    )
    professional_level = models.CharField(
        _("chuyên môn nghiệp vụ"), max_length=16, choices=ProfessionalLevel.choices, blank=True
    )
    political_theory = models.CharField(
        _("lý luận chính trị"), max_length=16, choices=PoliticalTheory.choices, blank=True
    )
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=64, blank=True)
    it_level = models.CharField(_("tin học"), max_length=64, blank=True)
    citizen_id = models.CharField(
        _("số căn cước"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[citizen_id_validator],
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    youth_union_on = models.DateField(_("ngày vào Đoàn TNCS Hồ Chí Minh"), null=True, blank=True)
    recruited_on = models.DateField(_("ngày được tuyển dụng"), null=True, blank=True)
    family_background = models.CharField(_("thành phần gia đình"), max_length=64, blank=True)
    economic_situation = models.TextField(_("hoàn cảnh kinh tế"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name


class WorkHistory(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="work_history")
    starts_on = models.DateField(_("từ"))
    ends_on = models.DateField(_("đến"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255)
    unit = models.CharField(_("cơ quan, đơn vị"), max_length=255)

    class Meta:
        ordering = ["person", "starts_on"]
        verbose_name = _("quá trình công tác")

    def __str__(self) -> str:
        return f"{self.position}, {self.unit}"


class TrainingHistory(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_history")
    starts_on = models.DateField(_("từ"))
    ends_on = models.DateField(_("đến"), null=True, blank=True)
    school = models.CharField(_("cơ sở đào tạo"), max_length=255)
    subject = models.CharField(_("ngành học"), max_length=255, blank=True)
    degree = models.CharField(_("văn bằng, chứng chỉ"), max_length=128, blank=True)

    class Meta:
        ordering = ["person", "starts_on"]
        verbose_name = _("quá trình đào tạo")

    def __str__(self) -> str:
        return f"{self.school} {self.subject}".strip()


class FamilyRelation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("quan hệ"), max_length=64)
    full_name = models.CharField(_("họ và tên"), max_length=128)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    details = models.CharField(_("nghề nghiệp, nơi ở"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quan hệ gia đình")

    def __str__(self) -> str:
        return f"{self.relation}: {self.full_name}"


class Member(Versioned):
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="member")
    background_number = models.CharField(
        _("số lý lịch"), max_length=10, blank=True, validators=[background_validator]
    )
    card_number = models.CharField(
        _("số thẻ đảng viên"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[card_number_validator],
    )
    introducers = models.CharField(_("người giới thiệu"), max_length=255, blank=True)
    ceremony_on = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)

    # Derived from the events by dangbo.members.history; never set by hand.
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.LEFT
    )
    is_exempted = models.BooleanField(_("miễn công tác và sinh hoạt"), default=False)
    cell = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    # The current cell's path, copied so subtree filters are one prefix match.
    org_path = PathField(max_length=255, blank=True, db_index=True)
    admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    full_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    left_on = models.DateField(_("ngày ra khỏi danh sách"), null=True, blank=True)
    party_age_from = models.DateField(_("tuổi đảng tính từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        indexes = [models.Index(fields=["org_path", "status"])]

    def __str__(self) -> str:
        return self.person.full_name


class PartyCard(models.Model):
    class Reason(models.TextChoices):
        FIRST = "first", _("Phát lần đầu")
        REISSUE_2025 = "reissue_2025", _("Đổi thẻ năm 2025")
        LOST = "lost", _("Cấp lại do mất")
        DAMAGED = "damaged", _("Đổi do hỏng")
        CHANGED = "changed", _("Cấp thẻ số mới")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="cards")
    number = models.CharField(
        _("số thẻ"), max_length=12, unique=True, validators=[card_number_validator]
    )
    issued_on = models.DateField(_("ngày cấp"))
    reason = models.CharField(_("lý do"), max_length=16, choices=Reason.choices)

    class Meta:
        ordering = ["member", "issued_on"]
        verbose_name = _("thẻ đảng viên")

    def __str__(self) -> str:
        return self.number


class MembershipEvent(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices)
    # The day the change takes effect; counts "as of a date" follow it.
    date = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # The cell the member is in after the event (admission, transfers).
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Outside the tree: where a transfer came from or went to.
    external_org = models.CharField(_("đơn vị ngoài"), max_length=255, blank=True)
    # For a transfer in or a reinstatement: probationary or full on arrival.
    status = models.CharField(max_length=16, choices=MemberStatus.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["member", "date", "id"]
        verbose_name = _("sự kiện đảng tịch")
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MemberPeriod(models.Model):
    """A stretch [valid_from, valid_to) in which a member's cell and status held."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=MemberStatus.choices)
    is_exempted = models.BooleanField(default=False)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["org", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status} {self.valid_from}–{self.valid_to or '…'}"
