"""The Windows build workflow, checked as far as this Linux machine can: it must lint clean and
build the spec on windows-latest, then smoke-test what it built, there and from a moved copy."""

from __future__ import annotations

from pathlib import Path

import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "build.yml"


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
