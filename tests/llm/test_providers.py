"""Provider registry, resolution from flags/env/config, calling style, and person-fixable errors."""

from __future__ import annotations

import socket
import time

import pytest

from dsagent.llm import providers
from dsagent.cli import build_parser, cli
from dsagent.config import Settings, load_settings
from dsagent.errors import ProviderError, UserError
from conftest import FIXTURES

FIX = FIXTURES / "agent"


def settings_for(*flags: str) -> Settings:
    args = build_parser().parse_args(["ask", str(FIX / "people.csv"), "q", *flags])
    return load_settings(args)


def test_registry_holds_every_provider():
    assert {"openai", "llamacpp", "offline", "hybrid", "fake"} <= set(providers.PROVIDERS)


def test_default_is_offline_without_key_and_openai_with_one(monkeypatch):
    assert providers.default_provider(settings_for()) == "offline"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert providers.default_provider(settings_for()) == "openai"
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("DSAGENT_BASE_URL", "http://127.0.0.1:9/v1")
    assert providers.default_provider(settings_for()) == "openai"


def test_flags_beat_environment_beat_config_file(monkeypatch, _isolated_home):
    (_isolated_home / "config.toml").write_text('provider = "hybrid"\nmodel = "from-file"\n', encoding="utf-8")
    s = settings_for()
    assert (s.provider, s.model) == ("hybrid", "from-file")
    monkeypatch.setenv("DSAGENT_MODEL", "from-env")
    assert settings_for().model == "from-env"
    assert settings_for("--model", "from-flag", "--provider", "openai").model == "from-flag"
    assert settings_for("--provider", "openai").provider == "openai"


def test_openai_backend_from_settings_style_auto():
    local = providers.resolve_backend(Settings(provider="openai", base_url="http://127.0.0.1:8765/v1"), None)
    assert local.style == "forced" and local.remote and local.model.openai_api_key.get_secret_value()
    assert local.model.temperature == 0
    hosted = providers.resolve_backend(Settings(provider="openai", api_key="sk-x"), None)
    assert hosted.style == "tools" and hosted.model_name == providers.OPENAI_DEFAULT_MODEL
    forced = providers.resolve_backend(Settings(provider="openai", api_key="sk-x", style="forced"), None)
    assert forced.style == "forced"


def test_a_local_server_gets_the_reply_cap_as_max_tokens():
    """langchain-openai sends max_completion_tokens, which llama-cpp-python's server ignores."""
    from langchain_core.messages import HumanMessage

    local = providers.resolve_backend(Settings(provider="openai", base_url="http://127.0.0.1:8765/v1"), None)
    payload = local.model._get_request_payload([HumanMessage("hi")])
    assert payload["max_completion_tokens"] == 700 and payload["extra_body"] == {"max_tokens": 700}
    hosted = providers.resolve_backend(Settings(provider="openai", api_key="sk-x"), None)
    assert "extra_body" not in hosted.model._get_request_payload([HumanMessage("hi")])


def test_local_url_detection():
    assert providers.is_local_url("http://localhost:8080/v1")
    assert providers.is_local_url("http://192.168.1.5:11434/v1")
    assert not providers.is_local_url("https://api.openai.com/v1")
    assert not providers.is_local_url(None)


def test_unknown_provider_suggests_a_name():
    with pytest.raises(UserError, match="Did you mean openai"):
        providers.resolve_backend(Settings(provider="opneai"), None)


def test_openai_without_key_or_base_url_is_a_provider_error():
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        providers.resolve_backend(Settings(provider="openai"), None)


def test_llamacpp_needs_the_extra_or_a_model_path(tmp_path):
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        with pytest.raises(UserError, match="llama-cpp-python"):
            providers.resolve_backend(Settings(provider="llamacpp", model_path=str(tmp_path / "m.gguf")), None)
    else:
        with pytest.raises(UserError, match="--model-path"):
            providers.resolve_backend(Settings(provider="llamacpp"), None)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


def test_unreachable_endpoint_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("DSAGENT_LLM_RETRIES", "0")
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    started = time.perf_counter()
    code = cli(["ask", str(FIX / "people.csv"), "total sales per region", "--provider", "openai",
                "--base-url", url, "--timeout", "5"])
    out, err = capsys.readouterr()
    assert code == 2 and time.perf_counter() - started < 15
    assert out == ""
    assert err.count("\n") == 1 and "cannot reach" in err and url in err and "--provider offline" in err


