"""Issue 28, target 6: would Chromium make a faster PDF engine for large batches?

An evaluation, not a feature. One headless Chromium is started and kept
running; each document's print HTML (the very markup permdocs hands
WeasyPrint) is laid out in it over the DevTools protocol and printed with
``Page.printToPDF``. The protocol travels over ``--remote-debugging-pipe``
(Chromium reads commands on fd 3 and writes replies on fd 4, each a JSON
object ended by a NUL byte), so no port is opened and no library is needed.

The rows say how fast that is against permdocs' WeasyPrint PDF, and
whether the output rules of permdocs' PDFs still hold (running headers and
footers, the protective marking, tagging, no network, the same bytes every
run). The evidence for each rule is in :func:`rule_findings`.

What Chromium 156 lacks, and what is done around it here
(:func:`permdocs_pdf`): ``string-set``/``string()`` (a page script writes
the running strings into the @page rules as literals); ``target-counter()``
and ``leader()`` (a first print says where each heading fell, the numbers
are written into the contents, and the document is printed again); margin
text that is neither tagged nor an artifact, no XMP, a figure's frame as a
second figure, the moment of printing and DOM node numbers in the file
(:func:`mended`, with pikepdf). The pages then differ from WeasyPrint's
only where the two engines break lines and pages differently.

    python benchmarks/chromium_engine.py          # the findings and the rows
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BABY = ROOT / "samples" / "baby-in-proceedings.json"
CPR = ROOT / "samples" / "cpr-adoption.json"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import Measure, medians_taking_turns, print_markup  # noqa: E402


def chromium_executable() -> str | None:
    """The Chromium binary itself: Debian's /usr/bin/chromium is a shell
    wrapper that reads /etc/chromium.d on every start."""
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


#: No network at all: every host name resolves to nothing, there is no
#: proxy to reach, and none of Chromium's own services (updates, sync,
#: metrics, safe browsing, field trials) is started.
_QUIET_FLAGS = (
    "--headless",
    "--remote-debugging-pipe",
    "--no-sandbox",  # this machine runs as root; a council's service would not
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication",
    "--disable-field-trial-config",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--font-render-hinting=none",
    "--no-pings",
)


@cache
def _without_network() -> tuple[str, ...]:
    """A prefix that starts Chromium in a network namespace of its own, with
    no interface but a loopback that is down: the last wall, below the
    flags above and the tab's refusal of every request. Empty where Linux
    does not let this user make one (user namespaces switched off)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    probe = subprocess.run([unshare, "--map-root-user", "--net", "true"], capture_output=True)
    return (unshare, "--map-root-user", "--net") if probe.returncode == 0 else ()


class DevToolsError(RuntimeError):
    pass


