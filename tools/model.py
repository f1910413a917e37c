"""The model tool: a baseline model for a target column, with honest validation and a model card."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


class ModelArgs(BaseModel):
    """Arguments of `train_model`."""

    target: str = Field(description="The column to predict.")
    features: list[str] | None = Field(None, description="Columns to use; all suitable columns when omitted.")
    table: str | None = Field(None, description="Table to train on; the default table when omitted.")
    task: Literal["auto", "classification", "regression"] = "auto"
    save_predictions: bool = Field(False, description="Also save out-of-fold predictions as a new table.")


class ModelResult(Result):
    """A trained baseline: what was used and excluded, how it was validated, how well it did."""

    kind: ClassVar[str] = "model"
    task: str
    target: str
    features: list[str]
    excluded: list[dict[str, str]]  # [{"column", "reason"}]
    split: str
    metrics: dict[str, dict[str, float]]  # model name -> metric -> value
    best: str
    card_path: str
    model_path: str
    extra: dict[str, Any] = {}  # importance, per-group metrics, chart path, script path, sample note

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("task", "target", "features", "excluded", "split", "metrics",
                                              "best", "card_path", "model_path")}
        return {"kind": self.kind, **data, **self.extra}


@tool(ModelArgs)
def train_model(ws, args: ModelArgs, ctx: ToolContext) -> ModelResult:
    """Train and validate baseline models that predict a target column, and save the best with a model card."""
    raise NotImplementedError("train_model: being written in issue [6 of 9]")
