"""The command works with no network: import, export to xlsx, json and pdf, and the window.

Each run is a child `python -m cli` with a sitecustomize on its PYTHONPATH that makes every
network connection and name lookup raise and writes it to a log, so an attempt the program caught
and ignored still fails the test. The frozen build gets the same proof, with the network really
cut, from tools/check_frozen.sh: a frozen build reads no sitecustomize.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actionplans.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = resource_path("samples", "social-care-2018.xlsx")
LOADED = "guard loaded"

GUARD = f'''
"""Test guard: no network for this process (see tests/cli/test_offline.py)."""
import os
import socket

_LOG = os.environ["ACTIONPLANS_OFFLINE_LOG"]


def _note(line):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(line + "\\n")


def _refuse(what, target):
    _note(f"blocked {{what}} {{target!r}}")
    raise OSError(f"network disabled by the offline test: {{what}} {{target!r}}")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def connect(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect(self, address)
    _refuse("connect", address)


def connect_ex(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect_ex(self, address)
    _refuse("connect_ex", address)


socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
socket.create_connection = lambda address, *args, **kwargs: _refuse("create_connection", address)
socket.getaddrinfo = lambda host, *args, **kwargs: _refuse("getaddrinfo", host)
_note({LOADED!r})
'''


def needs(*modules: str):
    """Skip, with the reason, while a feature's module is not written yet."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    return pytest.mark.skipif(bool(missing), reason=f"not written yet: {', '.join(missing)}")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Where this module's runs keep their database, exports and network logs."""
    return tmp_path_factory.mktemp("offline")


@pytest.fixture(scope="module")
def offline(folder):
    """Run `python -m cli ARGS` offline; returns the finished process.

    Fails the calling test when the child tried to reach the network, or when the guard did not
    load (then the run would have proved nothing).
    """
    guard = folder / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    runs = itertools.count()

    def run(*args: str) -> subprocess.CompletedProcess:
        log = folder / f"network-{next(runs)}.log"
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]),
            "QT_QPA_PLATFORM": "offscreen",
            "ACTIONPLANS_OFFLINE_LOG": str(log),
        }
        done = subprocess.run(
            [sys.executable, "-m", "cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        attempts = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        assert attempts[:1] == [LOADED], "the network guard did not load in the child"
        assert attempts[1:] == [], f"tried the network: {attempts[1:]}\n{done.stderr}"
        return done

    return run


@pytest.fixture(scope="module")
def imported(offline, folder) -> Path:
    """A database holding the 2018 sample plan, imported offline; returns its path."""
    db = folder / "plans.sqlite3"
    done = offline("--db", str(db), "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    return db


def test_the_guard_refuses_a_connection(tmp_path):
    """The sitecustomize really is loaded by a child and really blocks: else the rest is moot."""
    (tmp_path / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    code = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/', timeout=2)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "PYTHONPATH": str(tmp_path),
            "ACTIONPLANS_OFFLINE_LOG": str(tmp_path / "net.log"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "network disabled by the offline test" in done.stderr
    assert "blocked" in (tmp_path / "net.log").read_text(encoding="utf-8")


@needs("actionplans.importers.template")
def test_import_offline(offline, imported):
    done = offline("--db", str(imported), "list", "--json")
    assert done.returncode == 0, done.stderr
    [plan] = json.loads(done.stdout)
    assert plan["title"].startswith("Action Plan: HMP Thematic")
    assert (plan["agreed"], plan["partly_agreed"], plan["not_agreed"]) == (6, 1, 1)


@needs("actionplans.importers.template", "actionplans.exporters.plan_json")
def test_export_json_offline(offline, imported, folder):
    target = folder / "plan.json"
    done = offline("--db", str(imported), "export", "1", "-o", str(target))
    assert done.returncode == 0, done.stderr
    plan = json.loads(target.read_text(encoding="utf-8"))
    assert plan["title"].startswith("Action Plan: HMP Thematic")
    assert len(plan["recommendations"]) == 8


@needs("actionplans.importers.template", "actionplans.exporters.xlsx", "openpyxl")
def test_export_xlsx_offline(offline, imported, folder):
    from openpyxl import load_workbook

    target = folder / "plan.xlsx"
    done = offline("--db", str(imported), "export", "1", "-o", str(target))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(target).worksheets[0]
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert any("Recommendation" in cell for cell in cells)
    assert any(cell == "Agreed" for cell in cells)


@needs("actionplans.importers.template", "actionplans.exporters.pdf", "pypdf")
def test_export_pdf_offline(offline, imported, folder):
    from pypdf import PdfReader

    target = folder / "plan.pdf"
    done = offline("--db", str(imported), "export", "1", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Recommendation" in text and "Agreed" in text


@needs("actionplans.gui.app", "PySide6")
def test_window_smoke_test_offline(offline, folder):
    shot = folder / "window.png"
    done = offline("--smoke-test", "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
