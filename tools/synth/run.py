"""The work behind `synthesize`: sample, fit the copula, generate (balanced or conditioned), screen, report,
and the `SyntheticResult` it returns."""

from __future__ import annotations

import re
from typing import Any, ClassVar, NamedTuple

from dsagent.errors import ModelError, UserError
from dsagent.tools.base import Result, capped
from dsagent.data.naming import quote_ident
from dsagent.words.language import named, say
from dsagent.words.names import is_identifier

FIT_MAX_ROWS = 50_000  # the copula is fitted on a reservoir sample of at most this many rows
MAX_CATEGORIES = 50
INT_AS_CATEGORY = 15  # an integer column with at most this many values is a category (0/1, 1..3)
ROUNDS = 8  # bounded resampling to replace rows dropped by the privacy screen
INTEGER = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
FLOAT = ("FLOAT", "DOUBLE", "REAL")


def column_kinds(df, types: dict[str, str], table: str | None = None) -> tuple[dict[str, str], list[dict[str, str]]]:
    """{column: number | integer | date | category | id} and the columns left out, with why.

    A column of personal data (a person's name, e-mail, phone, ...: the reviewer's own reading, with
    `table` as context for a bare `name`) is never a category: the copula would sample its real values
    back into the synthetic rows, however few people the table holds."""
    from dsagent.ethics.privacy import entity_named, pii_columns

    kinds: dict[str, str] = {}
    excluded = []
    for c in df.columns:
        t = types.get(c, "")
        nonnull = int(df[c].notna().sum())
        distinct = int(df[c].nunique(dropna=True))
        if t in INTEGER and is_identifier(c) and distinct == nonnull:
            kinds[c] = "id"
        elif t == "BOOLEAN":
            kinds[c] = "category"
        elif t in INTEGER:
            kinds[c] = "category" if distinct <= INT_AS_CATEGORY else "integer"
        elif t in FLOAT or t.startswith("DECIMAL"):
            kinds[c] = "number"
        elif t == "DATE":
            kinds[c] = "date"
        elif t.startswith("TIMESTAMP"):
            kinds[c] = "datetime"
        elif t == "VARCHAR" and distinct <= MAX_CATEGORIES and distinct <= max(1, 0.5 * nonnull):
            kinds[c] = "category"
        elif t == "VARCHAR":
            excluded.append({"column": c, "reason": say("synth", "excluded_text")})
        else:
            excluded.append({"column": c, "reason": say("synth", "excluded_type", type=t)})
    # numbers and dates are drawn afresh; only a category hands its real values back
    personal = pii_columns(df.head(500), tables=[table] if table else None)  # its cell check reads a few hundred
    for c in [c for c, kind in kinds.items() if kind == "category" and c in personal]:
        del kinds[c]
        excluded.append({"column": c, "reason": say("synth", "excluded_personal", kind=entity_named(personal[c]))})
    return kinds, excluded


def _fit_sample(ws, table: str, seed: int):
    total = ws.query(f"SELECT count(*) FROM {quote_ident(table)}", max_rows=1).rows[0][0]
    if total > FIT_MAX_ROWS:
        sql = f"SELECT * FROM {quote_ident(table)} USING SAMPLE {FIT_MAX_ROWS} ROWS (reservoir, {int(seed)})"
    else:
        sql = f"SELECT * FROM {quote_ident(table)}"
    return ws.fetch_df(sql), total


def _targets(model, column: str, proportions: dict[str, float] | None) -> dict[Any, float]:
    """{category value: share} from the person's proportions (matched as text), or equal shares."""
    from dsagent.tools.synth.copula import _match_category

    marginal = next(m for m in model.marginals if m.name == column)
    classes = [c for c in marginal.categories if c is not None]
    if not proportions:
        return {c: 1 / len(classes) for c in classes}
    out: dict[Any, float] = {}
    for key, share in proportions.items():
        try:
            value = _match_category(marginal, key)
        except KeyError as exc:
            raise ModelError(exc.args[0]) from None
        if share < 0:
            raise ModelError(f"proportion of '{key}' must not be negative")
        out[value] = float(share)
    total = sum(out.values())
    if total <= 0:
        raise ModelError("target_proportions must add up to more than 0")
    for c in classes:
        out.setdefault(c, 0.0)
    return {c: v / total for c, v in out.items()}


