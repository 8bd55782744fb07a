"""Synthetic Vietnamese people: names, dates, identity numbers and levels."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangbo.demo import names
from dangbo.members.choices import (
    Gender,
    GeneralEducation,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from dangbo.orgs.models import Sector

_SURNAMES = [s for s, _ in names.SURNAMES]
_SURNAME_WEIGHTS = [w for _, w in names.SURNAMES]

_OCCUPATION_BY_SECTOR: dict[str, str] = {
    Sector.STATE_AGENCY: Occupation.STATE_OFFICIAL,
    Sector.PARTY_OR_MASS_AGENCY: Occupation.PARTY_MASS_OFFICIAL,
    Sector.PUBLIC_SERVICE_UNIT: Occupation.PUBLIC_EMPLOYEE,
    Sector.STATE_ENTERPRISE: Occupation.ENTERPRISE_WORKER,
    Sector.PRIVATE_ENTERPRISE: Occupation.ENTERPRISE_WORKER,
    Sector.FDI_ENTERPRISE: Occupation.ENTERPRISE_WORKER,
}


class IdentityNumbers:
    """Unique citizen IDs (province code, century/gender digit, year, serial) and cards."""

    def __init__(self, province_code: str = "038") -> None:
        self.province_code = province_code
        self._serials: dict[str, int] = defaultdict(int)
        self._card = 0
        self._background = 0

    def citizen_id(self, gender: str, birth: dt.date) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender == Gender.FEMALE else 0)
        prefix = f"{self.province_code}{digit}{birth.year % 100:02d}"
        self._serials[prefix] += 1
        return f"{prefix}{self._serials[prefix]:06d}"

    def card_number(self) -> str:
        self._card += 1
        return f"{self.province_code[1:]}{self._card:010d}"

    def background_number(self) -> str:
        self._background += 1
        return f"{self.province_code[1:]}{self._background:08d}"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def make_person(
    rng: random.Random,
    ids: IdentityNumbers,
    *,
    birth: dt.date,
    sector: str,
    gender: str | None = None,
) -> dict[str, object]:
    gender = gender or (Gender.FEMALE if rng.random() < 0.44 else Gender.MALE)
    surname = rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]
    if gender == Gender.FEMALE:
        middle, given = rng.choice(names.MIDDLE_FEMALE), rng.choice(names.GIVEN_FEMALE)
    else:
        middle, given = rng.choice(names.MIDDLE_MALE), rng.choice(names.GIVEN_MALE)
    full_name = f"{surname} {middle} {given}"
    home = rng.choice(names.PLACES)
    ethnicity = "01"
    roll = rng.random()
    if roll < 0.025:
        ethnicity = "06"  # Mường
    elif roll < 0.035:
        ethnicity = "03"  # Thái
    elif roll < 0.038:
        ethnicity = rng.choice(["02", "07", "09", "08"])
    religion = Religion.NONE
    if rng.random() < 0.012:
        religion = rng.choice([Religion.CATHOLICISM, Religion.BUDDHISM])
    enterprise = sector in (
        Sector.PRIVATE_ENTERPRISE,
        Sector.FDI_ENTERPRISE,
        Sector.STATE_ENTERPRISE,
    )
    professional = rng.choices(
        list(ProfessionalLevel.values)[1:],
        [8, 10, 8, 60, 13, 1] if enterprise else [1, 3, 3, 62, 30, 1],
    )[0]
    theory = rng.choices(
        [PoliticalTheory.ELEMENTARY, PoliticalTheory.INTERMEDIATE, PoliticalTheory.ADVANCED],
        [70, 22, 8] if enterprise else [45, 40, 15],
    )[0]
    return {
        "full_name": full_name,
        "gender": gender,
        "birth_date": birth,
        "birth_place": home,
        "home_town": home,
        "residence": rng.choice(names.PLACES),
        "ethnicity": ethnicity,
        "religion": religion,
        "occupation": _OCCUPATION_BY_SECTOR.get(sector, Occupation.OTHER),
        "general_education": GeneralEducation.UPPER_SECONDARY,
        "professional_level": professional,
        "political_theory": theory,
        "foreign_language": rng.choice(["Tiếng Anh B1", "Tiếng Anh B", "Tiếng Anh A2", ""]),
        "it_level": rng.choice(["Ứng dụng CNTT cơ bản", "Tin học B", ""]),
        "citizen_id": ids.citizen_id(gender, birth),
        "phone": f"09{rng.randint(10000000, 99999999)}",
    }
