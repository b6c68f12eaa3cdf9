"""Fuzz every plan reader with damaged bytes: whatever a file holds, reading it gives a plan or
one sentence (BadInput), and storing that plan gives a plan id or one sentence. Nothing else:
no other exception, no hang (the caller bounds time), no database left half-written.

Used by tests/importers/test_reliability_fuzz.py (a bounded run in the normal suite) and by
`python tools/fuzz.py` (a long run). Seeds are real files of each format; each run mutates
one: flips, deletions, insertions, repeats and truncations, on top of the zip or OLE package
or on the text itself.
"""

from __future__ import annotations

import random
import tempfile
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from actionplans.importers import read_plan_file
from actionplans.storage.errors import BadInput
from actionplans.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
CSV_SEED = (
    b"Action Plan: HMP Fuzz\r\n"
    b"Rec No,Recommendation,Agreed/ Partly Agreed/ Not Agreed,"
    b"Response Action Taken/Planned,Responsible Owner,Target Date\r\n"
    b'1,"Meet needs, promptly.",Agreed,Assess everyone.,Governor,March 2019\r\n'
    b"2,Share records.,Partly Agreed,Agree a protocol.,Council,31/12/2019\r\n"
)


def seeds() -> dict[str, bytes]:
    """One real file per format the readers take, by suffix."""
    from actionplans.exporters.plan_json import write_plan_json
    from tests.support.plans import make_plan

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        write_plan_json(make_plan(recs=3, actions=2), path)
        json_seed = path.read_bytes()
    renditions = ROOT / "tests" / "fixtures" / "renditions"
    return {
        ".xlsx": (ROOT / "resources" / "samples" / "social-care-2018.xlsx").read_bytes(),
        ".xls": (ROOT / "tests" / "fixtures" / "workbooks" / "old-format.xls").read_bytes(),
        ".csv": CSV_SEED,
        ".json": json_seed,
        ".ods": (renditions / "social-care-2018.ods").read_bytes(),
        ".docx": (renditions / "social-care-2018.docx").read_bytes(),
        ".odt": (renditions / "accommodation-2020.odt").read_bytes(),
        ".pdf": (renditions / "accommodation-2020.pdf").read_bytes(),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    """`data` with a few random edits; a zip has its sheet's XML edited instead, half the
    time, so the damage reaches the parsers and not only the zip's checksums."""
    if data.startswith(b"PK") and rng.random() < 0.5:
        return _mutate_member(data, rng)
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            break
        at = rng.randrange(len(out))
        kind = rng.randrange(5)
        if kind == 0:
            out[at] = rng.randrange(256)
        elif kind == 1:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 2:
            out[at:at] = rng.choice(INSERTS)
        elif kind == 3:
            out[at:at] = out[at : at + rng.randint(1, 64)] * rng.randint(2, 50)
        else:
            del out[at:]
    return bytes(out)


INSERTS = (
    b"\x00",
    b'"',
    b'\n,"',
    b"\xe2\x80\x9d",
    b"\x93",
    b"\xff\xfe",
    b"[" * 50,
    b"9" * 400,
    b"2027-02-31",
    b"0000-00-00",
    b'<row r="20000000">',
    b'<c r="XFD1" t="e"><v>#REF!</v></c>',
    b"&#0;",
    b"\\ud800",
)


def _mutate_member(data: bytes, rng: random.Random) -> bytes:
    source = zipfile.ZipFile(BytesIO(data))
    names = source.namelist()
    victim = rng.choice([n for n in names if n.endswith(".xml")] or names)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            body = source.read(name)
            target.writestr(name, mutate(body, rng) if name == victim else body)
    return out.getvalue()


@dataclass
class Tally:
    runs: int = 0
    read: int = 0  # a plan came back
    stored: int = 0  # and the store took it
    refused: int = 0  # one sentence, from the reader or the store
    failures: list[str] = field(default_factory=list)


def one_run(data: bytes, suffix: str, folder: Path, tally: Tally) -> None:
    """Read `data` as a file of `suffix`, then store what came back; anything but a plan or a
    BadInput is a failure, recorded with what it was."""
    tally.runs += 1
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        plan = read_plan_file(path).plan
        tally.read += 1
        store = Store.open(folder / "fuzz.sqlite3")
        try:
            store.add_plan(plan)
            tally.stored += 1
            store.list_plans()
        finally:
            store.close()
    except BadInput as error:
        tally.refused += 1
        if "Traceback" in str(error) or "\n" in str(error).strip():
            tally.failures.append(f"{suffix}: not one sentence: {error}")
    except RecursionError:
        raise
    except Exception as error:  # the point: anything else is a bug to report
        tally.failures.append(f"{suffix}: {type(error).__name__}: {error}"[:300])


def fuzz(runs: int, seed: int = 0) -> Tally:
    """`runs` mutated files, spread over the formats."""
    rng = random.Random(seed)
    tally = Tally()
    originals = seeds()
    with tempfile.TemporaryDirectory() as folder:
        for number in range(runs):
            suffix = list(originals)[number % len(originals)]
            one_run(mutate(originals[suffix], rng), suffix, Path(folder), tally)
    return tally
