"""Controlled vocabularies of the member record (Phiếu đảng viên, mẫu 2-HSĐV)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class GeneralEducation(models.TextChoices):
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")


class ProfessionalLevel(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Công nhân kỹ thuật, sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    COLLEGE = "college", _("Cao đẳng")
    BACHELOR = "bachelor", _("Đại học")
    MASTER = "master", _("Thạc sĩ")
    DOCTOR = "doctor", _("Tiến sĩ")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp, cử nhân")


class Occupation(models.TextChoices):
    """The 2021 occupation list shared by Biểu 2 and 3-BTCTW."""

    STATE_OFFICIAL = "state_official", _("Cán bộ, công chức cơ quan nhà nước")
    PARTY_MASS_OFFICIAL = "party_mass_official", _("Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức đơn vị sự nghiệp công lập")
    ENTERPRISE_WORKER = "enterprise_worker", _("Người làm việc trong doanh nghiệp")
    ENTERPRISE_OWNER = "enterprise_owner", _("Chủ doanh nghiệp tư nhân")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    STUDENT = "student", _("Học sinh, sinh viên")
    RETIRED = "retired", _("Nghỉ hưu")
    OTHER = "other", _("Khác")


class Religion(models.TextChoices):
    NONE = "none", _("Không")
    BUDDHISM = "buddhism", _("Phật giáo")
    CATHOLICISM = "catholicism", _("Công giáo")
    PROTESTANTISM = "protestantism", _("Tin Lành")
    CAO_DAI = "cao_dai", _("Cao Đài")
    HOA_HAO = "hoa_hao", _("Phật giáo Hòa Hảo")
    ISLAM = "islam", _("Hồi giáo")
    OTHER = "other", _("Tôn giáo khác")


# The 54 ethnic groups of the official list (code, name); "01" Kinh first.
ETHNICITIES: list[tuple[str, str]] = [
    (f"{i:02d}", name)
    for i, name in enumerate(
        [
            "Kinh",
            "Tày",
            "Thái",
            "Hoa",
            "Khơ-me",
            "Mường",
            "Nùng",
            "HMông",
            "Dao",
            "Gia-rai",
            "Ngái",
            "Ê-đê",
            "Ba-na",
            "Xơ-Đăng",
            "Sán Chay",
            "Cơ-ho",
            "Chăm",
            "Sán Dìu",
            "Hrê",
            "Mnông",
            "Ra-glai",
            "Xtiêng",
            "Bru-Vân Kiều",
            "Thổ",
            "Giáy",
            "Cơ-tu",
            "Gié-Triêng",
            "Mạ",
            "Khơ-mú",
            "Co",
            "Tà-ôi",
            "Chơ-ro",
            "Kháng",
            "Xinh-mun",
            "Hà Nhì",
            "Chu-ru",
            "Lào",
            "La Chí",
            "La Ha",
            "Phù Lá",
            "La Hủ",
            "Lự",
            "Lô Lô",
            "Chứt",
            "Mảng",
            "Pà Thẻn",
            "Cơ Lao",
            "Cống",
            "Bố Y",
            "Si La",
            "Pu Péo",
            "Brâu",
            "Ơ-đu",
            "Rơ-măm",
        ],
        start=1,
    )
]


class EventKind(models.TextChoices):
    ADMITTED = "admitted", _("Kết nạp")
    RECOGNIZED = "recognized", _("Công nhận đảng viên chính thức")
    NOT_RECOGNIZED = "not_recognized", _("Không công nhận đảng viên chính thức")
    TRANSFERRED = "transferred", _("Chuyển sinh hoạt trong Đảng bộ")
    TRANSFERRED_IN = "transferred_in", _("Chuyển sinh hoạt đến")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển sinh hoạt đi")
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    EXEMPTION_ENDED = "exemption_ended", _("Thôi miễn sinh hoạt đảng")
    STRUCK_OFF = "struck_off", _("Xóa tên")
    RESIGNED = "resigned", _("Xin ra khỏi Đảng")
    EXPELLED = "expelled", _("Khai trừ")
    DECEASED = "deceased", _("Từ trần")
    REINSTATED = "reinstated", _("Phục hồi đảng tịch")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Đảng viên dự bị")
    FULL = "full", _("Đảng viên chính thức")
    LEFT = "left", _("Đã ra khỏi danh sách")
