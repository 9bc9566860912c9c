"""accordingto: who said what, through whom, how firmly — with every fact pointing at its sentence.

Python API for notebooks::

    import accordingto
    result = accordingto.analyze("Kyiv has denied responsibility, the ministry said.")
    result.attributions

`accordingto.analyze` is the analyze stage's package, which can be called with a text (see
`analyze/__init__.py`): a plain function of that name here would be shadowed by the package
as soon as any of its modules is imported.
"""

from __future__ import annotations

from typing import Any

from .model import Analysis, Article, RawDocument

__version__ = "0.1.0"
__all__ = ["analyze", "Analysis", "Article", "RawDocument", "__version__"]


def __getattr__(name: str) -> Any:
    # Import the analyze stage (and spaCy) only when it is used, not on `import accordingto`.
    if name == "analyze":
        import importlib

        return importlib.import_module(".analyze", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
