"""Shared fixtures. Tests never touch the network or a real model, and never the person's home."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point history, the audit log and the config at a temp folder; no keys, no endpoints."""
    home = tmp_path_factory.mktemp("dsagent-home")
    monkeypatch.setenv("DSAGENT_HOME", str(home / "state"))
    monkeypatch.setenv("DSAGENT_CONFIG", str(home / "config.toml"))
    for name in ("OPENAI_API_KEY", "DSAGENT_API_KEY", "OPENAI_BASE_URL", "DSAGENT_BASE_URL", "DSAGENT_PROVIDER",
                 "DSAGENT_MODEL", "DSAGENT_PRIVACY", "DSAGENT_RAISE"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def make_csv(tmp_path):
    """Write a CSV (text or bytes) into a temp folder and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def open_ws():
    """Open a Workspace over paths and close it after the test."""
    from dsagent.data.workspace import Workspace

    opened = []

    def make(*paths, **options):
        ws = Workspace.open([str(p) for p in paths], **options)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()

