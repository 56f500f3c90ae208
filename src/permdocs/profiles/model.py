"""A council profile: the council's own words, branding, policy settings and
template overrides, in one small TOML file validated by these models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema

from ..base.policy import PermanencePlanDue, PolicySettings
from ..base.strict import (
    MULTI_LINE_ERROR,
    MULTI_LINE_PATTERN,
    SINGLE_LINE_ERROR,
    SINGLE_LINE_PATTERN,
    Identifier,
    ShortText,
    StrictModel,
    field,
)

HexColour = Annotated[str, StringConstraints(max_length=7, pattern=r"^#[0-9A-Fa-f]{6}$")]

#: Fonts shipped with permdocs (SIL Open Font License), and the Word font
#: with the same metrics that the DOCX names, so that pages break alike.
BUNDLED_FONTS: dict[str, str] = {"Liberation Sans": "Arial", "Liberation Serif": "Times New Roman"}
MAX_ADDRESS_LINES = 8



def _lines_of(value: object) -> object:
    # An address written as one text (a TOML multi-line string) is its lines.
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else value


#: The address's lines: given as a list, or as text (one line or several),
#: which is split into lines before each line is checked as a ShortText.
AddressLines = Annotated[
    list[ShortText],
    Field(min_length=1, max_length=MAX_ADDRESS_LINES),
    BeforeValidator(_lines_of),
    WithJsonSchema({"anyOf": [
        {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": MULTI_LINE_PATTERN,
         "patternErrorMessage": MULTI_LINE_ERROR},
        {"type": "array", "minItems": 1, "maxItems": MAX_ADDRESS_LINES, "items": {
            "type": "string", "minLength": 1, "maxLength": 1000, "pattern": SINGLE_LINE_PATTERN,
            "patternErrorMessage": SINGLE_LINE_ERROR}},
    ]}),
]


class Council(StrictModel):
    """Who the documents come from."""

    name: ShortText = field("Name", "The council's name as printed on documents.")
    address: AddressLines = field(
        "Address",
        "The council's postal address: one line, several lines in a TOML multi-line string (\"\"\"...\"\"\"), or a "
        f"list of up to {MAX_ADDRESS_LINES} lines. HTML and PDF print each line; Word headers join them with commas.",
    )
    logo: ShortText | None = field(
        "Logo", "A PNG file in the profile's folder, printed in the document header; null for none.", default=None
    )

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The address, a line each."""
        return tuple(self.address)


class Branding(StrictModel):
    """How documents look."""

    accent_colour: HexColour = field(
        "Accent colour",
        "Colour of headings and rules, as #RRGGBB. Headings are text, so it must reach a contrast of 4.5:1 against "
        "white (WCAG 2.2 AA); a paler colour is refused, with a darker one of the same hue suggested.",
    )
    font: ShortText = field(
        "Font",
        "The font family of the documents: Liberation Sans or Liberation Serif (shipped with permdocs), or a family "
        "from the profile's own fonts folder ('fonts').",
    )
    fonts: ShortText | None = field(
        "Fonts folder",
        "A folder in the profile's folder holding open-licensed TTF or OTF fonts that may be embedded (their OS/2 "
        "fsType allows it), to name in 'font'. The PDF embeds them; Word and web pages use the same family where "
        "it is installed.",
        default=None,
    )
    stylesheet: ShortText | None = field(
        "Stylesheet",
        "A CSS file in the profile's folder whose rules are added to the HTML and PDF after permdocs' own. It may "
        "style but not load anything: no url(), @import or @font-face.",
        default=None,
    )
    protective_marking: ShortText = field(
        "Protective marking",
        "Printed on every page, e.g. OFFICIAL-SENSITIVE (Government Security Classifications); on a letter to a "
        "child, only where 'marking_on_letters_to_a_child' says.",
    )
    marking_on_letters_to_a_child: Literal["covering-letter", "none"] = field(
        "Marking on letters to a child",
        "Where the protective marking goes when permdocs writes a letter to a child (the later-life letter), which "
        "becomes the child's own to keep for life: 'covering-letter' (the default) prints it on the covering letter "
        "to the adoptive parents; 'none' prints it on neither, for a council that marks only what stays in its own "
        "records. The letter the child reads never carries it, and the agency's review copy always does.",
        default="covering-letter",
    )
    court_copy_header: Literal["initials", "full-name"] = field(
        "Court copy header",
        "How the running header of a court copy names the child: by initials ('A.M.S.'), as a court bundle's "
        "front sheet and index do, or by full name. One name for the child across a bundle; initials by default.",
        default="initials",
    )


class Terms(StrictModel):
    """Words councils choose differently (brief section 2). Each is written as
    it reads mid-sentence; templates capitalise the first letter where needed."""

    care_plan: ShortText = field("Care plan", "The overall plan for a child in care, e.g. 'care plan' or 'Life Plan'.")
    permanence_plan: ShortText = field("Permanence plan", "The plan for permanence, e.g. 'permanence plan'.")
    became_looked_after: ShortText = field(
        "Became looked after", "The phrase after a child's name: 'became looked after' or 'came into care'."
    )
    stopped_being_looked_after: ShortText = field(
        "Stopped being looked after", "The phrase after a child's name: 'stopped being looked after' or 'left care'."
    )
    looked_after_child: ShortText = field("Looked-after child", "A child in care: 'looked-after child' or 'Child in Care'.")
    family_time: ShortText = field("Family time", "Time with birth family: 'contact' or 'Family Time'.")
    review: ShortText = field("Review", "The statutory review meeting, e.g. 'review' or 'Child in Care Review'.")
    the_panel: ShortText = field("The panel", "The permanence or adoption panel, as the council names it.")
    agency_decision_maker: ShortText = field("Agency Decision Maker", "The Agency Decision Maker's title.")


class Policy(StrictModel):
    """Policy settings of the practice checks: when a plan is due, and the thresholds the checks use."""

    permanence_plan_due: PermanencePlanDue = field("Permanence plan due", "The review by which the permanence plan is due.")
    care_plan_working_days: int = field("Care plan working days", "Working days to complete the care plan.", ge=1, le=60)
    later_life_letter_working_days: int = field(
        "Later-life letter working days", "Working days after the celebration hearing to hand over the letter.", ge=1, le=60
    )

    def settings(self, plain_words: dict[str, str] | None = None) -> PolicySettings:
        return PolicySettings(
            self.permanence_plan_due, self.care_plan_working_days, self.later_life_letter_working_days,
            tuple(sorted((plain_words or {}).items())),
        )


class Profile(StrictModel):
    """A council profile file (profile.toml)."""

    id: Identifier = field("Id", "A short name for the profile, as given to --profile.")
    description: ShortText = field("Description", "What the profile is for.")
    council: Council = field("Council", "Who the documents come from.")
    branding: Branding = field("Branding", "Colours, font and protective marking.")
    terms: Terms = field("Terms", "The council's words for things councils name differently.")
    policy: Policy = field("Policy", "Policy settings used by the practice checks.")
    plain_words: dict[ShortText, ShortText] = field(
        "Plain words",
        "The council's own additions to the later-life letter review's word list: a word or phrase to avoid, "
        "and a plainer way to say it.",
        default_factory=dict,
    )
    reference_docx: ShortText | None = field(
        "Reference Word file",
        "A .docx in the profile's folder whose styles, header and footer are applied to every Word document, "
        "as pandoc's --reference-doc does: restyle once, in Word, without touching any template.",
        default=None,
    )
    overrides: ShortText | None = field(
        "Template overrides",
        "A folder, relative to the profile, whose html/ and docx/ templates replace packaged ones of the same name.",
        default=None,
    )
