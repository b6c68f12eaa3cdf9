"""Where the database lives, and whether that place is safe for SQLite's write-ahead log."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "actionplans"
DB_ENV = "ACTIONPLANS_DB"
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs", "davfs"}


def default_db_path() -> Path:
    """`ACTIONPLANS_DB` if set, else the per-user data folder (no admin rights needed)."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False) / f"{APP}.sqlite3"


def is_network_path(path: Path) -> bool:
    """True when `path` is on a network share, where WAL is unsafe (sqlite.org/wal.html)."""
    path = Path(path).resolve()
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive_remote = 4
        return ctypes.windll.kernel32.GetDriveTypeW(path.anchor) == drive_remote
    try:
        mounts = Path("/proc/mounts").read_text()
    except OSError:
        return False
    return mount_type(path, mounts) in _NETWORK_FS


def mount_type(path: Path, mounts: str) -> str:
    """The filesystem type of the mount holding `path`, from a /proc/mounts text: the longest
    mount point that contains it wins ("" when none does)."""
    best, fstype = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if (str(path) + "/").startswith(point.rstrip("/") + "/") and len(point) > len(best):
                best, fstype = point, parts[2]
    return fstype
