"""The letters part of a letterbox agreement, and the birth family's own
guide to it.

Every copy gets the terms: what may and may not be sent, who writes first
and when the reply comes, the letterbox reference, photos and the internet,
what the letters from the child's family will tell, support for the birth
relative, and, where the plan is adoption, what changes at the adoption
order and at 18. The birth family's copy adds "How letterbox works for you":
the same facts as steps, in plain words.

The law behind the last part: an adoption order makes the adopters the
child's parents (Adoption and Children Act 2002 s.46, s.67); after it, the
court may make an order about contact (s.51A), and otherwise the adopters
decide about continuing contact for the child (Merton 2019, 10.2; Essex
2021, "Staying in touch with family"). An adopted adult may ask for the
information that leads to their birth record (s.60), and birth relatives
and adopted adults may join the Adoption Contact Register (s.80).
"""

from __future__ import annotations

from ...case.family_time import LetterboxTerms
from ...practice.schedules import eighteenth_birthday
from ...text.blocks import Block, Bullets, Heading, Paragraph, Row, Run, Table, text
from ...text.templating import capfirst, long_date
from ..common import and_list
from ..declaration import Reader
from .words import Words


def letterbox_part(words: Words) -> list[Block]:
    terms = _terms(words)
    not_sent = [*terms.may_not_send]
    if not terms.gifts_or_money_allowed:
        not_sent.insert(0, "Gifts or money of any kind")
    family = _childs_family(words)
    blocks: list[Block] = [
        Heading("Letters"),
        text("What may be sent:", keep_with_next=True),
        Bullets(tuple(terms.may_send)),
        text("What may not be sent:", keep_with_next=True),
        Bullets(tuple(not_sent) or ("Nothing beyond the above is ruled out.",)),
        Table("How the letters work", ("", "Agreed"), tuple(
            Row(((text(value),),), label=label) for label, value in (
                ("Who writes first", capfirst(terms.writes_first)),
                ("The reply", terms.replies or "Whenever a letter comes; the letterbox worker says by when"),
                ("How letters are signed", terms.signed_as),
                ("Letterbox reference", terms.reference or "Not yet given: ask the agency"),
                ("Send letters to", terms.agency_address or "Not yet given: ask the agency"),
            )
        ), (2, 6), keep_together=True),
        text(
            f"Letters go through {words.agency}, never directly. A letterbox worker reads each one before passing it "
            "on, and may return a letter that could identify where anyone lives or that would upset "
            f"{words.child_name}, saying why. Nobody writes an address, a school or a town in a letter. Every letter "
            "and envelope carries the letterbox reference instead of names and addresses."
        ),
        Heading("Photos and the internet", 2),
        text(
            "Photos go only through the letterbox, and only ones that show no school uniform, street, house, car or "
            "place that could be recognised. Nobody puts the other family's letters or photos online. Neither family "
            "looks for the other on the internet or social media, or gets in touch outside the letterbox; anyone who "
            "is contacted directly tells the agency, and does not reply."
        ),
        Heading(f"What the letters from {family} will tell", 2),
        Bullets(tuple(terms.letters_will_tell) or _usual_news(words)),
        Heading("Support", 2),
        text(_support(terms, words)),
    ]
    if words.adoption:
        blocks += [Heading("After the adoption order, and at 18", 2), *_later(words, family)]
    if words.reader is Reader.BIRTH_FAMILY:
        blocks += _guide_for_the_birth_family(words, terms, family)
    return blocks


def _terms(words: Words) -> LetterboxTerms:
    terms = words.arrangement.letterbox
    assert terms is not None  # only a letterbox arrangement has this part
    return terms


def _childs_family(words: Words) -> str:
    """The carers as this copy names them: 'Ash and Remi', or 'Orla's parents'."""
    if words.adopters_as_parents:
        return words.childs_parents
    names = list(dict.fromkeys(words.first_name(carer) for carer in words.carers))
    return and_list(names) or f"{words.child_name}'s carers"


def _usual_news(words: Words) -> tuple[str, ...]:
    child, subject, possessive = words.child_name, words.subject, words.possessive
    return (
        f"How {child} is growing and getting on",
        f"What {subject} enjoys, and what {subject} has done since the last letter",
        f"{capfirst(possessive)} health, in general",
        f"What {child} has asked or said about {possessive} birth family, where {subject} wants it passed on",
    )


