"""The parts of a family-time arrangement that the agreement document needs
beyond the care plan's summary: when sessions happen (a recurrence rule),
the terms of a letterbox exchange, and how the adopters are named to the
birth family.

The schedule is a small structured form of an RFC 5545 recurrence rule, so a
worker never writes rule syntax and :mod:`permdocs.practice.schedules` can hand it to
``dateutil.rrule`` unchanged in meaning.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from ..base.strict import TextKind, declared_text, present, schema_rules, when
from .base import CalendarDate, CaseModel, Code, CodeText, Identifier, Narrative, ShortText, field
from .limits import LIST_LIMITS


class Repeats(Code):
    """How often the pattern repeats (with ``every``: every 6 weeks)."""

    WEEKLY = "weekly", "Every week, or every few weeks with 'every'."
    MONTHLY = "monthly", "Every month, or every few months with 'every'."
    YEARLY = "yearly", "Every year, in the months given."


class Weekday(Code):
    MONDAY = "monday", "Monday."
    TUESDAY = "tuesday", "Tuesday."
    WEDNESDAY = "wednesday", "Wednesday."
    THURSDAY = "thursday", "Thursday."
    FRIDAY = "friday", "Friday."
    SATURDAY = "saturday", "Saturday."
    SUNDAY = "sunday", "Sunday."


class OnBankHoliday(Code):
    """What happens to a session that falls on a bank holiday in England and Wales."""

    #: It stays, marked, so the parties can agree a change in good time.
    FLAG = "flag", "The session stays where it falls and is marked, so the parties can agree a change in good time."
    #: It moves to the next working day.
    NEXT_WORKING_DAY = "next_working_day", "The session moves to the next working day."
    #: It moves to the working day before.
    PREVIOUS_WORKING_DAY = "previous_working_day", "The session moves to the working day before."


MonthNumber = Annotated[int, Field(ge=1, le=12)]
ClockTime = Annotated[str, StringConstraints(max_length=5, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"), TextKind.CODE, declared_text(TextKind.CODE)]


class Schedule(CaseModel):
    """When sessions or letters happen, as a recurrence rule. Examples:
    every March and September: ``{"repeats": "yearly", "months": [3, 9]}``;
    the first Saturday of each month: ``{"repeats": "monthly", "weekday":
    "saturday", "week_of_month": 1}``; every 6 weeks from a date:
    ``{"repeats": "weekly", "every": 6, "first_on": "2026-01-10"}``; the
    week of the child's birthday: ``{"repeats": "yearly", "birthday_week": true}``."""

    # The rules of _one_way_to_name_the_day, for schema readers.
    model_config = ConfigDict(json_schema_extra=schema_rules(
        ("'birthday_week' is a yearly rule on its own: no months, day_of_month or weekday with it.",
         when("birthday_week", True, {"properties": {
             "repeats": {"const": "yearly"}, "months": {"maxItems": 0}, "day_of_month": {"type": "null"},
             "weekday": {"type": "null"},
         }})),
        ("Give either 'day_of_month' or 'weekday', not both.", {"not": present("day_of_month", "weekday")}),
        ("'week_of_month' needs a 'weekday' and a monthly or yearly rule.", {"if": present("week_of_month"), "then": {
            "properties": {"weekday": {"not": {"type": "null"}}, "repeats": {"not": {"const": "weekly"}}},
            "required": ["weekday"],
        }}),
        ("A monthly or yearly rule with a 'weekday' needs 'week_of_month' (1 for the first, -1 for the last).",
         {"if": {"properties": {"weekday": {"not": {"type": "null"}}, "repeats": {"not": {"const": "weekly"}}},
                 "required": ["weekday", "repeats"]},
          "then": present("week_of_month")}),
        ("'week_of_month' is 1 to 4, or -1 for the last.",
         {"not": {"properties": {"week_of_month": {"const": 0}}, "required": ["week_of_month"]}}),
        ("A weekly rule takes a weekday at most, not months or a day of the month.",
         when("repeats", "weekly", {"properties": {"months": {"maxItems": 0}, "day_of_month": {"type": "null"}}})),
        ("'length_minutes' needs a 'start_time'.", {"if": present("length_minutes"), "then": present("start_time")}),
    ))

    repeats: Repeats = field("Repeats", "Weekly, monthly or yearly.")
    every: int = field("Every", "Repeat every this many weeks, months or years (1 = every one).", default=1, ge=1, le=52)
    months: list[MonthNumber] = field(
        "In these months",
        "Month numbers (1 = January) the sessions fall in. With no day or weekday given, the schedule "
        "lists months rather than dates, as a letterbox exchange usually does.",
        default_factory=list, max_length=LIST_LIMITS["months"],
    )
    day_of_month: int | None = field(
        "Day of the month", "The day of the month (1 to 31; a shorter month uses its last day).", default=None, ge=1, le=31
    )
    weekday: Weekday | None = field("Weekday", "The day of the week sessions fall on.", default=None)
    week_of_month: int | None = field(
        "Which one in the month",
        "With a weekday: 1 for the first, 2 for the second ... 4, or -1 for the last of the month.",
        default=None,
        ge=-1,
        le=4,
    )
    birthday_week: bool = field(
        "The week of the child's birthday",
        "Once a year, in the week (Monday to Sunday) holding the child's birthday.",
        default=False,
    )
    first_on: CalendarDate | None = field(
        "First on",
        "The first session, from which 'every' counts; by default the agreement's start.",
        default=None,
    )
    on_bank_holiday: OnBankHoliday = field(
        "On a bank holiday",
        "What happens to a session on a bank holiday in England and Wales: flag it, or move it to the next "
        "or the previous working day.",
        default=OnBankHoliday.FLAG,
    )
    start_time: ClockTime | None = field(
        "Start time", "The usual start, as HH:MM on the 24-hour clock; null for letters or all-day events.", default=None
    )
    length_minutes: int | None = field(
        "Length in minutes", "How long a session lasts, for calendar entries.", default=None, ge=5, le=24 * 60
    )

    @model_validator(mode="after")
    def _one_way_to_name_the_day(self) -> "Schedule":
        if self.birthday_week and (self.repeats is not Repeats.YEARLY or self.months or self.day_of_month or self.weekday):
            raise ValueError("birthday_week is a yearly rule on its own: leave out months, day_of_month and weekday")
        if self.day_of_month is not None and self.weekday is not None:
            raise ValueError("give either day_of_month or weekday, not both")
        if self.week_of_month is not None and (self.weekday is None or self.repeats is Repeats.WEEKLY):
            raise ValueError("week_of_month needs a weekday and a monthly or yearly rule")
        if self.weekday is not None and self.repeats is not Repeats.WEEKLY and self.week_of_month is None:
            raise ValueError("a monthly or yearly rule with a weekday needs week_of_month (1 for the first, -1 for the last)")
        if self.week_of_month == 0:
            raise ValueError("week_of_month is 1 to 4, or -1 for the last")
        if self.repeats is Repeats.WEEKLY and (self.months or self.day_of_month):
            raise ValueError("a weekly rule takes a weekday at most, not months or a day of the month")
        if self.length_minutes is not None and self.start_time is None:
            raise ValueError("length_minutes needs a start_time")
        return self

    @property
    def lists_months(self) -> bool:
        """True when the rule names months but no day: the schedule lists months."""
        return bool(self.months) and self.day_of_month is None and self.weekday is None and not self.birthday_week


