"""The profile tool: a data-quality overview of a table.

Everything is computed by DuckDB on top of the (cached) schema card: one pass for blanks, values of
text columns that parse as numbers or dates, and quartiles; one pass counting values outside the
IQR fences; one pass for duplicate rows. Nothing is pulled into pandas. A profile that took long
is kept in the persistent cache under the table's data key.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from dsagent.tools.base import Result, ToolContext, capped, tool
from dsagent.words.language import named, say
from dsagent.words.names import is_label

TYPED_AS_TEXT_MIN_SHARE = 0.95  # of non-null values that must parse for "numbers stored as text"
IQR_FACTOR = 1.5
OUTLIER_MIN_DISTINCT = 10  # integer codes (0/1, classes) are not checked for outliers
EXACT_QUANTILE_MAX_ROWS = 1_000_000
COLUMNS_PER_QUERY = 300
TYPED_SAMPLE_ROWS = 50_000  # rows sampled to tell numbers/dates stored as text
DUPLICATES_HASH_MIN_ROWS = 1_000_000  # above: count distinct row hashes (64-bit) instead of rows
DATE_FORMATS = ("%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y")
DISK_CACHE_MIN_SECONDS = 0.5  # profiles cheaper than this are not worth a cache file
PROFILE_CACHE_VERSION = 1  # the layout of a cached profile


class ProfileArgs(BaseModel):
    """Arguments of `profile_data`."""

    table: str | None = Field(None, description="One table; all tables when omitted.")


class ProfileResult(Result):
    kind: ClassVar[str] = "profile"
    tables: list[dict[str, Any]]  # per table: missing, duplicates, constant, identifiers, typed-as-text, outliers

    def summary(self) -> str:
        lines = []
        for t in self.tables:
            lines.append(f"{t['table']} ({t['row_count']} rows, {t['column_count']} columns): "
                         + ("; ".join(t["issues"]) if t["issues"] else "no data-quality issues found"))
        return capped("\n".join(lines))


def _chunks(items: list, size: int = COLUMNS_PER_QUERY):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _identifiers(card) -> list[dict[str, Any]]:
    """Columns whose every value differs: text ones, and integers that are a sequence or are
    named like an id (a unique measurement such as a price is not an identifier)."""
    out = []
    n = card.row_count
    for c in card.columns:
        # HyperLogLog counts on big tables are off by ~2%: near-all-distinct counts as distinct there.
        needed = n * 0.97 if c.distinct_approx else n
        if n < 2 or c.kind not in ("text", "integer") or c.null_share > 0 or c.distinct < needed:
            continue
        named = is_label(c.name)
        sequence = c.kind == "integer" and c.min is not None and c.max is not None and c.max - c.min + 1 == n
        if c.kind == "integer" and not (named or sequence):
            continue
        reason = say("profile", "id_distinct") + (say("profile", "id_approx") if c.distinct_approx else "")
        if sequence:
            reason += say("profile", "id_sequence", low=c.min, high=c.max)
        if named:
            reason += say("profile", "id_named")
        out.append({"column": c.name, "reason": reason, "named": named})
    return out


def _pass_one(ws, qt: str, card) -> dict[str, dict[str, Any]]:
    """Blanks of text columns and quartiles of numeric ones over the whole table; which text values
    parse as numbers or dates over a sample of at most TYPED_SAMPLE_ROWS rows (casting every value
    of a 10M-row table with five date formats took over two minutes; a share needs no census)."""
    from dsagent.data.naming import quote_ident

    texts = [c for c in card.columns if c.kind == "text" and c.distinct > 0 and c.pii is None]
    nums = [c for c in card.columns if c.kind in ("number", "integer") and c.distinct >= OUTLIER_MIN_DISTINCT
            and not is_label(c.name)]  # an id far from the others is not an outlier
    exact = card.row_count <= EXACT_QUANTILE_MAX_ROWS
    quant = "quantile_cont" if exact else "approx_quantile"
    whole: list[tuple[str, Any, str]] = []
    for c in texts:
        whole.append((f"count(*) FILTER (WHERE trim({quote_ident(c.name)}) = '')", c, "blank"))
    for c in nums:
        whole.append((f"{quant}({quote_ident(c.name)}, [0.25, 0.75])", c, "quartiles"))
    sampled: list[tuple[str, Any, str]] = []
    for c in texts:
        q = f"trim({quote_ident(c.name)})"
        # try_strptime is DuckDB's alone: on a database server only ISO dates are recognised
        dates = "" if ws.is_remote(card.table) else ", " + ", ".join(f"try_strptime({q}, '{f}')" for f in DATE_FORMATS)
        sampled += [
            (f"count(TRY_CAST({q} AS DOUBLE))", c, "number"),
            (f"count(TRY_CAST(replace(replace({q}, '.', ''), ',', '.') AS DOUBLE)) FILTER (WHERE {q} LIKE '%,%')",
             c, "number_comma"),
            (f"count(coalesce(TRY_CAST({q} AS DATE){dates})) "
             f"FILTER (WHERE regexp_full_match({q}, '\\d{{1,4}}[-/.]\\d{{1,2}}[-/.]\\d{{1,4}}'))", c, "date"),
            (f"count(TRY_CAST({q} AS TIMESTAMP)) FILTER (WHERE {q} LIKE '%:%')", c, "timestamp"),
            (f"count(*) FILTER (WHERE {q} <> '')", c, "filled"),
        ]
    found: dict[str, dict[str, Any]] = {}
    sample = qt
    if card.row_count > TYPED_SAMPLE_ROWS:
        sample = f"(SELECT * FROM {qt} USING SAMPLE reservoir({TYPED_SAMPLE_ROWS} ROWS) REPEATABLE (42))"
    for parts, source in ((whole, qt), (sampled, sample)):
        for batch in _chunks(parts):
            sql = "SELECT " + ", ".join(p[0] for p in batch) + f" FROM {source}"
            row = ws.query(sql, max_rows=1, count_total=False).rows[0]
            for (_, c, key), value in zip(batch, row):
                found.setdefault(c.name, {})[key] = value
    return found


def _typed_as_text(card, found) -> list[dict[str, Any]]:
    out = []
    for c in card.columns:
        f = found.get(c.name)
        if c.kind != "text" or not f or not f.get("filled"):
            continue
        filled = f["filled"]
        for looks, count, fix in (
            ("number", f["number"], "CAST(... AS DOUBLE)"),
            ("number with decimal comma", f["number_comma"] + f["number"], "replace ',' with '.' then cast"),
            ("timestamp", f["timestamp"], "CAST(... AS TIMESTAMP)"),
            ("date", f["date"], "CAST(... AS DATE) or strptime"),
        ):
            share = count / filled
            if share >= TYPED_AS_TEXT_MIN_SHARE and (looks != "number with decimal comma" or f["number_comma"]):
                out.append({"column": c.name, "looks_like": looks, "share": round(share, 4),
                            "example": c.samples[0] if c.samples else None, "fix": fix})
                break
    return out


def _outliers(ws, qt: str, card, found) -> list[dict[str, Any]]:
    from dsagent.data.naming import quote_ident

    fences = []
    for c in card.columns:
        q = (found.get(c.name) or {}).get("quartiles")
        if not q or q[0] is None or q[1] is None:
            continue
        q1, q3 = float(q[0]), float(q[1])
        iqr = q3 - q1
        if iqr <= 0:
            continue
        fences.append((c, q1 - IQR_FACTOR * iqr, q3 + IQR_FACTOR * iqr))
    out = []
    for batch in _chunks(fences):
        parts = []
        for c, lo, hi in batch:
            q = quote_ident(c.name)
            parts += [f"count(*) FILTER (WHERE {q} < {lo!r})", f"count(*) FILTER (WHERE {q} > {hi!r})"]
        row = ws.query("SELECT " + ", ".join(parts) + f" FROM {qt}", max_rows=1, count_total=False).rows[0]
        for i, (c, lo, hi) in enumerate(batch):
            below, above = int(row[2 * i] or 0), int(row[2 * i + 1] or 0)
            if below + above:
                non_null = max(1, round(card.row_count * (1 - c.null_share)))
                out.append({"column": c.name, "count": below + above, "below": below, "above": above,
                            "share": round((below + above) / non_null, 4), "low_fence": round(lo, 4),
                            "high_fence": round(hi, 4), "min": c.min, "max": c.max})
    out.sort(key=lambda o: -o["share"])
    return out


def _duplicates(ws, qt: str, card, ids: list[str]) -> dict[str, Any]:
    from dsagent.data.naming import quote_ident

    def distinct_rows(names: list[str]) -> int:
        cols = ", ".join(quote_ident(n) for n in names)
        # one 64-bit hash per row: 6 s vs 8.4 s on 10M rows (DuckDB's hash; a server has its own)
        if card.row_count > DUPLICATES_HASH_MIN_ROWS and not ws.is_remote(card.table):
            return int(ws.scalar(f"SELECT count(DISTINCT hash({cols})) FROM {qt}"))
        return int(ws.scalar(f"SELECT count(*) FROM (SELECT DISTINCT {cols} FROM {qt})"))

    out = {"rows": int(card.row_count - distinct_rows([c.name for c in card.columns]))}
    others = [c.name for c in card.columns if c.name not in ids]
    if ids and others:
        distinct = distinct_rows(others)
        out["rows_ignoring_ids"] = int(card.row_count - distinct)
        out["ids"] = ids
    return out


def profile_table(ws, table: str) -> dict[str, Any]:
    """The data-quality profile of one table as a JSON-ready dict; from the persistent cache
    (agent/data/cache.py) when an earlier process profiled the same file (10M rows: about 20 s)."""
    import time

    from dsagent.data import cache

    key = cache.table_key(ws, table)
    if key is not None:
        key = (PROFILE_CACHE_VERSION, *key)
        stored = cache.load("profile", key)
        if isinstance(stored, dict) and stored.get("table") is not None:
            return {**stored, "table": table}
    started = time.perf_counter()
    profile = _profile_table(ws, table)
    if key is not None and time.perf_counter() - started >= DISK_CACHE_MIN_SECONDS:
        cache.store("profile", key, profile)
    return profile


def _profile_table(ws, table: str) -> dict[str, Any]:

    from dsagent.data.tables import scan_relation
    from dsagent.tools.schema.card import get_schema_card

    card = get_schema_card(ws, table)
    qt, _, _ = scan_relation(ws, table)  # a large table on a server: its TABLESAMPLE (the card says so)
    n = card.row_count
    found = _pass_one(ws, qt, card) if n else {}
    missing = []
    for c in card.columns:
        blank = int((found.get(c.name) or {}).get("blank") or 0)
        nulls = round(n * c.null_share)
        if nulls or blank:
            missing.append({"column": c.name, "null_count": nulls, "null_share": c.null_share, "blank_count": blank})
    missing.sort(key=lambda m: -(m["null_count"] + m["blank_count"]))
    constant = [{"column": c.name, "value": c.top_values[0][0] if c.top_values else (c.samples or [None])[0],
                 "all_null": c.distinct == 0}
                for c in card.columns if c.distinct <= 1 and n > 1]
    identifiers = _identifiers(card)
    ids = [i["column"] for i in identifiers if i["named"]]
    typed = _typed_as_text(card, found)
    outliers = _outliers(ws, qt, card, found) if n else []
    duplicates = _duplicates(ws, qt, card, ids) if n else {"rows": 0}

    issues = [] if n else [say("profile", "no_rows")]
    all_null = {c["column"] for c in constant if c["all_null"]}
    shown = [m for m in missing if m["column"] not in all_null]
    for m in shown[:5]:
        what = say("profile", "missing_share", share=m["null_share"]) if m["null_count"] else ""
        if m["blank_count"]:
            what += (", " if what else "") + say("profile", "blank", count=m["blank_count"])
        issues.append(say("profile", "column_issue", column=m["column"], what=what))
    if len(shown) > 5:
        issues.append(say("profile", "more_missing", count=len(shown) - 5))
    if duplicates["rows"]:
        issues.append(say("profile", "duplicates", count=duplicates["rows"]))
    elif duplicates.get("rows_ignoring_ids"):
        issues.append(say("profile", "repeat_ids", count=duplicates["rows_ignoring_ids"], ids=", ".join(ids)))
    for c in constant:
        what = say("profile", "always_empty") if c["all_null"] else say("profile", "constant", value=repr(c["value"]))
        issues.append(say("profile", "column_issue", column=c["column"], what=what))
    for t in typed:
        issues.append(say("profile", "typed", column=t["column"], looks=named("profile", "looks", t["looks_like"]),
                          share=t["share"]))
    for o in outliers[:5]:
        issues.append(say("profile", "outliers", count=o["count"], column=o["column"], share=o["share"]))
    return {"table": table, "row_count": n, "column_count": len(card.columns), "missing": missing,
            "duplicates": duplicates, "constant": constant, "identifiers": identifiers,
            "typed_as_text": typed, "outliers": outliers, "issues": issues}


@tool(ProfileArgs)
def profile_data(ws, args: ProfileArgs, ctx: ToolContext) -> ProfileResult:
    """Profile data quality: missing values, duplicate rows, constant columns, identifiers, outliers."""
    tables = [ws.require_table(args.table).name] if args.table else list(ws.tables)
    out = []
    for i, name in enumerate(tables):
        ctx.report(f"profiling {name}", i / max(len(tables), 1))
        out.append(profile_table(ws, name))
    return ProfileResult(tables=out)
