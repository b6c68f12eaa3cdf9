"""The Windows build workflow, checked as far as this Linux machine can: it must lint clean and
build the spec on windows-latest, then smoke-test what it built, there and from a moved copy."""

from __future__ import annotations

from pathlib import Path

import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

WORKFLOW = Path(__file__).resolve().parent.parent.parent / ".github" / "workflows" / "build.yml"


def test_the_workflow_lints_clean():
    text = WORKFLOW.read_text(encoding="utf-8")
    problems = list(linter.run(text, YamlLintConfig("extends: default")))
    assert [f"{p.line}: {p.message}" for p in problems] == []


def test_windows_builds_the_spec_and_smoke_tests_the_build_where_users_put_it():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    windows = workflow["jobs"]["windows"]
    assert windows["runs-on"] == "windows-latest"
    runs = [step.get("run", "") for step in windows["steps"]]
    assert any("pyinstaller --noconfirm build.spec" in run for run in runs)
    smoke = [run for run in runs if "--smoke-test" in run]
    assert any("actionplans-cli.exe" in run for run in smoke)  # the command line
    assert any("actionplans.exe" in run and "Start-Process" in run for run in smoke)  # the window
    assert any("Documents" in run and "Copy-Item" in run for run in smoke)  # a moved copy


README = WORKFLOW.parents[2] / "README.md"
CI_RUN = WORKFLOW.parents[2] / ".ci" / "run"


def test_ci_runs_the_readme_test_command_exactly_as_written():
    readme = README.read_text(encoding="utf-8").splitlines()
    commands = [line for line in readme if line.startswith("python3 -m venv .venv")]
    test_command = next(line for line in commands if "pytest" in line)
    assert test_command in CI_RUN.read_text(encoding="utf-8").splitlines()


def commands(path: Path) -> list[str]:
    """The lines of a file that are commands: all of a script, a Markdown file's code."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix != ".md":
        return lines
    fenced, code = False, []
    for line in lines:
        fenced ^= line.startswith("```")
        if fenced or line.startswith("    "):
            code.append(line)
    return code


def test_every_install_in_ci_and_the_workflow_takes_the_pinned_releases():
    """A `pip install` without constraints.txt would build from whatever is newest that day."""
    for path in (README, CI_RUN, WORKFLOW):
        installs = [line for line in commands(path) if "pip install" in line]
        assert installs, f"no pip install in {path.name}"
        unpinned = [line.strip() for line in installs if "-c constraints.txt" not in line]
        assert unpinned == [], f"{path.name} installs without constraints.txt"