class LetterboxTerms(CaseModel):
    """How a letterbox exchange works (brief s.4.4; Merton 2019 s.10.6)."""

    may_send: list[ShortText] = field(
        "What may be sent", "What the letters may include, e.g. 'a letter', 'photos', 'a drawing'.", min_length=1,
        max_length=LIST_LIMITS["letterbox_items"],
    )
    may_not_send: list[ShortText] = field(
        "What may not be sent",
        "What may not be sent, besides gifts and money, which the agreement always rules out.",
        default_factory=list, max_length=LIST_LIMITS["letterbox_items"],
    )
    gifts_or_money_allowed: bool = field(
        "Gifts or money allowed",
        "True only where the agency has agreed to pass on gifts or money; a check flags it, as policy rules them "
        "out.",
        default=False,
    )
    writes_first: ShortText = field("Who writes first", "Who writes first each time, e.g. 'the adoptive parents'.")
    signed_as: ShortText = field(
        "How letters are signed", "How each side signs, e.g. 'Mum' or 'Orla's parents'; never a surname."
    )
    agency_address: ShortText | None = field(
        "The agency's letterbox address",
        "The address letters go to. The agency's, never a family's: it appears in every copy.",
        default=None,
    )
    reference: CodeText | None = field(
        "Letterbox reference",
        "The reference every letter and envelope carries in place of names and addresses, e.g. 'LB-2026-0417'.",
        default=None,
    )
    replies: ShortText | None = field(
        "When the reply comes",
        "When and how the other side writes back, e.g. 'Kerry writes back within a month of each letter'; the "
        "agreement names who writes first, and this says what follows.",
        default=None,
    )
    letters_will_tell: list[ShortText] = field(
        "What the child's family will write about",
        "What the letters from the child's family (carers or adopters) will tell the birth relative, e.g. 'how "
        "Orla is getting on', 'what she enjoys'. Left empty, the agreement lists the usual things.",
        default_factory=list, max_length=LIST_LIMITS["letterbox_items"],
    )
    support: ShortText | None = field(
        "Support for the birth relative",
        "Who helps the birth relative to write, to read a letter, or with how it feels, e.g. 'the letterbox worker, "
        "and free independent support from Exampleton Birth Families'. A check asks for it.",
        default=None,
    )
    reply_slip: bool = field(
        "Reply slip",
        "True to end the birth family's copy with a reply slip: a page they fill in and send with each letter, "
        "carrying the letterbox reference and saying what they have enclosed, so the letterbox worker can match "
        "the letter without a name or address on it.",
        default=False,
    )


