"""Prompts: package-data text files rendered with strict variables, and the planner's context.

Templates use `str.format` fields (`{schema}`); a field the caller does not pass is a bug and raises,
so a renamed variable can never send a prompt with a hole in it.
"""

from __future__ import annotations

import contextvars
import json
import re
import string
from functools import lru_cache
from importlib import resources
from typing import Any

from dsagent.words.names import personal_data


@lru_cache(maxsize=None)
def load_prompt(name: str) -> str:
    """The text of prompts/<name> (package data)."""
    return resources.files("dsagent.prompts").joinpath(name).read_text(encoding="utf-8")


def load_json(name: str) -> Any:
    return json.loads(load_prompt(name))


class _Strict(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"prompt variable '{key}' was not given")


def render(name: str, **values: Any) -> str:
    """Render prompts/<name>; every `{field}` must be given, and every given value must be used."""
    text = load_prompt(name)
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    unused = set(values) - fields
    if unused:
        raise KeyError(f"prompt {name} has no field(s) {sorted(unused)}")
    return string.Formatter().vformat(text, (), _Strict(values)).strip() + "\n"


# ---------------------------------------------------------------- privacy of what is sent
# The reviewer's findings about prompts of the current request (E1 masked, E3, E4 secrets), collected
# so the answer can show what was held back. Session.ask sets a fresh list per request.
screen_findings: contextvars.ContextVar[list | None] = contextvars.ContextVar("screen_findings", default=None)


def outgoing(text: str, privacy: str) -> str:
    """What of `text` (derived from data) may leave the machine under `privacy`.

    Secrets are always masked; personal data unless privacy is `full`.
    """
    from dsagent.ethics.privacy import screen_prompt

    screened, findings = screen_prompt(text, privacy)
    sink = screen_findings.get()
    if sink is not None:
        sink.extend(findings)
    return screened


# ---------------------------------------------------------------- the schema card the planner sees
def schema_text(ws, question: str, privacy: str, budget_tokens: int = 800, compact: bool = False) -> str:
    """The schema card the planner sees: the schema tool's renderer, or a bare DDL card.

    `compact` (small local models, where every prompt token costs about 15 ms on two cores) selects
    the DDL card with a few spellings of low-cardinality text values and no quotes (the llama.cpp
    function-calling template HTML-escapes quotes, doubling their cost).
    """
    import os

    choice = os.environ.get("DSAGENT_SCHEMA_CARD")  # ddl | card: override (for comparisons in benchmarks)
    if choice != "ddl" and not (compact and choice != "card"):
        from dsagent.tools.schema.prompt import render_prompt

        text = render_prompt(ws, question=question, budget_tokens=budget_tokens, privacy=privacy)
        if text:
            return outgoing(text, privacy)
    return _compact_card(ws, privacy, question)


def _compact_card(ws, privacy: str, question: str = "") -> str:
    """CREATE TABLE lines and a few spellings of low-cardinality text values per table; for a wide
    database only the tables the question plausibly needs (agent/llm/schema_focus.py), and the
    question's own values with their columns."""
    from dsagent.llm.schema_focus import focus

    blocks = {}
    for name in ws.tables:
        cols = ws.columns(name)
        lines = [f"CREATE TABLE {_ident(name)} (" + ", ".join(f"{_ident(c)} {t}" for c, t in cols) + ");"]
        if privacy != "schema":
            examples = _examples(ws, name, cols, privacy)
            if examples:
                lines.append("-- " + "; ".join(examples))
        blocks[name] = "\n".join(lines)
    chosen = focus(ws, question, sum(len(b) + 1 for b in blocks.values()), privacy)
    lines = [blocks[name] for name in chosen.keep]
    lines += _join_lines(ws, chosen.keep)
    if chosen.others:
        lines.append("-- other tables (not needed for this question, it seems): " + ", ".join(chosen.others))
    if chosen.hints:
        lines.append("-- values the question names: " + "; ".join(chosen.hints))
    return outgoing("\n".join(lines), privacy)


def _join_lines(ws, kept: list[str]) -> list[str]:
    """The joins the kept tables' key names declare (agent/sql/joins.py `references`), as a DDL card
    has no foreign keys: a small model otherwise matches ids of different tables (copy_id = book_id)."""
    from dsagent.sql.joins import references

    if len(kept) < 2:
        return []
    columns = {t: [c for c, _ in ws.columns(t)] for t in kept}
    pairs = [f"{j.other}.{j.other_column} = {j.table}.{j.column}" for j in references(columns)]
    return ["-- joins: " + ", ".join(pairs)] if pairs else []


def _ident(name: str) -> str:
    from dsagent.data.naming import quote_ident

    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else quote_ident(name)


def _examples(ws, table: str, cols: list[tuple[str, str]], privacy: str = "masked", limit: int = 4) -> list[str]:
    """Spellings of a few low-cardinality text columns (so filters use the data's own values)."""
    from dsagent.data.naming import quote_ident
    from dsagent.ethics.privacy import clip

    out, probes = [], 0
    for col, typ in cols:
        if len(out) >= 3 or probes >= 8 or not typ.upper().startswith("VARCHAR"):
            continue
        if privacy != "full" and personal_data(col):
            continue  # personal columns never lend examples to a prompt unless privacy is full
        probes += 1  # each probe scans the column once: bounded per table
        q = quote_ident(col)
        try:
            n = ws.scalar(f"SELECT approx_count_distinct({q}) FROM {quote_ident(table)}")
            if not n or n > 10:
                continue
            rows = ws.query(f"SELECT {q} FROM {quote_ident(table)} WHERE {q} IS NOT NULL "
                            f"GROUP BY 1 ORDER BY count(*) DESC LIMIT {limit}", count_total=False).rows
        except Exception:  # noqa: BLE001 - examples are optional context; a failing probe is skipped
            continue
        values = [clip(str(r[0]), 30, "") for r in rows]  # never inside a value the masking must see whole
        if all(re.fullmatch(r"[\d.\s-]*", v) for v in values):
            continue  # identifiers and numbers stored as text: their values teach nothing
        out.append(f"{col}: {' | '.join(values)}")
    return out


def tool_signatures(tools: dict, max_args: int = 4) -> str:
    """One line per tool: name(arg, arg?, ...): short description; compact enough for a small model."""
    lines = []
    for name, t in tools.items():
        schema = t.json_schema()
        required = [a for a in schema.get("properties", {}) if a in set(schema.get("required", []))]
        optional = [a + "?" for a in schema.get("properties", {}) if a not in required]
        args = required + optional
        shown = ", ".join(args[:max_args]) + (", ..." if len(args) > max_args else "")
        description = re.split(r"(?<=[.;])\s|\s\(", t.description, maxsplit=1)[0].rstrip(".;:")
        lines.append(f"- {name}({shown}): {description}")
    return "\n".join(lines)
