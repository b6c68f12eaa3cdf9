#!/usr/bin/env bash
# Check a frozen build, offline: tools/check_frozen.sh dist/actionplans
#
# Builds nothing. With the network cut (a fresh network namespace: `unshare -rn`, or `unshare -n`
# when root) and Qt's offscreen platform, runs the real artefact's --version, imports a bundled
# sample workbook into a temporary database, exports the plan to xlsx, pdf and json, prints a
# board pack (checking each file opens), then runs the window's smoke test with a screenshot.
# Exits non-zero on any failure, and when the network cannot be cut: a sitecustomize that breaks
# sockets cannot stand in here, because a frozen build reads neither PYTHONPATH nor site.
# Linux only (Windows: see .github/workflows/build.yml). PYTHON names the interpreter that checks
# the files (default python3; pypdf, when it has it, reads the PDFs back).
set -euo pipefail

fail() {
  echo "check_frozen: FAIL: $*" >&2
  exit 1
}

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR (e.g. dist/actionplans)" >&2; exit 2; }
dist=$(cd "$1" && pwd) || fail "no such folder: $1"
exe="$dist/actionplans"
[ -x "$exe" ] || fail "no executable $exe: build it with 'pyinstaller build.spec'"

# Run the rest of this script again inside a new network namespace: no interface is up there.
if [ -z "${CHECK_FROZEN_OFFLINE:-}" ]; then
  for method in "unshare -rn" "unshare -n"; do
    if $method true 2>/dev/null; then
      echo "check_frozen: network cut with '$method'"
      CHECK_FROZEN_OFFLINE="$method" exec $method "$0" "$dist"
    fi
  done
  fail "cannot cut the network here (no network namespaces: try as root, or enable" \
    "unprivileged user namespaces)"
fi

# Prove the cut without sending anything anywhere: a fresh namespace has only loopback.
interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ')  # this namespace's own
[ "$interfaces" = "lo" ] || fail "network interfaces other than loopback under" \
  "'$CHECK_FROZEN_OFFLINE': $interfaces"

export QT_QPA_PLATFORM=offscreen
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/plans.sqlite3"
app() { "$exe" --db "$db" "$@"; }

version=$("$exe" --version) || fail "--version exited $?"
[[ "$version" =~ ^actionplans\ [0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
echo "ok: $version"

sample=$(find "$dist" -path '*/resources/samples/*.xlsx' -print | sort | head -n 1)
[ -n "$sample" ] || fail "no sample workbook bundled under $dist (resources/samples)"
app import "$sample" >"$work/import.log" 2>&1 || {
  cat "$work/import.log" >&2
  fail "import of $(basename "$sample") failed"
}
app list | grep -q "Total" || fail "the imported plan is not listed"
echo "ok: imported $(basename "$sample")"

for format in xlsx pdf json; do
  app export 1 -o "$work/plan.$format" >/dev/null || fail "export to $format exited $?"
done
app pack 1 -o "$work/pack.pdf" >/dev/null || fail "the board pack exited $?"
"$python" - "$work" <<'PY' || fail "an exported file does not open"
import json
import sys
import zipfile
from pathlib import Path

folder = Path(sys.argv[1])
with zipfile.ZipFile(folder / "plan.xlsx") as book:
    assert "xl/workbook.xml" in book.namelist(), "plan.xlsx has no workbook part"
    assert book.testzip() is None, "plan.xlsx has a corrupt member"
for name in ("plan.pdf", "pack.pdf"):
    assert (folder / name).read_bytes().startswith(b"%PDF-"), f"{name} has no PDF header"
try:
    from pypdf import PdfReader
except ImportError:
    print("note: pypdf is not installed; checked the PDFs' headers only")
else:
    for name in ("plan.pdf", "pack.pdf"):
        text = "".join(page.extract_text() for page in PdfReader(folder / name).pages)
        assert "Recommendation" in text, f"{name} has no plan text"
plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
assert plan["recommendations"], "plan.json has no recommendations"
PY
echo "ok: exported xlsx, pdf, json and a board pack, and each opens"

"$exe" --smoke-test --screenshot "$work/window.png" || fail "--smoke-test exited $?"
head -c 8 "$work/window.png" | od -An -tx1 | grep -q "89 50 4e 47" || fail "no PNG screenshot"
echo "ok: the window's smoke test passed and saved a screenshot"
echo "check_frozen: all checks passed offline ($CHECK_FROZEN_OFFLINE)"