class SiblingsWishes(CaseModel):
    """What a brother or sister in the arrangement wants from it. Every child
    in an arrangement has their wishes heard, not only the one the agreement
    is for (brief s.4.4; Merton 2019 s.10.5)."""

    person_id: Identifier = field("Who", "The id of the brother or sister, one of the arrangement's 'with_person_ids'.")
    wishes: Narrative = field(
        "Their wishes",
        "What they said, or how they showed what they want, and who heard it and when, e.g. 'Jayden told his social "
        "worker in October that he wants to see Orla more often, and to choose the park.'",
    )


class AdoptersNamedAs(Code):
    """How the birth family's copy names adoptive parents."""

    FIRST_NAMES = "first_names", "By their first names."
    CHILDS_PARENTS = "childs_parents", "As the child's parents, for example 'Orla's parents'."


ADOPTERS_NAMED_AS_HELP = (
    "How the agreement names the child's prospective adopters or adoptive parents, in every copy: by first names, "
    "or as the child's parents ('Orla's parents'). A case's agreements name them one way (a check compares them)."
)


class FamilyTimeKind(Code):
    DIRECT = "direct", "Meeting family or connected people face to face."
    SIBLING = "sibling", "Brothers and sisters meeting face to face."
    VIDEO = "video", "Video calls."
    PHONE = "phone", "Telephone calls."
    LETTERBOX = "letterbox", "Letters, and perhaps photos or cards, exchanged through the agency's letterbox service."
    INDIRECT_OTHER = "indirect_other", "Other indirect contact, such as cards or news passed on by the social worker."


#: Kinds where people meet in person, so the agreement must say where.
MEETING_KINDS = (FamilyTimeKind.DIRECT, FamilyTimeKind.SIBLING)
#: Kinds that are letters or news, not sessions: no venue, no length, nobody to bring.
LETTER_KINDS = (FamilyTimeKind.LETTERBOX, FamilyTimeKind.INDIRECT_OTHER)


class Supervision(Code):
    SUPERVISED = "supervised", "A worker is there throughout and records what happens."
    SUPPORTED = "supported", "A worker or carer helps, without watching throughout."
    UNSUPERVISED = "unsupervised", "Nobody supervises."
    NOT_APPLICABLE = "not_applicable", "Supervision does not arise, as with letters."


