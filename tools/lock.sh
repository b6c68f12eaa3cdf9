#!/usr/bin/env bash
# Rewrite constraints.txt from pyproject.toml:   tools/lock.sh            (add or drop a package)
#                                               tools/lock.sh --upgrade  (move to newer releases)
# Without --upgrade every pin that still fits is kept; with it, each package goes to the newest
# release pyproject.toml's range allows. Needs uv (`pip install uv` in any venv; UV=path/to/uv
# if it is not on PATH). Run .ci/run afterwards: it installs and tests exactly the new pins.
set -euo pipefail
cd "$(dirname "$0")/.."
"${UV:-uv}" pip compile pyproject.toml --extra test --extra build --universal \
  --python-version 3.11 --no-emit-package pip --no-emit-package setuptools --no-header \
  --quiet "$@" -o constraints.txt
header='# Exactly what CI tests and the frozen build is made with: every package the application and its
# test and build extras pull in, on every platform (the `; sys_platform` lines are Windows'"'"' and
# macOS'"'"'s own), for Python 3.11. Used as `pip install -c constraints.txt ...` by the README'"'"'s
# commands, .ci/run and .github/workflows/build.yml; pyproject.toml keeps the ranges.
# Written by tools/lock.sh (which says how to add a package or move to newer releases): do not
# edit by hand.
#
# pip and setuptools are left out, as pip-tools does by default: a pin would make pip replace
# itself during the install. No hashes: pip treats a hash in a constraints file as
# --require-hashes, which refuses the project'"'"'s own folder (`pip install .`: "Can'"'"'t verify
# hashes for these file:// requirements because they point to directories").'
printf '%s\n' "$header" | cat - constraints.txt >constraints.txt.new
mv constraints.txt.new constraints.txt
