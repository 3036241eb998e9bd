"""The only module that touches policy files and PyYAML.

Reads a file safely (size cap, UTF-8, no anchors or aliases, no custom tags, no duplicate
keys), keeps the line of every key and item, checks the structure against ``spec`` and hands
the document to ``build``. Every problem of every file is collected as ``FILE:LINE: message``.
The files a valid policy names (a calendar's ``holidays: {ics: FILE}``, relative to the policy
file) are read here too, and their parsed content rides along in ``Document.attached``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from functools import cache
from typing import TYPE_CHECKING, Any

from slactl.errors import InputError, PolicyError
from slactl.policy.model import PolicySet
from slactl.policy.names import escaped

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
ENV_VAR = "SLACTL_POLICIES"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
Lines = dict[tuple, int]

if TYPE_CHECKING:
    import yaml

    from slactl.businesstime.holidays import HolidayStore


@cache
def _constructor():
    import yaml  # imported on first parse only: a cached policy set never needs PyYAML

    return yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed policy file: plain values plus the line of each path. ``attached`` holds what
    the files it names contain, keyed by the name as written:
    ``{"festivos.ics": {"path": "/abs/festivos.ics", "holidays": IcsHolidays.as_data()}}``."""

    file: str
    data: Any
    lines: Lines
    attached: dict[str, dict] = field(default_factory=dict)

    def line(self, path: tuple) -> int:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: tuple, message: str) -> str:
        return f"{shown(self.file)}:{self.line(path)}: {message}"


