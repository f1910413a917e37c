"""The guide tool: which generative model family fits a person's data and goal."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .base import TextResult, ToolContext, tool


class GuideArgs(BaseModel):
    """Arguments of `generative_guide`."""

    question: str = Field(description="The person's question about generative models, in their words.")
    data_type: str | None = Field(None, description="tabular, image, text, audio, time series, graph ...")
    goal: str | None = Field(None, description="augment scarce data, balance classes, privacy, generate media ...")
    language: str = Field("en", description="en or es")


@tool(GuideArgs)
def generative_guide(ws, args: GuideArgs, ctx: ToolContext) -> TextResult:
    """Recommend a generative model family (GAN, VAE, autoregressive, diffusion, flow, copula) for the person's data and goal."""
    raise NotImplementedError("generative_guide: being written in issue [9 of 9]")
