"""DuckDB know-how for a small model: the syntax a question likely needs, the functions an error names.

A small model knows PostgreSQL far better than DuckDB, so it reaches for functions DuckDB lacks or
writes DuckDB's own syntax wrong. Two sources, both local and offline:

- functions: DuckDB's own catalog (`duckdb_functions()`: name, parameters, description, example),
  looked up by name for a repair message, or ranked by BM25 over names and descriptions for a
  function DuckDB lacks;
- syntax: DuckDB's "friendly SQL" constructs (docs: sql/dialect/friendly_sql) and its nested types,
  each as a short example on tables of its own, with the words that suggest it, in
  prompts/sql_syntax.json.

Only a few lines are added to the prompt (prompt tokens cost time on a local model), after the
schema so that a server's cached prompt prefix still covers the schema card.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from dsagent.words.text import fold_accents
from dsagent.llm.prompting import load_json

MAX_FUNCTIONS = 2
MAX_SYNTAX = 2
MIN_SCORE = 5.0  # below this a function only shares a common word with the question
MAX_DESCRIPTION = 90  # characters of a description kept (prompt tokens cost time on a local model)
MAX_EXAMPLE = 50
NAME_WEIGHT = 3.0  # a question word in the function's name counts three times one in its description

TYPE_WORD_WEIGHT = 0.25
_TYPE_WORDS = {"list", "array", "string", "str", "text", "map", "struct", "json", "date", "time", "timestamp",
               "number", "numeric", "integer", "int", "blob", "bit", "union", "enum"}
_STOP = set("""a an the of in on at to for from by with and or not no is are was were be been do does did
what which who whom whose when where why how many much all any each every some me my our your their its it
this that these those there than then as into per show list give find get return select count number
table tables column columns row rows value values data query sql using use used have has had only also
first second last two three between order orders average avg mean total sum maximum max minimum min
el la los las de del en por para con que cual cuales cuantos cuantas como un una y o""".split())


@dataclass(frozen=True)
class FunctionDoc:
    name: str
    params: str
    description: str
    example: str

    def line(self) -> str:
        text = f"{self.name}({self.params}): {self.description}"
        return f"{text} e.g. {self.example}" if self.example else text


def words(text: str) -> list[str]:
    """Lower-case, accent-folded word stems ('lists' and 'list' meet; 'splitting' and 'split' too)."""
    out = []
    for w in re.findall(r"[a-z][a-z0-9]+", fold_accents(text.lower())):
        for suffix in ("ing", "es", "ed", "s"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.append(w)
    return out


@lru_cache(maxsize=1)
def catalog() -> tuple[FunctionDoc, ...]:
    """Every documented function of the installed DuckDB, one entry per name (first overload)."""
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute("""
            SELECT function_name, arg_min(parameters, len(parameters)),
                   any_value(description), any_value(examples[1]), bool_or(alias_of IS NOT NULL)
            FROM duckdb_functions()
            WHERE description IS NOT NULL AND function_type IN ('scalar', 'aggregate', 'window')
              AND regexp_matches(function_name, '^[a-z][a-z0-9_]*$') AND NOT starts_with(function_name, 'st_')
            GROUP BY function_name ORDER BY bool_or(alias_of IS NOT NULL), len(function_name), function_name""").fetchall()
    finally:
        con.close()
    docs, seen = [], set()
    for name, params, description, example, _alias in rows:
        first = re.split(r"(?<=\.)\s", (description or "").strip(), maxsplit=1)[0].replace("`", "").rstrip(".")
        short = first if len(first) <= MAX_DESCRIPTION else first[: MAX_DESCRIPTION - 3].rsplit(" ", 1)[0] + "..."
        example = (example or "").strip()
        doc = FunctionDoc(name, ", ".join(params or []), short, example if len(example) <= MAX_EXAMPLE else "")
        _BY_NAME[name] = doc
        if first in seen:  # an alias (array_distinct of list_distinct): ranked once, as the function itself
            continue
        seen.add(first)
        docs.append(doc)
    return tuple(docs)


_BY_NAME: dict[str, FunctionDoc] = {}  # every documented name, aliases included (filled by catalog())


@lru_cache(maxsize=1)
def _index() -> tuple[list[tuple[Counter, Counter]], dict[str, float]]:
    """Per function: word counts of its name and its description; and each word's IDF."""
    fields = [(Counter(words(d.name.replace("_", " "))), Counter(words(d.description))) for d in catalog()]
    df: Counter = Counter()
    for name_words, desc_words in fields:
        df.update(set(name_words) | set(desc_words))
    n = len(fields)
    idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
    return fields, idf


def relevant_functions(question: str, schema_names: set[str] | None = None, k: int = MAX_FUNCTIONS) -> list[FunctionDoc]:
    """The k documented functions whose name and description best match the question (BM25-like).

    Words that name the person's own tables or columns are left out: "price" in a question about a
    price column says nothing about which function to use.
    """
    skip = _STOP | {w for name in (schema_names or set()) for w in words(name.replace("_", " "))}
    asked = [w for w in dict.fromkeys(words(question)) if w not in skip]
    if not asked:
        return []
    fields, idf = _index()
    scored = []
    for doc, (name_words, desc_words) in zip(catalog(), fields):
        in_name = [w for w in asked if w in name_words]
        # a function whose whole name was asked for beats one that shares a word of its name; a type
        # word ("array" in array_distance) says little about what is wanted
        coverage = len(in_name) / max(1, len(name_words))
        score = NAME_WEIGHT * sum(idf.get(w, 0.0) * (TYPE_WORD_WEIGHT if w in _TYPE_WORDS else 1.0)
                                  for w in in_name) * (0.5 + 0.5 * coverage)
        for w in asked:
            if w in desc_words and w not in name_words:
                tf = desc_words[w]
                score += idf.get(w, 0.0) * tf * 2.2 / (tf + 1.2)
        if score >= MIN_SCORE:
            scored.append((score, -len(doc.name), doc))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [doc for _, _, doc in scored[:k]]


def relevant_syntax(question: str, k: int = MAX_SYNTAX) -> list[tuple[str, str]]:
    """(request, SQL) examples of the DuckDB constructs whose trigger words appear in the question.

    From prompts/sql_syntax.json; the examples use tables of their own, so the model copies the
    construct, not names. A small model follows an example far better than a description.
    """
    text = fold_accents(question.lower())
    return [(e["ask"], e["sql"]) for e in load_json("sql_syntax.json") if re.search(e["when"], text)][:k]


def function_help(name: str) -> str | None:
    """One line about the DuckDB function `name` (for a repair message), or None when unknown."""
    catalog()
    doc = _BY_NAME.get(name.lower())
    return doc.line() if doc else None


def hints_for(question: str) -> str:
    """The lines added to the SQL prompt for `question` ('' when nothing is relevant).

    Only syntax examples: functions matched on the question's words were measured to mislead more
    than they help ("make" offered make_date, "at least" least()), so the catalog serves repairs,
    where a DuckDB error names the function.
    """
    parts = []
    examples = relevant_syntax(question)
    if examples:
        parts.append("DuckDB syntax that may help (examples on other tables):\n"
                     + "\n".join(f"-- {ask}\n{sql};" for ask, sql in examples))
    return "\n".join(parts)
