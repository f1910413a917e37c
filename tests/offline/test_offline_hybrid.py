"""Hybrid mode: the offline planner first, the configured model for the rest."""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from dsagent.llm.fake import FakeChatModel, call


def test_hybrid_without_tables_asks_the_model(monkeypatch, tmp_path):
    # An empty database (questions about literals or settings): the offline planner has nothing to read,
    # so hybrid must behave as the model alone instead of failing to start.
    from dsagent.config import Settings
    from dsagent.llm.providers import PROVIDERS
    from dsagent.data.workspace import Workspace

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    ws = Workspace()
    try:
        backend = PROVIDERS["hybrid"](Settings(provider="hybrid", api_key="sk-test"), ws)
        assert backend.model.offline is None
        backend.model.remote = FakeChatModel(replies=[call("respond", text="the model")])
        reply = backend.model.invoke([HumanMessage("select 42")])
        assert reply.response_metadata["planner"] == "remote"
    finally:
        ws.close()