def _balance_counts(real_counts: dict[Any, int], target: dict[Any, float], n_rows: int | None) -> dict[Any, int]:
    """Rows to generate per class: enough for real + synthetic to reach `target` (augment), or n_rows split."""
    if n_rows is not None:
        counts = {c: int(round(n_rows * p)) for c, p in target.items()}
        top = max(counts, key=lambda c: target[c])
        counts[top] += n_rows - sum(counts.values())
        return {c: n for c, n in counts.items() if n > 0}
    impossible = [str(c) for c, p in target.items() if p == 0 and real_counts.get(c, 0) > 0]
    if impossible:
        raise UserError(f"adding rows cannot bring {', '.join(impossible)} to 0%; give every present class a share")
    total = max(real_counts.get(c, 0) / p for c, p in target.items() if p > 0)
    return {c: max(0, int(round(total * p)) - real_counts.get(c, 0)) for c, p in target.items()
            if int(round(total * p)) - real_counts.get(c, 0) > 0}


def _row_keys(df, columns: list[str]) -> list[tuple]:
    import pandas as pd

    def norm(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return None
        if hasattr(v, "isoformat"):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v if isinstance(v, (str, bool, int)) else float(v) if isinstance(v, float) else str(v)

    cols = [df[c].astype(object).tolist() for c in columns]
    return [tuple(norm(v) for v in row) for row in zip(*cols)]


def _generate(model, ref, real_keys: set, count: int, condition, rng, threshold: float, stats: dict):
    """`count` rows that pass the privacy screen (bounded rounds); updates the drop counts in `stats`."""
    import numpy as np
    import pandas as pd

    from dsagent.tools.synth.report import distances

    kept, dcrs, have = [], [], 0
    for _ in range(ROUNDS):
        need = count - have
        if need <= 0:
            break
        batch = model.sample(int(need * 1.1) + 10, rng, condition)
        dcr = distances(ref, batch)
        keys = _row_keys(batch, model.columns)
        exact = np.array([k in real_keys for k in keys])
        close = (dcr < threshold) & ~exact
        stats["exact"] += int(exact.sum())
        stats["close"] += int(close.sum())
        ok = ~exact & ~close
        batch, dcr = batch[ok].reset_index(drop=True), dcr[ok]
        kept.append(batch.iloc[:need])
        dcrs.append(dcr[:need])
        have += min(len(batch), need)
    frame = pd.concat(kept, ignore_index=True) if kept else model.sample(0, rng)
    return frame, np.concatenate(dcrs) if dcrs else np.array([])


def _typed(frame, types: dict[str, str], kinds: dict[str, str]):
    """The synthetic frame with the source's column types (dates as DATE, 0/1 as integers, booleans)."""
    import pandas as pd
    import pyarrow as pa

    frame = frame.copy()
    for c in frame.columns:
        t, k = types.get(c, ""), kinds.get(c)
        if k == "category" and t == "BOOLEAN":
            frame[c] = frame[c].astype("boolean")
        elif k == "category" and t in INTEGER:
            frame[c] = pd.to_numeric(frame[c]).astype("Int64")
        elif k == "category":
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    arrow_types = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32(), "SMALLINT": pa.int16(),
                   "TINYINT": pa.int8(), "DOUBLE": pa.float64(), "FLOAT": pa.float32(), "BOOLEAN": pa.bool_(),
                   "TIMESTAMP": pa.timestamp("us"), "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC")}
    for i, c in enumerate(table.column_names):
        t = types.get(c)
        column = table.column(c)
        if t == "DATE":
            column = column.cast(pa.timestamp("ns")).cast(pa.date32())
        elif t in arrow_types and column.type != arrow_types[t]:
            column = column.cast(arrow_types[t], safe=False)
        table = table.set_column(i, c, column)
    return table


def _copy_condition(table: str, columns: list[str]) -> str:
    return " AND ".join(f"r.{quote_ident(c)} IS NOT DISTINCT FROM s.{quote_ident(c)}" for c in columns)


