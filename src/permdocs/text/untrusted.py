"""Limits for what a council supplies: template folders, templates and logos.

Council templates and profiles are untrusted input, like case files. A
template folder may hold links; a link that leads outside the profile's
folder would let a template read any file, so every path is resolved, links
included, and refused unless it stays inside its root. Templates run with a
work budget, so that a runaway loop or a huge string ends in a clear error.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader
from jinja2.exceptions import SecurityError

#: Largest logo a profile may name: a logo is tens of kilobytes.
MAX_LOGO_BYTES = 1024 * 1024
_LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png"}
#: Logos print 14 mm high; raster logos below this many pixels look jagged
#: there (150 pixels over 14 mm is about 270 dots per inch).
LOGO_HEIGHT_MM = 14
MIN_LOGO_PIXELS_HIGH = 150


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every link resolved, lies inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses any template which, links resolved,
    lies outside its folder (Jinja's own loader follows links anywhere)."""

    def get_source(self, environment, template):  # type: ignore[no-untyped-def]
        source, filename, uptodate = super().get_source(environment, template)
        if not any(inside(Path(root), Path(filename)) for root in self.searchpath):
            raise SecurityError(f"'{template}' is a link to a file outside the profile's folder")
        return source, filename, uptodate


def logo_problem(path: Path) -> str | None:
    """Why a profile's logo cannot be used, or None: it must be a regular PNG
    file under the size cap (a folder, a pipe or a 200 MB file is not). SVG is
    not accepted yet: the Word writer (python-docx) cannot embed it."""
    if not path.is_file():
        return "must name a regular file (a PNG image)"
    if path.stat().st_size > MAX_LOGO_BYTES:
        return f"is larger than {MAX_LOGO_BYTES // 1024} kB; a logo needs far less"
    with path.open("rb") as handle:
        head = handle.read(512)
    if not any(head.startswith(signature) for signature in _LOGO_SIGNATURES):
        return "is not a PNG image (Word documents need a PNG logo)"
    height = int.from_bytes(head[20:24], "big") if head[12:16] == b"IHDR" else 0
    if height < MIN_LOGO_PIXELS_HIGH:
        return (
            f"is {height} pixels high; a logo needs at least {MIN_LOGO_PIXELS_HIGH} to print sharply at its "
            f"{LOGO_HEIGHT_MM} mm height (about 270 dots per inch)"
        )
    return None


def logo_media_type(path: Path) -> str:
    return "image/png"


# --- what a council's HTML may produce ------------------------------------------

#: The Content-Security-Policy every HTML document carries: no scripts, no
#: remote loads; styles and images only from inside the file itself.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

#: ``a`` is allowed for the contents lists' links within the document; its
#: ``href`` is checked like every other address (only ``#fragment``).
_ALLOWED_TAGS = frozenset(
    "html head meta title style body header footer main section aside article nav div span p br hr h1 h2 h3 h4 h5 h6 a "
    "ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td strong em b i u s small sup sub mark img "
    "figure figcaption blockquote abbr time address".split()
) | frozenset(
    # The drawings permdocs makes (genogram, timeline): shapes and text only. No <image>,
    # <use>, <foreignObject>, <a> or <script>, which could load or run something.
    "svg g title desc rect line polyline polygon circle ellipse path text tspan defs marker".split()
)
_URL_ATTRIBUTES = frozenset({"src", "href", "srcset", "action", "formaction", "background", "poster", "data", "xlink:href"})


def html_problems(markup: str, trusted_styles: frozenset[str]) -> list[str]:
    """Why HTML rendered from a council's template may not go out: elements
    outside the allowlist (scripts, frames, links, forms), event handlers,
    and any resource not inside the file (only ``data:`` images and
    ``#fragment`` links are allowed). Our own stylesheets are trusted."""
    from lxml import html as lxml_html

    problems: list[str] = []
    root = lxml_html.document_fromstring(markup)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag not in _ALLOWED_TAGS:
            problems.append(f"the element <{tag}> is not allowed")
            continue
        if tag == "meta" and element.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            problems.append("a <meta http-equiv> other than the content security policy is not allowed")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                problems.append(f"the event handler {name}= on <{tag}> is not allowed")
            elif name in _URL_ATTRIBUTES and not _local_url(value, image=tag == "img"):
                problems.append(f"<{tag} {name}=...> points outside the document; only data: images and #links are allowed")
            elif name == "style" and _remote_css(value):
                problems.append(f"a style on <{tag}> loads a resource from outside the document")
            elif "url(" in value.lower() and _remote_css(value):
                # An SVG paint or marker (fill="url(...)") may name only something inside the file.
                problems.append(f"<{tag} {name}=...> points outside the document; only data: images and #links are allowed")
        if tag == "style" and (element.text or "").strip() not in trusted_styles and _remote_css(element.text or ""):
            problems.append("a stylesheet loads a resource from outside the document (url(...) or @import)")
    return sorted(set(problems))


def _local_url(value: str, *, image: bool) -> bool:
    value = value.strip().lower()
    return value.startswith("#") or (image and value.startswith("data:image/"))


def _remote_css(css: str) -> bool:
    lowered = css.lower()
    if "@import" in lowered:
        return True
    import re

    return any(not url.strip(" '\"").startswith(("data:", "#")) for url in re.findall(r"url\(([^)]*)\)", lowered))


def with_content_security_policy(markup: str) -> str:
    """The document with our Content-Security-Policy as the first thing in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    head = markup.find("<head>")
    if head == -1:
        return meta + markup
    return markup[: head + 6] + "\n" + meta + markup[head + 6:]
