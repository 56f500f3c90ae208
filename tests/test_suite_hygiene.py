"""The test suite checks what it claims to: a test whose every assertion sits
inside a loop passes without checking anything when the loop runs over
nothing, so each such test must also assert something outside its loops
(that what it loops over is not empty, how many it checked, ...)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
LOOPS = (ast.For, ast.AsyncFor, ast.While)
# An assertion in a nested function or class is not the test's own.
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _is_raises(node: ast.AST) -> bool:
    """pytest.raises(...) (or a bare raises(...)), as a call or a context manager."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "raises") or (
        isinstance(func, ast.Name) and func.id == "raises"
    )


def _checks(node: ast.AST, in_loop: bool, found: dict[bool, int]) -> None:
    """Count node's checks by whether a loop's body holds them. A loop's
    iterable, condition and else run even when its body does not."""
    for field, value in ast.iter_fields(node):
        looped = in_loop or (isinstance(node, LOOPS) and field == "body")
        for child in value if isinstance(value, list) else [value]:
            if not isinstance(child, ast.AST) or isinstance(child, SCOPES):
                continue
            if isinstance(child, ast.Assert) or _is_raises(child):
                found[looped] += 1
            _checks(child, looped, found)


def _only_looped(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    offenders = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            found = {False: 0, True: 0}
            _checks(node, False, found)
            if found[True] and not found[False]:
                offenders.append(f"{path.relative_to(TESTS.parent).as_posix()}:{node.lineno} {node.name}")
    return offenders


def test_no_test_asserts_only_inside_loops() -> None:
    files = sorted(TESTS.glob("test_*.py"))
    assert Path(__file__) in files
    offenders = [offender for path in files for offender in _only_looped(path)]
    assert offenders == [], "these tests check nothing if their loops run over nothing:\n" + "\n".join(offenders)