def _count_copies(ws, table: str, synthetic: str, columns: list[str]) -> int:
    """Synthetic rows equal to any real row on the synthesised columns (all real rows, not a sample)."""
    sql = (f"SELECT count(*) FROM {quote_ident(synthetic)} s WHERE EXISTS (SELECT 1 FROM {quote_ident(table)} r "
           f"WHERE {_copy_condition(table, columns)})")
    return int(ws.query(sql, max_rows=1).rows[0][0])


def _drop_copies_of_full_table(ws, table: str, synthetic: str, columns: list[str]) -> int:
    found = _count_copies(ws, table, synthetic, columns)
    if found:
        sql = (f"DELETE FROM {quote_ident(synthetic)} s WHERE EXISTS (SELECT 1 FROM {quote_ident(table)} r "
               f"WHERE {_copy_condition(table, columns)})")
        ws.run_interruptible(lambda con: con.execute(sql).fetchall())
    return found


def run(ws, args, ctx):
    """Fit a copula on (a sample of) the table, generate screened rows, store them, and report."""
    import numpy as np

    from dsagent.tools.synth.report import reference

    table = args.table or ws.default_table()
    ws.require_table(table)
    types = dict(ws.columns(table))
    _check_columns(args, types, table)
    ctx.report(f"fitting a Gaussian copula on {table}", 0.1)
    real, total = _fit_sample(ws, table, args.seed)
    if len(real) < 5:
        raise UserError(say("synth", "too_few_rows", table=table, rows=len(real)))
    kinds, excluded = column_kinds(real, types, table)
    modelled = [c for c, k in kinds.items() if k != "id"]
    _check_kinds(args, kinds, table, modelled)
    rng = np.random.default_rng(args.seed)
    model, condition = _fit_model(real[modelled], kinds, args, rng)
    ref = reference(real[modelled], kinds, rng)
    threshold = ref["threshold"] if args.privacy_threshold is None else float(args.privacy_threshold)
    screen = _Screen(ref, set(_row_keys(real, modelled)), threshold, {"exact": 0, "close": 0})
    ctx.report("generating rows", 0.4)
    notes: list[str] = []
    balance = None
    if args.balance_column:
        synth, dcr, wanted, balance = _balanced(ws, table, model, screen, condition, args, ctx, rng, notes)
    else:
        synth, dcr = _generate(model, ref, screen.real_keys, args.n_rows, condition or None, rng, threshold,
                               screen.stats)
        wanted = args.n_rows
    if len(synth) < wanted:
        notes.append(say("synth", "privacy_short", made=len(synth), wanted=wanted))
    synth, name, copies_left = _store(ws, table, real, synth, types, kinds, modelled, screen.stats, notes)
    combined_table = None
    if balance and balance["mode"] == "augment" and len(synth) and not ws.is_remote(table):
        combined_table = ws.create_derived(
            f"{table}_balanced", f"SELECT *, false AS synthetic FROM {quote_ident(table)} UNION ALL BY NAME "
            f"SELECT *, true AS synthetic FROM {quote_ident(name)}", parent=table, how="balanced")
    ctx.report("measuring fidelity and privacy", 0.8)
    fid, priv = _measure(real, synth, dcr, kinds, args, balance, condition, screen, notes)
    priv["exact_copies_in_result"] = copies_left  # checked against every real row, in DuckDB
    preview = ws.query(f"SELECT * FROM {quote_ident(name)} LIMIT 20", max_rows=20, count_total=False)
    final_rows = ws.query(f"SELECT count(*) FROM {quote_ident(name)}", max_rows=1).rows[0][0]
    if total > FIT_MAX_ROWS:
        notes.append(say("synth", "sample", fitted=len(real), total=total))
    result = SyntheticResult(table=name, source_table=table, row_count=final_rows, columns=preview.columns,
                             rows=preview.rows, fidelity=fid, privacy=priv, excluded=excluded, balance=balance,
                             combined_table=combined_table, fitted_rows=len(real), notes=notes)
    if args.export:
        from dsagent.data.export import export_table, unique_path

        target = unique_path(ctx.output_dir / f"{name}.{args.export}")
        result.export_path = str(export_table(ws, name, target))
    return result


