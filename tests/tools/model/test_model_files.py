"""What train_model leaves on disk and shows: model + sha256, card, retrain script, charts, predictions,
the terminal rendering and the JSON shape; nothing is ever overwritten."""

from __future__ import annotations

import pytest

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from dsagent.tools.base import ToolContext
from dsagent.tools.model.tool import ModelArgs, train_model


def _data(tmp_path, n=600, seed=0) -> Path:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    df = pd.DataFrame({"x": x, "plan": rng.choice(["basic", "pro"], n), "sex": rng.choice(["F", "M"], n),
                       "churn": (x + rng.normal(0, 0.7, n) > 0).astype(int)})
    path = tmp_path / "clients.csv"
    df.to_csv(path, index=False)
    return path


def _train(ws, out, **kw):
    return train_model(ws, ModelArgs(target="churn", models=["linear"], folds=3, **kw),
                       ToolContext(output_dir=out, question="predict churn"))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One default training and its folder, shared by the tests that only read what it returns and
    leaves on disk (card, model file, JSON, rendering): a training takes about a second."""
    from conftest import isolate

    from dsagent.data.workspace import Workspace

    folder = tmp_path_factory.mktemp("trained")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "home")
        ws = Workspace.open([str(_data(folder))])
        try:
            yield _train(ws, folder / "out"), folder
        finally:
            ws.close()


@pytest.mark.slow
def test_files_saved_with_hash_and_never_overwritten(open_ws, tmp_path):
    ws = open_ws(_data(tmp_path))
    out = tmp_path / "out"
    first = _train(ws, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    second = _train(ws, out)
    assert first.model_path != second.model_path and first.card_path != second.card_path
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name in before} == before  # untouched
    for r in (first, second):
        model = Path(r.model_path).read_bytes()
        line = Path(r.model_path + ".sha256").read_text()
        assert line.split()[0] == hashlib.sha256(model).hexdigest() == r.extra["sha256"]
        for path in [r.card_path, r.extra["script_path"], *r.extra["charts"]]:
            assert Path(path).is_file() and Path(path).parent == out
    assert Path(first.extra["chart_path"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_model_card_has_every_section(trained):
    r, _ = trained
    card = Path(r.card_path).read_text()
    for heading in ("## Data", "## Target", "## Features", "## Split and validation", "### Cross-validated metrics",
                    "### Test-set metrics", "## Per-group metrics", "## Findings of the reviewer", "## Limitations",
                    "**Loading risk.**"):
        assert heading in card, heading
    assert "| linear (best) |" in card and "predict churn" in card
    assert "### `sex`" in card and "| F |" in card  # per-group table of the protected attribute
    assert "unpickling" in r.extra["loading_risk"].lower() or "runs code" in r.extra["loading_risk"]


def test_saved_model_loads_and_predicts(trained):
    import joblib

    r, folder = trained
    pipe = joblib.load(r.model_path)  # our own file, just written
    frame = pd.read_csv(folder / "clients.csv")[r.features]
    assert set(pipe.predict(frame.head(5))) <= {0, 1}


@pytest.mark.slow
def test_retrain_script_is_valid_python_and_reproduces_the_test_metric(open_ws, tmp_path):
    ws = open_ws(_data(tmp_path))
    r = _train(ws, tmp_path / "out")
    script = Path(r.extra["script_path"])
    source = script.read_text()
    compile(source, str(script), "exec")  # valid Python; never executed in-process
    assert "clients.csv" in source and "TARGET = 'churn'" in source
    run = tmp_path / "run"
    run.mkdir()
    done = subprocess.run([sys.executable, str(script)], cwd=run, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    accuracy = float(done.stdout.split("test accuracy")[1].split()[0])
    assert abs(accuracy - r.extra["test_metrics"]["linear"]["accuracy"]) < 1e-9
    assert (run / "retrained_model.joblib").is_file()


def test_predictions_table_and_csv_on_request(open_ws, tmp_path, trained):
    plain, _ = trained  # the default training: asked for no predictions
    assert plain.extra["predictions_table"] is None and plain.extra["predictions_csv"] is None
    ws = open_ws(_data(tmp_path))
    r = _train(ws, tmp_path / "b", export_predictions=True)
    table = r.extra["predictions_table"]
    assert ws.tables[table].storage == "derived" and ws.tables[table].parent == "clients"
    counts = dict(ws.query(f"SELECT split, count(*) FROM {table} GROUP BY 1").rows)
    assert counts["test"] == r.extra["n_test"] and sum(counts.values()) == 600
    csv = pd.read_csv(r.extra["predictions_csv"])
    assert {"prediction", "split", "churn"} <= set(csv.columns) and len(csv) == 600


def test_json_shape_matches_the_contract(trained):
    data = json.loads(json.dumps(trained[0].to_json()))
    for key in ("kind", "task", "target", "features", "excluded", "split", "metrics", "best", "card_path",
                "model_path"):
        assert key in data
    assert data["kind"] == "model" and isinstance(data["metrics"]["linear"]["accuracy"], float)


def test_render_shows_what_a_person_needs(trained):
    from rich.console import Console

    from dsagent.render.answer import render_result

    r, _ = trained
    console = Console(record=True, width=160)
    render_result(r, console)
    text = console.export_text()
    for piece in ("predicting churn", "dummy", "linear ★", "ROC AUC", "Left out of the features", "sex",
                  "Per-group metrics by sex", r.card_path, "loading it runs code"):
        assert piece in text, piece


def test_on_an_80_column_terminal_the_metrics_are_rows_and_no_figure_breaks(trained):
    # At 80 columns the wide table broke "0.720 ± 0.055" over three lines and cut "bal. accuracy".
    import re

    from rich.console import Console

    from dsagent.render.answer import render_result

    r, _ = trained
    console = Console(record=True, width=80)
    render_result(r, console)
    text = console.export_text()
    table = text[text.index("Cross-validated"):text.index("Best model")]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert re.search(r"│ ROC AUC +│ +0\.\d{3} ± 0\.\d{3} │", table), table
    assert "bal. accuracy" in table and "…" not in table
    assert re.search(r"│ +test +│ +0\.\d{3} │", table), table


@pytest.mark.slow
def test_tool_module_imports_light():
    code = ("import sys, dsagent.tools.model.tool; "
            "print(sorted(m for m in ('sklearn', 'pandas', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def _gap_data(tmp_path, n=2000, seed=21) -> Path:
    """Group B has lower x, and x drives the target: the model selects B far less often (C3)."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(["female", "male"], n)
    x = rng.normal(size=n) + np.where(sex == "male", 1.0, -1.0)
    df = pd.DataFrame({"x": x, "sex": sex, "approved": (x + rng.normal(0, 0.5, n) > 0).astype(int)})
    path = tmp_path / "gap.csv"
    df.to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_fairness_block_withholds_the_model_until_allowed(open_ws, tmp_path):
    ws = open_ws(_gap_data(tmp_path))
    args = ModelArgs(target="approved", models=["linear"], folds=3, save_predictions=True)
    held = train_model(ws, args, ToolContext(output_dir=tmp_path / "a"))
    blocks = {f.id for f in held.findings if f.severity == "block"}
    assert "C3" in blocks and held.model_path == "" and held.extra["withheld"]
    assert not list((tmp_path / "a").glob("*.joblib")) and held.extra["predictions_table"] is None
    card = Path(held.card_path).read_text()
    assert "## Model withheld" in card and "--allow C3" in card
    allowed = train_model(ws, args, ToolContext(output_dir=tmp_path / "b", allow=set(held.extra["withheld"])))
    assert allowed.model_path.endswith(".joblib") and Path(allowed.model_path).is_file()
    assert allowed.extra["withheld"] == []


def test_a_full_disk_leaves_no_file_of_the_model(open_ws, tmp_path, monkeypatch):
    """Before: a truncated .joblib and an empty .sha256 stayed behind, and the error was a traceback."""
    import errno

    from dsagent.errors import UserError
    from dsagent.tools.model import card as mc

    ws = open_ws(_data(tmp_path))
    out = tmp_path / "out"
    real = mc.write_new

    def full_at_the_card(path, data):
        if str(path).endswith(".md"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(mc, "write_new", full_at_the_card)
    with pytest.raises(UserError, match="No space left on device"):
        _train(ws, out)
    assert list(out.iterdir()) == []


def test_write_new_never_leaves_a_truncated_file(tmp_path, monkeypatch):
    import errno
    import os

    from dsagent.tools.model import card as mc

    target = tmp_path / "m.joblib"
    monkeypatch.setattr(os, "link", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left")))
    with pytest.raises(OSError):
        mc.write_new(target, b"x" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_that_is_a_file(open_ws, tmp_path):
    from dsagent.errors import UserError

    ws = open_ws(_data(tmp_path))
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError, match="cannot write"):
        _train(ws, blocker)
