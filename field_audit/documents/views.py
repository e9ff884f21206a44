"""What each document shows, as plain frozen values: the documents' only input.

Both sides fill these: the app from what it holds on the device, the central store from its
tables (``sync.server.documents``). The renderers (PDF, Word, Excel) read nothing else, so a
field added to the data reaches every document by being mapped here once.

- ``Office``: who issues and signs (the central store's settings); every part may be unset, and
  a document then says so where the part would be.
- ``Member``, ``Role``: a committee member with their role (``ROLE_TH`` has every role).
- ``ReportView``: a committee's report, or one inspector's own report of their sealed audit:
  the visit, the score, the members, each criterion (``CriterionView``: verdicts, ruling,
  recommendations, evidence records), the overall recommendations and the photos.
- ``NoticeView``: the letter to one LAO: certified (``CertificateFacts``) or not (``Unmet``).
- ``AwardList``: a round's certified LAOs (``Award``), for the ceremony.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Literal

from field_audit.domain.evidence_records import WHOM_NAMES
from field_audit.domain.roles import ROLE_NAMES

ROLE_TH = {role.value: name.th for role, name in ROLE_NAMES.items()}
"""Each committee role as a Thai order of appointment names it, in the order it lists them."""

WHOM_TH = {whom.value: name.th for whom, name in WHOM_NAMES.items()}
VerdictWord = Literal["met", "not_met"] | int
"""A verdict as signed: met, not met, or a graded criterion's points."""


class Damaged(Enum):
    """The one value a photo source returns for a copy that fails its hash check."""

    DAMAGED = "damaged"


DAMAGED = Damaged.DAMAGED
PhotoSource = Callable[[str], bytes | Damaged | None]
"""The bytes of a photo by SHA-256 (None when not held here, DAMAGED when its copy is bad)."""


@dataclass(frozen=True)
class Office:
    """The issuing office as its settings name it; an empty part is shown as not set."""

    name_th: str = ""
    address_th: str = ""
    emblem: bytes | None = None  # PNG, JPEG or SVG
    signatory_name: str = ""
    signatory_position: str = ""
    verify_url: str = ""
    letter_prefix: str = ""  # the registry's prefix of "ที่", e.g. "มท ๐๘๑๐.๔/"
    responsible_unit: str = ""
    contact_phone: str = ""
    contact_email: str = ""

    def unset(self) -> list[str]:
        """The parts a printed document needs and this office has not set."""
        parts = {
            "name_th": self.name_th,
            "emblem": self.emblem,
            "signatory_name": self.signatory_name,
            "signatory_position": self.signatory_position,
            "verify_url": self.verify_url,
            "responsible_unit": self.responsible_unit,
        }
        return [name for name, value in parts.items() if not value]


@dataclass(frozen=True)
class Member:
    name: str
    role: str  # a key of ROLE_TH; another word is shown as it is
    fingerprint: str = ""
    audit_hash: str = ""
    absent_reason: str | None = None

    @property
    def role_th(self) -> str:
        return ROLE_TH.get(self.role, self.role)

    @property
    def counted(self) -> bool:
        return self.absent_reason is None


@dataclass(frozen=True)
class MemberVerdict:
    name: str
    verdict: VerdictWord | None
    note: str = ""


@dataclass(frozen=True)
class Interview:
    """An interview, in general terms only (no names or ID numbers: PDPA)."""

    when: str
    whom: str  # citizen, staff, lao_officer (WHOM_TH) or the inspector's own words
    summary: str

    @property
    def whom_th(self) -> str:
        return WHOM_TH.get(self.whom, self.whom)


@dataclass(frozen=True)
class DocumentSeen:
    title: str
    reference: str = ""
    photo_sha256: str | None = None


@dataclass(frozen=True)
class Observation:
    text: str


Evidence = Interview | DocumentSeen | Observation


@dataclass(frozen=True)
class Photo:
    sha256: str
    criterion: str
    caption: str = ""
    captured_at: datetime | None = None
    by: str = ""


@dataclass(frozen=True)
class CriterionView:
    id: str
    title_th: str
    points: int
    verdict: VerdictWord | None  # the committee's (or the inspector's) verdict
    members: tuple[MemberVerdict, ...] = ()
    ruling: str | None = None  # the chair's reason, where the chair ruled
    recommendations: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def disputed(self) -> bool:
        """Members disagree, or the chair had to rule."""
        return self.ruling is not None or len({m.verdict for m in self.members}) > 1

    @property
    def met(self) -> bool:
        """Met: the word, or a graded criterion's full points."""
        return self.verdict == "met" or (
            isinstance(self.verdict, int) and self.verdict == self.points
        )

    @property
    def not_met(self) -> bool:
        """Not met: the word, or no points on a graded criterion."""
        return self.verdict == "not_met" or (isinstance(self.verdict, int) and self.verdict == 0)


@dataclass(frozen=True)
class ReportView:
    kind: Literal["committee", "inspector"]
    lao_name: str
    lao_kind: str
    lao_id: str
    fiscal_year_be: int
    visit_date: date
    sealed_at: datetime
    edition_id: str
    edition_hash: str
    working_wording: bool  # the criteria are the project's working wording, not the official text
    committee_name: str
    points: int
    max_points: int
    meets_criteria: bool
    level_th: str | None
    reasons: tuple[str, ...]
    members: tuple[Member, ...]
    criteria: tuple[CriterionView, ...]
    result_hash: str
    recommendations: tuple[str, ...] = ()
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class CertificateFacts:
    reference: str
    issued_on: date
    valid_until: date
    points: int
    max_points: int
    level_th: str | None


@dataclass(frozen=True)
class Unmet:
    id: str
    title_th: str
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeView:
    lao_name: str
    lao_kind: str
    province_th: str
    fiscal_year_be: int
    visit_date: date
    decided_on: date
    decision_basis: str
    certificate: CertificateFacts | None  # None: not certified
    points: int
    max_points: int
    dated: date  # the day the letter is dated
    unmet: tuple[Unmet, ...] = ()
    recommendations: tuple[str, ...] = ()
    applied_on: date | None = None  # the LAO's application, which the letter refers to
    number: str = ""  # the letter's number in the registry, or blank to be filled in by hand

    @property
    def certified(self) -> bool:
        return self.certificate is not None


@dataclass(frozen=True)
class Award:
    lao_name: str
    lao_kind: str
    province_th: str
    points: int
    max_points: int
    level_th: str | None
    reference: str
    issued_on: date
    valid_until: date


@dataclass(frozen=True)
class AwardList:
    round_title: str
    fiscal_year_be: int
    awards: tuple[Award, ...] = field(default_factory=tuple)
