"""The window (PySide6) and the `actionplans` command.

Every module here that uses Qt imports `gui.qt` first (see there); the package itself imports
nothing, so the command's light verbs start fast.
"""
