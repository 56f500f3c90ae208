"""The usual short forms of English first names, so that a carer recorded as
"Samantha" is still found when a worker writes "Sam" (:mod:`permdocs.safeguarding.mentions`).

Only forms people commonly use are listed: a short form that is also an
ordinary word ("Will", "Pat", "Bill") is matched only as a capitalised word.
Names a case records under 'known_as' are found as well, whatever they are;
this table covers the names a worker forgot to record.
"""

from __future__ import annotations

#: Full name -> its common short forms.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "abigail": ("Abi", "Abby"), "alexander": ("Alex", "Alec", "Sandy"), "alexandra": ("Alex", "Lexi", "Sandra"),
    "andrew": ("Andy", "Drew"), "anthony": ("Tony", "Ant"), "benjamin": ("Ben", "Benji"), "catherine": ("Cath", "Cathy", "Kate", "Katie"),
    "charles": ("Charlie", "Chas"), "charlotte": ("Lottie", "Charlie"), "christine": ("Chris", "Chrissie"), "christopher": ("Chris", "Kit"),
    "daniel": ("Dan", "Danny"), "david": ("Dave", "Davy"), "deborah": ("Debs", "Debbie", "Deb"), "dominic": ("Dom",),
    "edward": ("Ed", "Eddie", "Ted", "Ned"), "eleanor": ("Ellie", "Nell", "Nora"), "elizabeth": ("Liz", "Lizzie", "Beth", "Betty", "Libby", "Eliza"),
    "emily": ("Em", "Emmy"), "frederick": ("Fred", "Freddie"), "gabriel": ("Gabe",), "gabriella": ("Gabby", "Ella"),
    "geoffrey": ("Geoff",), "gerald": ("Gerry",), "gregory": ("Greg",), "harriet": ("Hattie",), "henry": ("Harry", "Hal"),
    "isabella": ("Bella", "Izzy", "Isla"), "isabelle": ("Izzy", "Belle"), "jacqueline": ("Jackie", "Jacqui"), "james": ("Jim", "Jimmy", "Jamie"),
    "jennifer": ("Jen", "Jenny"), "jessica": ("Jess", "Jessie"), "jonathan": ("Jon", "Jonny"), "joseph": ("Joe", "Joey"),
    "joanna": ("Jo",), "joanne": ("Jo",), "josephine": ("Jo", "Josie"), "katherine": ("Kate", "Kath", "Katie", "Kathy"),
    "kathryn": ("Kate", "Kath", "Katie"), "kenneth": ("Ken", "Kenny"), "lawrence": ("Laurie", "Larry"), "leonard": ("Len", "Lenny"),
    "margaret": ("Maggie", "Meg", "Peggy", "Marge"), "matthew": ("Matt", "Matty"), "michael": ("Mike", "Mick", "Mickey"),
    "michelle": ("Shell", "Chelle"), "nathaniel": ("Nat", "Nate"), "nicholas": ("Nick", "Nicky"), "nicola": ("Nicky", "Nic"),
    "oliver": ("Ollie",), "patricia": ("Pat", "Patsy", "Trish", "Tricia"), "patrick": ("Pat", "Paddy"), "peter": ("Pete",),
    "philip": ("Phil", "Pip"), "rebecca": ("Becky", "Becca", "Bex"), "richard": ("Rich", "Richie", "Rick", "Dick"),
    "robert": ("Rob", "Robbie", "Bob", "Bobby", "Bert"), "ronald": ("Ron", "Ronnie"), "samantha": ("Sam", "Sammy"),
    "samuel": ("Sam", "Sammy"), "sarah": ("Sally", "Sadie"), "stephanie": ("Steph",), "stephen": ("Steve", "Stevie"),
    "steven": ("Steve", "Stevie"), "susan": ("Sue", "Susie"), "suzanne": ("Sue", "Suzy"), "theodore": ("Theo", "Ted"),
    "thomas": ("Tom", "Tommy"), "timothy": ("Tim", "Timmy"), "victoria": ("Vicky", "Tori"), "vincent": ("Vince", "Vinny"),
    "william": ("Will", "Bill", "Billy", "Liam"), "zachary": ("Zach", "Zac"),
}


def short_forms(given_name: str) -> list[str]:
    """The usual short forms of one first name, or none."""
    return list(SHORT_FORMS.get(given_name.casefold(), ()))
