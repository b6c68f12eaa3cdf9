"""The `actionplans` command: a thin layer over `usecases` (parse, call a use case, print).

`cli.main` builds the parser; the verbs live in `cli.plans` and `cli.progress`.
"""

from actionplans.cli.main import main

__all__ = ["main"]
