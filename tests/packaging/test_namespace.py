"""`pip install .` puts ONE top-level package, actionplans, into site-packages (issue 13): the
repository's top-level folders go in as its subpackages, with the resources and the command."""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("storage", "importers", "exporters", "usecases", "cli", "gui", "resources")


def test_pip_install_put_one_top_level_package_into_site_packages():
    """Read off what pip installed (CI installs the checkout with the README's command)."""
    elsewhere = [p for p in sys.path if Path(p or ".").resolve() != ROOT]  # not the build's
    found = list(metadata.distributions(name="actionplans", path=elsewhere))  # egg-info here
    if not found:
        pytest.skip("actionplans is not installed here; the README's test command installs it")
    distribution = found[0]
    if (
        json.loads(distribution.read_text("direct_url.json") or "{}")
        .get("dir_info", {})
        .get("editable")
    ):
        pytest.skip("an editable install has no package folder of its own")
    names = {file.as_posix() for file in distribution.files or []}
    top = {name.split("/")[0] for name in names if not name.startswith("..")}  # ../bin/...
    assert {name for name in top if not name.endswith(".dist-info")} == {"actionplans"}
    for package in PACKAGES:
        assert f"actionplans/{package}/__init__.py" in names
    assert any(name.startswith("actionplans/resources/samples/") for name in names)
    (script,) = distribution.entry_points.select(group="console_scripts", name="actionplans")
    assert script.value.startswith("actionplans.")


@pytest.mark.skipif(sys.platform == "win32", reason="git makes no symlinks there by default")
def test_every_top_level_package_of_the_checkout_is_linked_from_actionplans():
    """A new top-level package needs its link (and its line in pyproject.toml's package-dir)."""
    top = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "tools", "benchmarks"}
    top -= {"actionplans"}
    linked = {p.name for p in (ROOT / "actionplans").iterdir() if p.is_symlink()}
    assert linked == top
    for name in linked:
        assert (ROOT / "actionplans" / name).resolve() == ROOT / name


def test_no_module_imports_the_old_top_level_names():
    old = re.compile(rf"(?m)^\s*(?:from|import)\s+({'|'.join(PACKAGES)})(?=[.\s])")
    sources = [
        path
        for folder in ("tests", "tools", "benchmarks", *PACKAGES)
        for path in (ROOT / folder).rglob("*.py")
    ] + [ROOT / "build.spec"]
    offenders = [
        f"{path.relative_to(ROOT)}: {match[0].strip()}"
        for path in sources
        for match in old.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
