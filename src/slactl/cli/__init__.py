"""The command line: parses, calls the library, renders. Nothing else lives here.

Built on click's public API. Each command is built only when it runs: ``slactl due`` imports
``slactl.cli.due`` alone (``Commands.get_command``); listing them (``--help``, completion, a
mistyped command's suggestion) imports every command module, in ``COMMANDS`` order.
"""

from __future__ import annotations

import errno
import importlib
import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import click

from slactl import stops
from slactl.cli.params import Group
from slactl.cli.state import State
from slactl.errors import PolicyError, SlactlError
from slactl.version import __version__

COMMANDS = {
    "providers": "policies", "show": "policies", "validate": "policies", "due": "due", "classify": "classify",
    "quote": "quote", "comms": "comms", "schema": "schema", "report": "report", "quota": "quota",
    "credits": "credits", "presets": "presets",
}
"""Every command and the module (``slactl.cli.NAME``) that defines it, in the order ``--help`` lists them."""

SHELLS = ("bash", "zsh", "fish")


class Commands(Group):
    """The root group: commands are imported from their module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        command = getattr(importlib.import_module(f"slactl.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (``| head -1``): drop the rest quietly
            silence_stdout()
            ctx.exit(0)


def _print_completion(ctx: click.Context, _: click.Parameter, shell: str | None) -> None:
    """``--show-completion SHELL``: that shell's completion script (click's own)."""
    if shell is None or ctx.resilient_parsing:
        return
    from click.shell_completion import get_completion_class

    completion = get_completion_class(shell)
    assert completion is not None
    click.echo(completion(cli, {}, "slactl", "_SLACTL_COMPLETE").source())
    ctx.exit(0)


@click.group(cls=Commands, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--policies", "-p", "policies", metavar="PATH", multiple=True,
              help="Policy file or directory (repeatable); replaces the bundled set and $SLACTL_POLICIES. "
                   "Example: slactl --policies ./my-policies providers")
@click.option("--customers", "customers", metavar="FILE", multiple=True,
              help="Customers file (repeatable; also $SLACTL_CUSTOMERS): plans, go-live, contacts, fees and credits "
                   "of each customer, for ticket files with a customer column, quota and credits.")
@click.option("--show-completion", type=click.Choice(SHELLS), callback=_print_completion, expose_value=False,
              is_eager=True, help="Print the completion script of SHELL, e.g. eval \"$(slactl --show-completion bash)\".")
@click.version_option(__version__, "--version", prog_name="slactl", message="%(prog)s %(version)s",
                      help="Print the version and exit.")
@click.pass_context
def cli(ctx: click.Context, policies: tuple[str, ...], customers: tuple[str, ...]) -> None:
    """Exact SLA answers from YAML support policies: severities, deadlines in business time,
    communications owed, Express emergency quotes and compliance reports.

    \b
    Example: slactl due ignus --severity high --opened 2026-11-20T18:30
    """
    ctx.obj = State(list(policies) or None, list(customers) or None)


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP: raised in the main thread wherever it is, so that every
    ``finally`` on the way out runs (the temporary file of ``--output`` or ``--ics`` is removed).
    Not an ``Exception``: nothing may swallow it, and click does not turn it into a blank line."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.exit_code = 128 + signum


_stopped: list[int] = []
"""The stop signals received: ``Interrupted`` raised while Python runs a finalizer is only
printed as ignored, and the run would go on to exit 0 with its output published."""


_published: list[str] = []
"""Output files given their name: a stop that comes after cannot take them back, so it no
longer turns the run into an interrupted one (exit 130 with a complete file published)."""


def published(path: str) -> None:
    """Called by ``cli.outfile`` once ``path`` has its name (stop signals held meanwhile)."""
    _published.append(path)


def _stop(signum: int, _frame: object) -> None:
    import signal

    if _published:  # too late to stop anything: the run ends as it would have
        return

    for number in stops.numbers():  # the way out is short: a second signal does not cut it
        signal.signal(number, signal.SIG_IGN)
    _stopped.append(signum)
    raise Interrupted(signum)


def raise_if_stopped() -> None:
    """Raise ``Interrupted`` again when a stop signal came and its exception was lost (raised
    inside a finalizer, where Python ignores it): before an output file is published, and
    before a command that completed exits 0."""
    if _stopped:
        raise Interrupted(_stopped[0])


def _trap_signals() -> dict:
    """Route the stop signals to ``_stop``; returns the handlers to put back. A signal ignored
    on entry (``nohup``, a background job) stays ignored; only the main thread can trap."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for number in stops.numbers():
        if signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, _stop)
    return previous


def main(*, exiting: bool = False) -> None:
    """Console entry point: expected failures become one line on stderr and an exit code
    (2 for bad input, 1 for a failed check; 130, 143 or 129 when interrupted by SIGINT, SIGTERM
    or SIGHUP, after removing any temporary file). The stop signals' handlers are put back on
    the way out, unless ``exiting`` (the process ends with the run: ``slactl.__main__``): then
    they are ignored, so that a stop that comes once the run is over, while Python shuts down
    (which puts the default handlers back), does not kill the process with a status that says
    it was interrupted."""
    import signal

    previous = _trap_signals()
    _stopped.clear()
    _published.clear()
    reporting = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: _unraisable(unraisable, reporting)
    try:
        _main()
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_IGN if exiting else handler)
        if not exiting:
            sys.unraisablehook = reporting


