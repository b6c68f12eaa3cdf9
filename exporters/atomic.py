"""Write a file so that the user never finds half of it where they asked for it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from storage.errors import BadInput
from storage.integrity import process_running


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one step.

    The temporary file lives in the same folder so that `os.replace` is a rename on one
    filesystem (atomic on Windows and POSIX). A failure removes it and leaves `target` alone.
    A read-only `target` is refused before anything is written: Windows refuses to replace
    one, but POSIX would replace it without a word, and the user marked it so to keep it.
    The temporary name holds this process's id, so that a copy a killed export left behind
    is removed the next time the same target is written (see `_remove_dead_siblings`).
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise BadInput(f"{target}: is a folder, not a file.")
    if target.exists() and not target.stat().st_mode & stat.S_IWRITE:
        raise BadInput(f"{target}: the file is read-only; clear that or choose another name.")
    if not folder.is_dir():
        raise BadInput(f"{target}: the folder {folder} does not exist.")
    _remove_dead_siblings(target)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.stem}-{os.getpid()}-", suffix=target.suffix, dir=folder
        )
    except OSError as exc:
        raise BadInput(f"{target}: cannot write in {folder} ({exc.strerror}).") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); the user's file should be as any other they
        # save: the old file's permissions, or the usual ones.
        os.chmod(tmp, target.stat().st_mode if target.exists() else 0o666 & ~_umask())
        try:
            yield tmp
        except OSError as exc:  # a full disk, say, part-way through the writing
            raise BadInput(f"{target}: cannot write the file ({exc.strerror or exc}).") from exc
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise BadInput(
                f"{target}: cannot replace the file; it may be open in another program or "
                f"read-only ({exc.strerror})."
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def save_zip(tmp: Path, save: Callable[[io.BytesIO], object]) -> None:
    """Have `save` (openpyxl's or python-docx's) write its zip into memory, then write the
    bytes to `tmp` in one plain write.

    Saved straight to the disk, a zip cut short by a full disk stays half open, and when the
    garbage collector closes it the same error is printed again as a traceback; a plan's
    workbook or document is a few megabytes at most."""
    buffer = io.BytesIO()
    save(buffer)
    tmp.write_bytes(buffer.getvalue())


def _remove_dead_siblings(target: Path) -> None:
    """Remove the temporary copies of `target` that processes no longer running left (an
    export killed part-way); a copy being written by a running process is left alone.

    mkstemp's random part is eight letters, digits or underscores, never a hyphen, so another
    target's copies (`plan-2023.pdf` beside `plan.pdf`) never match."""
    name = re.compile(
        rf"^\.{re.escape(target.stem)}-(?P<pid>\d+)-[a-z0-9_]{{8}}{re.escape(target.suffix)}$"
    )
    for path in target.parent.iterdir():
        match = name.match(path.name)
        if match and not process_running(match["pid"]):
            with contextlib.suppress(OSError):  # another export's cleaning got there first
                path.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
