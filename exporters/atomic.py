"""Write a file so that the user never finds half of it where they asked for it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from storage.errors import BadInput


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one step.

    The temporary file lives in the same folder so that `os.replace` is a rename on one
    filesystem (atomic on Windows and POSIX). A failure removes it and leaves `target` alone.
    A read-only `target` is refused before anything is written: Windows refuses to replace
    one, but POSIX would replace it without a word, and the user marked it so to keep it.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise BadInput(f"{target}: is a folder, not a file.")
    if target.exists() and not target.stat().st_mode & stat.S_IWRITE:
        raise BadInput(f"{target}: the file is read-only; clear that or choose another name.")
    if not folder.is_dir():
        raise BadInput(f"{target}: the folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise BadInput(f"{target}: cannot write in {folder} ({exc.strerror}).") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); the user's file should be as any other they
        # save: the old file's permissions, or the usual ones.
        os.chmod(tmp, target.stat().st_mode if target.exists() else 0o666 & ~_umask())
        yield tmp
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise BadInput(
                f"{target}: cannot replace the file; it may be open in another program or "
                f"read-only ({exc.strerror})."
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
