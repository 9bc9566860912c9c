"""accordingto: who said what, through whom, how firmly — with every fact pointing at its sentence.

Python API for notebooks::

    import accordingto
    result = accordingto.analyze("Kyiv has denied responsibility, the ministry said.")
    result.attributions
"""

from __future__ import annotations

from .model import Analysis, Article, RawDocument

__version__ = "0.1.0"
__all__ = ["analyze", "Analysis", "Article", "RawDocument", "__version__"]


def analyze(text: str, *, file: str = "<text>", uri: str = "", format: str = "text") -> Analysis:
    """Clean and analyze one article given as plain text (or HTML with format="html")."""
    from .analyze import analyze as _analyze
    from .clean import clean

    return _analyze(clean(RawDocument(file=file, uri=uri, content=text, format=format)))  # type: ignore[arg-type]
