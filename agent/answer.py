"""The answer to one request: the result, narrative, review, steps and usage (the `ask --json` contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Error kinds a person must fix (exit 2); anything else that stops an answer is exit 1.
PERSON_ERRORS = {"user_error", "data_error", "provider_error", "sql_rejected", "sql_error"}


@dataclass
class Answer:
    question: str
    provider: str
    result: Any = None  # a tools.base.Result, or None when there is no answer
    narrative: str = ""
    review: list[Any] = field(default_factory=list)  # Finding objects
    steps: list[dict[str, Any]] = field(default_factory=list)
    usage: dict[str, Any] = field(default_factory=lambda: {"llm_calls": 0, "prompt_tokens": 0,
                                                           "completion_tokens": 0, "seconds": 0.0})
    error: dict[str, str] | None = None  # {"type": ..., "message": ...}
    withheld: bool = False  # a block finding replaced the artifact by its explanation
    final_sql: str | None = None  # kept when the artifact is withheld

    @property
    def sql(self) -> str | None:
        """The final SQL that produced the result, if any."""
        if self.final_sql:
            return self.final_sql
        return getattr(self.result, "sql", None) if self.result is not None else None

    @property
    def answered(self) -> bool:
        return self.error is None and self.result is not None

    @property
    def exit_code(self) -> int:
        if self.error is None:
            return 0 if self.result is not None else 1
        return 2 if self.error.get("type") in PERSON_ERRORS else 1

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys of ARCHITECTURE.md's contract, in its order."""
        return {
            "question": self.question,
            "provider": self.provider,
            "sql": self.sql,
            "result": self.result.to_json() if self.result is not None else None,
            "answer": self.narrative,
            "review": [f.model_dump(mode="json", exclude_none=True) if hasattr(f, "model_dump") else dict(f)
                       for f in self.review],
            "steps": self.steps,
            "usage": self.usage,
            "error": self.error,
        }

    @classmethod
    def failed(cls, question: str, provider: str, exc: Exception, seconds: float = 0.0) -> "Answer":
        kind = getattr(exc, "kind", type(exc).__name__)
        message = str(exc)
        answer = cls(question=question, provider=provider, error={"type": kind, "message": message})
        answer.usage["seconds"] = round(seconds, 3)
        return answer
