"""The typer application: parses, calls the library, renders. Nothing else lives here."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Annotated, Optional

import typer

from slactl import __version__
from slactl.cli.state import State

app = typer.Typer(
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


# Each module registers its commands on ``app``.
for _module in ("policies", "due", "classify", "quote", "comms", "schema", "report"):
    importlib.import_module(f"slactl.cli.{_module}")


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
