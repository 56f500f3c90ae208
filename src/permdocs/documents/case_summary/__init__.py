"""The case summary for Section A of a court bundle (FPR PD27A; the Public
Law Outline): at most two pages a judge reads first. Every sentence is
composed from the case; nothing here is typed twice.

It gives, in order: the child; the orders and the proceedings; the plan
and its contingency; each party's position, the children's guardian's
included; the key dates; and the issues the court is asked to decide, from
the options still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ...base.narrative import NarrativeText
from ...case import Case
from ...case.people import Person, PersonRole
from ...case.planning import OptionConsidered, OptionOutcome, Plan, Route
from ...case.voices import View
from ...checks.key_dates import proceedings_deadline
from ...practice.timescales import PROCEEDINGS_WEEKS
from ...text.blocks import Block, Heading, Markdown, Row, Table, text
from ...text.templating import long_date
from ..care_plan_permanence.legal import legal_position
from ..common import ChildIdentity, DocumentInfo, age_on, child_identity, display_name, document_info, unbracketed
from ..declaration import ResolvedRequest
from ..labels import label

#: Who the summary says has given no position, by role: the parties to public-law proceedings.
_PARTY_ROLES = (PersonRole.MOTHER, PersonRole.FATHER, PersonRole.OTHER_PR_HOLDER)


@dataclass(frozen=True)
class CaseSummaryDocument:
    """Everything the case-summary templates may use."""

    document: DocumentInfo
    child: ChildIdentity
    body: tuple[Block, ...]


def build_context(case: Case, request: ResolvedRequest) -> CaseSummaryDocument:
    return CaseSummaryDocument(
        document=document_info(case, request, "Case summary", "The local authority's summary"),
        child=child_identity(case),
        body=(
            *_the_child(case), *_orders_and_proceedings(case), *_the_plan(case), *_positions(case),
            *_key_dates(case), *_issues(case), *_about(case),
        ),
    )


def _the_child(case: Case) -> tuple[Block, ...]:
    child, name = case.child, case.child.preferred_name
    home = f" {name} lives {_where(case.placement.description)}." if case.placement else ""
    return (
        Heading(f"{name} and the proceedings", anchor="child"),
        text(
            f"{child.given_names} {child.family_name} (known as {name}) was born on {long_date(child.date_of_birth)} "
            f"and is {age_on(child.date_of_birth, case.prepared_on)} old. {name}'s heritage is {child.ethnicity}.{home}"
        ),
    )


def _where(description: str) -> str:
    """``in an early-permanence foster home``, or ``with her aunt`` as the description says."""
    return description if description.lower().startswith(("with ", "at ", "in ")) else f"in {_a(description)}"


def _a(description: str) -> str:
    """``an early-permanence foster home``; a description that names whose home it is keeps its words."""
    if description.lower().startswith(("a ", "an ", "the ")):
        return description
    return f"{'an' if description[:1].lower() in 'aeiou' else 'a'} {description}"


def _orders_and_proceedings(case: Case) -> tuple[Block, ...]:
    """One paragraph: the proceedings, then the orders in force (a fragment such as "In force: ..." reads as notes)."""
    position = legal_position(case, case.prepared_on)
    sentences = []
    proceedings = position.proceedings
    if proceedings is not None:
        sentences.append(f"The local authority issued its application on {long_date(proceedings.issued_on)} in the "
                         f"{proceedings.court} (case {proceedings.court_case_number}).")
        concluded = case.care_proceedings.concluded_on if case.care_proceedings else None
        if concluded is not None:
            sentences.append(f"The proceedings concluded on {long_date(concluded)}.")
    if position.current:
        orders = " and ".join(f"{_a(row.order[:1].lower() + row.order[1:])} (made on {long_date(row.made_on)})"
                              for row in position.current)
        sentences.append(f"{case.child.preferred_name} is subject to {orders}.")
    else:
        sentences.append(position.none_in_force)
    return (text(" ".join(sentences)),)


def _the_plan(case: Case) -> tuple[Block, ...]:
    plans = case.plans
    rows = [_plan_row("Primary plan", case, plans.primary)]
    rows += [_plan_row("Parallel plan", case, plan) for plan in plans.parallel]
    if plans.contingency is not None:
        rows.append(_plan_row("Contingency plan", case, plans.contingency))
    return (
        Heading("The plan", anchor="plan"),
        Table(f"The local authority's plans for {case.child.preferred_name}", ("Plan", "Route and carers", "Target date"),
              tuple(rows), (22, 56, 22)),
    )


def _plan_row(heading: str, case: Case, plan: Plan) -> Row:
    carers = _people(case, plan.carer_ids)
    route = label(plan.route) + (f", with {carers}" if carers else "")
    return Row(((text(route),), (text(long_date(plan.target_date)),)), heading)


def _people(case: Case, person_ids: list[str]) -> str:
    """People as a sentence names them: a withheld carer is ``the foster carers (...)``, not a capital."""
    named = [case.person(pid) for pid in person_ids]
    return " and ".join(display_name(p) if p.full_name else "the " + display_name(p)[:1].lower() + display_name(p)[1:]
                        for p in named)


def _positions(case: Case) -> tuple[Block, ...]:
    """Each party's position in the order a court lists the parties: the
    applicant, the parents and others with parental responsibility, the
    child through the children's guardian; then anyone else who gave a view."""
    primary = case.plans.primary
    carers = _people(case, primary.carer_ids)
    rows = [Row(((text(f"Supports its primary plan: {label(primary.route).lower()}"
                       + (f", with {carers}" if carers else "") + "."),),), "The local authority")]
    views = {view.person_id: view for view in case.voices.others if view.person_id}
    for person in (p for p in case.people if p.role in _PARTY_ROLES):
        view = views.pop(person.id, None)
        rows.append(_position_row(_party(person), view))
    guardian = [v for v in case.voices.others if v.person_id is None and "guardian" in (v.name_and_role or "").lower()]
    rows.append(_position_row("The children's guardian", guardian[0] if guardian else None))
    others = [v for v in case.voices.others if v.person_id in views or (v.person_id is None and v not in guardian)]
    rows += [_position_row(_party(case.person(v.person_id)) if v.person_id else v.name_and_role or "", v)
             for v in others]
    return (
        Heading("Where each party stands", anchor="positions"),
        # Rows may break between pages: two pages is the summary's limit, and a kept table would waste one.
        Table("Each party's position, as the local authority last recorded it", ("Party", "Position"), tuple(rows),
              (30, 70), keep_together=False),
    )


