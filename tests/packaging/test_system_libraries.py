"""The README's `sudo apt-get install` line names every Debian package that Qt's platform plugins
need, read off the installed PySide6 itself, so that the line cannot fall behind a Qt upgrade.

The window on an X11 desktop loads `platforms/libqxcb.so` and one of its GL integrations; tests
and `--smoke-test` load `platforms/libqoffscreen.so`. Each needs, through Qt's own libraries
beside it, some system libraries: `readelf` lists them, `ldconfig` finds each one's file and
`dpkg -S` the package holding it. `apt-get` brings in what those packages need in turn, so only
the libraries Qt names itself are checked. `.ci/run` and the workflow install the README's line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

# What PySide6's X11 and offscreen platforms load (relative to PySide6/Qt/plugins).
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
)

# On every Debian system: dpkg and apt themselves need them, so no install line names them.
BASE = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"}

# How .ci/run and the workflow read the package list out of the README.
README_PREFIX = "sudo apt-get install "
EXTRACT = f"sed -n 's/^{README_PREFIX}//p' README.md"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg") is None,
    reason="Debian's package names: checked on a Debian or Ubuntu machine",
)


def readme_packages() -> set[str]:
    """The packages on the README's install line (a line of its own, in a code block)."""
    lines = [
        line.removeprefix(README_PREFIX).split()
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith(README_PREFIX)
    ]
    assert len(lines) == 1, f"expected one line starting {README_PREFIX!r} in README.md"
    return set(lines[0])


def needed(path: Path) -> list[str]:
    """The sonames an ELF file names as NEEDED."""
    out = subprocess.run(
        ["readelf", "--dynamic", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def system_sonames(qt: Path) -> set[str]:
    """Sonames the plugins need, directly or through Qt's own libraries, that Qt does not ship."""
    system: set[str] = set()
    seen: set[Path] = set()
    todo = [qt / "plugins" / plugin for plugin in PLUGINS]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for soname in needed(path):
            own = qt / "lib" / soname
            if own.exists():
                todo.append(own)
            else:
                system.add(soname)
    return system


def installed_paths() -> dict[str, str]:
    """Soname -> file, for this machine's native libraries, from the loader's cache."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    wide = sys.maxsize > 2**32  # 64-bit entries say so: "(libc6,x86-64)", "(libc6,AArch64)"
    paths: dict[str, str] = {}
    for match in re.finditer(r"^\s+(\S+) \((.*?)\) => (\S+)$", out, re.MULTILINE):
        soname, flags, path = match.groups()
        if ("64" in flags) == wide:
            paths.setdefault(soname, path)
    return paths


def package_owning(path: str) -> str | None:
    """The Debian package holding a file, trying the /lib and /usr/lib spellings of merged-usr."""
    real = str(Path(path).resolve())
    candidates = [path, real] + [p.replace("/lib/", "/usr/lib/", 1) for p in (path, real)]
    for candidate in candidates:
        found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].strip()
    return None


def policy_name(soname: str) -> str:
    """The package Debian's library naming policy gives a soname: libxcb-icccm.so.4 ->
    libxcb-icccm4, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a dash after a final digit)."""
    name, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def test_policy_name_follows_debian_naming():
    assert policy_name("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert policy_name("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert policy_name("libdbus-1.so.3") == "libdbus-1-3"


def test_the_readme_names_every_package_the_qt_platform_plugins_need():
    pyside = pytest.importorskip("PySide6")
    qt = Path(pyside.__file__).parent / "Qt"
    assert (qt / "plugins" / "platforms" / "libqxcb.so").exists(), "no xcb plugin in PySide6"
    listed = readme_packages()
    paths = installed_paths()
    missing: list[str] = []
    for soname in sorted(system_sonames(qt)):
        path = paths.get(soname)
        package = package_owning(path) if path else None
        if package is None:
            # Not installed here (libqxcb.so fails to load until it is): Debian names it by policy.
            package = policy_name(soname)
            where = "not installed here; named by Debian's library naming policy"
        else:
            where = path
        if package not in listed | BASE:
            missing.append(f"{soname} ({where}) is in Debian package {package}")
    assert missing == [], "the README's apt-get line misses:\n" + "\n".join(missing)


def test_ci_and_the_workflow_install_the_readme_line():
    """Both read the list out of the README rather than keep a copy of it."""
    assert EXTRACT in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    assert EXTRACT in workflow
    out = subprocess.run(
        ["bash", "-c", EXTRACT], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert set(out.split()) == readme_packages()
