"""slactl: exact SLA deadlines, severities, communications and quotes from YAML support policies.

The public API (see docs/api.md) is imported on first use, so ``import slactl`` stays fast::

    from slactl import load_policies, due, classify, comms, quote

``classify``, ``comms`` and ``quote`` are also the names of the modules that compute them
(``slactl.classify.Incident``, ``slactl.comms.Agenda``): those three modules are callable, and
calling one runs the API function of the same name. ``slactl.api`` holds the plain functions
(use it for type checking or pickling).
"""

from __future__ import annotations

import importlib
import sys
import types

__version__ = "0.1.0"
__all__ = ["__version__", "load_policies", "due", "classify", "comms", "quote"]
_FUNCTIONS = ("load_policies", "due")
_CALLABLE_MODULES = ("classify", "comms", "quote")


class _CallableModule(types.ModuleType):
    """A module whose call runs ``slactl.api.<its name>``."""

    def __call__(self, *args, **kwargs):
        from slactl import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


class _Package(types.ModuleType):
    """Makes ``classify``, ``comms`` and ``quote`` callable as Python binds each submodule here."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _CALLABLE_MODULES and type(value) is types.ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


def __getattr__(name: str):
    if name in _FUNCTIONS:
        from slactl import api

        return getattr(api, name)
    if name in _CALLABLE_MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
