"""The note that opens the adult's copy of the report.

The adopted adult reads the report years after it was written, for readers
who are not them. The note says what it was for, who wrote it and when, that
its words belong to their time, what this copy holds and why (ACA 2002
s.60(2)(b): the information the adopters were given under s.54; anything
identifying someone else is protected information, s.57, disclosed only
through s.61), where the adoption file is and where support is. CoramBAAF's
2025 form opens the report with a note of this kind; these words are ours.
"""

from __future__ import annotations

from ...text.blocks import Block, text
from ...text.templating import long_date, lower_first
from ..common import age_on, and_list
from .words import ReportWords


def note_to_the_adult(words: ReportWords) -> list[Block]:
    name, case = words.name, words.case
    agency = case.authorship.agency
    writers = and_list([f"{author.name} ({lower_first(author.role)})" for author in words.cpr.authors])
    age = age_on(case.child.date_of_birth, words.on)
    deciders = ("the agency's decision maker, and then the court, could decide" if case.care_proceedings is not None
                else "the agency's adoption panel and decision maker could decide")
    return [
        text(
            f"{name}, this report was written about you when you were {age} old. {writers} of {agency.name} "
            f"wrote it; this version is dated {long_date(words.on)}. It was written so that {deciders} "
            "whether adoption was the right plan for you, and so that the people who would care for you knew your story from the start."
        ),
        text(
            "It was written for those readers, at that time. Some of its words, and some of the ways social "
            "workers thought and worked then, have changed since. Where it reads as formal or distant, that is "
            "how such reports were written; it is not a measure of how much you mattered."
        ),
        text(
            "This is the copy your adoptive parents were given. As an adult you have the right to it (Adoption "
            "and Children Act 2002, section 60(2)(b), which refers to what the agency gave them under section "
            "54). It leaves out the parts that were only for the court, and the addresses and contact details "
            "of your birth relatives. What would identify other people is kept by the agency: you can ask for "
            "it, and the agency then weighs your request with the views of the people it is about (sections 57 "
            "and 61 of the same Act)."
        ),
        text(
            f"{agency.name} keeps your adoption file, which holds more than this report. You can ask what it "
            f"holds about you by writing to {agency.name}, {agency.address}. You do not have to read it alone: "
            "the agency can tell you about counselling and adoption support for adults, and adoption support "
            "agencies help adopted adults to read their records and to think about what they find, and about "
            "tracing and contacting birth relatives if you want to."
        ),
    ]
