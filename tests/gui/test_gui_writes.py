"""The window writes only through use cases: no gui/ module calls the store's writes or opens
a transaction itself (the import contracts in pyproject.toml keep it from importing storage's
write modules; this keeps it from calling the Store's own write methods)."""

from __future__ import annotations

import re
from pathlib import Path

GUI = Path(__file__).resolve().parent.parent.parent / "gui"
WRITES = re.compile(
    r"\bstore\.(add_plan|delete_plan|transaction|record|reindex|conn\.execute|update_\w+)\("
)


def test_no_window_module_writes_to_the_store_directly():
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(GUI.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line)
    ]
    assert found == []