def _support(terms: LetterboxTerms, words: Words) -> str:
    if terms.support is not None:
        return f"Help with writing a letter, reading one, or with how it feels: {terms.support}."
    return (f"Help with writing a letter, reading one, or with how it feels: ask the letterbox worker at "
            f"{words.agency}, who can also say where to find independent support.")


def _later(words: Words, family: str) -> list[Block]:
    child, subject, possessive = words.child_name, words.subject, words.possessive
    at_order = (
        f"{family} became {child}'s parents in law when the adoption order was made. " if words.adopted else
        f"When the court makes the adoption order, {family} become {child}'s parents in law. "
    )
    return [
        text(at_order + f"This agreement carries on as it is. From then on {family} decide, with the agency's "
             "advice, whether it changes, unless the court has made an order about it (Adoption and Children Act "
             "2002, section 51A)."),
        text(f"On {possessive} 18th birthday ({long_date(eighteenth_birthday(words.case.child.date_of_birth))}), "
             f"{child} becomes an adult and decides for {_reflexive(words)} whether the letters go on. As an adult "
             f"{subject} may ask for {possessive} birth records and adoption file (section 60), and anyone in "
             f"{possessive} birth family may join the Adoption Contact Register to say they would welcome hearing "
             f"from {words.object} (section 80)."),
    ]


def _reflexive(words: Words) -> str:
    return {"her": "herself", "him": "himself"}.get(words.object, "themselves")


def _guide_for_the_birth_family(words: Words, terms: LetterboxTerms, family: str) -> list[Block]:
    """The same facts as steps, for the birth relative who writes."""
    child, agency = words.child_name, words.agency
    reply = _sentence(terms.replies) if terms.replies else (
        "You can write back each time a letter comes. The letterbox worker will tell you by when.")
    return [
        Heading("How letterbox works for you"),
        _step("1. A letter comes",
              f"Letters from {family} come to you from the letterbox service at {agency}, never from them directly."),
        _step("2. You write back", reply),
        _step("3. What to write about",
              f"Your own news, good memories of {child} and of your family, and your good wishes. Write as you would "
              f"talk to {child}. Leave out where you live or work, and any promise to meet."),
        _step("4. What happens to your letter",
              f"The letterbox worker reads it and sends it on to {family}. If something in it could show where anyone "
              "lives, or might upset "
              f"{child}, they will talk to you about changing it. Your letter is never just thrown away."),
        _step("5. Help", _sentence(terms.support) if terms.support is not None else
              f"Ask the letterbox worker at {agency}: they can help you write a letter or read one with you, and "
              "tell you where to find independent support."),
        _step("6. If you move or change your phone number",
              f"Tell the letterbox service at {agency}, quoting your letterbox reference"
              + (f" ({terms.reference})." if terms.reference else ".")),
    ]


def reply_slip(words: Words) -> list[Block]:
    """A page the birth relative fills in and sends with each letter: the
    reference lets the letterbox worker match the letter to the right file
    without a name or address on it (the agreement's optional part)."""
    terms = _terms(words)
    child = words.child_name
    facts = (
        ("Letterbox reference", terms.reference or ""),
        ("My letter is for", child),
        ("From (as I sign my letters)", ""),
    )
    enclosed = tuple(Row(((),), label=item) for item in terms.may_send)
    return [
        Heading("Reply slip", new_page=True),
        text(f"Fill this in and send it with each letter to {child}. Keep the agreement itself."),
        Table("About this letter", ("", "Write here"), tuple(
            Row(((text(value),) if value else (),), label=name) for name, value in facts
        ), (2, 5), keep_together=True, for_signing=True),
        Table("What I have put in with it (tick each one)", ("", "Tick"), enclosed, (5, 2), keep_together=True),
        Table("Anything you would like the letterbox worker to know", (), (
            Row(((), ), label="Your message"), Row(((), ), label="Do you want help with writing next time? (yes or no)"),
        ), (2, 5), keep_together=True, for_signing=True),
        text("Send it to: " + (terms.agency_address or f"the letterbox service at {words.agency}") + "."),
    ]


def _sentence(phrase: str) -> str:
    """A worker's phrase as a sentence: a capital first, a full stop last."""
    return capfirst(phrase) + ("" if phrase.endswith((".", "!", "?")) else ".")


def _step(lead: str, said: str) -> Block:
    """"1. A letter comes." in bold, then what happens: a step, read as prose
    (a bold lead ending in a colon would be drawn as a tight labelled fact)."""
    return Paragraph((Run(lead + ". ", bold=True), Run(said)))
