"""`python -m accordingto` is the `accordingto` command."""

from .cli import main

main()
