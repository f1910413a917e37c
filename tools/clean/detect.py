"""Detection of data-quality problems in DuckDB, turned into a plan of typed cleaning steps.

The plan is built stage by stage, each stage looking at the table as the earlier steps leave it
(the steps so far are a chain of SQL, see `tools/clean/apply.chain_sql`), so that each step's count of
affected rows or values is exact: text hygiene (trim, missing-value placeholders) -> types (numbers
and dates stored as text) -> spellings (categories, e-mail case) -> rows (exact and near duplicates,
impossible values) -> values (missing values, constant or empty columns, far outliers).
Values that a step needs (a median, a fence, today's date) are computed here and stored in the step,
so that applying the plan, or the exported scripts, give exactly the same result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel

from dsagent.data.naming import quote_ident, quote_literal

from dsagent.tools.clean.apply import ROW, chain_sql, norm_key
from dsagent.tools.clean.sentinel import CANDIDATES, sentinel_values
from dsagent.tools.clean.spelling import spelling_groups
from dsagent.words.language import say
from dsagent.words.names import is_age_name, is_label, personal_data

StepKind = Literal["drop_duplicates", "trim", "normalise_case", "map_values", "cast", "parse_dates",
                   "set_missing", "fill_missing", "drop_rows", "clip", "drop_column"]
# Steps that change what the data says rather than how it is written. None is in a plan by default:
# each is offered, and included only when the person asks (`include`, or asking for that kind of
# step: "fill the missing values" is only=["fill_missing"]).
OptionName = Literal["merge_near_duplicates", "fill_missing", "clip_outliers"]
OPTION_OF_KIND = {"fill_missing": "fill_missing", "clip": "clip_outliers"}


class CleanStep(BaseModel):
    step: StepKind
    column: str | None = None
    reason: str
    affected: int
    params: dict[str, Any] = {}
    option: OptionName | None = None  # set on a step that is in the plan only when asked for


PLACEHOLDERS = ("", "na", "n/a", "#n/a", "nan", "null", "-", "--", "?", "missing", "s/d", "sin dato", "sin datos")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y")
SWAPPED = {"%d/%m/%Y": "%m/%d/%Y", "%m/%d/%Y": "%d/%m/%Y"}
NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
           "UBIGINT", "FLOAT", "DOUBLE", "REAL")
INTEGER = NUMERIC[:8]
TYPE_SHARE = 0.9  # share of non-empty values that must parse before a column is cast
OUTLIER_K = 3.0  # far outliers: beyond 3 x IQR from the quartiles
MAX_OUTLIER_SHARE = 0.05  # more than this is a distribution, not outliers: not clipped
MAX_FILL_SHARE = 0.5  # a column emptier than this is proposed for dropping, not filling
MAX_CATEGORIES = 100
MONEY_SIGNS = "[$€£¥ ,]"  # removed before casting, from values that match MONEY
MONEY = r"[-+]?[$€£¥]?\s?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s?[$€£¥]?"  # '$1,200.50', '300 €'

STAGE_MIN_ROWS = 200_000  # from this size the planner keeps each stage's result in a temp table


class Planner:
    """Builds a plan over `table`, restricted to step kinds `only` and to `columns` when given."""

    def __init__(self, ws, table: str, only=None, columns=None, today: dt.date | None = None,
                 mappings: dict[str, dict[str, str]] | None = None, include=None, target: str | None = None):
        self.ws, self.table = ws, table
        self.mappings = mappings or {}
        self.only = set(only) if only else None
        self.columns = set(columns) if columns else None
        self.today = today or dt.date.today()
        self.include = set(include or ()) | {OPTION_OF_KIND[k] for k in (self.only or ()) if k in OPTION_OF_KIND}
        self.target = target
        self.steps: list[CleanStep] = []
        self.options: list[CleanStep] = []  # offered, not in the plan: the person may ask for them
        self.notes: list[str] = []
        self._stage: tuple[str, int] | None = None  # (temp table, steps it already holds)
        self.rows = ws.query(f"SELECT count(*) FROM {quote_ident(table)}", max_rows=1).rows[0][0]

    # ------------------------------------------------------------------ helpers
    def rel(self) -> str:
        if self._stage:
            name, done = self._stage
            return f"({chain_sql(name, self.steps[done:], keep_row=True, numbered=True)})"
        return f"({chain_sql(self.table, self.steps, keep_row=True)})"

    def checkpoint(self) -> None:
        """On a big table, keep the table as the steps so far leave it, so later stages do not redo them."""
        done = self._stage[1] if self._stage else 0
        if self.rows < STAGE_MIN_ROWS or len(self.steps) == done:
            return
        import uuid

        name = f"__dsagent_stage_{uuid.uuid4().hex[:8]}"
        sql = f"CREATE TEMP TABLE {name} AS SELECT * FROM {self.rel()} t"
        self.ws.run_interruptible(lambda con: con.execute(sql).fetchall())
        self.drop_stage()
        self._stage = (name, len(self.steps))

    def drop_stage(self) -> None:
        if self._stage:
            name = self._stage[0]
            self.ws.run_interruptible(lambda con: con.execute(f"DROP TABLE IF EXISTS {name}").fetchall())
            self._stage = None

    def types(self) -> dict[str, str]:
        sql = f"SELECT * FROM {self.rel()} t LIMIT 0"
        def describe(con):
            cur = con.execute(sql)
            cur.fetchall()  # finish the (empty) result: DuckDB 2 refuses some calls while one is open
            return cur.description

        desc = self.ws.run_interruptible(describe)
        return {d[0]: str(d[1]) for d in desc if d[0] != ROW}

    def row(self, select: str) -> list[Any]:
        return self.ws.query(f"SELECT {select} FROM {self.rel()} t", max_rows=1, count_total=False).rows[0]

    def wanted(self, kind: str, column: str | None = None) -> bool:
        if self.only is not None and kind not in self.only:
            return False
        if column is not None and self.columns is not None and column not in self.columns:
            return False
        if column is None and self.columns is not None and (self.only is None or kind not in self.only):
            return False  # table-wide steps only when asked for by kind
        return True

    def add(self, kind: str, column: str | None, reason: str, affected: int, **params: Any) -> None:
        self.steps.append(CleanStep(step=kind, column=column, reason=reason, affected=int(affected), params=params))

    def offer(self, option: str, kind: str, column: str | None, reason: str, affected: int, **params: Any) -> None:
        """An aggressive step: in the plan when the person asked for `option`, else offered beside it."""
        step = CleanStep(step=kind, column=column, reason=reason, affected=int(affected), params=params,
                         option=option)
        (self.steps if option in self.include else self.options).append(step)

    def selected(self, cols) -> list[str]:
        return [c for c in cols if self.columns is None or c in self.columns]

    # ------------------------------------------------------------------ stages
    def plan(self) -> list[CleanStep]:
        stages = (self.exact_duplicates, self.text_hygiene, self.text_types, self.sentinels, self.spellings,
                  self.asked_mappings,
                  self.near_duplicates,
                  self.impossible_values, self.missing_and_constant,
                  self.outliers)  # outliers after filling, so that a second pass finds the same fences
        try:
            for stage in stages:
                stage()
                self.checkpoint()
        finally:
            self.drop_stage()
        return self.steps

    def exact_duplicates(self) -> None:
        if not self.wanted("drop_duplicates"):
            return
        cols = list(self.types())
        n, distinct = self.row(f"count(*), (SELECT count(*) FROM (SELECT DISTINCT * EXCLUDE ({ROW}) FROM {self.rel()}))")
        if n - distinct > 0:
            self.add("drop_duplicates", None, say("clean", "exact_duplicates", count=n - distinct),
                     n - distinct, columns=cols, normalise=False)

    def text_hygiene(self) -> None:
        text = self.selected(c for c, t in self.types().items() if t == "VARCHAR")
        if not text:
            return
        marks = ", ".join(quote_literal(p) for p in PLACEHOLDERS)
        parts = []
        for c in text:
            q = quote_ident(c)
            parts += [f"count(*) FILTER (WHERE {q} <> regexp_replace(trim({q}), ' {{2,}}', ' ', 'g'))",
                      f"count(*) FILTER (WHERE lower(trim({q})) IN ({marks}))",
                      f"list(DISTINCT trim({q})) FILTER (WHERE lower(trim({q})) IN ({marks}))"]
        values = self.row(", ".join(parts))
        for i, c in enumerate(text):
            spaced, blank, tokens = values[3 * i: 3 * i + 3]
            if spaced and self.wanted("trim", c):
                self.add("trim", c, say("clean", "trim", count=spaced), spaced, collapse=True)
            if blank and self.wanted("map_values", c):
                shown = ", ".join(repr(t) for t in sorted(tokens)[:5])
                self.add("map_values", c, say("clean", "placeholders", count=blank, shown=shown), blank,
                         mapping=[[t, None] for t in sorted(tokens)], purpose="missing")

    def text_types(self) -> None:
        text = self.selected(c for c, t in self.types().items() if t == "VARCHAR")
        if not text:
            return
        parts = []
        for c in text:
            q = quote_ident(c)
            money = f"regexp_full_match(trim({q}), {quote_literal(MONEY)})"
            parts += [f"count({q})", f"count(TRY_CAST({q} AS DOUBLE))",
                      f"count(*) FILTER (WHERE regexp_full_match(trim({q}), '[+-]?[0-9]{{1,18}}'))",
                      f"count(*) FILTER (WHERE regexp_matches({q}, '^0[0-9]'))",
                      f"count(*) FILTER (WHERE {money})",
                      f"count(*) FILTER (WHERE {money} AND NOT regexp_matches({q}, '[.]'))",
                      f"count(*) FILTER (WHERE {money} AND regexp_matches({q}, '[$€£¥,]'))"]
            parts += [f"count(try_strptime({q}, {quote_literal(f)}))" for f in DATE_FORMATS]
        values = self.row(", ".join(parts))
        head = 7
        width = head + len(DATE_FORMATS)
        for i, c in enumerate(text):
            nonnull, dbl, big, lead0, money, money_int, signed = values[width * i: width * i + head]
            by_format = dict(zip(DATE_FORMATS, values[width * i + head: width * (i + 1)]))
            if not nonnull:
                continue
            if dbl >= TYPE_SHARE * nonnull and not lead0:
                if self.wanted("cast", c):
                    to = "BIGINT" if big == dbl else "DOUBLE"
                    bad = nonnull - dbl
                    extra = say("clean", "not_numbers_shown", count=bad, shown=self._failing(c, "DOUBLE")) if bad else ""
                    self.add("cast", c, say("clean", "cast", numbers=dbl, nonnull=nonnull, extra=extra), nonnull, to=to)
                continue
            if money >= TYPE_SHARE * nonnull and signed and not lead0:
                # '$1,200.50', '€ 300': currency signs and thousands separators around numbers
                if self.wanted("cast", c):
                    to = "BIGINT" if money_int == money else "DOUBLE"
                    bad = nonnull - money
                    extra = say("clean", "not_numbers", count=bad) if bad else ""
                    self.add("cast", c, say("clean", "cast_money", numbers=money, nonnull=nonnull, extra=extra),
                             nonnull, to=to, pattern=MONEY, remove=MONEY_SIGNS)
                continue
            if max(by_format.values()) >= 0.5 * nonnull and self.wanted("parse_dates", c):
                self._dates(c, nonnull, by_format)

    def _failing(self, column: str, to: str) -> str:
        q = quote_ident(column)
        rows = self.ws.query(f"SELECT DISTINCT {q} FROM {self.rel()} t WHERE {q} IS NOT NULL AND "
                             f"TRY_CAST({q} AS {to}) IS NULL LIMIT 3", max_rows=3, count_total=False).rows
        return ", ".join(repr(r[0]) for r in rows)

    def _dates(self, column: str, nonnull: int, by_format: dict[str, int]) -> None:
        """Greedy choice of formats covering the column's values (never both d/m/Y and m/d/Y)."""
        q = quote_ident(column)
        chosen: list[str] = []
        covered = 0
        candidates = sorted(by_format, key=lambda f: -by_format[f])
        for _ in range(3):
            usable = [f for f in candidates if f not in chosen and SWAPPED.get(f) not in chosen]
            if not usable or covered >= nonnull:
                break
            none_yet = " AND ".join(f"try_strptime({q}, {quote_literal(f)}) IS NULL" for f in chosen) or "TRUE"
            parts = [f"count(*) FILTER (WHERE {none_yet} AND try_strptime({q}, {quote_literal(f)}) IS NOT NULL)"
                     for f in usable]
            gains = dict(zip(usable, self.row(", ".join(parts))))
            best = max(usable, key=lambda f: (gains[f], by_format[f]))
            if not gains[best]:
                break
            chosen.append(best)
            covered += gains[best]
        if covered >= TYPE_SHARE * nonnull:
            bad = nonnull - covered
            extra = say("clean", "not_dates", count=bad) if bad else ""
            self.add("parse_dates", column, say("clean", "dates", count=len(chosen), formats=", ".join(chosen),
                                                extra=extra), nonnull, formats=chosen)

    def sentinels(self) -> None:
        """Runs of nines far from a number column's other values are codes for missing: set to missing."""
        types = self.types()
        numeric = [c for c in self.selected(c for c, t in types.items() if t in NUMERIC and not is_label(c))
                   if self.wanted("set_missing", c)]
        if not numeric:
            return
        codes = ", ".join(str(v) for v in CANDIDATES)
        parts = []
        for c in numeric:
            q = quote_ident(c)
            parts += [f"list({q}) FILTER (WHERE {q} IN ({codes}))",
                      f"quantile_cont({q}, 0.25) FILTER (WHERE {q} NOT IN ({codes}))",
                      f"quantile_cont({q}, 0.75) FILTER (WHERE {q} NOT IN ({codes}))"]
        values = self.row(", ".join(parts))
        for i, c in enumerate(numeric):
            found, q1, q3 = values[3 * i: 3 * i + 3]
            present: dict[float, int] = {}
            for v in found or []:
                present[v] = present.get(v, 0) + 1
            codes_found = sentinel_values(present, q1, q3)
            if codes_found:
                n = sum(present[v] for v in codes_found)
                shown = ", ".join(_num(v) for v in codes_found)
                self.add("set_missing", c, say("clean", "sentinel", count=n, shown=shown), n,
                         values=[int(v) if float(v).is_integer() else v for v in codes_found])

    def spellings(self) -> None:
        types = self.types()
        text = self.selected(c for c, t in types.items() if t == "VARCHAR")
        if not text:
            return
        parts = []
        for c in text:
            q = quote_ident(c)
            parts += [f"count({q})", f"count(DISTINCT {q})", f"count(*) FILTER (WHERE {q} <> lower({q}))"]
        values = self.row(", ".join(parts))
        for i, c in enumerate(text):
            nonnull, distinct, upper = values[3 * i: 3 * i + 3]
            if personal_data(c) == "EMAIL" and upper and self.wanted("normalise_case", c):
                self.add("normalise_case", c, say("clean", "email_case", count=upper), upper, case="lower")
                continue
            if 2 <= distinct <= MAX_CATEGORIES and distinct <= 0.5 * nonnull and self.wanted("map_values", c):
                self._categories(c)

    def _categories(self, column: str) -> None:
        q = quote_ident(column)
        counts = self.ws.query(f"SELECT {q}, count(*) FROM {self.rel()} t WHERE {q} IS NOT NULL GROUP BY 1 "
                               f"ORDER BY 2 DESC, 1 LIMIT 500", max_rows=500, count_total=False).rows
        mapping = spelling_groups([(str(v), int(n)) for v, n in counts])
        if mapping:
            freq = dict((str(v), int(n)) for v, n in counts)
            affected = sum(freq[a] for a, _ in mapping)
            shown = "; ".join(f"{a!r} -> {b!r}" for a, b in mapping[:4])
            more = say("clean", "more", n=len(mapping) - 4) if len(mapping) > 4 else ""
            self.add("map_values", column, say("clean", "spellings", count=len(mapping), shown=shown, more=more),
                     affected, mapping=mapping, purpose="spelling")

    def asked_mappings(self) -> None:
        """Value mappings the person (or the model, from the person's words) asked for: 'United States' -> 'USA'."""
        from dsagent.errors import ModelError

        types = self.types()
        for column, mapping in self.mappings.items():
            if column not in types:
                raise ModelError(f"mappings: unknown column '{column}'")
            if types[column] != "VARCHAR":
                raise ModelError(f"mappings: '{column}' is {types[column]}, not text")
            q = quote_ident(column)
            present = {str(v): int(n) for v, n in self.ws.query(
                f"SELECT {q}, count(*) FROM {self.rel()} t WHERE {q} IN ({', '.join(quote_literal(k) for k in mapping)}) "
                "GROUP BY 1", max_rows=1000).rows}
            missing = [k for k in mapping if k not in present]
            if missing:
                top = [r[0] for r in self.ws.query(f"SELECT {q} FROM {self.rel()} t WHERE {q} IS NOT NULL GROUP BY 1 "
                                                    "ORDER BY count(*) DESC LIMIT 8", max_rows=8).rows]
                raise ModelError(f"mappings: {', '.join(repr(m) for m in missing)} not found in '{column}' (after the "
                                 f"other fixes); its most common values: {', '.join(repr(t) for t in top)}")
            pairs = [[k, v] for k, v in mapping.items() if k != v]
            if pairs:
                shown = "; ".join(f"{a!r} -> {b!r}" for a, b in pairs[:4])
                self.add("map_values", column, say("clean", "asked", shown=shown), sum(present[a] for a, _ in pairs),
                         mapping=pairs, purpose="asked")

    def near_duplicates(self) -> None:
        """Rows equal apart from case, accents and spacing are one row. Rows whose identifiers differ
        are different records (two respondents may give the same answers): merging them is an option."""
        if not self.wanted("drop_duplicates"):
            return
        types = self.types()
        text = [c for c in types if types[c] == "VARCHAR"]
        if text and len(types) >= 2:
            self._near(list(types), text, [], None)
        keys = [c for c in types if not is_label(c)]
        if len(keys) >= 2 and len(keys) < len(types):
            self._near(keys, [c for c in text if c in keys], [c for c in types if c not in keys],
                       "merge_near_duplicates")

    def _near(self, keys: list[str], text: list[str], ignored: list[str], option: str | None) -> None:
        exprs = ", ".join(norm_key(c) if c in text else quote_ident(c) for c in keys)
        n, distinct = self.row(f"count(*), (SELECT count(*) FROM (SELECT DISTINCT {exprs} FROM {self.rel()}))")
        if n - distinct <= 0:
            return
        why = say("clean", "ignored_and", columns=", ".join(ignored)) if ignored else say("clean", "ignored_plain")
        reason = say("clean", "near_duplicates", count=n - distinct, why=why)
        if option is None:
            self.add("drop_duplicates", None, reason, n - distinct, columns=keys, normalise=True, text_columns=text)
        else:
            self.offer(option, "drop_duplicates", None, reason + say("clean", "near_differ", columns=", ".join(ignored)),
                       n - distinct, columns=keys, normalise=True, text_columns=text)

    def impossible_values(self) -> None:
        types = self.types()
        for c, t in types.items():
            if self.columns is not None and c not in self.columns:
                continue
            q = quote_ident(c)
            if t in NUMERIC and is_age_name(c) and self.wanted("drop_rows", c):
                neg, old = self.row(f"count(*) FILTER (WHERE {q} < 0), count(*) FILTER (WHERE {q} > 120)")
                if neg:
                    self.add("drop_rows", c, say("clean", "negative_age", count=neg), neg, op="<", value=0)
                if old:
                    self.add("drop_rows", c, say("clean", "old_age", count=old), old, op=">", value=120)
            if t in ("DATE", "TIMESTAMP") and personal_data(c) == "BIRTH_DATE" and self.wanted("drop_rows", c):
                today = self.today.isoformat()
                future = self.row(f"count(*) FILTER (WHERE {q} > DATE {quote_literal(today)})")[0]
                if future:
                    self.add("drop_rows", c, say("clean", "future_birth", count=future, today=today),
                             future, op=">", value=today, value_type="date")

    def outliers(self) -> None:
        types = self.types()
        numeric = self.selected(c for c, t in types.items() if t in NUMERIC and not is_label(c))
        numeric = [c for c in numeric if self.wanted("clip", c)]
        if not numeric:
            return
        parts = []
        for c in numeric:
            q = quote_ident(c)
            parts += [f"count({q})", f"quantile_cont({q}, 0.25)", f"quantile_cont({q}, 0.75)"]
        values = self.row(", ".join(parts))
        fences = {}
        for i, c in enumerate(numeric):
            nonnull, q1, q3 = values[3 * i: 3 * i + 3]
            if not nonnull or q1 is None or q3 <= q1:
                continue
            lo, hi = q1 - OUTLIER_K * (q3 - q1), q3 + OUTLIER_K * (q3 - q1)
            integer = types[c] in INTEGER
            if integer:
                import math

                lo, hi = math.floor(lo), math.ceil(hi)
            fences[c] = (nonnull, lo, hi, "BIGINT" if integer else "DOUBLE")
        if not fences:
            return
        counts = self.row(", ".join(f"count(*) FILTER (WHERE {quote_ident(c)} < {lo!r} OR {quote_ident(c)} > {hi!r})"
                                    for c, (_, lo, hi, _) in fences.items()))
        for (c, (nonnull, lo, hi, to)), k in zip(fences.items(), counts):
            if 0 < k <= max(1, MAX_OUTLIER_SHARE * nonnull):
                clip = "clip_outliers" in self.include
                if not clip:  # flagged: a far value may be real (a 9.5 wind), and is left as it is
                    self.notes.append(say("clean", "outliers_note", count=k, column=c, k=f"{OUTLIER_K:g}",
                                          low=_num(lo), high=_num(hi)))
                self.offer("clip_outliers", "clip", c, say("clean", "clip", count=k, k=f"{OUTLIER_K:g}", low=_num(lo),
                                                           high=_num(hi)), k, lower=lo, upper=hi, type=to)

    def missing_and_constant(self) -> None:
        types = self.types()
        cols = self.selected(types)
        if not cols:
            return
        parts = []
        for c in cols:
            q = quote_ident(c)
            parts += [f"count(*) - count({q})", f"count(DISTINCT {q})"]
        n = self.row("count(*)")[0]
        values = self.row(", ".join(parts))
        for i, c in enumerate(cols):
            nulls, distinct = values[2 * i: 2 * i + 2]
            t = types[c]
            if n > 1 and distinct <= 1 and self.wanted("drop_column", c):
                what = ("constant_empty" if not distinct else "constant_one" if not nulls
                        else "constant_one_else_empty")
                self.add("drop_column", c, say("clean", what), n)
                continue
            if not nulls:
                continue
            share = nulls / n
            if share > MAX_FILL_SHARE:
                if self.wanted("drop_column", c):
                    self.add("drop_column", c, say("clean", "mostly_empty", share=share), n)
                continue
            if c == self.target:
                self.notes.append(say("clean", "target_kept", count=nulls, column=c))
                continue
            if is_label(c) or not self.wanted("fill_missing", c):
                self.notes.append(say("clean", "missing_left", count=nulls, column=c))
                continue
            q = quote_ident(c)
            filled = "fill_missing" in self.include
            if t in NUMERIC:
                median = self.row(f"median({q})")[0]
                value: Any = int(round(median)) if t in INTEGER else float(median)
                self.offer("fill_missing", "fill_missing", c, say("clean", "fill_median", count=nulls, value=_num(value)),
                           nulls, strategy="median", value=value)
            elif t == "VARCHAR" and distinct <= MAX_CATEGORIES and distinct <= 0.5 * (n - nulls):
                self.offer("fill_missing", "fill_missing", c, say("clean", "fill_unknown", count=nulls), nulls,
                           strategy="constant", value="Unknown")
            else:
                self.notes.append(say("clean", "missing_left_text", count=nulls, column=c))
                continue
            if not filled:
                self.notes.append(say("clean", "missing_kept", count=nulls, column=c))


def _num(v: float) -> str:
    return f"{v:,.4g}" if isinstance(v, float) and not float(v).is_integer() else f"{int(v):,}"


def propose(ws, table: str, only=None, columns=None, today: dt.date | None = None,
            mappings: dict[str, dict[str, str]] | None = None, include=None,
            target: str | None = None) -> tuple[list[CleanStep], list[str]]:
    """The plan of typed steps for `table` and notes on problems left alone (see `propose_all`)."""
    steps, _options, notes = propose_all(ws, table, only, columns, today, mappings, include, target)
    return steps, notes


def propose_all(ws, table: str, only=None, columns=None, today: dt.date | None = None,
                mappings: dict[str, dict[str, str]] | None = None, include=None,
                target: str | None = None) -> tuple[list[CleanStep], list[CleanStep], list[str]]:
    """(plan, options offered beside it, notes). `include` names the options to put in the plan;
    `target` is the column a model will predict, never filled."""
    planner = Planner(ws, table, only, columns, today, mappings, include, target)
    return planner.plan(), planner.options, planner.notes
