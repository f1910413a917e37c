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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b")
_DIGITS = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]{7,}\d(?![\w.])")
_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _digit_run(match: re.Match) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if _DATE.match(text.strip()):
        return text
    if 13 <= len(digits) <= 19 and _luhn(digits):
        return "<CARD>"
    # A phone has a leading + or separators; a bare run of digits is usually an identifier.
    if 8 <= len(digits) <= 15 and (text.startswith("+") or re.search(r"[ ().-]", text)):
        return "<PHONE>"
    return text


def _temporary_mask(text: str) -> str:
    """TEMPORARY minimal masker, used only until dsagent.ethics_privacy.mask_text exists."""
    text = _EMAIL.sub("<EMAIL>", text)
    text = _IBAN.sub("<IBAN>", text)
    return _DIGITS.sub(_digit_run, text)


def mask(text: str) -> str:
    """Personal data in `text` replaced by placeholders (the reviewer's masker when present)."""
    try:
        from dsagent.ethics_privacy import mask_text
    except ImportError:
        return _temporary_mask(text)
    return mask_text(text)


# The reviewer's findings about prompts of the current request (E1 masked, E3, E4 secrets), collected
# so the answer can show what was held back. Session.ask sets a fresh list per request.
screen_findings: contextvars.ContextVar[list | None] = contextvars.ContextVar("screen_findings", default=None)


def outgoing(text: str, privacy: str) -> str:
    """What of `text` (derived from data) may leave the machine under `privacy`.

    Secrets are always masked; personal data unless privacy is `full`.
    """
    try:
        from dsagent.ethics_privacy import screen_prompt
    except ImportError:
        return text if privacy == "full" else _temporary_mask(text)
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

    try:
        from dsagent.tools import schema as schema_mod
        render_prompt = getattr(schema_mod, "render_prompt")
    except (ImportError, AttributeError):
        render_prompt = None
    choice = os.environ.get("DSAGENT_SCHEMA_CARD")  # ddl | card: override (for comparisons in benchmarks)
    if choice == "ddl" or (compact and choice != "card"):
        render_prompt = None
    if render_prompt is not None:
        try:
            text = render_prompt(ws, question=question, budget_tokens=budget_tokens, privacy=privacy)
        except (NotImplementedError, ModuleNotFoundError):  # the renderer is still being written
            text = None
        if text:
            return outgoing(text, privacy)
    return _fallback_card(ws, privacy)


def _fallback_card(ws, privacy: str) -> str:
    lines = []
    for name in ws.tables:
        cols = ws.columns(name)
        lines.append(f"CREATE TABLE {_ident(name)} (" + ", ".join(f"{_ident(c)} {t}" for c, t in cols) + ");")
        if privacy != "schema":
            examples = _examples(ws, name, cols, privacy)
            if examples:
                lines.append("-- " + "; ".join(examples))
    return outgoing("\n".join(lines), privacy)


def _ident(name: str) -> str:
    from dsagent.naming import quote_ident

    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else quote_ident(name)


_PERSONAL_NAME = re.compile(r"name|nombre|apellido|mail|phone|tel[eé]fono|movil|address|direcci|street|calle|ssn|dni|"
                            r"passport|card|tarjeta|iban|birth|nacimiento|\bip\b", re.I)


def _examples(ws, table: str, cols: list[tuple[str, str]], privacy: str = "masked", limit: int = 4) -> list[str]:
    """Spellings of a few low-cardinality text columns (so filters use the data's own values)."""
    from dsagent.naming import quote_ident

    out, probes = [], 0
    for col, typ in cols:
        if len(out) >= 3 or probes >= 8 or not typ.upper().startswith("VARCHAR"):
            continue
        if privacy != "full" and _PERSONAL_NAME.search(col):
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
        values = [str(r[0])[:30] for r in rows]
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
