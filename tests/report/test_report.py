"""Reports of a recorded session: the HTML page, the notebook, `dsagent report`, and `/report` in chat."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess

import pytest

from conftest import EXAMPLES, isolate

from dsagent.config import Settings
from dsagent.data.workspace import Workspace
from dsagent.report.record import Recorder, list_sessions, load_session, sessions_dir
from dsagent.session import Session

LOANS = EXAMPLES / "loans.csv"
HOSTILE = 'x</td><script>alert("pwned")</script><img src="https://example.com/t.png">'
QUESTIONS = [
    "SELECT region, count(*) AS n FROM loans GROUP BY region ORDER BY region",
    "average income by region",
    "bar chart of average income by region",
    "DROP TABLE loans",
]
MODEL_CALL = {"target": "approved", "models": ["dummy", "linear"], "folds": 0}  # as an MCP client calls it


def _session(tmp_path, paths, origin="chat"):
    ws = Workspace.open([str(p) for p in paths])
    settings = Settings(provider="offline", output_dir=str(tmp_path / "out"))
    session = Session(ws, settings)
    session.recorder = Recorder(ws, settings, origin)
    return session, ws


@pytest.fixture(scope="module")
def _recording(tmp_path_factory):
    """A recorded session over loans.csv and a file whose text is hostile HTML, recorded once for the
    module (it trains a model and draws a chart: seconds of work) under a home of its own."""
    folder = tmp_path_factory.mktemp("recording")
    notes = folder / "notes.csv"
    notes.write_text(f"id,comment\n1,fine\n2,{json.dumps(HOSTILE)}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "home")
        session, ws = _session(folder, [LOANS, notes])
        answers = [session.ask(q) for q in QUESTIONS]
        answers.append(session.run_tool("train_model", MODEL_CALL))
        answers.append(session.ask("SELECT id, comment FROM notes ORDER BY id"))
        ws.close()
    return session.recorder, answers


@pytest.fixture
def recorded(_recording):
    """The module's recording, copied into this test's own home: a test may change its copy, never
    the recording (the answers are only read)."""
    recorder, answers = _recording
    shutil.copytree(recorder.folder, sessions_dir() / recorder.id)
    return recorder, answers


def test_each_answer_is_recorded_as_seen(recorded):
    recorder, answers = recorded
    record = load_session(recorder.id)
    assert [t["question"] for t in record.turns][:4] == QUESTIONS
    assert record.turns[4]["question"].startswith("train_model {")
    assert record.turns[5]["question"] == "SELECT id, comment FROM notes ORDER BY id"
    first = record.turns[0]
    assert first["kind"] == "table" and first["result"]["row_count"] == 4
    assert first["result"]["rows"] == answers[0].result.rows
    chart = next(t for t in record.turns if t["kind"] == "chart")
    assert (record.folder / chart["chart"]["asset"]).read_bytes()[:4] == b"\x89PNG"
    model = next(t for t in record.turns if t["kind"] == "model")
    assert model["model"]["card"] and "def fit_and_score(" in model["model"]["script"]
    assert record.turns[3]["error"]["type"] == "sql_rejected"
    assert [s.id for s in list_sessions()] == [recorder.id]


def test_html_is_self_contained_and_escapes_data(recorded, tmp_path):
    from dsagent.report.write import write_report

    recorder, answers = recorded
    path = write_report(load_session(recorder.id), tmp_path / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()  # no script at all, and the hostile cell is text
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    # nothing is fetched: every src is a data URI, no stylesheet or font is linked
    assert re.findall(r'src="([^"]*)"', page) and all(s.startswith("data:image/") for s in re.findall(r'src="([^"]*)"', page))
    assert "<link" not in page and "@import" not in page and "url(" not in page
    for question in QUESTIONS:
        assert f"{question}</h2>" in page or question.replace("'", "&#x27;") in page
    assert "SELECT region, count(*) AS n FROM loans GROUP BY region ORDER BY region" in page
    assert "<caption>4 rows</caption>" in page
    assert "Model card" in page and "balanced_accuracy" in page
    assert "DROP is not allowed" in page  # the refused statement's one line
    findings = [f for a in answers for f in a.review]
    assert findings and all(html.escape(f.message) in page for f in findings)


def test_report_command_lists_writes_and_refuses_to_overwrite(recorded, tmp_path, capsys):
    from dsagent.cli import cli

    recorder, _ = recorded
    assert cli(["report", "--list"]) == 0
    listing = capsys.readouterr().out
    assert recorder.id in listing and "6 answers" in listing
    target = tmp_path / "r.html"
    assert cli(["report", recorder.id, str(target)]) == 0 and target.is_file()
    capsys.readouterr()
    before = target.read_bytes()
    assert cli(["report", recorder.id, str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists; use --force" in err and target.read_bytes() == before
    assert cli(["report", "last", str(target), "--force"]) == 0
    assert cli(["report", recorder.id[:15], str(tmp_path / "r.ipynb")]) == 0


@pytest.mark.parametrize("name, message", [
    ("report.pdf", "a report is .html or .ipynb"),
    ("missing/report.html", "does not exist"),
    ("file.txt/report.html", "is not a folder"),
])
def test_bad_report_paths_are_one_line(recorded, tmp_path, capsys, name, message):
    from dsagent.cli import cli

    recorder, _ = recorded
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert cli(["report", recorder.id, str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not list(tmp_path.glob("**/.*.part"))


def test_unwritable_path_is_one_line(recorded, capsys):
    from dsagent.cli import cli

    recorder, _ = recorded
    assert cli(["report", recorder.id, "/proc/dsagent-report.html"]) == 2  # no one may create files in /proc
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write /proc/dsagent-report.html" in err


def test_unknown_and_empty_sessions(tmp_path, capsys):
    from dsagent.cli import cli

    assert cli(["report", "nope", str(tmp_path / "r.html")]) == 2
    assert "no session 'nope'" in capsys.readouterr().err
    assert cli(["report", "--list"]) == 0
    assert "No sessions recorded yet" in capsys.readouterr().out


def test_chat_report_command(tmp_path):
    from dsagent.chat.app import run_chat

    ws = Workspace.open([str(LOANS)])
    settings = Settings(provider="offline", output_dir=str(tmp_path / "out"))
    session = Session(ws, settings)
    session.recorder = Recorder(ws, settings)
    target = tmp_path / "chat.html"
    script = io.StringIO(f"/report {tmp_path / 'empty.html'}\naverage income by region\n/report {target}\n"
                         f"/report {target}\n")
    try:
        from rich.console import Console  # noqa: F401 - run_chat prints through rich

        code = run_chat(session, ws, settings, stdin=script)
    finally:
        ws.close()
    assert code == 0
    assert not (tmp_path / "empty.html").exists()
    page = target.read_text(encoding="utf-8")
    assert "average income by region</h2>" in page and "avg_income" in page


# ---------------------------------------------------------------- the notebook, executed
@pytest.mark.slow
def test_notebook_is_valid_and_reproduces_the_session(recorded, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from dsagent.report.write import write_report

    recorder, answers = recorded
    path = write_report(load_session(recorder.id), tmp_path / "session.ipynb")
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "\n".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                        for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    # one check per re-run step: the typed SQL, the planner's SQL, the chart's query, the model, the notes table
    assert outputs.count("same as the session:") == 4
    assert "same test metrics as the session:" in outputs
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for cell in notebook.cells for o in cell.get("outputs", []))
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "average income by region" in markdown and answers[1].narrative.split()[0] in markdown
    assert "<script>" not in markdown


# ---------------------------------------------------------------- the page, in a real browser
def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no chromium (.ci/run installs Debian's chromium package)")
def test_html_renders_in_headless_chromium(recorded, tmp_path):
    from dsagent.report.write import write_report

    recorder, _ = recorded
    page = write_report(load_session(recorder.id), tmp_path / "report.html")
    browser = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={shot}", "--window-size=1100,2600", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert image.size == (1100, 2600) and colours and len(colours) > 50  # not blank: text, tables, a chart
    # the charts loaded: a copy of the page with a probe (the report itself has no script) counts decoded images
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>document.body.setAttribute('data-loaded', Array.from(document.images)"
                   ".filter(i => i.complete && i.naturalWidth > 0).length + ' of ' + document.images.length)"
                   "</script></body>"), encoding="utf-8")
    dom = subprocess.run([*browser, "--dump-dom", "--virtual-time-budget=5000", probe.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    loaded = re.search(r'data-loaded="(\d+) of (\d+)"', dom)
    assert loaded and loaded.group(1) == loaded.group(2) and int(loaded.group(2)) >= 1
