"""Imported by every module that uses Qt, before its first Qt call: works round a shiboken6 bug.

With shiboken6 6.12.0 on Python 3.11, every call of a Qt method that returns nothing takes one
reference from `None` without having given it, so after a few thousand calls (one screenful of
a big plan) Python aborts with "deallocating None". From Python 3.12 `None` is immortal
(PEP 683) and the bug is harmless; before that, giving `None` a very large reference count makes
it immortal in effect. `None` is never freed in a running interpreter anyway, so this changes
nothing else.

Kept out of `gui/__init__.py` so that the command's light verbs (`actionplans --version`), which
never touch Qt, do not pay for importing ctypes.
"""

import sys

if sys.version_info < (3, 12):
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
