"""The cleaning tool: find the dirt, propose a plan of typed steps, apply it as a new table version."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from dsagent.tools.base import Result, ToolContext, capped, tool
from dsagent.tools.clean.detect import CleanStep, OptionName, StepKind, propose_all


class CleanArgs(BaseModel):
    """Arguments of `clean_data`."""

    table: str | None = Field(None, description="Table to clean; the default table when omitted.")
    only: list[StepKind] | None = Field(None, description="Restrict the plan to these kinds of step (e.g. drop_duplicates).")
    columns: list[str] | None = Field(None, description="Restrict the plan to these columns.")
    apply: bool = Field(False, description="The person asked to apply the plan now (it is applied only when they "
                        "allowed changes: ask --apply, or a confirmation in chat).")
    mappings: dict[str, dict[str, str]] | None = Field(
        None, description="Value replacements the person asked for that rules cannot guess, by column: "
        "{\"country\": {\"United States\": \"USA\"}}. Applied after the automatic spelling fixes.")
    include: list[OptionName] | None = Field(
        None, description="Steps that change what the data says, which the plan only offers unless asked: "
        "merge_near_duplicates (rows equal apart from their identifiers), fill_missing (median or 'Unknown'; "
        "never the target), clip_outliers (far values set to the fences). Only when the person asked for them.")
    target: str | None = Field(None, description="The column a model will predict, when the person said so: "
                               "its missing values are never filled.")
    export: Literal["csv", "parquet"] | None = Field(
        None, description="When applied, also write the cleaned table to the output folder in this format.")


class CleanResult(Result):
    """A cleaning plan, and when applied the new table version and what changed."""

    kind: ClassVar[str] = "clean"
    plan: list[CleanStep]
    applied: bool
    table: str  # the table the plan is for; once applied, the base name the new version now holds
    source_table: str  # the table cleaned (once applied, the name it goes by now: weather_v1)
    version: str | None = None  # once applied, the new version's own name (weather_v2), used for its files
    diff: dict[str, Any] = {}
    query: str | None = None  # the SQL that builds the new version
    notes: list[str] = []  # problems seen but left alone (e.g. missing values in free text)
    options: list[CleanStep] = []  # steps offered beside the plan, in it only when asked for (`include`)
    scripts: dict[str, str] = {}  # {"sql": path, "python": path} reproducing the result from the source file
    export_path: str | None = None  # the cleaned table written to a file, when asked

    def summary(self) -> str:
        lines = [f"{'applied' if self.applied else 'proposed'} cleaning of {self.source_table}: {len(self.plan)} steps"]
        lines += [f"- {s.step}{f' {s.column}' if s.column else ''}: {s.reason} ({s.affected})" for s in self.plan]
        if self.applied:
            d = self.diff
            lines.append(f"the cleaned data is now table {self.table} ({self.version}): {d.get('rows_before')} -> "
                         f"{d.get('rows_after')} rows; values changed in {len(d.get('columns', {}))} columns; "
                         f"the data before cleaning is table {self.source_table}")
        elif self.plan:
            lines.append("not applied yet: confirm (chat) or re-run with --apply")
        if self.options:
            lines.append("offered, not in the plan (include when asked): " +
                         "; ".join(f"{s.option} {s.column or '(rows)'}: {s.reason}" for s in self.options))
        return capped("\n".join(lines))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "plan": [s.model_dump(exclude={"params"}) for s in self.plan],
                "applied": self.applied, "table": self.table, "version": self.version, "diff": self.diff,
                "source_table": self.source_table,
                "notes": self.notes, "scripts": self.scripts, "export_path": self.export_path,
                "options": [s.model_dump(exclude={"params"}) for s in self.options]}

    @property
    def sql(self) -> str | None:
        return self.query


@tool(CleanArgs)
def clean_data(ws, args: CleanArgs, ctx: ToolContext) -> CleanResult:
    """Find data-quality problems (duplicates, missing values, bad types, inconsistent spellings) and propose or apply a cleaning plan.

    The plan is only proposed unless `apply` is set here and the run allows changes (`ctx.apply`:
    `ask --apply`, or the person confirmed in chat). Applying creates a new table version
    that takes the table's name (the table it replaces goes by `<table>_v1`, then `_v2` ...); the
    source file is never modified.
    """

    table = args.table or ws.default_table()
    ws.require_table(table)
    if args.columns:
        known = {c for c, _ in ws.columns(table)}
        unknown = [c for c in args.columns if c not in known]
        if unknown:
            from difflib import get_close_matches

            from dsagent.errors import ModelError

            hints = "; ".join(f"{c}: did you mean {', '.join(get_close_matches(c, known, n=2)) or '?'}" for c in unknown)
            raise ModelError(f"unknown column(s) in '{table}': {hints}")
    ctx.report(f"looking for data-quality problems in {table}", None)
    target = args.target or _model_target(ctx, {c for c, _ in ws.columns(table)})
    steps, options, notes = propose_all(ws, table, only=args.only, columns=args.columns, mappings=args.mappings,
                                        include=args.include, target=target)
    result = CleanResult(plan=steps, applied=False, table=table, source_table=table, notes=notes, options=options)
    if steps and ctx.apply:  # the person allowed changes (ask --apply, or confirmed in chat)
        result = apply_plan(ws, result, ctx, export=args.export)
    return result


def _model_target(ctx: ToolContext, columns: set[str]) -> str | None:
    """The target of the model trained just before, when the table has it: it is never filled."""
    last = getattr(ctx, "last_result", None)
    target = getattr(last, "target", None) if getattr(last, "kind", None) == "model" else None
    return target if target in columns else None


def apply_plan(ws, result: CleanResult, ctx: ToolContext | None = None, export: str | None = None) -> CleanResult:
    """Apply a proposed plan: new table version, diff, and (with a ctx) the reproduction scripts in its output folder."""
    from dsagent.tools.clean.apply import apply_plan as build_version
    from dsagent.tools.clean.scripts import write_scripts

    result = build_version(ws, result)
    if ctx is None:
        return result
    written: list = []
    try:
        scripts = write_scripts(ws, result, ctx.output_dir)
        written += scripts.values()
        update: dict[str, Any] = {"scripts": {k: str(v) for k, v in scripts.items()}}
        if export:
            from dsagent.data.export import export_table, unique_path

            target = unique_path(ctx.output_dir / f"{result.version}.{export}")
            update["export_path"] = str(export_table(ws, result.table, target))
    except BaseException:  # all or nothing: the version and its scripts go together
        for path in written:
            path.unlink(missing_ok=True)
        undo_clean(ws, result.table)
        raise
    return result.model_copy(update=update)


def undo_clean(ws, table: str) -> str:
    """Drop the latest cleaned version of `table`; returns the name of the table now current."""
    from dsagent.tools.clean.apply import undo_clean as drop_latest

    return drop_latest(ws, table)