class _Problem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def parse(text: str, file: str) -> Document:
    """Parse YAML text into a Document; raise PolicyError with one located line."""
    import yaml

    where = shown(file)
    try:
        _refuse_anchors(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except _Problem as problem:
        raise PolicyError([f"{where}:{problem.line}: {problem}"]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = (error.problem or error.context or "invalid YAML").strip()
        if "end of stream" in reason and error.context and error.context_mark:
            # An unclosed quote or bracket: blame where it opens, not the end of the file.
            opened = error.context.strip().removeprefix("while scanning ").removeprefix("while parsing ")
            mark, reason = error.context_mark, f"{opened} that starts here never ends"
        line = mark.line + 1 if mark else 1
        if "\\t" in reason or "tab" in reason:
            reason += " (indent with spaces, not tabs)"
        raise PolicyError([f"{where}:{line}: YAML syntax error: {reason}"]) from None
    except yaml.YAMLError as error:
        raise PolicyError([f"{where}:1: YAML error: {str(error).splitlines()[0]}"]) from None
    if node is None:
        raise PolicyError([f"{where}:1: the file is empty"])
    lines: Lines = {}
    try:
        data = _value(node, (), lines)
    except _Problem as problem:
        raise PolicyError([f"{where}:{problem.line}: {problem}"]) from None
    return Document(file, data, lines)


def _line_of(event: Any) -> int:
    """The 1-based line a YAML event starts on (1 when PyYAML gives no mark)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def _refuse_anchors(text: str) -> None:
    """Refuse anchors and aliases, and nesting deep enough to exhaust PyYAML's recursion."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Problem(_line_of(event), "anchors and aliases (&, *) are not allowed in policy files")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Problem(_line_of(event), f"nested more than {MAX_DEPTH} levels deep; a policy needs far fewer")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _value(node: yaml.Node, path: tuple, lines: Lines) -> Any:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _Problem(lines[path], _tag_message(node.tag))
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Problem(key_node.start_mark.line + 1, "merge keys (<<) are not allowed in policy files")
            key = _value(key_node, path + ("<key>",), lines)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise _Problem(key_node.start_mark.line + 1, "a key must be a plain scalar")
            key = str(key) if not isinstance(key, bool) else key
            if key in result:
                first = lines[path + (key,)]
                raise _Problem(key_node.start_mark.line + 1, f"duplicate key {key!r} (first at line {first})")
            result[key] = _value(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        lines.pop(path + ("<key>",), None)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Problem(lines[path], _tag_message(node.tag))
        return [_value(item, path + (i,), lines) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        raise _Problem(lines[path], _tag_message(node.tag))
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        return _constructor().construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        raise _Problem(lines[path], f"bad value {node.value!r}: {error}") from None


def shown(file: str) -> str:
    """A file name as messages quote it: one line, control characters escaped (a name with a
    line break must not split a ``FILE:LINE: message``)."""
    return escaped(file, one_line=True)


def _tag_message(tag: str) -> str:
    short = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return f"tag {short!r} is not allowed in policy files (write plain YAML values)"


def read(path: FsPath) -> Document:
    """Read and parse one policy file."""
    name = shown(str(path))
    try:
        status = path.stat()
        if status.st_size > MAX_BYTES:
            raise PolicyError([f"{name}:1: file is {status.st_size} bytes; policy files are limited to 1 MiB"])
        raw = _read_at_most(path, MAX_BYTES + 1, fifo=stat.S_ISFIFO(status.st_mode))
    except IsADirectoryError:
        raise PolicyError([f"{name}:1: is a directory, not a policy file"]) from None
    except OSError as error:
        raise PolicyError([f"{name}:1: cannot read: {error.strerror or error}"]) from None
    if len(raw) > MAX_BYTES:
        raise PolicyError([f"{name}:1: more than {MAX_BYTES} bytes; policy files are limited to 1 MiB"])
    if b"\0" in raw:
        raise PolicyError([f"{name}:1: binary file, not a YAML policy"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PolicyError([f"{name}:{line}: not UTF-8 text (byte 0x{raw[error.start]:02x})"]) from None
    return parse(text, str(path))


def _read_at_most(path: FsPath, limit: int, *, fifo: bool) -> bytes:
    """Up to ``limit`` bytes: a device such as /dev/zero has no size to check beforehand, and a
    named pipe without a writer reads as empty instead of waiting forever."""
    descriptor = os.open(path, os.O_RDONLY | (os.O_NONBLOCK if fifo else 0))
    with os.fdopen(descriptor, "rb") as stream:
        if fifo:
            os.set_blocking(descriptor, True)
        return stream.read(limit)


def check_document(document: Document) -> None:
    """Check ``document``: its structure against the spec, then every semantic rule (``rules``).
    Raises ``PolicyError`` with every problem found, one ``FILE:LINE: message`` each."""
    from slactl.policy import rules, spec, structure  # not needed when the policy set comes from the cache

    if not isinstance(document.data, dict):
        raise PolicyError([document.problem((), f"a policy must be a mapping, got {structure.describe(document.data)}")])
    problems = [
        document.problem(path, message)
        for path, message in structure.check(document.data, spec.POLICY_SCHEMA, spec.POLICY_SCHEMA)
    ]
    if not problems:
        problems = [document.problem(path, message) for path, message in rules.problems(document.data, document.line)]
    if problems:
        raise PolicyError(problems)


def attach_files(document: Document) -> Document:
    """``document`` with the iCalendar holiday files of its calendars read (relative to the
    policy file, at most 1 MiB each) and parsed; ``PolicyError`` with one line per file that
    cannot be read or used, located at its ``ics`` key."""
    from slactl.businesstime.ics_holidays import read_ics

    attached: dict[str, dict] = {}
    problems = []
    for name, raw in document.data.get("calendars", {}).items():
        text = (raw.get("holidays") or {}).get("ics")
        if text is None or text in attached:
            continue
        where, path = ("calendars", name, "holidays", "ics"), FsPath(document.file).parent / text
        try:
            content = _read_at_most(path, MAX_BYTES + 1, fifo=stat.S_ISFIFO(path.stat().st_mode))
        except OSError as error:
            problems.append(document.problem(where, f"cannot read holidays file {text!r}: {error.strerror or error}"))
            continue
        try:
            if len(content) > MAX_BYTES:
                raise ValueError("larger than 1 MiB, not a list of holidays")
            holidays = read_ics(content)
        except ValueError as error:
            problems.append(document.problem(where, f"holidays file {text!r} cannot be used: {error}"))
            continue
        attached[text] = {"path": str(path.resolve()), "holidays": holidays.as_data()}
    if problems:
        raise PolicyError(problems)
    return replace(document, attached=attached)


def expand(paths: Iterable[os.PathLike | str]) -> Iterator[FsPath]:
    """Files as given; directories give their *.yaml and *.yml files, sorted. A file named twice
    (the same path, a link to it, or a directory and one of its files) is given once."""
    seen: set[tuple[int, int]] = set()
    for item in paths:
        path = FsPath(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise InputError(f"no policy files (*.yaml) in directory {str(path)!r}")
        elif path.exists():
            found = [path]
        else:
            raise InputError(f"policy path {str(path)!r} does not exist")
        for file in found:
            try:
                status = file.stat()
                identity = (status.st_dev, status.st_ino)
            except OSError:  # read() says what is wrong with it
                yield file
                continue
            if identity not in seen:
                seen.add(identity)
                yield file


def bundled_paths() -> list[FsPath]:
    """The five policies shipped with slactl (inside the wheel, or the checkout's policies/)."""
    here = FsPath(__file__).resolve().parents[1]  # the slactl package
    packaged = here / "policies"
    if packaged.is_dir():
        return [packaged]
    return [here.parents[1] / "policies"]


def active_paths(given: list[str] | None, environ: dict[str, str] | None = None) -> list[FsPath]:
    """--policies beats $SLACTL_POLICIES beats the bundled set."""
    if given:
        return [FsPath(p) for p in given]
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    if value.strip():
        named = [FsPath(p) for p in value.split(os.pathsep) if p.strip()]
        if not named:
            raise InputError(f"${ENV_VAR} names no file ({value!r}): give paths separated by "
                             f"{os.pathsep!r}, or unset it for the bundled policies")
        return named
    return bundled_paths()


def load(paths: Iterable[os.PathLike | str], holidays: HolidayStore | None = None) -> PolicySet:
    """The policies of ``paths`` (files, or directories of ``*.yaml``): every file read and
    checked, every problem of every file collected into one ``PolicyError``, duplicate provider
    ids refused. Public holidays are read through ``holidays`` when given (a cache), else from
    the library."""
    return build_set(checked(paths), holidays)


def checked(paths: Iterable[os.PathLike | str]) -> list[Document]:
    """The documents of ``paths``, each read and checked, no provider id twice; ``PolicyError``
    lists every problem of every file."""
    documents, problems = [], []
    for path, document, found in _each_checked(paths):
        if found:
            problems.extend(found)
        elif document is not None:
            documents.append(document)
    if problems:
        raise PolicyError(problems)
    return documents


def build_set(documents: Iterable[Document], holidays: HolidayStore | None = None) -> PolicySet:
    """The policy set of documents that passed ``checked``."""
    from slactl.policy import build

    return PolicySet(tuple(build.policy(document, holidays) for document in documents))


def validate(paths: Iterable[os.PathLike | str]) -> Iterator[tuple[FsPath, list[str]]]:
    """For ``slactl validate``: each file with its problems (empty when valid), including a
    provider id that an earlier file already uses (every other command refuses that set)."""
    for path, _, problems in _each_checked(paths):
        yield path, problems


def _each_checked(paths: Iterable[os.PathLike | str]) -> Iterator[tuple[FsPath, Document | None, list[str]]]:
    seen: dict[str, str] = {}
    for path in expand(paths):
        try:
            document = read(path)
            if isinstance(document.data, dict) and "customers" in document.data and "id" not in document.data:
                raise PolicyError([f"{shown(str(path))}:1: a customers file, not a policy: give it with --customers "
                                   f"(or $SLACTL_CUSTOMERS), not among the policies"])
            check_document(document)
            document = attach_files(document)
        except PolicyError as error:
            yield path, None, error.problems
            continue
        provider = document.data["id"]
        if provider in seen:
            yield path, document, [document.problem(("id",), f"duplicate provider id {provider!r} (also in {seen[provider]})")]
            continue
        seen[provider] = shown(str(path))
        yield path, document, []
