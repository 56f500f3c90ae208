"""The care plan's legal status: the orders, when each ends, and the course
of any care proceedings, told in the tense the case's date calls for.

Each kind of order ends in its own way, set by statute; the statement
beside each order says how, with the section, and gives the date where the
law fixes one (a care order at 18, a supervision order after a year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.adoption import AdoptionConsentKind
from ...case.legal import CareProceedings, LegalBasis, LegalBasisKind
from ...checks.key_dates import proceedings_deadline, supervision_limit
from ...practice.calendar_dates import period_end
from ...practice.schedules import eighteenth_birthday
from ...practice.timescales import PROCEEDINGS_WEEKS, SUPERVISION_ORDER_MONTHS
from ...text.templating import capfirst, long_date
from ..common import display_name, narrative
from ..labels import label


@dataclass(frozen=True)
class OrderRow:
    order: str
    made_on: date
    court: str | None
    court_case_number: str | None
    #: How and when the order ends, for an order in force; None once it has ended.
    ends: str | None
    ended_on: date | None
    notes: NarrativeText | None


@dataclass(frozen=True)
class Proceedings:
    issued_on: date
    court: str
    court_case_number: str
    #: The 26-week date, the timetable and the hearing, as sentences in the
    #: tense the case's date calls for.
    course: str
    extensions: list[str]


@dataclass(frozen=True)
class LegalPosition:
    looked_after_on: date
    ceased_on: date | None
    current: list[OrderRow]
    previous: list[OrderRow]
    proceedings: Proceedings | None
    #: What the section says where no order or accommodation is in force.
    none_in_force: str
    #: The agency's decision and the parents' formal consents, as sentences,
    #: where adoption is or may be the plan (``$.adoption``); empty otherwise.
    adoption_decisions: list[str]


def legal_position(case: Case, today: date) -> LegalPosition:
    """The orders in force and before, and the proceedings, as on ``today``."""
    rows = [
        OrderRow(
            order=label(basis.kind),
            made_on=basis.made_on,
            court=basis.court,
            court_case_number=basis.court_case_number,
            ends=None if basis.ended_on is not None else order_ends(basis, case),
            ended_on=basis.ended_on,
            notes=narrative(basis.notes),
        )
        for basis in case.legal_basis
    ]
    return LegalPosition(
        looked_after_on=case.care_episode.looked_after_on,
        ceased_on=case.care_episode.ceased_on,
        current=[row for row in rows if row.ended_on is None],
        previous=[row for row in rows if row.ended_on is not None],
        proceedings=_proceedings(case, today),
        none_in_force=_none_in_force(case),
        adoption_decisions=_adoption_decisions(case),
    )


#: How each consent is described, with the section that governs it.
CONSENT_WORDS = {
    AdoptionConsentKind.PLACEMENT: "consent to placement for adoption (Adoption and Children Act 2002, section 19)",
    AdoptionConsentKind.ADVANCE: "advance consent to an adoption order (Adoption and Children Act 2002, section 20)",
}


def _adoption_decisions(case: Case) -> list[str]:
    """The ADM's decision (AAR 2005 reg 19), which the options analysis and
    the CPR cite, and each consent given, so the plan's reader sees them too."""
    decisions = case.adoption
    if decisions is None:
        return []
    child = case.child.preferred_name
    said = []
    if decisions.adm_decision_on is not None:
        said.append(f"On {long_date(decisions.adm_decision_on)} the Agency Decision Maker decided that {child} should "
                    "be placed for adoption (Adoption Agencies Regulations 2005, regulation 19).")
    else:
        said.append(f"The Agency Decision Maker has not yet decided whether {child} should be placed for adoption.")
    for consent in sorted(decisions.consents, key=lambda c: c.given_on):
        who = display_name(case.person(consent.person_id))
        said.append(f"{who} gave {CONSENT_WORDS[consent.kind]} on {long_date(consent.given_on)}, witnessed by an "
                    "officer of Cafcass.")
    return said


def _none_in_force(case: Case) -> str:
    """Where no order is in force, what authorises the child's placement, if anything: a
    parent's consent to placement for adoption (ACA 2002 s.19) is not an order, but it is the authority."""
    consents = [c for c in (case.adoption.consents if case.adoption else []) if c.kind is AdoptionConsentKind.PLACEMENT]
    if not consents:
        return "No order or accommodation is in force."
    given = " and ".join(
        f"{case.person(c.person_id).given_names.split()[0]}, given on {long_date(c.given_on)}" for c in consents
    )
    return (f"No order is in force. {case.child.preferred_name} is placed for adoption with the consent of {given} "
            "(Adoption and Children Act 2002 s.19).")


