"""A killed writer loses at most the change in flight: every confirmed finding survives."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from field_audit.storage.database import open_database

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from field_audit.domain.edition import load_bundled_edition
    from field_audit.domain.answers import Verdict
    from field_audit.storage.audits import open_audit, record_note, record_verdict
    from field_audit.storage.database import open_database
    from field_audit.storage.demo import load_demo_data

    edition = load_bundled_edition()
    db = open_database(Path(sys.argv[1]))
    load_demo_data(db, edition)
    audit = open_audit(db, assignment_id="a-cm", inspector_id="insp-somchai", edition=edition)
    print("audit", audit.id, flush=True)
    round_ = 0
    while True:
        round_ += 1
        for criterion_id in edition.criterion_ids:
            note = f"round {round_}"
            record_note(db, audit.id, criterion_id, note, by="insp-somchai")
            print("saved", criterion_id, note, flush=True)
    """
)


def test_killing_the_writer_keeps_every_confirmed_finding(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    assert writer.stdout is not None
    audit_id = writer.stdout.readline().split()[1]
    confirmed: dict[str, str] = {}
    for line in writer.stdout:
        _, criterion_id, note = line.rstrip("\n").split(" ", 2)
        confirmed[criterion_id] = note
        if len(confirmed) == 60 and note == "round 2" and criterion_id == "B17":
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait()
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(data_dir / "field-audit.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db = open_database(data_dir)
    with db.engine.connect() as connection:
        stored = dict(
            connection.exec_driver_sql(
                "SELECT criterion_id, note FROM finding WHERE audit_id = ?", (audit_id,)
            ).all()
        )
    db.close()
    for criterion_id, note in confirmed.items():
        # the writer may have committed one more change after the last line we read
        assert stored[criterion_id] in (note, _next(note)), criterion_id


def _next(note: str) -> str:
    return f"round {int(note.split()[1]) + 1}"
