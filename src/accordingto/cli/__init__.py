"""The command line. Each module registers its commands on `main` (see base.py)."""

from . import articles, link, serve  # noqa: F401  (each registers its commands)
from .base import main

__all__ = ["main"]
