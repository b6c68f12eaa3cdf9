"""actionplans: keep, check, export and print prison inspection action plans, offline.

Installed, this package holds the application's packages (storage, importers, exporters, ...),
mapped from the repository's top-level folders by pyproject.toml's [tool.setuptools.package-dir].
In a checkout this folder holds a relative symlink to each of those folders instead, so that
Python, pytest, mypy and import-linter all see `actionplans.storage` and so on. Where git made
no symlinks (Windows without core.symlinks), the repository root is added to this package's path
so that imports from the checkout still work (mypy and import-linter need the links).
"""

from pathlib import Path

_here = Path(__file__).resolve().parent
if (_here.parent / "pyproject.toml").is_file() and not (_here / "storage").is_dir():
    __path__.append(str(_here.parent))  # a checkout without symlinks
del Path, _here
