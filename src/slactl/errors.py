"""The only exceptions the CLI catches: everything else is a bug."""


class SlactlError(Exception):
    """Base of every expected failure; ``str(error)`` is one line for the user."""

    exit_code = 2


class PolicyError(SlactlError):
    """One or more policy files are invalid; each problem is ``FILE:LINE: message``."""

    exit_code = 1

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.problems[0] if self.problems else "invalid policy")


class InputError(SlactlError):
    """Bad command input: unknown id, bad timestamp, bad amount."""

    exit_code = 2


class RunError(SlactlError):
    """A run that could not finish for a reason outside its input and policies (a worker
    process of ``--jobs`` killed)."""

    exit_code = 1