@dataclass
class Chromium:
    """A headless Chromium, kept running for many documents.

    Its profile, caches and the NSS database it would make in the home
    folder all go into one temporary folder (HOME points there too), which
    :meth:`close` removes: nothing is left outside the outputs."""

    executable: str
    process: subprocess.Popen[bytes] = field(init=False)
    #: Every URL the page asked for; each was refused.
    refused: list[str] = field(default_factory=list)
    _profile: str = field(init=False)
    _next_id: int = 0
    _pending: bytes = b""
    _session: str = ""
    _documents: int = 0
    _document_url: str = ""
    _document: bytes = b""

    def __post_init__(self) -> None:
        self._profile = tempfile.mkdtemp(prefix="permdocs-chromium-")
        to_chromium_r, self._to_chromium = os.pipe()
        self._from_chromium, from_chromium_w = os.pipe()

        def onto_fds_3_and_4() -> None:
            # Duplicated first, in case either end already is fd 3 or 4.
            read_end, write_end = os.dup(to_chromium_r), os.dup(from_chromium_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self._profile,
                       "XDG_CONFIG_HOME": self._profile, "XDG_CACHE_HOME": self._profile,
                       "FONTCONFIG_FILE": os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")}
        self.process = subprocess.Popen(
            [*_without_network(), self.executable, *_QUIET_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=onto_fds_3_and_4, env=environment, close_fds=True,
        )
        os.close(to_chromium_r)
        os.close(from_chromium_w)

    # --- the protocol ------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply, handling the events that come meanwhile."""
        sent = self._post(method, params or {}, session)
        while True:
            reply = self._read()
            if reply.get("id") == sent:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._on_event(reply)

    def wait_for(self, event: str) -> dict[str, Any]:
        """Handle what comes until ``event`` does, and return its parameters."""
        while True:
            message = self._read()
            self._on_event(message)
            if message.get("method") == event:
                return dict(message.get("params", {}))

    def _post(self, method: str, params: dict[str, Any], session: str | None) -> int:
        """Send a command without waiting; its reply is skipped when read."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chromium, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._pending:
            chunk = os.read(self._from_chromium, 1 << 20)
            if not chunk:
                raise DevToolsError("Chromium closed its pipe")
            self._pending += chunk
        message, self._pending = self._pending.split(b"\0", 1)
        return dict(json.loads(message))

    def _on_event(self, event: dict[str, Any]) -> None:
        if event.get("method") != "Fetch.requestPaused":
            return
        # Every request the page makes stops here, as WeasyPrint's requests
        # go through AssetsOnlyFetcher: the document itself and the bundled
        # fonts are served from memory and the assets folder; anything else
        # is refused and written down.
        params = event["params"]
        url = params["request"]["url"]
        body = self._serve(url)
        if body is None:
            self.refused.append(url)
            self._post("Fetch.failRequest", {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                       event.get("sessionId"))
            return
        kind = "font/ttf" if url.endswith(".ttf") else "text/html; charset=utf-8"
        self._post("Fetch.fulfillRequest", {
            "requestId": params["requestId"], "responseCode": 200,
            # The fonts never change while Chromium runs: the renderer keeps
            # them decoded, and later documents do not ask again.
            "responseHeaders": [{"name": "Content-Type", "value": kind},
                                {"name": "Cache-Control", "value": "public, max-age=31536000, immutable"}],
            "body": base64.b64encode(body).decode("ascii"),
        }, event.get("sessionId"))

    def _serve(self, url: str) -> bytes | None:
        if url == self._document_url:
            return self._document
        if url.startswith(FONTS_ORIGIN) and _FONT_NAME.fullmatch(url[len(FONTS_ORIGIN):]):
            return _font_bytes(url[len(FONTS_ORIGIN):])
        return None

    # --- printing ----------------------------------------------------------------------

    def _open_tab(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, self._session)
        self.send("Page.enable", {}, self._session)

    def load(self, markup: str) -> None:
        """``markup`` (already :func:`for_chromium`) laid out in the one tab, its fonts in."""
        if not self._session:
            self._open_tab()
        self._documents += 1
        self._document_url = f"{DOCUMENT_ORIGIN}/document-{self._documents}.html"
        self._document = markup.encode("utf-8")
        self.send("Page.navigate", {"url": self._document_url}, self._session)
        self.wait_for("Page.loadEventFired")
        self._document = b""
        # Web fonts may still be loading after the load event: print only once they are in.
        self.evaluate("document.fonts.ready.then(() => document.fonts.size)")

    def evaluate(self, expression: str) -> Any:
        """The value of a script run in the tab (DevTools may run one; the page's own policy allows none)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, self._session)
        if "exceptionDetails" in result:
            raise DevToolsError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def print_pdf(self, *, tagged: bool = True) -> bytes:
        """The loaded document printed, as Chromium writes it."""
        printed = self.send("Page.printToPDF", {
            "printBackground": True,
            "preferCSSPageSize": True,
            "generateTaggedPDF": tagged,
            "generateDocumentOutline": tagged,
            "displayHeaderFooter": False,
        }, self._session)
        return base64.b64decode(printed["data"])

    def memory_kib(self) -> int:
        """The memory of Chromium and all its child processes, in KiB: their
        proportional set sizes (PSS), so that pages they share count once."""
        total = 0
        for pid in [self.process.pid, *_descendants(self.process.pid)]:
            try:
                status = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            found = re.search(r"^Pss:\s+(\d+) kB", status, re.M)
            total += int(found.group(1)) if found else 0
        return total

    def cpu_seconds(self) -> float:
        """CPU time used so far by Chromium and all its processes (user and system)."""
        ticks = 0
        for pid in [self.process.pid, *_descendants(self.process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            # utime, stime, cutime, cstime: fields 14 to 17 of stat(5), 12 to 15 after the name.
            ticks += sum(int(value) for value in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        try:
            self._post("Browser.close", {}, None)
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_chromium)
            os.close(self._from_chromium)
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _descendants(pid: int) -> list[int]:
    children: list[int] = []
    try:
        direct = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return children
    for child in map(int, direct):
        children += [child, *_descendants(child)]
    return children


# --- the same markup permdocs gives WeasyPrint -----------------------------------------------


@dataclass
class PrintJob:
    """One document as permdocs would lay it out: the case, the document, the print HTML."""

    name: str
    case: Any
    document: str
    markup: str
    #: RenderRequest's options, e.g. ``draft``.
    options: dict[str, Any] = field(default_factory=dict)


def print_job(sample: Path, document: str, **options: Any) -> PrintJob:
    import permdocs

    case = permdocs.load_case(sample)
    name = f"{sample.stem} {document}" + "".join(f" ({option})" for option in options)
    return PrintJob(name, case, document, print_job_from_case(case, document, **options), options)


#: The made-up origins the tab reads the document and the bundled fonts
#: from; ``.invalid`` never resolves (RFC 2606), and no request leaves the
#: tab anyway: each is answered by :meth:`Chromium._on_event`.
DOCUMENT_ORIGIN = "https://permdocs.invalid"
FONTS_ORIGIN = DOCUMENT_ORIGIN + "/fonts/"
_FONT_NAME = re.compile(r"[A-Za-z0-9-]+\.ttf")


def for_chromium(markup: str) -> str:
    """The print HTML as Chromium needs it: the bundled fonts allowed from
    the fonts origin.

    print.css names the fonts by relative URL, which WeasyPrint resolves
    inside the assets folder. Our Content-Security-Policy allows fonts only
    as data: URLs, and Chromium (unlike WeasyPrint) enforces it. Inlining
    the eight faces as data: URLs works, but parsing 4 MB of base64 took
    0.5 s of every document; served from one origin, the renderer keeps
    them decoded between documents. The policy is widened by exactly that
    folder and no more."""
    return markup.replace("font-src data:", f"font-src data: {FONTS_ORIGIN}", 1)


@cache
def _font_bytes(name: str) -> bytes | None:
    from permdocs.base.resources import assets_dir

    path = assets_dir() / "fonts" / name
    return path.read_bytes() if path.is_file() else None


# --- what Chromium does not do, done around it -----------------------------------------------


def permdocs_pdf(chromium: Chromium, markup: str, *, archival: bool = False) -> bytes:
    """The print HTML as a PDF that keeps permdocs' rules, as far as Chromium
    can be brought to: Chromium's PDF with the four steps below around it."""
    chromium.load(for_chromium(markup))
    # 1. Running strings. Chromium 156 draws @page margin boxes and
    # counter(page) / counter(pages), but has no string-set / string(): the
    # protective marking, the running title and the footer would be blank.
    chromium.evaluate(RUNNING_STRINGS_AS_LITERALS)
    # 2. The contents' page numbers. It has no target-counter() or leader()
    # either, and no script can ask on which page an element fell. So a
    # first, untagged print shows where each heading landed (the PDF's named
    # destinations), the numbers are written into the contents, and the
    # document is printed again; once more only if that moved a heading.
    has_contents = chromium.evaluate(HAS_CONTENTS)
    pdf = chromium.print_pdf(tagged=not has_contents)
    if has_contents:
        for _attempt in range(3):
            if not chromium.evaluate(f"({CONTENTS_PAGE_NUMBERS})({json.dumps(destination_pages(pdf))})"):
                break
            pdf = chromium.print_pdf(tagged=True)
    # 3 and 4: the text of the margins marked as artifacts, the metadata
    # PDF/UA asks for, a picture's frame no longer a second figure, fixed dates.
    return mended(pdf, date=chromium.evaluate(DOCUMENT_DATE), archival=archival)


#: A page script: the value each element with a ``string-set`` gives its
#: string (the first in the document; ours are set once, at the top), written
#: into the @page rules as a literal in place of ``string(name)``. Cascade:
#: the last rule in the sheets that matches an element wins, which is all
#: permdocs' own sheets need; a council stylesheet that set a string per
#: section (a running chapter title) could not be honoured this way.
RUNNING_STRINGS_AS_LITERALS = r"""(() => {
  const sheets = [...document.querySelectorAll('style')];
  const setters = [];
  for (const sheet of sheets) {
    const text = sheet.textContent.replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/@page[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
    for (const rule of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const declared = /string-set\s*:\s*([^;]+)/.exec(rule[2]);
      if (!declared) continue;
      const value = declared[1].trim();
      const named = /^([\w-]+)\s+content\(text\)$/.exec(value);
      if (value !== 'none' && !named) throw new Error('string-set not understood: ' + value);
      for (const selector of rule[1].split(',')) setters.push([selector.trim(), named ? named[1] : null]);
    }
  }
  const strings = {};
  for (const element of document.body.querySelectorAll('*')) {
    let name = null;
    for (const [selector, setName] of setters) if (element.matches(selector)) name = setName;
    if (name && !(name in strings)) strings[name] = element.textContent.replace(/\s+/g, ' ').trim();
  }
  const literal = (text) => '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  for (const sheet of sheets) {
    if (sheet.textContent.includes('string(')) {
      sheet.textContent = sheet.textContent.replace(/string\(([\w-]+)\)/g, (_, name) => literal(strings[name] || ''));
    }
  }
  return strings;
})()"""

HAS_CONTENTS = "document.querySelector('nav.contents a[href^=\"#\"]') !== null"

#: A page script: each contents entry given the page its heading is on,
#: after dots, as print.css's leader(".") target-counter(attr(href), page)
#: draws it in WeasyPrint. True if any number changed.
CONTENTS_PAGE_NUMBERS = r"""(pages) => {
  if (!document.getElementById('permdocs-contents-pages')) {
    const style = document.createElement('style');
    style.id = 'permdocs-contents-pages';
    style.textContent = 'nav.contents a { display: flex; align-items: baseline; }' +
      ' nav.contents a .leader { flex: 1; overflow: hidden; white-space: nowrap; }' +
      ' nav.contents a .leader::before { content: "' + '.'.repeat(400) + '"; }';
    document.head.append(style);
  }
  let changed = false;
  for (const link of document.querySelectorAll('nav.contents a[href^="#"]')) {
    const page = String(pages[decodeURIComponent(link.getAttribute('href').slice(1))] || '');
    let number = link.querySelector('.page');
    if (!number) {
      const leader = document.createElement('span');
      leader.className = 'leader';
      leader.setAttribute('aria-hidden', 'true');
      number = document.createElement('span');
      number.className = 'page';
      link.append(leader, number);
      changed = true;
    }
    if (number.textContent !== page) { number.textContent = page; changed = true; }
  }
  return changed;
}"""

DOCUMENT_DATE = "(document.querySelector('meta[name=\"dcterms.created\"]') || {}).content || ''"


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Each named destination (an element's id) and the page it is on, from 1."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers: dict[tuple[int, int], int] = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        destinations = document.Root.get("/Dests")
        if not isinstance(destinations, pikepdf.Dictionary):
            return {}
        return {str(name)[1:]: numbers.get(target[0].objgen, 0) for name, target in destinations.items()}


def mended(pdf: bytes, *, date: str, archival: bool = False) -> bytes:
    """Chromium's tagged PDF brought to what permdocs' checks ask of a PDF.

    * The margin boxes' text (marking, running title, "Page X of Y") is
      neither tagged nor an artifact in Chromium's PDF (ISO 14289-1 7.1): it
      is marked as a pagination artifact, as permdocs does for WeasyPrint.
    * No XMP metadata: the XMP that names PDF/UA-1 and the title is added.
    * ``<figure>`` around an ``<img>`` becomes a Figure without alternate
      text holding the picture's own Figure: the outer one is made a Div.
    * The creation and modification dates are the document's date, not the
      moment of printing, and the structure elements' ids are numbered
      afresh, so that the same input gives the same bytes.
    * ``archival``: PDF/A-2u as well, as permdocs' archival profile asks:
      the XMP identification (with the schema that describes pdfuaid) and
      an sRGB output intent, WeasyPrint's own profile.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(_structure_ids_in_order(pdf))) as document:
        for page in document.pages:
            _margin_text_as_artifacts(page)
        _frames_of_pictures_as_divisions(document.Root.StructTreeRoot)
        moment = _pdf_date(date)
        title = str(document.docinfo.get("/Title", ""))
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            if archival:
                metadata["pdfaid:part"] = "2"
                metadata["pdfaid:conformance"] = "U"
            else:
                metadata["pdfuaid:part"] = "1"
            metadata["dc:title"] = title
            metadata["xmp:CreatorTool"] = "permdocs"
            metadata["xmp:CreateDate"] = date
            metadata["xmp:ModifyDate"] = date
        document.docinfo["/CreationDate"] = moment
        document.docinfo["/ModDate"] = moment
        document.docinfo["/Creator"] = "permdocs"
        if archival:
            _as_pdf_a(document)
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
        return buffer.getvalue()



def _margin_text_as_artifacts(page: Any) -> None:
    """Every text object shown outside any marked sequence wrapped in
    ``/Artifact <</Type /Pagination>> BDC ... EMC``: in Chromium's PDF that
    is the margin boxes' text, and nothing else.

    Line by line, not through a parsed content stream (a tenth of the
    time): Skia writes each operator of marking and each BT and ET on a
    line of its own, and its text as hex glyph ids."""
    import pikepdf

    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        lines = stream.read_bytes().split(b"\n")
        out: list[bytes] = []
        depth = 0
        changed = False
        text_object: list[bytes] | None = None
        for line in lines:
            if text_object is not None:
                text_object.append(line)
                if line == b"ET":
                    shows = any(part.endswith((b"Tj", b"TJ")) for part in text_object)
                    marks = any(part.endswith((b"BDC", b"BMC")) or part == b"EMC" for part in text_object)
                    if marks:
                        raise ValueError("marked content inside an unmarked text object: not Skia's usual stream")
                    out += [_ARTIFACT, *text_object, b"EMC"] if shows else text_object
                    changed = changed or shows
                    text_object = None
                continue
            if depth == 0 and line == b"BT":
                text_object = [line]
                continue
            if depth == 0 and line.endswith(b" Do"):
                out += [_ARTIFACT, line, b"EMC"]
                changed = True
                continue
            if line.endswith((b"BDC", b"BMC")):
                depth += 1
            elif line == b"EMC":
                depth -= 1
            out.append(line)
        if changed:
            stream.write(zlib.compress(b"\n".join(out)), filter=pikepdf.Name.FlateDecode)


_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _as_pdf_a(document: Any) -> None:
    import pikepdf

    from permdocs.writers.pdf import _PDF_UA_IN_PDF_A  # the prototype borrows the writer's XMP

    metadata = document.Root.Metadata
    metadata.write(metadata.read_bytes().replace(b"</rdf:RDF>", _PDF_UA_IN_PDF_A + b"</rdf:RDF>", 1))
    profile = document.make_stream(_srgb_profile())
    profile.N = 3
    document.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=profile)])


@cache
def _srgb_profile() -> bytes:
    import weasyprint

    return (Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc").read_bytes()


def _structure_ids_in_order(pdf: bytes) -> bytes:
    """The structure elements' ids renumbered from 1, in their own order.

    Chromium names each element after its DOM node's number, and the
    renderer keeps counting across documents: a second print of the same
    document would otherwise differ in every id (and in each table cell's
    /Headers, which name its header cells by id). Skia writes the ids as
    plain strings of eight digits outside any compressed stream, so the
    new ones, of the same length and order, go in place: no offset moves,
    and the ID tree stays sorted."""
    ids = sorted(set(_NODE_ID.findall(pdf)))
    renamed = {old: b"(node%08d)" % number for number, old in enumerate(ids, start=1)}
    return _NODE_ID.sub(lambda m: renamed[m.group(0)], pdf)


_NODE_ID = re.compile(rb"\(node\d{8}\)")


def _frames_of_pictures_as_divisions(tree: Any) -> None:
    import pikepdf

    stack = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kids = node.get("/K")
            if node.S == "/Figure" and "/Alt" not in node and _holds_elements(kids):
                node.S = pikepdf.Name.Div
            if kids is not None:
                stack.append(kids)


def _holds_elements(kids: Any) -> bool:
    import pikepdf

    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return any(isinstance(kid, pikepdf.Dictionary) and "/S" in kid for kid in items)


def _pdf_date(iso_date: str) -> str:
    """2026-11-16 as a PDF date, D:20261116000000Z."""
    digits = re.sub(r"\D", "", iso_date)[:14]
    return "D:" + digits.ljust(14, "0") + "Z"


# --- the rules, checked ------------------------------------------------------------------------


@dataclass
class Rule:
    """One output rule of permdocs' PDFs, and what the Chromium engine showed against it."""

    name: str
    met: bool
    evidence: str
    #: False for what is compared rather than required: the issue's rules
    #: (running text, marking, tagging, no network, same bytes) bind; that
    #: the pages break where WeasyPrint's do is reported beside them.
    binding: bool = True


def rule_findings(chromium: Chromium, jobs: list[PrintJob]) -> list[Rule]:
    """Each output rule checked on Chromium's PDFs of ``jobs``, with the evidence."""
    import permdocs
    from permdocs.writers.pdf_checks import pdfa_problems, ua_problems

    printed = {job.name: permdocs_pdf(chromium, job.markup) for job in jobs}
    weasyprint = {job.name: permdocs.render(job.case, job.document, "pdf", **job.options) for job in jobs}
    rules = [_running_text_rule(jobs, printed)]

    problems = {name: ua_problems(pdf) for name, pdf in printed.items()}
    kinds = sorted(set().union(*(_structure_kinds(pdf) for pdf in printed.values())))
    rules.append(Rule("tagged (PDF/UA-1, permdocs' pdf_checks)", not any(problems.values()),
                      "; ".join(f"{name}: {len(found)} problems {found[:2]}" for name, found in problems.items())
                      + f"; structure types: {' '.join(kinds)}"))

    asked = list(chromium.refused)
    probe_refused, connections = _network_probe(chromium)
    rules.append(Rule("no network", not asked and connections == 0 and len(probe_refused) >= 4,
                      f"our documents asked for nothing beyond themselves and the bundled fonts ({len(asked)} refused); "
                      f"a probe page without our CSP asked for {len(probe_refused)} URLs, every one refused "
                      f"({', '.join(sorted(probe_refused))}); a listener on loopback saw {connections} connections"))

    again = {job.name: permdocs_pdf(chromium, job.markup) for job in jobs}
    with Chromium(chromium.executable) as fresh:
        anew = {job.name: permdocs_pdf(fresh, job.markup) for job in jobs}
    same = all(printed[n] == again[n] == anew[n] for n in printed)
    rules.append(Rule("same bytes every run", same,
                      "twice in one Chromium and once in a fresh one: " + ("identical" if same else "different")))

    counts = {name: (_page_count(printed[name]), _page_count(weasyprint[name])) for name in printed}
    same_letters = all(_letters(printed[name]) == _letters(weasyprint[name]) for name in printed)
    rules.append(Rule("same pages and words as WeasyPrint", same_letters and all(c == w for c, w in counts.values()),
                      "; ".join(f"{name}: {c} pages (WeasyPrint {w})" for name, (c, w) in counts.items())
                      + f"; the same letters on them: {'yes' if same_letters else 'no'} (line and page breaks "
                      "may fall elsewhere)", binding=False))

    archival = {job.name: permdocs_pdf(chromium, job.markup, archival=True) for job in jobs}
    archival_problems = {name: pdfa_problems(pdf) + ua_problems(pdf) for name, pdf in archival.items()}
    rules.append(Rule("PDF/A-2u for an archival profile (structural check, as for WeasyPrint's)",
                      not any(archival_problems.values()),
                      "; ".join(f"{name}: {len(found)} problems {found[:2]}"
                                for name, found in archival_problems.items())
                      + "; as Chromium prints it: " + "; ".join(pdfa_problems(printed[jobs[0].name]))))
    return rules


def _running_text_rule(jobs: list[PrintJob], printed: dict[str, bytes]) -> Rule:
    """The marking, the running title and "Page N of M" on every page."""
    from html import unescape

    from pypdf import PdfReader

    missing: list[str] = []
    for job in jobs:
        marking = unescape(re.sub(r"<[^>]+>", "", _first(r'<p class="marking">(.*?)</p>', job.markup)))
        title = unescape(re.sub(r"<[^>]+>", "", _first(r'<p class="running-title">(.*?)</p>', job.markup)))
        pages = PdfReader(io.BytesIO(printed[job.name])).pages
        for number, page in enumerate(pages, start=1):
            text = re.sub(r"\s+", " ", page.extract_text())
            for wanted in (marking, title.split(" · ")[0], f"Page {number} of {len(pages)}"):
                if wanted not in text:
                    missing.append(f"{job.name} page {number}: {wanted!r}")
    return Rule("running headers, footers and the protective marking", not missing,
                f"every page checked for the marking, the running title and 'Page N of M'; missing: {missing[:3]}")


def _first(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.S)
    return found.group(1) if found else ""


def _structure_kinds(pdf: bytes) -> set[str]:
    import pikepdf

    from permdocs.writers.pdf_checks import elements_in_tree

    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.StructTreeRoot
        assert isinstance(tree, pikepdf.Dictionary)
        return {str(document.get_object(objgen).S)[1:] for objgen in elements_in_tree(tree)}


def _letters(pdf: bytes) -> Counter[str]:
    """How often each letter and digit is shown: words the same, whatever
    the order a text extractor reads a drawing's labels in."""
    from pypdf import PdfReader

    return Counter(char for page in PdfReader(io.BytesIO(pdf)).pages for char in page.extract_text() if char.isalnum())


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _network_probe(chromium: Chromium) -> tuple[list[str], int]:
    """A page that asks for remote and local resources in every way HTML and
    CSS allow, without our Content-Security-Policy (which alone would stop
    them before they are asked for): what it asked for, all refused, and how
    many connections reached a listener on this machine's loopback."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    local = f"http://127.0.0.1:{port}"
    probe = f"""<!DOCTYPE html><html lang="en"><head><title>probe</title>
<link rel="stylesheet" href="{local}/sheet.css">
<style>@import url("https://example.org/imported.css");
@font-face {{ font-family: Remote; src: url({local}/font.ttf); }}
body {{ font-family: Remote; background: url(file:///etc/hostname); }}</style></head>
<body><p>probe</p><img src="https://example.org/picture.png" alt="">
<iframe src="{local}/frame.html"></iframe><script src="{local}/script.js"></script></body></html>"""
    before = len(chromium.refused)
    chromium.load(probe)
    chromium.print_pdf(tagged=False)
    refused = chromium.refused[before:]
    del chromium.refused[before:]
    connections = 0
    while True:
        try:
            connection, _ = listener.accept()
        except BlockingIOError:
            break
        connection.close()
        connections += 1
    listener.close()
    return [url.replace(local, "http://127.0.0.1:PORT") for url in refused], connections


# --- the measures --------------------------------------------------------------------------------

ROW = "Optional Chromium engine, per document, against WeasyPrint"


def measures(quick: bool) -> list[Measure]:
    executable = chromium_executable()
    if executable is None:
        return [Measure(f"{ROW}: skipped, Chromium is not installed", "", "", None, "")]
    if quick:
        # The code path, once, on one document: no figure is kept, but the
        # rules that need no second engine are held to.
        from permdocs.writers.pdf_checks import ua_problems

        job = print_job(BABY, "care-plan-permanence")
        with Chromium(executable) as chromium:
            pdf = permdocs_pdf(chromium, job.markup)
            again = permdocs_pdf(chromium, job.markup)
        running = _running_text_rule([job], {job.name: pdf})
        problems = ua_problems(pdf)
        if problems or not running.met or pdf != again or chromium.refused:
            raise AssertionError(f"the Chromium prototype broke a rule: {problems} {running.evidence} "
                                 f"same bytes: {pdf == again}; refused: {chromium.refused}")
        return [Measure(f"{ROW} (quick pass, not measured)", "", "", None, "")]
    return full_measures(executable)


def full_measures(executable: str, repeats: int = 5, batch: int = 20) -> list[Measure]:
    import permdocs

    jobs = [print_job(BABY, "care-plan-permanence"), print_job(CPR, "cpr")]
    load_before = _load()
    rows: list[Measure] = []
    with Chromium(executable) as chromium:
        rules = rule_findings(chromium, [*jobs, print_job(BABY, "care-plan-permanence", draft=True)])
        failed = [rule.name for rule in rules if rule.binding and not rule.met]
        verdict = "met rules: yes" if not failed else f"met rules: no ({'; '.join(failed)})"
        verdict += "".join(f"; {rule.name}: no" for rule in rules if not rule.binding and not rule.met)
        for rule in rules:
            print(f"{'met' if rule.met else 'NOT MET'}: {rule.name}: {rule.evidence}", file=sys.stderr)

        for job in jobs:
            pages = _page_count(permdocs_pdf(chromium, job.markup))

            def engine(job: PrintJob = job) -> bytes:
                return permdocs_pdf(chromium, _fresh_markup(job))

            def bare(job: PrintJob = job) -> bytes:
                chromium.load(for_chromium(job.markup))
                return chromium.print_pdf(tagged=True)

            def weasyprint(job: PrintJob = job) -> bytes:
                return permdocs.render(job.case, job.document, "pdf")

            engine_cpu: list[float] = []
            weasy_cpu: list[float] = []
            engine_s, bare_s, weasy_s = medians_taking_turns(
                _counting_cpu(engine, engine_cpu, chromium), bare, _counting_cpu(weasyprint, weasy_cpu, None),
                repeats=repeats)
            ratio = engine_s / weasy_s
            rows.append(Measure(
                f"{ROW}: {job.name}, {pages} pages (warm Chromium; {verdict})",
                f"{engine_s:.2f} s (Chromium {bare_s:.2f} s + the steps around it {engine_s - bare_s:.2f} s); "
                f"CPU {statistics.median(engine_cpu):.2f} s",
                f"{weasy_s:.2f} s (permdocs PDF, WeasyPrint); CPU {statistics.median(weasy_cpu):.2f} s",
                ratio, TARGET, verdict=not failed and ratio < 1))

        documents = [jobs[n % len(jobs)] for n in range(batch)]
        engine_cpu, weasy_cpu = [], []
        engine_batch, weasy_batch = medians_taking_turns(
            _counting_cpu(lambda: [permdocs_pdf(chromium, _fresh_markup(job)) for job in documents], engine_cpu,
                          chromium),
            _counting_cpu(lambda: [permdocs.render(job.case, job.document, "pdf") for job in documents], weasy_cpu,
                          None), repeats=2)
        ratio = engine_batch / weasy_batch
        rows.append(Measure(f"{ROW}: a batch of {batch} (care plan and CPR in turn), one warm Chromium ({verdict})",
                            f"{engine_batch:.1f} s; CPU {statistics.median(engine_cpu):.1f} s",
                            f"{weasy_batch:.1f} s (WeasyPrint); CPU {statistics.median(weasy_cpu):.1f} s", ratio,
                            TARGET, verdict=not failed and ratio < 1))
        memory = chromium.memory_kib()

    start_s, first_s = _start_up(executable, jobs[0])
    rows.append(Measure("Optional Chromium engine: start-up, and its memory after the batch",
                        f"start {start_s:.2f} s, first document {first_s:.2f} s; {memory / 1024:.0f} MiB (PSS, all its "
                        "processes)", "", None, ""))
    print(f"load average before {load_before}, after {_load()}", file=sys.stderr)
    return rows


#: What the engine is for: less time than WeasyPrint, every rule kept.
TARGET = "< 1x, every rule met"


def _counting_cpu(action: Callable[[], Any], record: list[float], chromium: Chromium | None) -> Callable[[], Any]:
    """``action``, noting the CPU time each run takes, this process's and Chromium's."""

    def counted() -> Any:
        before = time.process_time() + (chromium.cpu_seconds() if chromium else 0.0)
        result = action()
        record.append(time.process_time() + (chromium.cpu_seconds() if chromium else 0.0) - before)
        return result

    return counted


def _fresh_markup(job: PrintJob) -> str:
    """The job's HTML made again from its case, as a batch would for each document (so both sides pay for it)."""
    return print_job_from_case(job.case, job.document, **job.options)


def print_job_from_case(case: Any, document: str, **options: Any) -> str:
    return print_markup(case, document, **options)


def _start_up(executable: str, job: PrintJob, repeats: int = 3) -> tuple[float, float]:
    """Seconds from starting Chromium to its first reply, and for the first document after it (medians)."""
    starts: list[float] = []
    firsts: list[float] = []
    for _ in range(repeats):
        began = time.perf_counter()
        with Chromium(executable) as chromium:
            chromium.send("Browser.getVersion")
            ready = time.perf_counter()
            permdocs_pdf(chromium, job.markup)
            starts.append(ready - began)
            firsts.append(time.perf_counter() - ready)
    return statistics.median(starts), statistics.median(firsts)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    from performance import table  # noqa: E402

    print(table(measures(quick="--quick" in sys.argv)))
