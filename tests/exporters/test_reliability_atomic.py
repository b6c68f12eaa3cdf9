"""Issue 17, item 8: an export killed part-way leaves a `.plan-*` copy beside its target; the
next write of that target removes it, and never a copy a running export is still writing."""

from __future__ import annotations

import os
import subprocess
import sys

from exporters.atomic import atomic_path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_temporary_copy_names_the_process_writing_it(tmp_path):
    with atomic_path(tmp_path / "plan.pdf") as tmp:
        tmp.write_bytes(b"%PDF")
        assert tmp.name.startswith(f".plan-{os.getpid()}-")
        assert tmp.suffix == ".pdf"
    assert (tmp_path / "plan.pdf").read_bytes() == b"%PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_a_killed_exports_copy_is_removed_when_the_target_is_next_written(tmp_path):
    killed = tmp_path / f".plan-{_dead_pid()}-abcd_123.pdf"
    killed.write_bytes(b"half a PDF")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            running = tmp_path / f".plan-{alive.pid}-efgh4567.pdf"
            running.write_bytes(b"being written")
            other_target = tmp_path / f".plan-2023-{_dead_pid()}-ijkl8901.pdf"
            other_target.write_bytes(b"another target's copy")
            users_file = tmp_path / ".plan-notes.pdf"
            users_file.write_bytes(b"the user's own")

            with atomic_path(tmp_path / "plan.pdf") as tmp:
                tmp.write_bytes(b"%PDF")
        finally:
            alive.kill()

    assert not killed.exists()
    assert running.read_bytes() == b"being written"
    assert other_target.read_bytes() == b"another target's copy"
    assert users_file.read_bytes() == b"the user's own"
    assert (tmp_path / "plan.pdf").read_bytes() == b"%PDF"
