"""constraints.txt pins every package the application and its test and build extras need, each
within pyproject.toml's range, and the tests run against exactly those releases."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent.parent

# Left out on purpose (see the header of constraints.txt): pinning them would make pip replace
# itself in the middle of an install.
UNPINNED = {"pip", "setuptools"}


def declared() -> list[Requirement]:
    """pyproject.toml's requirements: the application's, and its test and build extras'."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in project["dependencies"] + extras["test"] + extras["build"]]


def pins() -> dict[str, tuple[str, Requirement]]:
    """Package -> (pinned release, the line as a requirement), for lines that apply here."""
    pinned: dict[str, tuple[str, Requirement]] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("#", " ")):
            continue
        requirement = Requirement(line.rstrip(" \\"))
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"constraints.txt: {line!r} is not an exact pin"
        pinned[canonicalize_name(requirement.name)] = (spec.version, requirement)
    return pinned


def test_every_declared_requirement_is_pinned_within_its_range():
    pinned = pins()
    problems = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in pinned:
            problems.append(f"{requirement} is not pinned")
        elif not requirement.specifier.contains(pinned[name][0], prereleases=True):
            problems.append(f"{requirement} does not admit the pinned {pinned[name][0]}")
    assert problems == [], "run tools/lock.sh: " + "; ".join(problems)


def test_every_package_pulled_in_here_is_pinned_and_installed_at_its_pin():
    """Walks the installed requirements from pyproject.toml down, on this platform: each must
    be pinned, and installed at the pinned release (the tests run in the locked environment)."""
    pinned = pins()
    environment = default_environment()
    problems = []
    seen: set[str] = set()
    todo = [(requirement, "") for requirement in declared()]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({**environment, "extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        if name in seen or name in UNPINNED:
            continue
        seen.add(name)
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:  # an extra not installed here (CI tests before
            continue  # it installs the build extra); its pin is checked above
        if name not in pinned:
            problems.append(f"{name} {installed} is not pinned")
        elif pinned[name][0] != installed:
            problems.append(f"{name} {installed} is installed, {pinned[name][0]} pinned")
        for line in metadata.requires(requirement.name) or []:
            for wanted in requirement.extras or {""}:
                todo.append((Requirement(line), wanted))
    assert problems == [], "run tools/lock.sh, then reinstall: " + "; ".join(problems)
