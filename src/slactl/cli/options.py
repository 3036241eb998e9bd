"""Shell completion shared by the commands: provider ids, severities and plans of the active
policies (``--policies``, ``$SLACTL_POLICIES`` or the bundled set).

A completion runs inside the user's shell on every TAB: it never raises and never prints; a
policy file that does not load is skipped, and anything unexpected completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

from slactl.policy.names import fold

if TYPE_CHECKING:
    from slactl.policy.model import Policy

Choice = tuple[str, str]


def complete_provider(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Provider ids, with the provider's name as help."""
    return _safe(lambda: _matching(((p.id, p.name) for p in _policies(ctx)), incomplete))


def complete_severity(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Severity ids, then every Spanish and English alias typed as one word (``caida-total``),
    of the chosen provider (every provider when none is chosen yet)."""
    def choices() -> Iterator[Choice]:
        """Every candidate value with its help text."""
        for policy in _chosen(ctx):
            for severity in policy.severities:
                yield severity.id, severity.label
            for severity in policy.severities:
                for name in (severity.label, *severity.aliases):
                    yield _word(name), f"{severity.id} ({severity.label})"
    return _safe(lambda: _matching(choices(), incomplete))


def complete_plan(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Plan ids of the chosen provider (every provider when none is chosen yet)."""
    def choices() -> Iterator[Choice]:
        """Every candidate value with its help text."""
        for policy in _chosen(ctx):
            for plan in policy.plans:
                yield plan.id, plan.label + (" (default)" if plan.default else "")
    return _safe(lambda: _matching(choices(), incomplete))


def _word(name: str) -> str:
    """A name as one shell word the command line accepts: ``Caída Total`` → ``caida-total``."""
    return fold(name).replace(" ", "-")


def _matching(choices: Iterator[Choice], incomplete: str) -> list[CompletionItem]:
    """Choices that match ignoring case and accents. Shells keep only values that start with
    the word as typed, so ``caí`` is completed as ``caída-total`` (slactl reads it as
    ``caida-total``)."""
    wanted = _word(incomplete)
    found: dict[str, str] = {}
    for value, help in choices:
        word = _word(value)
        if word.startswith(wanted):
            shown = value if value.startswith(incomplete) else incomplete + word[len(wanted):]
            found.setdefault(shown, help)
    return [CompletionItem(value, help=help) for value, help in found.items()]


def _chosen(ctx: click.Context) -> list[Policy]:
    """The provider given on the line so far, else every provider. While an option still waits
    for its value (``show athento --plan <TAB>``) the parse stops short and the provider is
    among the unparsed words."""
    policies = _policies(ctx)
    words = [ctx.params.get("provider"), *ctx.args]
    given = {fold(word) for word in words if isinstance(word, str)}
    return [p for p in policies if fold(p.id) in given] or policies


def _policies(ctx: click.Context) -> list[Policy]:
    """The active policies that load; the root ``--policies`` option lives on the root context."""
    from slactl.policy import load as loader
    from slactl.errors import SlactlError

    paths = list(ctx.find_root().params.get("policies") or ()) or None
    loaded: list[Policy] = []
    try:
        files = list(loader.expand(loader.active_paths(paths)))
    except SlactlError:
        return []
    for path in files:
        try:
            loaded.extend(loader.load([path]))
        except SlactlError:
            continue
    return loaded


def _safe(compute: Callable[[], list[CompletionItem]]) -> list[CompletionItem]:
    try:
        return compute()
    except Exception:  # noqa: BLE001 - a completion must never break the user's shell
        return []
