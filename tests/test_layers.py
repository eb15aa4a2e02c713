"""The package's shape, kept by a scan of its source: imports run one way, faces hold no
code, and modules and functions stay small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40

# Modules at the top of the package that every stage may use: they import only each other,
# the model and the errors.
SHARED = {
    "release", "digests", "parallel", "cache", "slugs", "outputs", "folders", "carry", "report",
}  # fmt: skip
BASE = {"model", "errors", *SHARED}
# What each layer may import from briefing, besides itself.
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "errors": set(),
    **{name: BASE for name in SHARED},
    "markdown": BASE,
    "read": BASE | {"markdown"},
    "assemble": BASE,
    "render": BASE,
    "write": BASE,
    "pipeline": BASE | {"read", "assemble", "render", "write"},
    "__init__": {"pipeline", "errors"},
    "check": BASE | {"pipeline", "write"},
    "send": BASE | {"pipeline", "read", "render"},
    "cli": BASE | {"pipeline", "check", "send", "read", "render", "write", "markdown", "assemble"},
}
WHY = {
    "model": "the model imports nothing from briefing",
    "errors": "errors import nothing from briefing",
    "render": "render never reaches back into read, assemble, write or cli",
    "assemble": "assemble never imports read or render",
    "check": "check runs the pipeline and reads the model; only read opens content files",
    "send": "send runs the pipeline and renders emails; it writes no output folder",
    "pipeline": "the pipeline runs the stages; check and cli sit on top of it",
}


def layer_of(module: str) -> str:
    """`briefing.render.formats.feeds` -> "render"; `briefing` -> "__init__"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path, root: Path) -> str:
    """The dotted name of a module file under the package folder `root`."""
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.Module, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every briefing module a module imports, with the line, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names]
            # `from . import x` may name a submodule: count it as that module.
            found += [(node.lineno, name if not node.module else target) for name in names]
    root = module.split(".")[0]
    return [(line, name) for line, name in found if name.split(".")[0] == root]


def violations(root: Path) -> list[str]:
    """Every import that breaks the layers, as 'file:line: message'."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        source = layer_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, target in imported(tree, module, path.name == "__init__.py"):
            wanted = layer_of(target)
            if len(target.split(".")) == 1 or wanted == source:
                continue
            if wanted not in ALLOWED.get(source, set()):
                why = WHY.get(source, f"{source} may import only {sorted(ALLOWED[source])}")
                where = path.relative_to(root.parent)
                problems.append(f"{where}:{line}: {source} imports {target}: {why}")
    return problems


def test_imports_run_one_way() -> None:
    assert violations(PACKAGE) == []


def test_a_wrong_import_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "briefing"
    (root / "render").mkdir(parents=True)
    (root / "read").mkdir()
    (root / "model").mkdir()
    (root / "__init__.py").write_text("")
    (root / "render" / "__init__.py").write_text("")
    (root / "render" / "routes.py").write_text("import os\n\nfrom ..read.text import Source\n")
    (root / "model" / "__init__.py").write_text("from ..errors import Problem\n")
    assert violations(root) == [
        "briefing/model/__init__.py:1: model imports briefing.errors: "
        "the model imports nothing from briefing",
        "briefing/render/routes.py:3: render imports briefing.read.text: "
        "render never reaches back into read, assemble, write or cli",
    ]


def test_faces_hold_only_imports() -> None:
    faces = [PACKAGE / "__init__.py", *sorted(PACKAGE.glob("*/__init__.py"))]
    for face in faces:
        tree = ast.parse(face.read_text(encoding="utf-8"))
        for node in tree.body:
            docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            exports = isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__"
            assert docstring or exports or isinstance(node, ast.Import | ast.ImportFrom), (
                f"{face.relative_to(PACKAGE.parent)}:{node.lineno}: a face holds only imports"
            )


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE.parent)
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{where}: {lines} lines (budget {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{where}:{node.lineno}: {node.name}() is {length} lines")
    assert too_long == []


def test_every_stage_is_a_folder() -> None:
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {"read", "markdown", "assemble", "render", "write", "check", "send", "cli"} <= stages