class _Screen(NamedTuple):
    """The privacy screen of generated rows: distances to the real rows, their keys, the cut-off, drop counts."""

    ref: dict
    real_keys: set
    threshold: float
    stats: dict  # {"exact": rows dropped as copies, "close": rows dropped as too close}


def _check_columns(args, types: dict[str, str], table: str) -> None:
    """The balance and condition columns exist (a 'did you mean' otherwise), before anything is fitted."""
    for col in [args.balance_column, *(args.condition or {})]:
        if col and col not in types:
            from difflib import get_close_matches

            close = get_close_matches(col, list(types), n=2)
            raise ModelError(say("synth", "unknown_column", column=col, table=table)
                             + (say("synth", "did_you_mean", close=", ".join(close)) if close else ""))


def _check_kinds(args, kinds: dict[str, str], table: str, modelled: list[str]) -> None:
    """Something can be synthesised, and the balance and condition columns are of a kind that can be fixed."""
    if not modelled:
        raise UserError(say("synth", "nothing_to_synthesise", table=table))
    for col in [args.balance_column, *(args.condition or {})]:
        if col and kinds.get(col) not in ("category", "number", "integer", "date", "datetime"):
            raise ModelError(say("synth", "not_conditionable", column=col, kind=kinds.get(col, "excluded")))
    if args.balance_column and kinds.get(args.balance_column) != "category":
        raise ModelError(say("synth", "balance_needs_category", column=args.balance_column))


def _fit_model(real, kinds: dict[str, str], args, rng):
    """The fitted copula and the condition, checked against it: (model, condition)."""
    from dsagent.tools.synth.copula import GaussianCopula

    model = GaussianCopula().fit(real, kinds, rng)
    condition = dict(args.condition or {})
    try:
        for c, v in condition.items():
            model._interval(model.columns.index(c), v)
    except KeyError as exc:
        raise ModelError(exc.args[0]) from None
    except (TypeError, ValueError) as exc:
        raise ModelError(f"condition {condition}: {exc}") from None
    return model, condition


def _balanced(ws, table: str, model, screen: _Screen, condition: dict, args, ctx, rng, notes: list[str]):
    """Rows that bring the balance column to its target shares: (frame, distances, rows wanted, balance)."""
    import numpy as np
    import pandas as pd

    from dsagent.tools.synth.copula import _match_category

    col = args.balance_column
    target = _targets(model, col, args.target_proportions)
    q = quote_ident(col)
    counts_rows = ws.query(f"SELECT {q}, count(*) FROM {quote_ident(table)} GROUP BY 1", max_rows=10_000).rows
    marginal = next(m for m in model.marginals if m.name == col)
    real_counts: dict[Any, int] = {}
    for value, n in counts_rows:
        if value is None:
            continue
        try:
            real_counts[_match_category(marginal, value)] = int(n)
        except KeyError:
            continue
    augment = args.augment
    if augment is None:
        # "balance the data by sex" names no count: add only the rows that are short. A count the
        # planner filled in on its own (the question has no number) is read the same way: the local
        # Qwen model, for one, passes n_rows=100 for "balance the data by sex".
        augment = "n_rows" not in args.model_fields_set or (
            bool(ctx.question) and not re.search(r"\d", ctx.question))
    per_class = _balance_counts(real_counts, target, None if augment else args.n_rows)
    wanted = sum(per_class.values())
    if wanted > 1_000_000:
        raise UserError(say("synth", "balance_too_large"))
    if not per_class:
        notes.append(say("synth", "already_balanced", column=col))
    parts, dcr_parts = [], []
    for value, n in per_class.items():
        frame, dcr = _generate(model, screen.ref, screen.real_keys, n, {**condition, col: value}, rng,
                               screen.threshold, screen.stats)
        parts.append(frame)
        dcr_parts.append(dcr)
    synth = pd.concat(parts, ignore_index=True) if parts else model.sample(0, rng)
    dcr = np.concatenate(dcr_parts) if dcr_parts else np.array([])
    if len(synth) and not augment:
        synth = synth.iloc[rng.permutation(len(synth))].reset_index(drop=True)
    made = synth[col].astype(object).value_counts().to_dict() if len(synth) else {}
    combined = {c: real_counts.get(c, 0) + int(made.get(c, 0)) for c in target}
    total_combined = sum(combined.values()) or 1
    balance = {"column": col, "mode": "augment" if augment else "sample",
               "target": {str(c): round(p, 4) for c, p in target.items()},
               "real": {str(c): real_counts.get(c, 0) for c in target},
               "generated": {str(c): int(made.get(c, 0)) for c in target},
               "synthetic_share": {str(c): round(int(made.get(c, 0)) / max(len(synth), 1), 4) for c in target},
               "combined_share": {str(c): round(n / total_combined, 4) for c, n in combined.items()}}
    return synth, dcr, wanted, balance


