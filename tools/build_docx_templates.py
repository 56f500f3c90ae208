"""Write the Word templates in templates/docx/ (run: make templates).

Each function writes one document's template and mirrors the HTML template
of the same name section by section: change both together.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx_template_kit import TemplateWriter  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "templates" / "docx"


def _opening(t: TemplateWriter) -> None:
    """Header, footer and title block, the same for every document."""
    t.header("{{ document.protective_marking }}", "{{ child.full_name }} · Case {{ document.case_reference }}")
    t.footer("{{ document.brand.council_name }} · {{ document.date }}")
    t.tag("{%p if logo is not none %}")
    t.para("{{ logo }}")
    t.tag("{%p endif %}")
    t.title("{{ document.title }}")
    t.para("{{ document.subtitle }} for ", ("b", "{{ child.preferred_name }}"))
    t.para("{{ document.brand.council_name }}, {{ document.brand.council_address }} · {{ document.date }}")
    t.draft_banner()


def _grids(t: TemplateWriter, grids: str, orientation: str, otherwise: str) -> None:
    t.tag(f"{{%p for grid in {grids} %}}")
    t.tag(f'{{{{p grid|grid_table("{orientation}") }}}}')
    t.tag("{%p else %}")
    t.para(otherwise)
    t.tag("{%p endfor %}")


def _landscape_grids(t: TemplateWriter, heading: str, grids: str, otherwise: str) -> None:
    """Wide tables on landscape pages, then back to portrait."""
    t.landscape_section()
    t.heading(heading, 1)
    _grids(t, grids, "landscape", otherwise)
    t.portrait_section()


def _analysis_summary(t: TemplateWriter, level: int) -> None:
    """Mirrors the analysis_summary macro in templates/html/partials/grid.html."""
    t.tag("{%p if analysis.single_option_reason is not none %}")
    t.heading("Why only one option is realistic", level)
    t.narrative("analysis.single_option_reason")
    t.tag("{%p endif %}")
    t.heading("Holistic evaluation", level)
    t.tag("{%p if analysis.conclusion is not none %}")
    t.narrative("analysis.conclusion")
    t.tag("{%p else %}")
    t.para(("b", "No holistic evaluation is recorded."))
    t.tag("{%p endif %}")
    t.heading("Recommendation", level)
    t.tag("{%p if analysis.recommended is not none %}")
    t.para(("b", "{{ analysis.recommended }}"))
    t.tag("{%p else %}")
    t.para(("b", "No option is recommended yet."))
    t.tag("{%p endif %}")
    t.heading("Options that are not realistic", level)
    t.tag("{%p for option in analysis.ruled_out %}")
    t.para(("b", "{{ option.option }}."))
    t.tag("{%p if option.reasons is not none %}")
    t.narrative("option.reasons")
    t.tag("{%p else %}")
    t.para("No reason recorded.")
    t.tag("{%p endif %}")
    t.tag("{%p else %}")
    t.para("Every option considered was realistic.")
    t.tag("{%p endfor %}")
    t.tag("{%p if analysis.excluded %}")
    t.heading("General points that do not apply to this child", level)
    t.tag("{%p for item in analysis.excluded %}")
    t.para("{{ item.option }}. {{ item.text }}")
    t.tag("{%p if item.reason is not none %}")
    t.narrative("item.reason")
    t.tag("{%p else %}")
    t.para("No reason recorded.")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")


def _sources(t: TemplateWriter, sources: str) -> None:
    t.tag(f"{{%p if {sources} %}}")
    t.heading("Sources", 1)
    t.tag(f"{{%p for source in {sources} %}}")
    t.para("[{{ source.number }}] {{ source.citation }}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")


def options_analysis() -> TemplateWriter:
    t = TemplateWriter()
    _opening(t)
    t.heading("About this analysis", 1)
    t.para(
        "Each realistic option for {{ child.preferred_name }} is set out with the arguments for and against it: "
        "points about {{ child.preferred_name }} in particular, with the weight given to each, and general points "
        "about the legal route, with their sources. The options are then weighed together in one evaluation, as "
        "the law requires (Re B-S (Children) [2013] EWCA Civ 1146)."
    )
    _landscape_grids(t, "The realistic options", "analysis.grids", "No option is recorded as realistic.")
    t.heading("Weighing the options together", 1)
    _analysis_summary(t, 3)
    _sources(t, "analysis.sources")
    t.draft_appendix()
    return t


def route_comparison() -> TemplateWriter:
    t = TemplateWriter()
    _opening(t)
    t.heading("About this comparison", 1)
    t.para(
        "The legal routes being considered for {{ child.preferred_name }} differ in who holds parental "
        "responsibility, how long the arrangement lasts, what support comes with it and how the family stays in "
        "touch. This table sets them side by side. It describes each route in general; what suits "
        "{{ child.preferred_name }} is set out in the options analysis."
    )
    _landscape_grids(t, "The routes side by side", "comparison.grids", "No route is under consideration.")
    _sources(t, "comparison.sources")
    t.draft_appendix()
    return t


def care_plan_permanence() -> TemplateWriter:
    t = TemplateWriter()
    _opening(t)

    t.heading("The plan at a glance", 1)
    t.table(
        ["Plan", "Route", "Target date", "Status"],
        ["{{ plan.heading }}", "{{ plan.route }}", "{{ plan.target_date }}", "{{ plan.status }}"],
        widths=[3, 4, 3, 3],
        loop="plan in [primary_plan] + parallel_plans + ([contingency_plan] if contingency_plan is not none else [])",
    )
    t.tag("{%p if contingency_plan is none %}")
    t.para(("b", "No contingency plan is recorded."))
    t.tag("{%p endif %}")

    t.heading("1. About {{ child.preferred_name }}", 1)
    identity = [
        ("Name", "{{ child.full_name }} (known as {{ child.preferred_name }})"),
        ("Date of birth", "{{ child.date_of_birth }} (age {{ child.age }})"),
        ("Gender", "{{ child.gender }}"),
        ("Ethnicity", "{{ child.ethnicity }}"),
        ("Nationality", "{{ child.nationality }}"),
        ("Religion", "{{ child.religion }}"),
        (
            "Languages",
            "{{ child.first_language }}{% if child.other_languages is not none %}; "
            "also {{ child.other_languages }}{% endif %}",
        ),
        ("Case reference", "{{ child.case_reference }}"),
    ]
    _key_value_table(t, identity)
    t.heading("Disability and additional needs", 3)
    _optional_narrative(t, "child.needs", "None recorded.")

    t.heading("2. Legal status", 1)
    t.para(
        "{{ child.preferred_name }} {{ terms.became_looked_after }} on ",
        ("b", "{{ legal.looked_after_on }}"),
        "{% if legal.ceased_on is not none %} and {{ terms.stopped_being_looked_after }} on {{ legal.ceased_on }}{% endif %}.",
    )
    t.para(("b", "Orders in force"))
    t.tag("{%p if legal.current %}")
    _orders_table(t, "legal.current", "Ends", "{% if row.expires_on is not none %}{{ row.expires_on }}"
                  "{% else %}Until changed by the court{% endif %}")
    t.tag("{%p else %}")
    t.para("No order or accommodation is in force.")
    t.tag("{%p endif %}")
    t.tag("{%p if legal.previous %}")
    t.para(("b", "Earlier orders and accommodation"))
    _orders_table(t, "legal.previous", "Ended", "{{ row.ended_on }}")
    t.tag("{%p endif %}")
    t.tag("{%p if legal.proceedings is not none %}")
    t.heading("Care proceedings", 3)
    t.para(
        "Issued on {{ legal.proceedings.issued_on }} in the {{ legal.proceedings.court }} "
        "(case {{ legal.proceedings.court_case_number }}). The 26-week date was {{ legal.proceedings.week_26_date }}"
        "{% if legal.proceedings.extensions %}; with extensions the timetable runs to {% endif %}",
        ("b", "{% if legal.proceedings.extensions %}{{ legal.proceedings.timetable_ends_on }}{% endif %}"),
        ".{% if legal.proceedings.final_hearing_on is not none %} The final hearing is listed for "
        "{{ legal.proceedings.final_hearing_on }}.{% endif %}"
        "{% if legal.proceedings.concluded_on is not none %} The proceedings concluded on "
        "{{ legal.proceedings.concluded_on }}.{% endif %}",
    )
    t.tag("{%p for extension in legal.proceedings.extensions %}")
    t.doc.add_paragraph("Extension: {{ extension }}", style="List Bullet")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")

    t.heading("3. The permanence need", 1)
    for title, field in (("Legal", "legal"), ("Psychological", "psychological"), ("Physical", "physical")):
        t.heading(f"{title} permanence", 3)
        t.narrative(f"need.{field}")

    t.heading("4. The plans", 1)
    _plan_block(t, "primary_plan")
    t.tag("{%p for plan in parallel_plans %}")
    _plan_block(t, "plan")
    t.tag("{%p else %}")
    t.heading("Parallel plan", 3)
    t.para("No parallel plan: the primary plan is the only plan being pursued.")
    t.tag("{%p endfor %}")
    t.tag("{%p if contingency_plan is not none %}")
    _plan_block(t, "contingency_plan")
    t.tag("{%p else %}")
    t.heading("Contingency plan", 3)
    t.para("No contingency plan is recorded.")
    t.tag("{%p endif %}")

    t.heading("5. Options considered", 1)
    t.table(
        ["Option", "Realistic", "Outcome", "Reasons"],
        [
            ["{{ option.route }}", "{%p if option.carers is not none %}", "{{ option.carers }}", "{%p endif %}"],
            "{{ option.realistic }}",
            "{{ option.outcome }}",
            ["{%p if option.reasons is not none %}", "{{p option.reasons|markdown }}", "{%p else %}",
             "No reasons recorded.", "{%p endif %}"],
        ],
        widths=[4, 2, 2.5, 9],
        loop="option in options",
    )
    t.heading("Weighing the realistic options", 2)
    _grids(t, "analysis.grids", "portrait", "No option is recorded as realistic.")
    _analysis_summary(t, 3)

    t.heading("6. Actions", 1)
    t.tag("{%p if actions %}")
    t.table(
        ["What", "Who", "By when", "Done"],
        [
            "{{ action.what }}",
            "{{ action.owner }}",
            "{{ action.due_on }}",
            "{% if action.done_on is not none %}{{ action.done_on }}{% else %}Outstanding{% endif %}",
        ],
        widths=[8, 4, 3, 3],
        loop="action in actions",
    )
    t.tag("{%p else %}")
    t.para("No actions are recorded.")
    t.tag("{%p endif %}")

    t.heading("7. Key dates", 1)
    t.para(("b", "Statutory and policy timescales"))
    t.table(
        ["What", "Due", "Happened", "Status"],
        [
            "{{ row.label }}",
            "{{ row.due }}",
            "{% if row.actual is not none %}{{ row.actual }}{% elif row.planned is not none %}"
            "Planned for {{ row.planned }}{% else %}Not yet{% endif %}",
            "{{ row.status }}",
        ],
        widths=[8, 3, 3.5, 2],
        loop="row in timescales",
    )
    t.para(("b", "Other dates"))
    t.table(["Date", "What"], ["{{ item.date }}", "{{ item.event }}"], widths=[3, 9], loop="item in other_dates")

    t.heading("8. Wishes, feelings and views", 1)
    t.heading("{{ child.preferred_name }}", 3)
    t.tag("{%p if child_voice is not none %}")
    t.para(("i", "{{ child_voice.method }}. Recorded by {{ child_voice.recorded_by }} on {{ child_voice.recorded_on }}."))
    t.narrative("child_voice.summary")
    t.tag("{%p else %}")
    t.para(("b", "{{ child.preferred_name }}'s wishes and feelings have not yet been recorded."))
    t.tag("{%p endif %}")
    t.tag("{%p for view in other_views %}")
    t.heading("{{ view.who }}", 3)
    t.para(("i", "Recorded on {{ view.recorded_on }}."))
    t.narrative("view.summary")
    t.tag("{%p endfor %}")

    t.heading("9. Identity needs", 1)
    t.tag("{%p if identity_needs %}")
    t.table(
        ["Aspect", "Need", "How it is met"],
        ["{{ need.aspect }}", ["{{p need.need|markdown }}"], ["{{p need.how_met|markdown }}"]],
        widths=[2.5, 6, 6],
        loop="need in identity_needs",
        first_column=True,
    )
    t.tag("{%p else %}")
    t.para(("b", "No identity needs are recorded."))
    t.tag("{%p endif %}")

    t.heading("10. Brothers and sisters", 1)
    t.tag("{%p for sibling in siblings %}")
    t.heading("{{ sibling.name }}", 3)
    t.para(
        "{{ sibling.relation }}. {% if sibling.together %}Lives with {{ child.preferred_name }}."
        "{% else %}Lives apart from {{ child.preferred_name }}.{% endif %}"
    )
    _fact(t, "Where", "{{ sibling.where_living }}")
    _fact(
        t, "{{ terms.family_time|capfirst }}",
        "{% if sibling.family_time is not none %}{{ sibling.family_time }}{% else %}None arranged{% endif %}",
    )
    t.tag("{%p if sibling.reason is not none %}")
    t.narrative("sibling.reason")
    t.tag("{%p else %}")
    t.para(("b", "No reason is recorded for why they live {% if sibling.together %}together{% else %}apart{% endif %}."))
    t.tag("{%p endif %}")
    t.tag("{%p else %}")
    t.para("{{ child.preferred_name }} has no brothers or sisters recorded.")
    t.tag("{%p endfor %}")

    t.heading("11. {{ terms.family_time|capfirst }}", 1)
    t.tag("{%p for arrangement in family_time %}")
    t.heading("With {{ arrangement.with_whom }}", 3)
    t.narrative("arrangement.purpose")
    _fact(t, "Kind", "{{ arrangement.kind }}")
    _fact(t, "How often", "{{ arrangement.frequency }}")
    _fact(t, "How long", "{{ arrangement.duration }}", when="arrangement.duration is not none")
    _fact(t, "Where", "{{ arrangement.venue }}", when="arrangement.venue is not none")
    _fact(t, "Supervision", "{{ arrangement.supervision }}")
    _fact(t, "Court order", "{{ arrangement.court_order }}")
    _fact(t, "Next review", "{{ arrangement.review_on }}", when="arrangement.review_on is not none")
    t.tag("{%p else %}")
    t.para("No {{ terms.family_time }} is arranged.")
    t.tag("{%p endfor %}")

    t.heading("12. Support", 1)
    t.tag("{%p if support %}")
    t.table(
        ["Service", "Provider", "For", "Detail", "Until"],
        [
            "{{ item.service }}",
            "{{ item.provider }}",
            "{{ item.for_whom }}",
            ["{%p if item.detail is not none %}", "{{p item.detail|markdown }}", "{%p endif %}"],
            "{% if item.until is not none %}{{ item.until }}{% else %}Ongoing{% endif %}",
        ],
        widths=[3.5, 3.5, 3, 5, 2.5],
        loop="item in support",
    )
    t.tag("{%p else %}")
    t.para("No support services are recorded.")
    t.tag("{%p endif %}")

    t.heading("13. Sign-off and endorsement", 1)
    t.para("Written for {{ document.agency_name }}.")
    t.table(
        ["Role", "Name", "Date"],
        [
            "{{ person.role }}",
            "{{ person.name }}{% if person.qualifications is not none %}, {{ person.qualifications }}{% endif %}"
            "{% if person.registration_number is not none %} (registration {{ person.registration_number }}){% endif %}",
            "{% if person.signed_on is not none %}{{ person.signed_on }}{% else %}Not yet signed{% endif %}",
        ],
        widths=[4, 9, 4],
        loop="person in [social_worker, team_manager]",
    )
    t.tag("{%p if endorsement is not none %}")
    t.para(
        "At the {{ terms.review }} on {{ endorsement.review_on }}, {{ endorsement.iro.name }} ({{ endorsement.iro.role }}) ",
        ("b", "{% if endorsement.endorsed %}endorsed{% else %}did not endorse{% endif %}"),
        " the {{ terms.permanence_plan }}.",
    )
    t.tag("{%p if endorsement.comments is not none %}")
    t.narrative("endorsement.comments")
    t.tag("{%p endif %}")
    t.tag("{%p else %}")
    t.para("The plan has not yet been considered at a {{ terms.review }}.")
    t.tag("{%p endif %}")
    t.draft_appendix()
    return t


def _orders_table(t: TemplateWriter, rows: str, last_header: str, last_cell: str) -> None:
    t.table(
        ["Order", "Made", "Court and case number", last_header],
        [
            ["{{ row.order }}", "{%p if row.notes is not none %}", "{{p row.notes|markdown }}", "{%p endif %}"],
            "{{ row.made_on }}",
            "{% if row.court is not none %}{{ row.court }}, {{ row.court_case_number }}{% else %}Not a court order{% endif %}",
            last_cell,
        ],
        widths=[5, 3, 5, 3],
        loop=f"row in {rows}",
    )


def _key_value_table(t: TemplateWriter, rows: list[tuple[str, str]]) -> None:
    # A one-row table in the kit's style, then one row per fact.
    t.table(None, [rows[0][0], rows[0][1]], widths=[3, 9], first_column=True)
    built = t.doc.tables[-1]
    for label, value in rows[1:]:
        cells = built.add_row().cells
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(value)


def _optional_narrative(t: TemplateWriter, expression: str, otherwise: str) -> None:
    t.tag(f"{{%p if {expression} is not none %}}")
    t.narrative(expression)
    t.tag("{%p else %}")
    t.para(otherwise)
    t.tag("{%p endif %}")


def _fact(t: TemplateWriter, label: str, value: str, when: str | None = None) -> None:
    if when:
        t.tag(f"{{%p if {when} %}}")
    t.para(("b", f"{label}: "), value)
    if when:
        t.tag("{%p endif %}")


def _plan_block(t: TemplateWriter, var: str) -> None:
    t.heading(f"{{{{ {var}.heading }}}}: {{{{ {var}.route }}}}", 3)
    t.narrative(f"{var}.summary")
    _fact(t, "Carers", f"{{{{ {var}.carers }}}}", when=f"{var}.carers is not none")
    _fact(t, "Target date", f"{{{{ {var}.target_date }}}}")
    _fact(t, "Status", f"{{{{ {var}.status }}}}")


TEMPLATES = {
    "care-plan-permanence": care_plan_permanence,
    "options-analysis": options_analysis,
    "route-comparison": route_comparison,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(str(OUT / f"{name}.docx"))
        print(f"wrote {OUT / f'{name}.docx'}")


if __name__ == "__main__":
    main()
