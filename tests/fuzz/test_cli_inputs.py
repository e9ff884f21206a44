"""Fuzzing the commands that read what people write: ``field-audit score`` and ``committee``.

Whatever the files hold (any bytes, any JSON, nesting thousands deep, odd shapes in every place
a verdict, a member or a ruling goes), the command ends with its answer (exit 0) or one line
naming the problem (exit 2): never a traceback.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from field_audit.cli.main import app

runner = CliRunner()
CRITERIA = ["B01", "B07", "A03", "Z99", ""]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)
verdict_words = st.sampled_from(["met", "not_met", "ผ่าน", "", "MET"]) | json_values
verdict_files = (
    st.fixed_dictionaries(
        {
            "verdicts": st.dictionaries(st.sampled_from(CRITERIA), verdict_words, max_size=5)
            | json_values
        }
    )
    | json_values
)
member_files = st.fixed_dictionaries(
    {
        "member": st.text(max_size=8) | json_values,
        "verdicts": st.dictionaries(st.sampled_from(CRITERIA), verdict_words, max_size=5),
    }
)
ruling_files = st.fixed_dictionaries(
    {
        "rulings": st.dictionaries(
            st.sampled_from(CRITERIA),
            st.fixed_dictionaries(
                {"verdict": verdict_words, "reason": st.text(max_size=6) | json_values}
            )
            | json_values,
            max_size=3,
        )
        | json_values
    }
)
contents = (
    st.binary(max_size=200)
    | json_values.map(lambda v: json.dumps(v).encode())
    | st.integers(1, 5000).map(lambda n: ("[" * n + "]" * n).encode())
)


def ends_cleanly(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ")
        assert "Traceback" not in result.stderr


def written(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


@settings(max_examples=120)
@example(b'{"verdicts": {"B01": {"x": 1}}}')
@example(b"[" * 2000 + b"]" * 2000)
@example(b'{"verdicts": {"B01": ["met"]}}')
@given(contents | verdict_files.map(lambda v: json.dumps(v).encode()))
def test_score_answers_or_names_the_problem_for_any_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ends_cleanly("score", written(Path(folder), "verdicts.json", data))


@settings(max_examples=120)
@example([b'{"member": 5, "verdicts": {"B01": "met"}}'], None)
@example([b'{"verdicts": {"B01": "met"}}'], b'{"rulings": {"B01": {"verdict": ["met"]}}}')
@given(
    st.lists(contents | member_files.map(lambda v: json.dumps(v).encode()), min_size=1, max_size=3),
    st.none() | contents | ruling_files.map(lambda v: json.dumps(v).encode()),
)
def test_committee_answers_or_names_the_problem_for_any_files(
    members: list[bytes], rulings: bytes | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = [written(Path(folder), f"m{i}.json", data) for i, data in enumerate(members)]
        extra = [] if rulings is None else ["--rulings", written(Path(folder), "r.json", rulings)]
        ends_cleanly("committee", *paths, *extra)