def test_unreachable_endpoint_with_json_still_prints_the_contract(capsys, monkeypatch):
    import json

    monkeypatch.setenv("DSAGENT_LLM_RETRIES", "0")
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    code = cli(["ask", str(FIX / "people.csv"), "total sales", "--provider", "openai", "--base-url", url, "--json"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 2 and data["error"]["type"] == "provider_error" and data["result"] is None
    assert "cannot reach" in err


def test_wrong_key_maps_to_one_clear_line():
    import httpx
    import openai

    backend = providers.Backend("openai", None, "tools", True, model_name="gpt-x", base_url=None)
    request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
    auth = openai.AuthenticationError("bad key", response=httpx.Response(401, request=request), body=None)
    assert "refused" in str(providers.explain_provider_error(auth, backend))
    missing = openai.NotFoundError("no model", response=httpx.Response(404, request=request), body=None)
    assert "model 'gpt-x' not found" in str(providers.explain_provider_error(missing, backend))
    assert providers.explain_provider_error(ValueError("x"), backend) is None


def test_no_key_exit_2_with_what_to_do(capsys):
    code = cli(["ask", str(FIX / "people.csv"), "total sales", "--provider", "openai"])
    _, err = capsys.readouterr()
    assert code == 2 and "OPENAI_API_KEY" in err and err.count("\n") == 1


def test_fake_provider_runs_a_script(tmp_path, monkeypatch, capsys):
    import json

    script = tmp_path / "replies.json"
    script.write_text(json.dumps([{"tool": "run_sql", "args": {"sql": "SELECT count(*) AS n FROM people"}}]))
    monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(script))
    code = cli(["ask", str(FIX / "people.csv"), "how many people", "--provider", "fake", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["provider"] == "fake" and data["result"]["rows"] == [[24]]


def test_hybrid_uses_offline_when_confident_and_the_model_otherwise():
    from langchain_core.messages import HumanMessage

    from dsagent.llm.fake import FakeChatModel, call, respond
    from dsagent.llm.hybrid import HybridPlanner

    offline = FakeChatModel(replies=[call("run_sql", sql="SELECT 1"), respond("I did not understand")])
    remote = FakeChatModel(replies=[call("run_sql", sql="SELECT 2")])
    hybrid = HybridPlanner(offline=offline, remote=remote).bind_tools([{"type": "function", "function": {
        "name": "run_sql", "parameters": {}}}], tool_choice="auto")
    first = hybrid.invoke([HumanMessage("count rows")])
    assert first.tool_calls[0]["args"] == {"sql": "SELECT 1"} and not remote.requests
    second = hybrid.invoke([HumanMessage("something odd")])
    assert second.tool_calls[0]["args"] == {"sql": "SELECT 2"} and len(remote.requests) == 1
    assert remote.requests[0][1]["tool_choice"] == "auto"  # the tools were bound on the remote model


def test_hybrid_hands_an_unconfident_guess_to_the_model():
    from langchain_core.messages import HumanMessage

    from dsagent.llm.fake import FakeChatModel, call
    from dsagent.llm.hybrid import HybridPlanner

    guess = call("run_sql", sql="SELECT 1")
    guess.response_metadata = {"confident": False}
    offline = FakeChatModel(replies=[guess])
    remote = FakeChatModel(replies=[call("run_sql", sql="SELECT 2")])
    reply = HybridPlanner(offline=offline, remote=remote).invoke([HumanMessage("hmm")])
    assert reply.tool_calls[0]["args"] == {"sql": "SELECT 2"}


def test_hybrid_with_the_real_offline_planner(open_ws):
    from langchain_core.messages import HumanMessage

    from dsagent.llm.fake import FakeChatModel, call
    from dsagent.offline.chat_model import OfflinePlanner
    from dsagent.llm.hybrid import HybridPlanner

    ws = open_ws(FIX / "people.csv")
    remote = FakeChatModel(replies=[call("run_sql", sql="SELECT 2")])
    hybrid = HybridPlanner(offline=OfflinePlanner.for_workspace(ws), remote=remote)
    clear = hybrid.invoke([HumanMessage("how many rows are there?")])
    assert clear.tool_calls[0]["name"] == "run_sql" and not remote.requests
    odd = hybrid.invoke([HumanMessage("zorblax the quux of the frobnicator")])
    assert odd.tool_calls[0]["args"] == {"sql": "SELECT 2"} and len(remote.requests) == 1


def test_llamacpp_chat_converts_tools_and_replies(monkeypatch, tmp_path):
    """The in-process provider's glue, with a stand-in for llama_cpp (the real one is an optional extra)."""
    import sys
    import types

    seen = {}

    class Llama:
        def __init__(self, **kwargs):
            seen["init"] = kwargs

        def create_chat_completion(self, messages, **params):
            seen["messages"], seen["params"] = messages, params
            return {"choices": [{"message": {"role": "assistant", "content": None, "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "act", "arguments":
                 '{"tool": "run_sql", "arguments": {"sql": "SELECT count(*) AS n FROM people"}}'}}]}}],
                    "usage": {"prompt_tokens": 40, "completion_tokens": 9, "total_tokens": 49}}

    monkeypatch.setitem(sys.modules, "llama_cpp", types.SimpleNamespace(Llama=Llama))
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    backend = providers.resolve_backend(Settings(provider="llamacpp", model_path=str(gguf)), None)
    assert backend.style == "forced" and not backend.remote

    from dsagent.session import Session
    from dsagent.data.workspace import Workspace

    with Workspace.open([str(FIX / "people.csv")]) as ws:
        s = Session(ws, Settings(provider="llamacpp", model_path=str(gguf)))
        a = s.ask("how many people? a model is not needed")  # 'model' offers a second tool: the forced action
    assert a.exit_code == 0 and a.result.rows == [[24]] and a.provider == "llamacpp"
    assert seen["init"]["model_path"] == str(gguf) and seen["init"]["chat_format"] == "chatml-function-calling"
    assert seen["params"]["tool_choice"] == {"type": "function", "function": {"name": "act"}}
    assert seen["messages"][0]["role"] == "system" and seen["messages"][-1]["content"] == "how many people? a model is not needed"
    assert a.usage["prompt_tokens"] == 40 and a.usage["completion_tokens"] == 9
