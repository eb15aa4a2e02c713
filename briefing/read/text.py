"""Read content files: decode, split front matter, and parse YAML into line-numbered nodes.

Scalars stay strings (YAML's implicit typing turns `no` into False and `10:00` into 600);
the schema coerces each field to its declared type, so every value keeps its source line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from ..errors import Problem

NULL_TAG = "tag:yaml.org,2002:null"
ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MAX_NODES = 100_000
MAX_DEPTH = 32
# Bounds the time and memory one file can cost; real briefings are a few kilobytes.
MAX_FILE_BYTES = 2_000_000
# Errors whose cause is where something opened, not where the parser gave up.
OPENED_HERE = ("while scanning a quoted scalar", "while parsing a flow")

FRONT_MATTER = YAMLHandler()


@dataclass(frozen=True)
class Node:
    """A YAML value (mapping, list, string or None) with the file line it starts on."""

    value: dict[str, Node] | list[Node] | str | None
    line: int


@dataclass(frozen=True)
class Source:
    """A Markdown file: its front matter as a node, its body, and its whole text."""

    path: Path
    meta: Node
    body: str
    text: str

    def line_of(self, fragment: str) -> int | None:
        """The line on which `fragment` first appears in the file, if it does."""
        index = self.text.find(fragment)
        return None if index < 0 else self.text.count("\n", 0, index) + 1


# libyaml's parser is about ten times faster than PyYAML's and caps nesting at 1,000 levels.
LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
ALIAS_MESSAGE = "YAML aliases (*name) are not supported: write the value out in full"


class Invalid(Exception):
    """A file that cannot be read at all; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM is allowed) with newlines normalised to LF."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Invalid(
            Problem(
                path,
                None,
                f"the file is {size / 1e6:.1f} MB; files over {MAX_FILE_BYTES / 1e6:.0f} MB "
                "are refused: split it, or keep large data out of the content folder",
            )
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        raise Invalid(
            Problem(
                path,
                line,
                f"the file is not valid UTF-8 (byte 0x{byte}); save it with UTF-8 encoding",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(path: Path) -> Node:
    """Parse a whole YAML file into a node tree."""
    return parse_yaml(read_text(path), path, first_line=1)


def load_markdown(path: Path) -> Source:
    """Split a Markdown file into its front matter (parsed) and body."""
    text = read_text(path)
    opening = FRONT_MATTER.FM_BOUNDARY.match(text)
    if opening is None:
        raise Invalid(
            Problem(path, 1, "no front matter: start the file with a line '---', then the YAML")
        )
    try:
        front, body = FRONT_MATTER.split(text)
    except ValueError:
        raise Invalid(
            Problem(path, 1, "the front matter is never closed: add a line '---' after it")
        ) from None
    first_line = text.count("\n", 0, opening.end()) + 1
    meta = parse_yaml(front, path, first_line=first_line)
    # The front matter text starts on the opening '---' line: report missing keys there.
    meta = Node({} if meta.value is None else meta.value, first_line)
    return Source(path, meta, body, text)


def parse_yaml(text: str, path: Path, *, first_line: int) -> Node:
    """Compose YAML text into nodes; `first_line` is the file line the text starts on."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        raise Invalid(_syntax_problem(error, text, path, first_line)) from None
    except yaml.YAMLError as error:
        raise Invalid(Problem(path, first_line, f"YAML error: {error}")) from None
    except RecursionError:
        message = f"the YAML is nested more than {MAX_DEPTH} levels deep"
        raise Invalid(Problem(path, first_line, message)) from None
    if root is None:
        return Node(None, first_line)
    return _Converter(path, first_line).convert(root, root.start_mark.line + first_line)


class _Converter:
    """Turns PyYAML nodes into our Nodes, refusing aliases, odd tags and duplicate keys."""

    def __init__(self, path: Path, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.seen: set[int] = set()

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def fail(self, node: yaml.Node, message: str) -> Invalid:
        return Invalid(Problem(self.path, self.line_of(node), message))

    def convert(self, node: yaml.Node, line: int, depth: int = 0) -> Node:
        # An alias is the node it names, met a second time; refusing it stops alias bombs.
        if id(node) in self.seen:
            raise Invalid(Problem(self.path, line, ALIAS_MESSAGE))
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise self.fail(node, f"the YAML holds more than {MAX_NODES} values")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the YAML is nested more than {MAX_DEPTH} levels deep")
        if node.tag not in ALLOWED_TAGS:
            raise self.fail(node, f"the YAML tag {node.tag!r} is not allowed")
        if isinstance(node, yaml.MappingNode):
            return Node(self.mapping(node, depth), line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.item(child, line, depth + 1) for child in node.value], line)
        if node.tag == NULL_TAG:
            return Node(None, line)
        return Node(node.value, line)

    def item(self, node: yaml.Node, list_line: int, depth: int) -> Node:
        # An alias carries the mark of its anchor, so one in a list is blamed on the list.
        line = list_line if id(node) in self.seen else self.line_of(node)
        return self.convert(node, line, depth)

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Node]:
        result: dict[str, Node] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                raise self.fail(key_node, "a key must be a plain name")
            key = key_node.value
            line = self.line_of(key_node)
            if key in first_seen:
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first set on line {first_seen[key]}); keep one",
                )
            first_seen[key] = line
            result[key] = self.convert(value_node, line, depth + 1)
        return result


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: Path, first_line: int) -> Problem:
    """Turn a PyYAML syntax error into a Problem at the most useful line."""
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and str(error.context).startswith(OPENED_HERE):
        mark = error.context_mark  # an unclosed quote or bracket: point where it opened
    line = first_line + (mark.line if mark else 0)
    message = " ".join(part for part in (error.context, error.problem) if part)
    hint = _syntax_hint(str(error.problem), _character_at(text, error.problem_mark))
    return Problem(path, line, f"YAML syntax error: {message}{hint}")


def _character_at(text: str, mark: yaml.Mark | None) -> str:
    """The character a syntax error points at, or '' where there is none."""
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _syntax_hint(problem: str, character: str) -> str:
    if character == "\t":
        return " (a tab: indent with spaces, not tabs)"
    if "mapping values are not allowed" in problem:
        return " (put quotes around a value that contains ': ')"
    if "could not find expected ':'" in problem:
        return " (is a ':' missing after a key, or a quote left open?)"
    return ""


def source_lines(path: Path) -> list[str] | None:
    """The lines of a content file as written, to show around a problem; None if unreadable."""
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
