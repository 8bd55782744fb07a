"""Work and training history for the demo people, so profiles read like real records."""

from __future__ import annotations

import datetime as dt
import random

from dangbo.demo.people import random_date
from dangbo.members.models import Member, TrainingHistory, WorkHistory
from dangbo.members.rules import add_months

POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Kỹ sư",
             "Kế toán viên", "Bác sĩ", "Giảng viên", "Công nhân kỹ thuật", "Nhân viên"]  # fmt: skip
SCHOOLS = [
    ("Trường Đại học Hồng Đức", "Kinh tế"),
    ("Trường Đại học Kinh tế Quốc dân", "Kế toán"),
    ("Trường Đại học Bách khoa Hà Nội", "Kỹ thuật điện"),
    ("Trường Đại học Y Hà Nội", "Y đa khoa"),
    ("Học viện Hành chính Quốc gia", "Quản lý nhà nước"),
    ("Trường Đại học Luật Hà Nội", "Luật"),
]


def build_careers(rng: random.Random, today: dt.date) -> int:
    """One training and one or two work periods per member, before and around admission."""
    work, training = [], []
    members = Member.objects.select_related("person", "cell").order_by("pk").iterator(2000)
    for member in members:
        person = member.person
        start = add_months(person.birth_date, 12 * 22 + rng.randint(0, 30))
        if start >= today:
            continue
        school, subject = rng.choice(SCHOOLS)
        training.append(
            TrainingHistory(person=person, starts_on=add_months(start, -48), ends_on=start,
                            school=school, subject=subject, degree="Cử nhân, kỹ sư")
        )  # fmt: skip
        unit = member.cell.host_unit_name if member.cell else "Cơ quan trong tỉnh"
        promoted = random_date(rng, add_months(start, 60), add_months(start, 180))
        if promoted < today and rng.random() < 0.4:
            work.append(WorkHistory(person=person, starts_on=start, ends_on=promoted,
                                    position=rng.choice(POSITIONS[:2]), unit=unit))  # fmt: skip
            work.append(WorkHistory(person=person, starts_on=promoted,
                                    position=rng.choice(POSITIONS[2:4]), unit=unit))  # fmt: skip
        else:
            work.append(WorkHistory(person=person, starts_on=start,
                                    position=rng.choice(POSITIONS), unit=unit))  # fmt: skip
    WorkHistory.objects.bulk_create(work, batch_size=5000)
    TrainingHistory.objects.bulk_create(training, batch_size=5000)
    return len(work)
