"""Issue 17, item 6: a disk that fills while a file is written ends in one sentence naming the
file, with no traceback after it and nothing left beside it, for every kind of file written."""

from __future__ import annotations

import builtins
import errno
import gc
import io
import sys

import pytest

from cli.main import main
from tests.support.plans import make_plan

LIMIT = 4096  # bytes the "disk" takes before it is full


class _FullDisk(io.BytesIO):
    """A file on a disk with LIMIT bytes free: later writes fail, as a full disk's do."""

    def write(self, data) -> int:
        if self.tell() + len(data) > LIMIT:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Files written under `out/` go to a disk that fills after LIMIT bytes."""
    folder = tmp_path / "out"
    folder.mkdir()
    real_open = io.open

    def open_(file, mode="r", *args, **kwargs):
        if "w" in str(mode) and str(file).startswith(str(folder)):
            return _FullDisk()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(builtins, "open", open_)
    return folder


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.docx", "plan.pdf", "plan.json"])
def test_a_full_disk_while_exporting_is_one_sentence_naming_the_file(
    db_path, store, full_disk, capfd, monkeypatch, name
):
    store.add_plan(make_plan(recs=40))
    unraisable: list = []  # what Python would print as "Exception ignored in ..."
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    status = main(["--db", str(db_path), "export", "1", "-o", str(full_disk / name)])
    gc.collect()  # a half-closed zip's finaliser would print its traceback now
    err = capfd.readouterr().err
    assert status == 2
    assert f"{full_disk / name}: cannot write the " in err and "No space left" in err, err
    assert "Traceback" not in err and not unraisable, (err, unraisable)
    assert list(full_disk.iterdir()) == []


def test_a_full_disk_while_printing_the_pack_names_the_pack(db_path, store, full_disk, capfd):
    store.add_plan(make_plan(recs=40))
    status = main(["--db", str(db_path), "pack", "1", "-o", str(full_disk / "pack.pdf")])
    err = capfd.readouterr().err
    assert status == 2 and f"{full_disk / 'pack.pdf'}: cannot write the file" in err, err
    assert list(full_disk.iterdir()) == []
