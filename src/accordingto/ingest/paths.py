"""Expand command-line inputs (files, directories, globs, `-`) into readable sources, lazily."""

from __future__ import annotations

import glob
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..model import ItemError

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a regular file, or stdin when `path` is `-`."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def name(self) -> str:
        """The base name that documents are keyed on (`stdin` for `-`)."""
        return "stdin" if self.is_stdin else os.path.basename(self.path)

    @property
    def label(self) -> str:
        """How errors and URIs name the source: its path as given (`stdin` for `-`)."""
        return "stdin" if self.is_stdin else self.path

    def open(self) -> BinaryIO:
        """The bytes of the source; stdin is not closed with it."""
        if self.is_stdin:
            return io.BufferedReader(_Borrowed(sys.stdin.buffer))
        return open(self.path, "rb")


class _Borrowed(io.RawIOBase):
    """A stream that reads from another without closing it (stdin outlives one read)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        data = self._stream.read(len(b))
        b[: len(data)] = data
        return len(data)


def os_reason(e: OSError) -> str:
    """`No such file or directory` → `no such file or directory`: the OS's words, lower-cased."""
    return (e.strerror or str(e)).lower()


def expand(args: Iterable[str]) -> Iterator[Source | ItemError]:
    """Sources in a deterministic order: arguments as given, directories depth-first by name.

    Hidden entries (`.git`, `.DS_Store`) inside directories are skipped. Symlinks are
    followed; a directory that contains itself through one is reported once, not walked.
    """
    for arg in map(os.fspath, args):
        if arg == STDIN:
            yield Source(STDIN)
        elif os.path.lexists(arg):
            yield from _walk(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.iglob(arg, recursive=True))
            if not matches:
                yield ItemError(arg, "no such file or directory (pattern matched nothing)")
            for match in matches:
                yield from _walk(match)
        else:
            yield ItemError(arg, "no such file or directory")


def _walk(root: str) -> Iterator[Source | ItemError]:
    # An explicit stack, not recursion: deep trees must not hit the recursion limit.
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        path, ancestors = stack.pop()
        try:
            st = os.stat(path)
        except OSError as e:
            yield ItemError(path, os_reason(e))
            continue
        if stat.S_ISREG(st.st_mode):
            yield Source(path)
        elif stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield ItemError(path, "symlink loop: directory contains itself")
                continue
            try:
                with os.scandir(path) as entries:
                    names = sorted(e.name for e in entries if not e.name.startswith("."))
            except OSError as e:
                yield ItemError(path, f"cannot list directory: {os_reason(e)}")
                continue
            inner = ancestors | {key}
            stack.extend((os.path.join(path, name), inner) for name in reversed(names))
        else:
            yield ItemError(path, "not a regular file or directory")
