"""The care plan's pages, as blocks, drawn from its typed context.

The context (``CarePlanPermanence``) holds the facts; this module lays them
out once, section by section, and both writers draw the result, so the HTML
and Word copies cannot say different things. A council's own template may
still print the context's fields its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from ...base.narrative import NarrativeText
from ...text.blocks import Block, Bullets, Heading, Markdown, Paragraph, ParagraphStyle, Row, Run, Table, text
from ...text.templating import capfirst, long_date
from ..common import Signatory
from .dates import TimescaleView
from .legal import LegalPosition, OrderRow
from .sections import Section
from .support import SupportPlanView
from .views import PlanView, SupportView, ViewView

if TYPE_CHECKING:
    from . import CarePlanPermanence


def care_plan_body(plan: "CarePlanPermanence") -> tuple[Block, ...]:
    """Every section of the plan, in the order the contents list gives."""
    return tuple(block for part in (
        _at_a_glance(plan), _about(plan), _legal(plan), _need(plan), _plans(plan), _options(plan),
        _actions(plan), _key_dates(plan), _views(plan), _identity(plan), _siblings(plan), _family_time(plan),
        _support(plan), _sign_off(plan),
    ) for block in part)


def _heading(section: Section) -> Heading:
    title = section.title if section.number is None else f"{section.number}. {section.title}"
    return Heading(title, 1, anchor=section.anchor)


def _fact(label: str, value: str) -> Paragraph:
    """``Target date: 1 March 2027``, kept with what follows, so a plan's
    facts and its summary start on one page."""
    return Paragraph((Run(f"{label}: ", bold=True), Run(value)), keep_with_next=True)


def _cell(value: str) -> tuple[Block, ...]:
    return (text(value),)


def _said(value: NarrativeText | None, otherwise: str, style: ParagraphStyle = "body") -> tuple[Block, ...]:
    """A narrative, or what the plan says in its place where none is written."""
    return (Markdown(value),) if value is not None else (text(otherwise, style),)


def _at_a_glance(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.glance)
    yield Table(
        f"Plans for {plan.child.preferred_name}", ("Plan", "Route", "Target date", "Status"),
        tuple(Row((_cell(p.route), _cell(long_date(p.target_date)), _cell(p.status)), p.heading) for p in _all_plans(plan)),
        (3, 4, 2, 2),
    )
    if plan.contingency_gap and plan.no_contingency is not None:
        yield text(plan.no_contingency, "warning")


def _all_plans(plan: "CarePlanPermanence") -> list[PlanView]:
    contingency = [plan.contingency_plan] if plan.contingency_plan is not None else []
    return [plan.primary_plan, *plan.parallel_plans, *contingency]


def _about(plan: "CarePlanPermanence") -> Iterator[Block]:
    child = plan.child
    yield _heading(plan.sections.about)
    languages = child.first_language + (f"; also {child.other_languages}" if child.other_languages is not None else "")
    yield _facts_table("Identity details", [
        ("Name", f"{child.full_name} (known as {child.preferred_name})"),
        ("Date of birth", f"{long_date(child.date_of_birth)} (age {child.age})"),
        ("Gender", child.gender), ("Ethnicity", child.ethnicity), ("Nationality", child.nationality),
        ("Religion", child.religion), ("Languages", languages), ("Case reference", child.case_reference),
    ])
    yield Heading("Disability and additional needs", 2)
    yield from _said(child.needs, "None recorded.")
    yield Heading(f"Where {child.preferred_name} lives", 2)
    placement = plan.placement
    if placement is None:
        yield text("Not recorded.")
        return
    yield _facts_table("Home, school and community", [
        ("Home", f"{placement.description}, since {long_date(placement.since)}"),
        ("Lives with", placement.lives_with), ("Address", placement.address), ("Town", placement.town),
        ("School or nursery", placement.school_or_nursery), ("GP practice", placement.gp_practice),
        ("Clubs and activities", placement.clubs), ("Place of worship", placement.place_of_worship),
    ])


def _facts_table(caption: str, facts: list[tuple[str, str | None]]) -> Table:
    """A short table of labelled facts, without a header row; a fact not
    recorded (or withheld from this copy) has no row."""
    return Table(caption, (), tuple(Row((_cell(value),), label) for label, value in facts if value is not None),
                 (1, 3), keep_together=True)


def _legal(plan: "CarePlanPermanence") -> Iterator[Block]:
    legal, terms, name = plan.legal, plan.document.terms, plan.child.preferred_name
    yield _heading(plan.sections.legal)
    runs = [Run(f"{name} {terms['became_looked_after']} on "), Run(long_date(legal.looked_after_on), bold=True)]
    if legal.ceased_on is not None:
        runs += [Run(f" and {terms['stopped_being_looked_after']} on "), Run(long_date(legal.ceased_on), bold=True)]
    yield Paragraph((*runs, Run(".")), keep_with_next=True)
    if plan.timeline is not None:
        yield plan.timeline
    if legal.current:
        yield _orders_table(legal.current, "Orders in force", "Ends", lambda row: row.ends or "")
    else:
        yield text(legal.none_in_force)
    if legal.previous:
        yield _orders_table(legal.previous, "Earlier orders and accommodation", "Ended",
                            lambda row: long_date(row.ended_on) if row.ended_on is not None else "")
    yield from _proceedings(legal)
    if legal.adoption_decisions:
        yield Heading("Adoption decisions", 2)
        yield from (text(sentence) for sentence in legal.adoption_decisions)


def _orders_table(rows: list[OrderRow], caption: str, last_header: str, last: Callable[[OrderRow], str]) -> Table:
    def order(row: OrderRow) -> tuple[Block, ...]:
        return (text(row.order), *((Markdown(row.notes),) if row.notes is not None else ()))

    def court(row: OrderRow) -> str:
        return f"{row.court}, {row.court_case_number}" if row.court is not None else "Not a court order"

    return Table(
        caption, ("Order", "Made", "Court and case number", last_header),
        tuple(Row((order(row), _cell(long_date(row.made_on)), _cell(court(row)), _cell(last(row)))) for row in rows),
        (26, 20, 23, 31),
    )


def _proceedings(legal: LegalPosition) -> Iterator[Block]:
    proceedings = legal.proceedings
    if proceedings is None:
        return
    yield Heading("Care proceedings", 2)
    yield text(
        f"Issued on {long_date(proceedings.issued_on)} in the {proceedings.court} "
        f"(case {proceedings.court_case_number}). {proceedings.course}"
    )
    if proceedings.extensions:
        yield Bullets(tuple(f"Extension: {extension}" for extension in proceedings.extensions))


def _need(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.need)
    for title, narrative in (("Legal", plan.need.legal), ("Psychological", plan.need.psychological),
                             ("Physical", plan.need.physical)):
        yield Heading(f"{title} permanence", 2)
        yield Markdown(narrative)


def _plans(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.plans)
    yield from _plan(plan.primary_plan)
    for parallel in plan.parallel_plans:
        yield from _plan(parallel)
    if not plan.parallel_plans:
        yield Heading("Parallel plan", 2)
        yield text("No parallel plan: the primary plan is the only plan being pursued.")
    if plan.contingency_plan is not None:
        yield from _plan(plan.contingency_plan)
    elif plan.no_contingency is not None:
        yield Heading("Contingency plan", 2)
        yield text(plan.no_contingency)


def _plan(view: PlanView) -> Iterator[Block]:
    yield Heading(f"{view.heading}: {view.route}", 2)
    if view.lives_with is not None:
        yield _fact("To live with", view.lives_with)
    yield _fact("Target date", long_date(view.target_date))
    yield _fact("Status", view.status)
    yield Markdown(view.summary)


def _options(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.options)
    yield Table(
        "Every option considered, with its outcome and the reasons", ("Option", "Realistic", "Outcome", "Reasons"),
        tuple(
            Row((
                (text(option.route), *((text(option.carers, "note"),) if option.carers is not None else ())),
                _cell(option.realistic), _cell(option.outcome), _said(option.reasons, "No reasons recorded.", "warning"),
            ))
            for option in plan.options
        ),
        (21, 11, 15, 53), keep_together=False,
    )
    yield text(plan.options_weighed)


def _actions(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.actions)
    if not plan.actions:
        yield text("No actions are recorded.")
        return
    yield Table(
        "What will be done, by whom and by when", ("What", "Who", "By when", "Done"),
        tuple(
            Row((_cell(a.what), _cell(a.owner), _cell(long_date(a.due_on)), _cell(_done(a.done_on))))
            for a in plan.actions
        ),
        (46, 20, 17, 17),
    )


def _done(on: date | None) -> str:
    return long_date(on) if on is not None else "Outstanding"


def _key_dates(plan: "CarePlanPermanence") -> Iterator[Block]:
    key_dates = plan.key_dates
    yield _heading(plan.sections.key_dates)

    def happened(row: TimescaleView) -> str:
        if row.actual is not None:
            return long_date(row.actual)
        return f"Planned for {long_date(row.planned)}" if row.planned is not None else "Not yet"

    yield Table(
        "Statutory and policy timescales", ("What", "Due", "Happened", "Status"),
        tuple(
            Row((_cell(row.label), _cell(long_date(row.due)), _cell(happened(row)), _cell(row.status)))
            for row in key_dates.timescales
        ),
        (35, 21, 30, 14),
    )
    if key_dates.not_listed is not None:
        yield text(key_dates.not_listed, "note")
    yield Table(
        "Other dates", ("Date", "What"),
        tuple(Row((_cell(long_date(item.date)), _cell(item.event))) for item in key_dates.other),
        (1, 3),
    )


def _views(plan: "CarePlanPermanence") -> Iterator[Block]:
    name = plan.child.preferred_name
    yield _heading(plan.sections.views)
    yield Heading(name, 2)
    voice = plan.child_voice
    if voice is None:
        yield text(f"{name}'s wishes and feelings have not yet been recorded.", "warning")
    else:
        yield text(f"{voice.method}. Recorded by {voice.recorded_by} on {long_date(voice.recorded_on)}.", "note",
                   keep_with_next=True)
        yield Markdown(voice.summary)
    for holder in plan.standpoints:
        yield Heading(holder.who, 2)
        yield from (block for view in holder.views for block in _view(view))
        if holder.agreement is not None:
            yield Paragraph((Run("On the plan: ", bold=True), Run(holder.agreement)))
        yield from (Paragraph((Run("Consent to adoption: ", bold=True), Run(sentence))) for sentence in holder.consent)
        yield from (text(sentence, "warning") for sentence in holder.missing)
    for view in plan.other_views:
        yield Heading(view.who, 2)
        yield from _view(view)


def _view(view: ViewView) -> tuple[Block, ...]:
    return text(f"Recorded on {long_date(view.recorded_on)}.", "note", keep_with_next=True), Markdown(view.summary)


def _identity(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.identity)
    if not plan.identity_needs:
        yield text("No identity needs are recorded.", "warning")
        return
    yield Table(
        "Identity needs and how the plan meets them", ("Aspect", "Need", "How it is met"),
        tuple(Row(((Markdown(need.need),), (Markdown(need.how_met),)), need.aspect) for need in plan.identity_needs),
        (2, 4, 4),
    )


def _siblings(plan: "CarePlanPermanence") -> Iterator[Block]:
    name, terms = plan.child.preferred_name, plan.document.terms
    yield _heading(plan.sections.siblings)
    if not plan.siblings:
        yield text(f"{name} has no brothers or sisters recorded.")
    for sibling in plan.siblings:
        yield Heading(sibling.name, 2)
        where = f"Lives with {name}." if sibling.together else f"Lives apart from {name}."
        yield text(f"{sibling.relation}. {where}", keep_with_next=True)
        yield _fact("Where", sibling.where_living)
        yield _fact(capfirst(terms['family_time']), sibling.family_time)
        together = "together" if sibling.together else "apart"
        yield from _said(sibling.reason, f"No reason is recorded for why they live {together}.", "warning")


def _family_time(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.family_time)
    if not plan.family_time:
        yield text(f"No {plan.document.terms['family_time']} is arranged.")
    for arrangement in plan.family_time:
        yield Heading(f"With {arrangement.with_whom}", 2)
        facts = [
            ("Kind", arrangement.kind), ("How often", arrangement.frequency), ("How long", arrangement.duration),
            ("Where", arrangement.venue), ("Supervision", arrangement.supervision),
            ("Court order", arrangement.court_order),
            ("Next review", long_date(arrangement.review_on) if arrangement.review_on is not None else None),
        ]
        yield from (_fact(label, value) for label, value in facts if value is not None)
        yield Markdown(arrangement.purpose)


def _support(plan: "CarePlanPermanence") -> Iterator[Block]:
    yield _heading(plan.sections.support)
    part = plan.support_plan
    if part is not None:
        yield Heading(part.title, 2)
        if part.plan is not None:
            yield from _support_plan(part.plan)
        else:
            yield text(f"No {_lower_first(part.title)} is recorded yet.", "warning")
        yield Heading("Other support services", 2)
    if not plan.support:
        yield text("No support services are recorded.")
        return
    yield _services("Services supporting the plan", plan.support)


def _support_plan(support: SupportPlanView) -> Iterator[Block]:
    assessed = support.needs_assessed_on
    yield _fact("Support needs assessed", long_date(assessed) if assessed is not None else "The assessment is under way.")
    if support.services:
        yield _services(f"What the {_lower_first(support.title)} provides, and who provides it", support.services)
    else:
        yield text("No support services are set out yet.", "warning")
    # Headings one below the support plan's own, so a screen reader can move between them.
    yield Heading("Financial support", 3)
    yield from _said(support.financial_support, support.financial_note)
    yield Heading("How the plan is reviewed", 3)
    yield Markdown(support.review)
    yield text(support.responsibility)


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


def _services(caption: str, services: list[SupportView]) -> Table:
    return Table(
        caption, ("Service", "Provider", "For", "Detail", "Until"),
        tuple(
            Row((
                _cell(item.service), _cell(item.provider), _cell(item.for_whom), _said(item.detail, "None recorded."),
                _cell(long_date(item.until) if item.until is not None else "Ongoing"),
            ))
            for item in services
        ),
        (22, 20, 15, 29, 14),
    )


def _sign_off(plan: "CarePlanPermanence") -> Iterator[Block]:
    council = plan.document.brand.council_name
    yield _heading(plan.sections.sign_off)
    yield text(f"Written for {council}.", keep_with_next=True)
    yield text(plan.endorsement.statement, keep_with_next=True)
    if plan.endorsement.comments is not None:
        yield Markdown(plan.endorsement.comments)

    def signed(p: Signatory) -> str:
        name = p.name + (f", {p.qualifications}" if p.qualifications is not None else "")
        return name + (f" (registration {p.registration_number})" if p.registration_number is not None else "")

    yield Table(
        f"Who wrote and signed off the plan for {council}", ("Role", "Name", "Date"),
        tuple(
            Row((_cell(p.role), _cell(signed(p)), _cell(long_date(p.signed_on) if p.signed_on is not None else "Not yet signed")))
            for p in (plan.social_worker, plan.team_manager)
        ),
        (1, 2, 1), keep_together=True,
    )
