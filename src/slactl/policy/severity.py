"""Severities, the rules that classify into them, and their obligations."""

from __future__ import annotations

from dataclasses import dataclass, field

from slactl.policy.communication import Communication
from slactl.policy.names import fold
from slactl.policy.target import Target


@dataclass(frozen=True, slots=True)
class Facts:
    """Structured facts about an incident; ``None`` means unknown / not required."""

    env: str | None = None
    impact: str | None = None
    privacy: str | None = None
    dos: bool | None = None
    third_party: bool | None = None

    def items(self) -> list[tuple[str, object]]:
        """The known facts as ``(name, value)`` pairs, in field order; unknown (None) ones left out."""
        return [(k, getattr(self, k)) for k in self.__slots__ if getattr(self, k) is not None]

    def satisfied_by(self, known: Facts) -> bool:
        """True when ``known`` has every fact stated here with the same value (a fact unknown
        in ``known`` does not satisfy one stated here; an empty ``Facts`` is always satisfied)."""
        return all(getattr(known, key) == value for key, value in self.items())


@dataclass(frozen=True, slots=True)
class Match:
    """A rule: any of ``phrases`` (when given) and all ``facts`` (when given), unless ``unless``."""

    phrases: tuple[str, ...] = ()
    facts: Facts | None = None
    unless: Facts | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.phrases and self.facts is None:
            raise ValueError("a rule needs phrases or facts")


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of a provider's decision table: the incident is ``severity`` when one of
    ``concepts`` was read from it (any incident, when empty) and each fact of ``when`` has one
    of its values, ``unknown`` meaning that nothing said (``(("scope", ("everything",
    "unknown")),)``). ``source`` quotes the seed sentence the row comes from."""

    severity: str
    concepts: tuple[str, ...] = ()
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str | None = None
    label: str | None = None
    assumption: str | None = None

    def __post_init__(self) -> None:
        if not self.concepts and not self.when:
            raise ValueError("a decision row needs concepts or facts")


@dataclass(frozen=True, slots=True)
class DecisionTable:
    """A provider's rows, and the facts it ``requires``: without one of them it names no
    severity but what each value would give."""

    rows: tuple[Decision, ...] = ()
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Severity:
    """One severity of a policy: ``id``, ``label`` and ``aliases`` (each names it), the ``rules``
    that classify an incident into it, its ``targets`` (a plan may override them), and its own
    ``protocol`` and ``communications`` (empty: the policy's). ``source`` quotes the seed
    (Conecta: "Caída Total (Crítico): Interrupción completa de los servicios de hosting")."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    rules: tuple[Match, ...] = ()
    targets: tuple[Target, ...] = ()
    protocol: tuple[str, ...] = ()
    communications: tuple[Communication, ...] = ()
    source: str | None = None
    _names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", frozenset({fold(self.id), fold(self.label), *(fold(a) for a in self.aliases)}))

    def names(self) -> frozenset[str]:
        """Every folded name this severity answers to (folded once, when it is built)."""
        return self._names
