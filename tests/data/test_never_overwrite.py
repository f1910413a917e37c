"""Nothing is ever overwritten, and a file that cannot be written is one line.

Before, two chats exporting to the same new file at once both said "saved" and one file silently
replaced the other; `--apply --output-dir out` replaced the person's own `out/<table>_clean.sql` and
`.py`; a full disk or an output folder that is a file ended in a traceback (in chat: "internal error").
"""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest
from clean_helpers import write_dirty

from dsagent.data import export as export_module
from dsagent.data.export import export_query, publish, write_text_atomic
from dsagent.errors import UserError
from dsagent.tools.base import ToolContext, get_tool


@pytest.fixture
def ws(make_csv, open_ws):
    return open_ws(make_csv("t.csv", "id,city\n1,Lima\n2,Quito\n"))


def test_a_file_made_meanwhile_is_kept_and_the_export_gets_a_new_name(ws, tmp_path, monkeypatch):
    target = tmp_path / "top.csv"
    real = export_module.write_batches

    def another_chat_saves_first(reader, tmp, kind):
        real(reader, tmp, kind)
        target.write_text("the other chat's export\n", encoding="utf-8")  # after our check, before our rename

    monkeypatch.setattr(export_module, "write_batches", another_chat_saves_first)
    written = export_query(ws, "SELECT * FROM t", target)
    assert target.read_text(encoding="utf-8") == "the other chat's export\n"
    assert written == tmp_path / "top-2.csv" and "Quito" in written.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.part"))


def test_two_exports_to_one_new_name_at_once_keep_both(make_csv, open_ws, tmp_path):
    sources = [open_ws(make_csv(f"s{i}.csv", f"id,who\n1,chat{i}\n")) for i in range(2)]
    target = tmp_path / "shared.csv"
    barrier = threading.Barrier(2)
    written: list[Path] = []
    real = export_module.write_batches

    def together(reader, tmp, kind):
        real(reader, tmp, kind)
        barrier.wait(10)  # both have passed the existence check and finished writing

    export_module.write_batches = together
    try:
        threads = [threading.Thread(target=lambda w=w, i=i: written.append(export_query(w, f"SELECT * FROM s{i}", target)))
                   for i, w in enumerate(sources)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        export_module.write_batches = real
    assert sorted(p.name for p in written) == ["shared-2.csv", "shared.csv"]
    contents = sorted(p.read_text(encoding="utf-8") for p in written)
    assert ["chat0" in c for c in contents] == [True, False] and "chat1" in contents[1]


def test_publish_never_replaces_without_being_asked(tmp_path):
    existing = tmp_path / "a.txt"
    existing.write_text("mine", encoding="utf-8")
    tmp = tmp_path / ".a.part"
    tmp.write_text("new", encoding="utf-8")
    assert publish(tmp, existing) == tmp_path / "a-2.txt"
    assert existing.read_text(encoding="utf-8") == "mine"
    tmp.write_text("newer", encoding="utf-8")
    assert publish(tmp, existing, replace=True) == existing and existing.read_text(encoding="utf-8") == "newer"


def test_apply_keeps_the_persons_own_scripts(tmp_path):
    from dsagent.data.workspace import Workspace

    path, _, _, _ = write_dirty(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    mine_sql, mine_py = out / "dirty_contacts_v2_clean.sql", out / "dirty_contacts_v2_clean.py"
    mine_sql.write_text("-- my own notes\n", encoding="utf-8")
    mine_py.write_text("# my own script\n", encoding="utf-8")
    with Workspace.open([str(path)]) as ws:
        r = get_tool("clean_data").run(ws, {}, ToolContext(output_dir=out, apply=True))
    assert mine_sql.read_text(encoding="utf-8") == "-- my own notes\n"
    assert mine_py.read_text(encoding="utf-8") == "# my own script\n"
    assert Path(r.scripts["sql"]).name == "dirty_contacts_v2_clean-2.sql"
    assert Path(r.scripts["python"]).name == "dirty_contacts_v2_clean-2.py"


def test_a_full_disk_is_one_line_and_leaves_nothing(ws, tmp_path, monkeypatch):
    def full(reader, tmp, kind):
        Path(tmp).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module, "write_batches", full)
    with pytest.raises(UserError, match="No space left on device"):
        export_query(ws, "SELECT * FROM t", tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == [tmp_path / "t.csv"] or not list(tmp_path.glob("*out*"))
    assert not list(tmp_path.glob(".*"))


def test_an_output_folder_that_is_a_file_is_one_line(ws, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(UserError, match="cannot write"):
        export_query(ws, "SELECT * FROM t", blocker / "x.csv")
    with pytest.raises(UserError, match="cannot write"):
        write_text_atomic(blocker / "s.sql", "SELECT 1;\n")


def test_chat_export_on_a_full_disk_says_why(ws, tmp_path, monkeypatch):
    """In chat the same one line, not 'internal error'."""
    from rich.console import Console

    from dsagent.chat.commands import run_command

    monkeypatch.setattr(export_module, "write_batches",
                        lambda reader, tmp, kind: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))

    class App:  # the little of ChatApp that /export uses
        def __init__(self):
            import io

            self.buffer = io.StringIO()
            self.console = Console(file=self.buffer, width=200)
            self.ws = ws
            self.state = type("S", (), {"last_table_result": None, "last_chart": None})()

    app = App()
    from dsagent.tools.base import ToolContext as Ctx

    app.state.last_table_result = get_tool("run_sql").run(ws, {"sql": "SELECT * FROM t"}, Ctx(output_dir=tmp_path))
    run_command(app, f"/export {tmp_path / 'x.csv'}")
    said = app.buffer.getvalue()
    assert "No space left on device" in said and "internal error" not in said


def test_export_after_an_answer_longer_than_the_row_cap(make_csv, open_ws, tmp_path):
    """DuckDB 2 keeps an unread result open: /export after a capped answer failed with 'Resource In Use'
    (shown in chat as an internal error)."""
    ws = open_ws(make_csv("t.csv", "x\n1\n"), max_rows=10)
    shown = ws.query("SELECT range AS n FROM range(5000)")
    assert shown.truncated and shown.row_count == 5000
    written = export_query(ws, "SELECT range AS n FROM range(5000)", tmp_path / "all.csv")
    assert written.read_text(encoding="utf-8").count("\n") == 5001
