"""The typer application: parses, calls the library, renders. Nothing else lives here."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Optional

import typer
import typer.core
import typer.main

from slactl import __version__
from slactl.cli import coercion
from slactl.cli.state import State

coercion.install()

MODULES = ("policies", "due", "classify", "quote", "comms", "schema", "report")
"""The command modules, in the order ``--help`` lists them; each registers its commands on
``app`` when it is imported. A command named like its module needs nothing else."""

HOMES = {"providers": "policies", "show": "policies", "validate": "policies"}
"""The module of each command not named after its module."""


class _Commands(MutableMapping):
    """The root group's commands, built only when asked for: running ``slactl due`` imports
    ``slactl.cli.due`` alone (the start-up of a single command, issue 6). Listing them
    (``--help``, completion, a mistyped command's suggestions) imports every module."""

    def __init__(self, built: dict) -> None:
        self._built = dict(built)

    def __getitem__(self, name: str):
        if name not in self._built:
            home = HOMES.get(name, name)
            self._load((home,) if home in MODULES else MODULES)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        self._load(MODULES)
        order = {f"slactl.cli.{module}": index for index, module in enumerate(MODULES)}
        ranked = sorted(enumerate(app.registered_commands),
                        key=lambda item: (order.get(item[1].callback.__module__, len(order)), item[0]))
        return iter([_name(info) for _, info in ranked])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def _load(self, modules: tuple[str, ...]) -> None:
        for module in modules:
            importlib.import_module(f"slactl.cli.{module}")
        for info in app.registered_commands:
            if _name(info) not in self._built:
                self._built[_name(info)] = typer.main.get_command_from_info(
                    info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode)


def _name(info) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


class _LazyGroup(typer.core.TyperGroup):
    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.commands)


app = typer.Typer(
    cls=_LazyGroup,
    name="slactl",
    help=(
        "Exact SLA answers from YAML support policies: severities, deadlines in business time, "
        "communications owed, and Express emergency quotes.\n\n"
        "Example: slactl due ignus --severity high --opened 2026-11-20T18:30"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"slactl {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    policies: Annotated[
        Optional[list[str]],
        typer.Option(
            "--policies", "-p", metavar="PATH",
            help="Policy file or directory (repeatable); replaces the bundled set and $SLACTL_POLICIES. "
                 "Example: slactl --policies ./my-policies providers",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = State(policies or None)


def main() -> None:
    """Console entry point: expected failures become one line on stderr and an exit code."""
    from slactl.errors import PolicyError, SlactlError

    _tolerate_narrow_encodings()
    try:
        code = app(prog_name="slactl", standalone_mode=False)
    except SlactlError as error:
        lines = error.problems if isinstance(error, PolicyError) else [str(error)]
        for line in lines:
            print(line if isinstance(error, PolicyError) else f"slactl: error: {line}", file=sys.stderr)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except _CLICK_ERROR as error:
        if type(error).__name__ == "NoArgsIsHelpError" and error.ctx is not None:
            print(error.ctx.get_help())
            sys.exit(2)
        path = error.ctx.command_path if getattr(error, "ctx", None) else "slactl"
        print(f"slactl: error: {_one_line(error.format_message())} (see {path} --help)", file=sys.stderr)
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("slactl: error: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except SystemExit:
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click met EPIPE and chose exit 1
            sys.stdout = sys.__stdout__
            _silence_stdout()
            sys.exit(0)
        raise
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _cannot_write(error)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            _cannot_write(error)
    sys.exit(code if isinstance(code, int) else 0)


def _tolerate_narrow_encodings() -> None:
    """Under a non-UTF-8 locale (LC_ALL=C with PYTHONUTF8=0, PYTHONIOENCODING=ascii) a letter
    such as 'í' that the terminal cannot show becomes '?' instead of a UnicodeEncodeError;
    JSON escapes it instead (see ``render.output.emit_json``)."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors=errors)


def _cannot_write(error: OSError) -> None:
    """stdout is on a full or failing device: one line, exit 2, and no retry at shutdown."""
    _silence_stdout()
    print(f"slactl: error: cannot write the output: {error.strerror or error}", file=sys.stderr)
    sys.exit(2)


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _silence_stdout() -> None:
    """The reader went away (``| head -1``): drop the rest quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


_CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