def _party(person: Person) -> str:
    """'Tomas Draftley (birth father)': the relationship's first words, and
    whether a parent lacks parental responsibility, which bears on whether
    they are a party. The rest ("named on the birth certificate") is the
    care plan's to say: in a narrow column it would run to five lines."""
    if not person.full_name:
        return display_name(person)
    first, *rest = unbracketed(person.relationship.lower()).split(", ")
    kept = [part for part in rest if "parental responsibility" in part]
    return f"{person.full_name} ({', '.join([first, *kept])})"


def _position_row(who: str, view: View | None) -> Row:
    if view is None:
        return Row(((text("No position is recorded."),),), who)
    # The date goes under the party's name, where the cell has room; the position keeps its lines.
    return Row(((Markdown(NarrativeText(view.summary)),),), f"{who}, {long_date(view.recorded_on)}")


def _key_dates(case: Case) -> tuple[Block, ...]:
    dates: list[tuple[str, date]] = []
    proceedings = case.care_proceedings
    if proceedings is not None:
        dates.append(("The 26-week date", proceedings.issued_on + timedelta(weeks=PROCEEDINGS_WEEKS)))
        deadline = proceedings_deadline(case)
        if proceedings.extensions and deadline is not None:
            dates.append(("The timetable's end, with its extensions", deadline))
        if proceedings.final_hearing_on is not None:
            dates.append(("The final hearing", proceedings.final_hearing_on))
    upcoming = [review for review in case.reviews if review.status.value == "planned"]
    dates += [("The next review of the care plan", review.date) for review in upcoming[:1]]
    # The plans' target dates are in the plan's table above.
    dates.sort(key=lambda pair: pair[1])
    return (
        Heading("Key dates", anchor="dates"),
        Table("The dates the court and the parties work to, in order", ("What", "Date"),
              tuple(Row(((text(what),), (text(long_date(on)),))) for what, on in dates), (60, 40)),
    )


