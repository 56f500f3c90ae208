"""The render pipeline, top to bottom: case -> request -> redacted case ->
contexts -> outputs -> bytes.

1. Resolve the request: the document type, the audience, the profile, the
   checks' findings (a final document is refused while errors remain).
2. Redact the case for the audience, once (permdocs.safeguarding.redaction).
3. Build each output's context from the redacted case (the document's folder).
4. Draw each context in each format (permdocs.writers).

Nothing here touches the disk: the result is file name -> bytes, and
:func:`permdocs.base.output.write_files` writes it all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ..case import Case
from ..checks import CopyReach, Finding, check, errors_in
from ..checks.safeguarding_rules import written_out
from ..documents import copies_of, get_document
from ..documents.declaration import Audience, DocumentType
from ..errors import (
    DocumentNotApplicableError,
    UnknownFormatError,
    UnknownPartError,
    UnresolvedFindingsError,
)
from ..profiles import LoadedProfile, resolve_profile
from ..safeguarding.redaction import redact
from ..safeguarding.withholding import mentions_withheld
from ..writers import Styling, get_format
from .request import RenderRequest, ResolvedRequest


@dataclass(frozen=True)
class RenderedFile:
    """One file a request made, with what a case system files it under."""

    name: str
    document: str
    audience: str
    format: str
    media_type: str
    #: The family-time arrangement or part the file is of, where it is one.
    label: str
    data: bytes


class RenderedOutputs(dict[str, bytes]):
    """Every file a request made, file name -> bytes, and what else the
    render knows: each file's metadata, what was left out and why, and the
    checks' findings (a final render has no errors among them; a draft's
    are listed in its appendix), so that a caller never runs the checks twice."""

    def __init__(self, files: list[RenderedFile], skipped: list[str], findings: tuple[Finding, ...]) -> None:
        super().__init__((file.name, file.data) for file in files)
        self.files = tuple(files)
        self.skipped = tuple(skipped)
        self.findings = findings


def render_outputs(case: Case, request: RenderRequest, *, skipped: list[str] | None = None) -> RenderedOutputs:
    """Every file a request makes, in memory: file name -> bytes, with the
    files' metadata, what was left out, and the checks' findings.

    A request for one copy refuses a file its output cannot be made in (a
    calendar of an arrangement without dates) with the reason, as an input
    error, unless given a ``skipped`` list, to which the reason is added. A
    request for several documents or copies leaves such files out, and
    documents the case lacks what they need for, and says so in
    ``skipped``."""
    singles, left_out = request.singles(case)
    lenient = skipped is not None or request.several
    notes = skipped if skipped is not None else []
    notes.extend(left_out)
    files: list[RenderedFile] = []
    findings: tuple[Finding, ...] | None = None
    for single in singles:
        resolved = resolve_request(case, single)
        files += _render_copy(case, resolved, single.formats, notes if lenient else None)
        findings = resolved.findings
    if findings is None:
        # Nothing to render (every document asked for lacks what it needs): the findings still stand.
        profile = resolve_profile(request.profile, case.profile)
        findings = tuple(findings_for(case, profile, request.as_of or case.prepared_on))
    return RenderedOutputs(files, notes, findings)


def render_files(case: Case, request: RenderRequest, *, skipped: list[str] | None = None) -> list[RenderedFile]:
    """Every file a request makes, as :func:`render_outputs` does, each with
    its document, audience, format and media type."""
    return list(render_outputs(case, request, skipped=skipped).files)


def _render_copy(
    case: Case, resolved: ResolvedRequest, format_names: tuple[str, ...], skipped: list[str] | None,
) -> list[RenderedFile]:
    """The files of one document's copy, in each format asked for."""
    formats = [get_format(name) for name in format_names]
    withholds = withholds_for(resolved)
    if resolved.audience.for_a_child:
        _refuse_scrubbing_for_a_child(case, resolved, withholds)
    redacted = redact(case, withholds)
    styling = replace(Styling.from_profile(resolved.profile), archival=resolved.archival)
    files: list[RenderedFile] = []
    for output in resolved.document.outputs(redacted, resolved):
        # A label is checked against the case as it was: the redacted one no longer holds what to look for.
        label = output.safe_label if output.label and mentions_withheld(case, withholds, output.label) else output.label
        for fmt in formats:
            name = output_name(case, resolved, label, fmt.extension)
            if fmt.name in output.lacks:
                if skipped is None:
                    raise UnknownFormatError(output.lacks[fmt.name])
                skipped.append(f"{name}: {output.lacks[fmt.name]}")
                continue
            data = fmt.render(resolved.document, output.context, styling, layout=output.layout)
            files.append(RenderedFile(
                name, resolved.document.name, resolved.audience.name, fmt.name, fmt.media_type, label or resolved.part or "",
                data,
            ))
    return files


