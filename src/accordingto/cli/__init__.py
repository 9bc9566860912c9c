"""The command line. Each module registers its commands on `main` (see base.py)."""

from . import articles  # noqa: F401  (registers its commands)
from .base import main

__all__ = ["main"]