def _store(ws, table: str, real, synth, types, kinds, modelled: list[str], stats: dict, notes: list[str]):
    """The synthetic rows stored as a table, with new identifiers and no copy of a real row.

    Returns (the rows in the source's column order, the table's name, copies left).
    """
    import numpy as np

    # identifiers: new values after the real ones, so that no synthetic row shares a real id
    for c, k in kinds.items():
        if k == "id":
            top = ws.query(f"SELECT max({quote_ident(c)}) FROM {quote_ident(table)}", max_rows=1).rows[0][0]
            start = int(top or 0) + 1
            synth[c] = np.arange(start, start + len(synth), dtype="int64")
    synth = synth[[c for c in real.columns if c in synth.columns]]
    # DuckDB 2 refuses to register a frame while an earlier result (ws.scalar's fetchone) is unfinished
    ws.run_interruptible(lambda con: con.execute("SELECT 1").fetchall())
    name = ws.register_frame(f"{table}_synthetic", _typed(synth, types, kinds), parent=table, how="synthetic")
    reference = table
    if ws.is_remote(table):  # the real rows stay on the server: copies are judged against the fitted rows
        reference = ws.register_frame(f"{table}_fitted", real, parent=table, how="sample")
        notes.append(say("synth", "server", table=table, rows=len(real)))
    late = _drop_copies_of_full_table(ws, reference, name, modelled)
    if late:  # only possible when the model saw a sample: copies of rows outside it
        stats["exact"] += late
        notes.append(say("synth", "late_copies", count=late))
    copies_left = _count_copies(ws, reference, name, modelled)
    if reference != table:
        ws.drop_derived(reference)
    return synth, name, copies_left


def _measure(real, synth, dcr, kinds, args, balance, condition, screen: _Screen, notes: list[str]):
    """The fidelity report (columns, relationships, utility, detection, time) and the privacy summary."""
    from dsagent.tools.synth.report import fidelity, privacy_summary

    reference_rows = real
    if balance and len(synth):
        # the synthetic rows belong to the classes that were short: compare them with real rows of those classes
        made_classes = {str(c) for c, n in balance["generated"].items() if n}
        same = real[balance["column"]].astype(str).isin(made_classes)
        reference_rows = real[same] if same.sum() >= 5 else real
    fid = fidelity(reference_rows, synth, kinds, skip={c for c, k in kinds.items() if k == "id"})
    if balance:
        fid["note"] = say("synth", "balance_note", column=balance["column"])
    _judge(fid, reference_rows, synth, kinds, args, balance, condition, notes)
    priv = privacy_summary(dcr, screen.stats["exact"], screen.stats["close"], screen.threshold,
                           screen.ref["real_rows"], screen.ref["distinct_rows"])
    return fid, priv


