"""Plain values need no pydantic: text, flags and repeated text options pass through as typed.

typer 0.29 checks every option value with a pydantic ``TypeAdapter``; building the first one
imports pydantic, about 120 ms of a 250 ms start. Click already hands text and flag options
over as ``str`` and ``bool`` (a repeated option as a tuple of ``str``), which is exactly what
those adapters return for them. So ``install()`` puts a builder in front of typer's own
(``typer.core.build_runtime_param``, looked up by typer at each call): for these annotations
it returns a pass-through, and pydantic is never imported by slactl's commands (issue 6:
start-up, and the start of every batch). Any other annotation (numbers, money, paths) still
gets typer's adapter. typer is pinned to 0.29 (``pyproject.toml``) because of such internals;
``tests/test_fast_start.py`` checks both the result and that pydantic stays out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Optional, Union, get_args, get_origin

import typer.core
from typer._coercion import RuntimeParam, TypeDescriptor

PLAIN = (str, Optional[str], bool, list[str], Optional[list[str]])


@dataclass(frozen=True)
class AsTyped(RuntimeParam):
    """The value as click gives it (a repeated option's tuple as a list, as the adapter gives
    it); ``RuntimeParam.coerce`` has already turned a missing value into None or ``()``."""

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class AsMember(RuntimeParam):
    """A choice of a ``str`` Enum as its member, looked up by value as the adapter does; any
    value that is not one is left to typer's adapter, so its error reads the same."""

    enum: type[Enum]
    adapter: Callable[[], RuntimeParam]

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, self.enum):
            return value
        try:
            return self.enum(value)
        except ValueError:
            return self.adapter()._coerce_value(value, param=param, ctx=ctx)


def runtime_param(descriptor: TypeDescriptor, *, fallback=typer.core.build_runtime_param) -> RuntimeParam:
    """``AsTyped`` for a plain annotation, ``AsMember`` for a (possibly optional) ``str`` Enum,
    else what typer builds."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is None:
        if annotation in PLAIN:
            return AsTyped(parameter_info=info, annotation=annotation)
        enum = _str_enum(annotation)
        if enum is not None:
            return AsMember(parameter_info=info, annotation=annotation, enum=enum, adapter=lambda: fallback(descriptor))
    return fallback(descriptor)


def _str_enum(annotation: Any) -> type[Enum] | None:
    """``E`` for ``E`` or ``Optional[E]`` where ``E`` is a ``str`` Enum."""
    if get_origin(annotation) is Union:
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        annotation = members[0] if len(members) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, Enum) and issubclass(annotation, str):
        return annotation
    return None


def install() -> None:
    typer.core.build_runtime_param = runtime_param