class FamilyTimeOrder(Code):
    NONE = "none", "No court order: the arrangement is agreed."
    SECTION_8 = "section_8", "A child arrangements order under s.8 Children Act 1989."
    SECTION_34 = "section_34", "An order about contact with a child in care, under s.34 Children Act 1989."
    #: A placement order ends s.8 and s.34 contact provision (ACA 2002 s.26(1)).
    SECTION_26 = (
        "section_26",
        "An order about contact while a child is placed, or may be placed, for adoption, under s.26 Adoption and "
        "Children Act 2002.",
    )
    SECTION_51A = "section_51a", "A post-adoption contact order under s.51A Adoption and Children Act 2002."


class FamilyTimeArrangement(CaseModel):
    """Time the child spends with, or hears from, family and connected people.
    The care plan summarises it; the family-time agreement (one per
    arrangement) sets it out in full for every party."""

    id: Identifier = field("Id", "A short id, unique among the arrangements; names the agreement's files.")
    with_person_ids: list[Identifier] = field(
        "With", "Ids of the people the child spends time with or hears from (a check flags an empty list).", max_length=LIST_LIMITS["people_named"]
    )
    kind: FamilyTimeKind = field(
        "Kind", "Direct (face to face), sibling time (face to face), video, phone, letterbox or other indirect."
    )
    purpose: Narrative = field("Purpose", "What the arrangement is for, from the child's point of view.")
    frequency: ShortText | None = field(
        "How often",
        "How often, in words, e.g. 'twice a year, in March and September'. Give a schedule as well for the "
        "agreement to list the dates.",
        default=None,
    )
    schedule: Schedule | None = field(
        "Schedule", "When sessions or letters happen, as a rule the agreement turns into dates.", default=None
    )
    starts_on: CalendarDate | None = field(
        "Starts on", "When the agreement starts; by default the case's prepared_on date.", default=None
    )
    ends_on: CalendarDate | None = field(
        "Ends on", "When the arrangement ends, if it has an end; it always ends at the child's 18th birthday.",
        default=None,
    )
    duration: ShortText | None = field("How long", "How long each session lasts; null for letters.", default=None)
    venue: ShortText | None = field(
        "Where", "Where it happens, described without the carers' address; null for letters.", default=None
    )
    supervision: Supervision = field("Supervision", "How closely the time is supervised.")
    supervised_by: ShortText | None = field("Supervised by", "Who supervises or supports it.", default=None)
    transport_and_costs: ShortText | None = field(
        "Transport and costs", "Who brings the child and the family, and who pays for travel and activities.",
        default=None,
    )
    letterbox: LetterboxTerms | None = field(
        "Letterbox terms", "For a letterbox exchange: what may be sent, who writes first, how letters are signed.",
        default=None,
    )
    when_missed: Narrative | None = field(
        "If a session or letter is missed",
        "What happens when a session is cancelled or missed, or a letter does not arrive.",
        default=None,
    )
    childs_wishes: Narrative | None = field(
        "Hearing the child's wishes", "How the child's wishes about the arrangement will be heard as they grow.",
        default=None,
    )
    siblings_wishes: list[SiblingsWishes] = field(
        "The brothers' and sisters' wishes",
        "For each brother or sister in the arrangement, what they want from it. A check asks for each one.",
        default_factory=list, max_length=LIST_LIMITS["people_named"],
    )
    adopters_named_as: AdoptersNamedAs = field(
        "Adopters named as", ADOPTERS_NAMED_AS_HELP, default=AdoptersNamedAs.FIRST_NAMES
    )
    court_order: FamilyTimeOrder = field(
        "Court order",
        "Any order that governs it: s.8 or s.34 Children Act 1989; s.26 Adoption and Children Act 2002 while a "
        "placement order is in force; s.51A of that Act after adoption.",
    )
    review_on: CalendarDate | None = field("Review on", "When the arrangement is next reviewed.", default=None)