def _judge(fid: dict[str, Any], real, synth, kinds: dict[str, str], args, balance, condition: dict, notes: list[str]):
    """Relationships, train-on-synthetic utility, detection and time structure; the headline is their weakest.

    With a balance or condition, the synthetic rows are one slice by design: the pairs leave out the fixed
    columns, and utility and detection (which need the whole population) are not measured.
    """
    from dsagent.tools.synth import quality, temporal

    fixed = set(condition or {}) | ({balance["column"]} if balance else set())
    judged = {c: k for c, k in kinds.items() if k != "id" and c not in fixed}
    fid["column_score"] = fid.get("score")
    rel = quality.relationships(real, synth, judged) if len(synth) else {"pairs": [], "score": None}
    rel["pairs_compared"] = len(rel["pairs"])
    rel["pairs"] = rel["pairs"][:12]  # the worst ones; the rest agree better
    fid["relationships"] = rel
    if fixed or len(synth) < 20:
        util = {"targets": [], "score": None, "note": say("synth", "chosen_slice" if fixed else "too_few_synthetic")}
        det = {"auc": None, "score": None, "note": util["note"]}
    else:
        util = quality.utility(real, synth, judged, args.seed)
        det = quality.detection(real, synth, judged, args.seed)
    fid["utility"], fid["detection"] = util, det
    series = temporal.detect(real, kinds)
    fid["temporal"] = temporal.measure(real, synth, kinds, series) if series and len(synth) else None
    if fid["temporal"]:
        t = fid["temporal"]
        notes.append(say("synth", "temporal_keeps", message=t["message"], alternatives="; ".join(t["alternatives"])))
    fid["score"], fid["weakest"] = quality.headline(fid["column_score"], rel, util, det, fid["temporal"])
    if fid["weakest"] and fid["score"] is not None and fid["column_score"] is not None \
            and fid["score"] < fid["column_score"] - 0.1:
        notes.append(say("synth", "misleading", column_score=fid["column_score"], part=named("synth", "parts", fid["weakest"]),
                         score=fid["score"]))


class SyntheticResult(Result):
    """A synthetic table with its fidelity and privacy report."""

    kind: ClassVar[str] = "synthetic"
    table: str
    source_table: str
    row_count: int
    columns: list[str]
    rows: list[list[Any]]  # a preview
    fidelity: dict[str, Any]
    privacy: dict[str, Any]
    excluded: list[dict[str, str]] = []  # columns not synthesised, with the reason
    balance: dict[str, Any] | None = None  # {column, target, real, synthetic, combined}
    combined_table: str | None = None  # real + synthetic rows with a `synthetic` flag (balancing)
    fitted_rows: int = 0  # real rows the model was fitted on (a sample for big tables)
    notes: list[str] = []
    export_path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "row_count": self.row_count, "columns": self.columns,
                "rows": self.rows, "fidelity": self.fidelity, "privacy": self.privacy,
                "source_table": self.source_table, "excluded": self.excluded, "balance": self.balance,
                "combined_table": self.combined_table, "fitted_rows": self.fitted_rows, "notes": self.notes,
                "export_path": self.export_path}

    def summary(self) -> str:
        f, p = self.fidelity, self.privacy
        rel = f.get("relationships") or {}
        worst = rel.get("worst_strong")
        text = (f"synthetic table {self.table}: {self.row_count} rows imitating {self.source_table} "
                f"(Gaussian copula fitted on {self.fitted_rows} rows); quality score {f.get('score')} (the weakest "
                f"part: {f.get('weakest')}; columns alone {f.get('column_score')}, relationships {rel.get('score')}, "
                f"train-on-synthetic utility {(f.get('utility') or {}).get('score')}, detection "
                f"{(f.get('detection') or {}).get('score')})"
                + (f"; weakest strong relationship {worst['columns'][0]} ~ {worst['columns'][1]} "
                   f"({worst['metric']} real {worst['real']}, synthetic {worst['synthetic']})" if worst else "")
                + (f"; time structure lost (score {f['temporal']['score']})" if f.get("temporal") and
                   not f["temporal"]["kept"] else "")
                + f"; max correlation difference {f.get('correlation_max_abs_diff')}; privacy: "
                f"{p.get('exact_copies_dropped', 0)} exact copies and {p.get('too_close_dropped', 0)} too-close rows "
                f"dropped, closest distance {p.get('dcr_min')}")
        if self.balance:
            text += f"; balance of {self.balance['column']}: real + synthetic shares {self.balance.get('combined_share')}"
        if self.combined_table:
            text += f"; real + synthetic in {self.combined_table}"
        if self.excluded:
            text += "; not synthesised: " + ", ".join(e["column"] for e in self.excluded)
        return capped(text)
