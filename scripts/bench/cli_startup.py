"""How fast the command line answers: ``field-audit --help`` and ``field-audit score``,
against ``python -c pass`` as the baseline. Target: each under 0.5 s.

Run: ``python -m scripts.bench.cli_startup [--runs 15]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.5


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def verdicts_file(folder: Path) -> Path:
    from field_audit.domain.edition import load_bundled_edition

    path = folder / "verdicts.json"
    ids = load_bundled_edition().criterion_ids
    path.write_text(json.dumps({"verdicts": dict.fromkeys(ids, "met")}), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cli = shutil.which("field-audit") or str(Path(sys.executable).parent / "field-audit")
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "field-audit --help": [cli, "--help"],
            "field-audit score FILE --json": [
                cli,
                "score",
                str(verdicts_file(Path(folder))),
                "--json",
            ],
        }
        print(f"{'command':34} {'median':>9} {'p90':>9}  target")
        for name, command in cases.items():
            times = sorted(timed(command, runs))
            median, p90 = statistics.median(times), times[int(0.9 * (len(times) - 1))]
            verdict = "" if "baseline" in name else ("ok" if median < TARGET_SECONDS else "MISSED")
            print(f"{name:34} {median * 1000:7.0f}ms {p90 * 1000:7.0f}ms  {verdict}")


if __name__ == "__main__":
    main()
