"""The `llamacpp` provider: an in-process GGUF model through llama-cpp-python (the `local` extra)."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr

from dsagent.errors import UserError


def require_llama_cpp() -> None:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        raise UserError("the llamacpp provider needs llama-cpp-python: pip install 'dsagent[local]' "
                        "(or use --provider openai with a local server)") from None


class LlamaCppChat(BaseChatModel):
    """A chat model over `llama_cpp.Llama`, with OpenAI-style tools and tool_choice."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int | None = None
    chat_format: str = "chatml-function-calling"  # the format llama-cpp-python uses for tool calls
    max_tokens: int = 512
    _llm: Any = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def bind_tools(self, tools: list, tool_choice: Any = None, **kwargs: Any):
        return self.bind(tools=tools, tool_choice=tool_choice, **kwargs)

    def _load(self):
        if self._llm is None:
            require_llama_cpp()
            import llama_cpp

            try:
                self._llm = llama_cpp.Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads,
                                            chat_format=self.chat_format, verbose=False)
            except ValueError as exc:  # llama_cpp raises ValueError for unreadable model files
                raise UserError(f"{self.model_path}: cannot load the GGUF model ({exc})") from None
        return self._llm

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        from langchain_openai.chat_models.base import _convert_dict_to_message, _convert_message_to_dict

        llm = self._load()
        # Greedy unless the loop samples (a retry after a repeated failure, candidates after a failure)
        params: dict[str, Any] = {"temperature": float(kwargs.get("temperature") or 0.0), "max_tokens": self.max_tokens,
                                  "stop": stop}
        if kwargs.get("tools"):
            params["tools"] = kwargs["tools"]
            choice = kwargs.get("tool_choice")
            if isinstance(choice, str) and choice not in ("auto", "none", "required"):
                choice = {"type": "function", "function": {"name": choice}}
            params["tool_choice"] = choice or "auto"
        out = llm.create_chat_completion(messages=[_convert_message_to_dict(m) for m in messages], **params)
        message = _convert_dict_to_message(out["choices"][0]["message"])
        usage = out.get("usage") or {}
        message.usage_metadata = {"input_tokens": usage.get("prompt_tokens", 0),
                                  "output_tokens": usage.get("completion_tokens", 0),
                                  "total_tokens": usage.get("total_tokens", 0)}
        return ChatResult(generations=[ChatGeneration(message=message)])