def order_ends(basis: LegalBasis, case: Case) -> str:
    """How an order in force ends, with the statute that says so."""
    at_18 = f"at 18 ({long_date(eighteenth_birthday(case.child.date_of_birth))})"
    kind = basis.kind
    if kind is LegalBasisKind.SECTION_20:
        # Accommodation lasts only while it is agreed: anyone with parental
        # responsibility may remove the child at any time (s.20(7)-(8)).
        return "When a parent with parental responsibility removes the child or stops agreeing (CA 1989 s.20(8))"
    if kind in (LegalBasisKind.INTERIM_CARE_ORDER, LegalBasisKind.INTERIM_SUPERVISION_ORDER):
        # Since 2014 an interim order lasts as long as the court says, and
        # at the latest until the application is decided (s.38(4)).
        if basis.expires_on is not None:
            return f"{long_date(basis.expires_on)}, or when the proceedings end if sooner (CA 1989 s.38(4))"
        return "When the proceedings end, unless the court sets an earlier date (CA 1989 s.38(4))"
    if kind is LegalBasisKind.SUPERVISION_ORDER:
        # A year beginning with the day it was made, extendable to three
        # years in all (Sch 3 para 6(1), (3), (4)).
        end = basis.expires_on or period_end(basis.made_on, SUPERVISION_ORDER_MONTHS)
        limit = supervision_limit(_first_supervision_order(case).made_on)
        return f"{long_date(end)}, unless the court extends it; {long_date(limit)} at the latest (CA 1989 Sch 3 para 6)"
    if basis.expires_on is not None:
        return long_date(basis.expires_on)
    if kind is LegalBasisKind.CARE_ORDER:
        # A care order lasts until 18 unless brought to an end earlier (s.91(12)).
        return f"{capfirst(at_18)}, unless the court discharges it sooner: Children Act 1989, s.91(12)"
    if kind is LegalBasisKind.PLACEMENT_ORDER:
        # Until revoked, an adoption order is made, or the child turns 18 (ACA 2002 s.21(4)).
        return f"When an adoption order is made, when the court revokes it, or {at_18}: Adoption and Children Act 2002, s.21(4)"
    if kind is LegalBasisKind.SPECIAL_GUARDIANSHIP_ORDER:
        # Orders under the Act end at 18 (s.91(13)); the court may vary or discharge one (s.14D).
        return f"{capfirst(at_18)}, unless the court varies or discharges it sooner (CA 1989 s.14D, s.91(13))"
    if kind is LegalBasisKind.CHILD_ARRANGEMENTS_ORDER:
        # An order about where the child lives may run past 16 and ends at 18
        # (s.91(10A), (11); Merton 2019 s.7.7; Essex 2021 App. 1).
        return f"{capfirst(at_18)} for an order about where the child lives, unless the court varies or discharges it (CA 1989 s.91(10A), (11))"
    # An adoption order is permanent: the child becomes the adopters' child (ACA 2002 s.46, s.67).
    return "Permanent: the adopters are the child's parents for life (ACA 2002 s.46, s.67)"


def _first_supervision_order(case: Case) -> LegalBasis:
    return next(b for b in case.legal_basis if b.kind is LegalBasisKind.SUPERVISION_ORDER)


def _proceedings(case: Case, today: date) -> Proceedings | None:
    source = case.care_proceedings
    deadline = proceedings_deadline(case)
    if source is None or deadline is None:
        return None
    return Proceedings(
        issued_on=source.issued_on,
        court=source.court,
        court_case_number=source.court_case_number,
        course=" ".join(_course(source, deadline, today)),
        extensions=[
            f"{extension.weeks} weeks, granted {long_date(extension.granted_on)}: {extension.reason}"
            for extension in source.extensions
        ],
    )


def _course(source: CareProceedings, deadline: date, today: date) -> list[str]:
    """The timetable and the hearing: what has happened is told in the past
    tense, what is still to come in the present, judged on ``today``."""
    open_ = source.concluded_on is None
    week_26 = source.issued_on + timedelta(weeks=PROCEEDINGS_WEEKS)
    timetable = f"The 26-week date {'is' if open_ and week_26 >= today else 'was'} {long_date(week_26)}"
    if source.extensions:
        runs = "runs" if open_ and deadline >= today else "ran"
        timetable += f"; with extensions the timetable {runs} to {long_date(deadline)}"
    sentences = [timetable + "."]
    hearing = source.final_hearing_on
    if not open_:
        assert source.concluded_on is not None
        concluded = long_date(source.concluded_on)
        if hearing is None or hearing >= source.concluded_on:
            at_hearing = " at the final hearing" if hearing == source.concluded_on else ""
            sentences.append(f"The proceedings concluded{at_hearing} on {concluded}.")
        else:
            sentences.append(f"The final hearing was held on {long_date(hearing)}, and the proceedings concluded on {concluded}.")
    elif hearing is not None and hearing >= today:
        sentences.append(f"The final hearing is listed for {long_date(hearing)}.")
    elif hearing is not None:
        sentences.append(f"The final hearing was listed for {long_date(hearing)}; the proceedings have not yet concluded.")
    return sentences