def _refuse_scrubbing_for_a_child(case: Case, request: ResolvedRequest, withholds: dict) -> None:  # type: ignore[type-arg]
    """A child's copy never reads "[withheld]" or "the foster carers" where a
    name was typed: its texts must name what they withhold by @-reference."""
    document = request.document
    written = written_out(case, (CopyReach(document.reads, withholds, True),))
    if written:
        copy = f"the {document.title.lower()} ({request.audience.title.lower()})"
        raise UnresolvedFindingsError(written, for_a_child=copy)


def withholds_for(request: ResolvedRequest) -> dict:  # type: ignore[type-arg]
    """What the copy withholds: the audience's categories, less those a
    separately filed part exists to show."""
    shown = set(request.document.parts[request.part].shows) if request.part else set()
    return {category: how for category, how in request.audience.withholds.items() if category not in shown}


def resolve_request(case: Case, request: RenderRequest) -> ResolvedRequest:
    """Look up everything a request names, and refuse a final document while
    the practice checks find errors (a draft renders anyway)."""
    document = get_document(request.document)
    audience = document.audience(request.audience)
    _check_formats(document, audience, request.formats)
    _check_part(document, request.part)
    _check_applies(document, case)
    options = document.chosen_options(case, request.options)
    profile = resolve_profile(request.profile, case.profile)
    as_of = request.as_of or case.prepared_on
    findings = findings_for(case, profile, as_of)
    if not request.draft and errors_in(findings):
        raise UnresolvedFindingsError(errors_in(findings))
    return ResolvedRequest(
        document, audience, profile, request.draft, as_of, tuple(findings), request.part, options, request.for_bundle,
        request.archival,
    )


def findings_for(case: Case, profile: LoadedProfile, as_of: date) -> list[Finding]:
    """The practice checks' findings under a council's profile, knowing every
    copy the case will produce (which texts reach which readers, SG-001).

    A case is immutable, so one case's findings are kept for the next
    request about it: rendering every copy of every document of one case
    runs the checks once, not once per copy."""
    council = profile.profile.council.name
    key = (id(case), profile.settings, council, as_of)
    kept = _LAST_FINDINGS.get(key)
    if kept is not None and kept[0] is case:
        return list(kept[1])
    findings = check(case, profile.settings, as_of, council=council, copies=copies_of(case))
    if len(_LAST_FINDINGS) >= 8:
        _LAST_FINDINGS.pop(next(iter(_LAST_FINDINGS)))
    # The case itself is kept with its findings, so that its id cannot be reused while the entry lives.
    _LAST_FINDINGS[key] = (case, tuple(findings))
    return findings


#: The findings of the last few cases checked: (id of case, policy, council, day) -> (case, findings).
_LAST_FINDINGS: dict[tuple[object, ...], tuple[Case, tuple[Finding, ...]]] = {}


def _check_formats(document: DocumentType, audience: Audience, names: tuple[str, ...]) -> None:
    offered = document.formats_for(audience)
    for name in names:
        fmt = get_format(name)
        if fmt.name not in offered:
            whose = f"document's '{audience.name}' copy" if fmt.name in document.formats else "document"
            raise UnknownFormatError(f"The {document.name} {whose} comes in {', '.join(offered)}, not {fmt.name}.")


def _check_part(document: DocumentType, part: str | None) -> None:
    if part is not None and part not in document.parts:
        choices = ", ".join(document.parts) or "none"
        raise UnknownPartError(f"The {document.name} document has no part '{part}'. Its parts: {choices}.")


def _check_applies(document: DocumentType, case: Case) -> None:
    missing = document.missing_from(case)
    if missing:
        raise DocumentNotApplicableError(
            f"The {document.name} document needs {', '.join(missing)}, which this case does not have."
        )


def output_name(case: Case, request: ResolvedRequest, label: str, extension: str) -> str:
    """``care-plan-permanence_FX-2026-0412_family.pdf``: the document, the case
    reference, the audience unless it is the default, any label or part, and
    ``_DRAFT``. Never the child's name: file names travel in e-mails and
    folder listings. A draft's name can never replace the final document's."""
    pieces = [request.document.name, case.child.case_reference]
    if request.audience.name != request.document.default_audience.name:
        pieces.append(request.audience.name)
    pieces += [piece for piece in (label, request.part) if piece]
    # A switch that changes what the file is (the letter's review copy) says so in its name.
    pieces += [
        option.file_label for name, option in request.document.options.items()
        if option.file_label and request.options.get(name) is True
    ]
    if request.draft:
        pieces.append("DRAFT")
    stem = "_".join(re.sub(r"[^A-Za-z0-9.-]+", "-", piece) for piece in pieces)
    return f"{stem}.{extension}"

