"""Reading a document folder into a :class:`DocumentType`: its
``document.toml`` (validated), the shared audiences it names, and where its
code is, which is imported only when a document of its kind is first built."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from types import MappingProxyType, ModuleType

from .declaration import Audience, AudienceDeclaration, DocumentDeclaration, DocumentType


def document_from_folder(name: str) -> DocumentType:
    """Read one of permdocs' document folders by its name (``care_plan_permanence``):
    its declaration now, its code when it is first used."""
    return _document(Path(__file__).parent / name, f"{__package__}.{name}")


def document_from_package(package: ModuleType) -> DocumentType:
    """Read a document folder from its imported package (a document kept
    outside permdocs' own folders, as a test makes one)."""
    return _document(Path(package.__file__ or "").parent, package.__name__)


def _document(folder: Path, package: str) -> DocumentType:
    """A document type from its folder's declaration; its code stays in ``package``."""
    declaration = DocumentDeclaration.model_validate(tomllib.loads((folder / "document.toml").read_text("utf-8")), strict=False)
    shared = shared_audiences()
    audiences = {}
    for name in declaration.audiences:
        spec = declaration.own_audiences.get(name) or shared.get(name)
        if spec is None:
            raise ValueError(f"{folder.name}/document.toml: audience '{name}' is declared nowhere")
        formats = tuple(spec.formats) if spec.formats is not None else None
        audiences[name] = Audience(
            name, spec.title, spec.reader, MappingProxyType(dict(spec.withholds)), formats, spec.for_a_child,
            spec.for_the_court, spec.reads_as, spec.large_type,
        )
    return DocumentType(
        name=declaration.name,
        title=declaration.title,
        summary=declaration.summary,
        reads=tuple(declaration.reads),
        requires=tuple(declaration.requires),
        audiences=MappingProxyType(audiences),
        formats=tuple(declaration.formats),
        options=MappingProxyType(dict(declaration.options)),
        bundle_kind=declaration.bundle_kind,
        parts=MappingProxyType(dict(declaration.parts)),
        folder=folder,
        word_layouts=tuple(declaration.word_layouts),
        layout=declaration.layout,
        package=package,
    )


@cache
def shared_audiences() -> dict[str, AudienceDeclaration]:
    """The audiences in documents/audiences.toml."""
    data = tomllib.loads((Path(__file__).parent / "audiences.toml").read_text("utf-8"))
    return {name: AudienceDeclaration.model_validate(spec, strict=False) for name, spec in data.items()}