def _unraisable(unraisable: Any, reporting: Any) -> None:
    """``sys.unraisablehook``: a stop raised where Python cannot raise it (a finalizer, an
    import lock's callback) is already remembered in ``_stopped`` and stops the run at the next
    check, so it is not printed as "Exception ignored"; anything else goes to the hook that
    was there before (``reporting``)."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    reporting(unraisable)


def _main() -> None:
    try:
        _tolerate_closed_streams()
        _tolerate_narrow_encodings()
        code = cli.main(prog_name="slactl", standalone_mode=False)
        raise_if_stopped()
    except SlactlError as error:
        lines = error.problems if isinstance(error, PolicyError) else [f"slactl: error: {error}"]
        for line in lines:
            say(line)
        sys.exit(error.exit_code)
    except click.exceptions.NoArgsIsHelpError as error:
        print(error.ctx.get_help() if error.ctx else error.format_message())
        sys.exit(2)
    except click.ClickException as error:
        context = getattr(error, "ctx", None)
        path = context.command_path if context is not None else "slactl"
        message = _lower(_one_line(error.format_message()))
        if isinstance(error, click.NoSuchOption) and not error.option_name.startswith("--"):
            # a pasted report or bullet ("-el sitio no carga") is read as short options
            message = message.rstrip(".") + "; to give a value that starts with '-', put -- before it"
        say(f"slactl: error: {message} (see {path} --help)")
        sys.exit(error.exit_code)
    except Interrupted as stop:
        print("slactl: error: interrupted", file=sys.stderr)
        sys.exit(stop.exit_code)
    except (click.Abort, KeyboardInterrupt):
        print("slactl: error: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _cannot_write(error)
    except MemoryError:  # a memory limit (ulimit -v, a container's): one line, not a traceback
        say("slactl: error: out of memory (a memory limit of this process or the machine); for a batch, "
            "--jobs 1 uses the least")
        sys.exit(1)
    except OverflowError:  # the last net: an instant a given time leads to lies past the year 9999
        say(f"slactl: error: {OUT_OF_RANGE}")
        sys.exit(2)
    except BaseException:
        if _stopped:  # a stop that Python wrapped (RuntimeError from a class's __set_name__ mid-import)
            print("slactl: error: interrupted", file=sys.stderr)
            sys.exit(128 + _stopped[0])
        raise
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            _cannot_write(error)
    sys.exit(code if isinstance(code, int) else 0)


def say(line: str) -> None:
    """One line on stderr: a message, a ``FILE:LINE: message`` problem or a bad row. Whatever it
    quotes (a file name, an id, a value) is data: control characters and line breaks escaped,
    and a quoted value of more than ``LONG_VALUE`` characters shortened to its ends and length
    (a 5,000-digit argument is not echoed whole)."""
    from slactl.render.output import one_line

    print(_shortened(one_line(line)), file=sys.stderr)


LONG_VALUE = 120
_QUOTED = re.compile("'([^']{%d,})'" % (LONG_VALUE + 1))


def _shortened(line: str) -> str:
    return _QUOTED.sub(lambda found: f"'{found.group(1)[:60]}...{found.group(1)[-20:]}' "
                                     f"({len(found.group(1)):,} characters)", line)


@contextmanager
def ticket_input(path: str) -> Iterator[tuple[Iterator[str], int, Any]]:
    """``tickets.read.open_input(path)`` for a command: a closed stdin, and an error reading the
    file (EIO, EBADF of a write-only stdin), are one ``InputError`` line naming the input, never
    a traceback or an error blamed on the output."""
    from slactl.errors import InputError
    from slactl.tickets import read

    name = "<stdin>" if path == "-" else path
    if path == "-" and (sys.stdin is None or sys.stdin.closed):
        raise InputError("no tickets on stdin (it is closed); give a file or pipe one in")
    with ExitStack() as stack:
        try:
            lines, fd, fmt = stack.enter_context(read.open_input(path))
        except OSError as error:
            raise InputError(f"cannot read {name}: {error.strerror or error}") from None
        yield lines, fd, fmt  # a read error while iterating is already one InputError (read._decoded)


OUT_OF_RANGE = "a time is out of range: slactl computes with times from the year 1900 to the end of 9999"


def _tolerate_narrow_encodings() -> None:
    """Under a non-UTF-8 locale (LC_ALL=C with PYTHONUTF8=0, PYTHONIOENCODING=ascii) a letter
    such as 'í' that the terminal cannot show becomes '?' instead of a UnicodeEncodeError;
    JSON escapes it instead (see ``render.output.emit_json``)."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors=errors)


class _ClosedOutput(io.TextIOBase):
    """``sys.stdout`` when slactl was started with standard output closed (``>&-``, where Python
    sets it to None): writing fails as writing to a closed descriptor does (EBADF), one error
    line; a run that writes nothing there (``--output FILE``) goes on."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _tolerate_closed_streams() -> None:
    """Standard output or error closed on entry: see ``_ClosedOutput``; messages to a closed
    stderr are dropped (the exit code still tells)."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 -- for the rest of the process


def _cannot_write(error: OSError) -> None:
    """stdout is on a full or failing device: one line, exit 2, and no retry at shutdown."""
    silence_stdout()
    print(f"slactl: error: cannot write the output: {error.strerror or error}", file=sys.stderr)
    sys.exit(2)


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lower(text: str) -> str:
    """click's messages start with a capital ("No such option"); slactl's errors do not."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def silence_stdout() -> None:
    """The reader went away (``| head -1``): drop the rest quietly."""
    if isinstance(sys.stdout, _ClosedOutput):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- for the rest of the process
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
