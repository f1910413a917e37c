"""What the offline planner says when it does not act: not understood, a failed step, a finished step.

Every "not understood" answer says what was understood, what was not, and two or three rephrasings
built from the table's real columns, each checked to parse before it is offered.
"""

from __future__ import annotations

from typing import Callable

from dsagent.offline.columns import Column
from dsagent.offline.linker import SchemaIndex
from dsagent.words.data import read_json

CONFIGURE = {
    "en": "For free-form questions, configure a model: --provider openai --base-url URL --model NAME "
          "(or OPENAI_API_KEY).",
    "es": "Para preguntas libres, configura un modelo: --provider openai --base-url URL --model NOMBRE "
          "(o OPENAI_API_KEY).",
}


def _pick(index: SchemaIndex, table: str, mentioned: list[str]) -> dict[str, Column | None]:
    cols = index.all_columns(table)

    def first(pred) -> Column | None:
        ranked = sorted(cols, key=lambda c: not any(c.name in m for m in mentioned))  # columns the request named
        return next((c for c in ranked if pred(c)), None)

    return {
        "num": first(lambda c: c.numeric and not c.binary and not c.categorical and not c.label and not c.year_like
                     and not c.row_number),
        "cat": first(lambda c: c.kind == "text" and 1 < c.distinct <= 20) or first(lambda c: c.categorical and not c.binary),
        "bin": first(lambda c: c.binary),
        "time": index.time_columns(table)[0] if len(index.time_columns(table)) == 1 else None,
    }


def suggestions(index: SchemaIndex, table: str, language: str, mentioned: list[str],
                check: Callable[[str], bool]) -> list[str]:
    """Two or three requests over this table's columns that the planner answers."""
    c = _pick(index, table, mentioned)
    num, cat, binary, time = (c[k].name if c[k] else None for k in ("num", "cat", "bin", "time"))
    if language == "es":
        cands = [
            f"promedio de {num} por {cat}" if num and cat else None,
            f"tasa de {binary} por {cat}" if binary and cat else None,
            f"cuántas filas por {cat}" if cat else None,
            f"histograma de {num}" if num else None,
            f"{num} a lo largo del tiempo" if num and time else None,
            "describe los datos",
        ]
    else:
        cands = [
            f"average {num} by {cat}" if num and cat else None,
            f"rate of {binary} by {cat}" if binary and cat else None,
            f"how many rows per {cat}" if cat else None,
            f"histogram of {num}" if num else None,
            f"{num} over time" if num and time else None,
            "describe the data",
        ]
    out = []
    for s in cands:
        if s and check(s):
            out.append(s)
        if len(out) == 3:
            break
    return out


# The grammar states its problems in English; prompts/respond_es.json says them to a Spanish reader.
_ES = [tuple(pair) for pair in read_json("respond_es.json")["problems"]]
_ES_UNDERSTOOD = [tuple(pair) for pair in read_json("respond_es.json")["understood"]]


def _es_understood(text: str) -> str:
    for en, es in _ES_UNDERSTOOD:
        if text.startswith(en):
            return es + text[len(en):]
    return text.replace(" as the rows of ", " como las filas de ")  # the row entity: "'personas' as the rows of t"


def _es(text: str) -> str:
    for en, es in _ES:
        text = text.replace(en, es)
    return text


def did_you_mean(language: str, suggestion: str) -> str:
    """The one line that offers the closest reading; a surface that asks it its own way leaves this line out."""
    return f'¿Quieres decir "{suggestion}"?' if language == "es" else f'Did you mean "{suggestion}"?'


def not_understood(language: str, understood: list[str], unknown: list[str], problems: list[str],
                   tries: list[str], suggestion: str | None = None) -> str:
    es = language == "es"
    if es:
        problems = [_es(p) for p in problems]
        understood = [_es_understood(u) for u in understood]
    parts = ["No he entendido del todo la petición, así que no adivino." if es else
             "I did not fully understand the request, so I will not guess."]
    if understood:
        parts.append(("Entendí: " if es else "Understood: ") + "; ".join(dict.fromkeys(understood)) + ".")
    missing = [f"'{w}'" for w in unknown] + problems
    if missing:
        said = "; ".join(missing)
        # a problem that is a question ("... or within each region?") ends the line itself
        parts.append(("No entendí: " if es else "Not understood: ") + said + ("" if said.endswith("?") else "."))
    if suggestion:
        parts.append(did_you_mean(language, suggestion))
        tries = [t for t in tries if t != suggestion]
    if tries:
        parts.append(("Prueba, por ejemplo:" if es else "Try, for example:") + "".join(f'\n  "{t}"' for t in tries))
    parts.append(CONFIGURE["es" if es else "en"])
    return "\n".join(parts)


def step_failed(language: str, error: str) -> str:
    if language == "es":
        return (f"El paso anterior falló: {error.strip()[:400]} El planificador sin modelo no reescribe peticiones "
                f"fallidas; reformula la pregunta. " + CONFIGURE["es"])
    return (f"The previous step failed: {error.strip()[:400]} The offline planner does not rewrite failed "
            f"requests; please rephrase. " + CONFIGURE["en"])


def planner_failed(language: str, exc: Exception) -> str:
    """A request the grammar broke on (a bug, not the person's fault): said, nothing run."""
    what = f"{type(exc).__name__}: {exc}"[:200]
    if language == "es":
        return (f"El planificador sin modelo no pudo leer esta petición (un fallo suyo, {what}); no se ejecutó "
                f"nada. Reformúlala, o escribe la consulta con `dsagent sql`. " + CONFIGURE["es"])
    return (f"The offline planner could not read this request (a fault of its own, {what}); nothing was run. "
            f"Please rephrase it, or write the query with `dsagent sql`. " + CONFIGURE["en"])


def step_done(language: str) -> str:
    return "Aquí está el resultado." if language == "es" else "Here is the result."