def _issues(case: Case) -> tuple[Block, ...]:
    name = case.child.preferred_name
    still_open = [o for o in case.options if o.realistic and o.outcome is not OptionOutcome.RULED_OUT]
    being_assessed = [o for o in still_open if o.outcome is OptionOutcome.STILL_BEING_ASSESSED]
    ruled_out = [o for o in case.options if o.realistic and o.outcome is OptionOutcome.RULED_OUT]
    issues = [
        f"Which plan meets {name}'s welfare throughout {_POSSESSIVE.get(case.child.gender.value, 'their')} "
        "life, weighing the realistic options side by side (Re B-S [2013] EWCA Civ 1146): "
        + _options_words(case, still_open) + "."
    ]
    if sought := _orders_sought(case):
        issues.append(f"The orders the local authority asks for: {sought}.")
    if being_assessed:
        issues.append("Whether the assessments still under way will be finished in time for the final hearing: "
                      + _options_words(case, being_assessed) + ".")
    if ruled_out:
        issues.append("Whether the local authority was right to rule out "
                      + _options_words(case, ruled_out) + ".")
    return (Heading("The issues for the court", anchor="issues"), *(text(issue) for issue in issues))


_POSSESSIVE = {"female": "her", "male": "his"}

#: The order each route needs from the court in public-law proceedings, with its statute.
_ORDER_FOR_ROUTE = {
    Route.SPECIAL_GUARDIANSHIP: "a special guardianship order (CA 1989 s.14A)",
    Route.CHILD_ARRANGEMENTS_ORDER: "a child arrangements order (CA 1989 s.8)",
    Route.ADOPTION: "a placement order (ACA 2002 s.21)",
    Route.EARLY_PERMANENCE: "a placement order (ACA 2002 s.21)",
    Route.LONG_TERM_FOSTERING: "a care order (CA 1989 s.31)",
    Route.CONNECTED_PERSONS_FOSTERING: "a care order (CA 1989 s.31)",
    Route.PLACEMENT_WITH_PARENTS: "a care order (CA 1989 s.31)",
    Route.RESIDENTIAL_CARE: "a care order (CA 1989 s.31)",
}


def _orders_sought(case: Case) -> str:
    """``a special guardianship order (...) for the primary plan; a placement order (...) for the parallel plan``."""
    proceedings = case.care_proceedings
    if proceedings is None or proceedings.concluded_on is not None:
        return ""  # no court is being asked for anything
    plans = [("the primary plan", case.plans.primary), *(("the parallel plan", p) for p in case.plans.parallel)]
    held = {basis.kind.value for basis in case.legal_basis if basis.in_force}
    sought = []
    for which, plan in plans:
        order = _ORDER_FOR_ROUTE.get(plan.route)
        # An order the child already has is not sought again ("a care order (...)" -> care_order).
        if order is None or order.split(" (")[0].removeprefix("a ").replace(" ", "_") in held:
            continue
        sought.append(f"{order} for {which}")
    return "; ".join(sought)


def _options_words(case: Case, options: list[OptionConsidered]) -> str:
    """``special guardianship order or connected persons (kinship) foster
    care, with Pauline Trialworth (maternal grandmother); long-term
    fostering``: options with the same carers name them once."""
    by_carers: dict[tuple[str, ...], list[str]] = {}
    for option in options:
        by_carers.setdefault(tuple(option.carer_ids), []).append(label(option.route).lower())
    parts = []
    for carer_ids, routes in by_carers.items():
        carers = _people(case, list(carer_ids))
        parts.append(" or ".join(routes) + (f"{',' if len(routes) > 1 else ''} with {carers}" if carers else ""))
    return "; ".join(parts)


def _about(case: Case) -> tuple[Block, ...]:
    author = case.authorship.social_worker
    return (text(f"Prepared by {author.name} ({author.role.lower()}) on {long_date(case.prepared_on)}. The care "
                 "plan and the options analysis give the evidence and the reasons.", "note"),)
