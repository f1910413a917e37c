"""Leakage checks for model building (A1-A4) and train/test contamination (B1-B5).

Every check is a pure function returning `Finding`s; a `block` finding names the feature in
`columns`, and the caller (the model tool) drops it and says so. `columns_to_drop(findings)` gives
that list, including A4 identifiers (a warn that is still dropped, as the catalogue says).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from dsagent.ethics.finding import Finding
from dsagent.ethics.stats import PPS_SAMPLE, cramers_v, infer_task, is_numeric, pps, pps_detail, spearman
from dsagent.ethics.thresholds import SOURCES, resolve
from dsagent.words.language import say
from dsagent.words.names import is_date_name, is_identifier

A3_MIN_Z = 2.33  # a warn-level A3 also needs CV accuracy above chance at one-sided 1 % (see pps_detail)
# B4 compares two noisy scores. With the same relation on both sides (train 4x the test rows, 100
# trials), PPS(train) - PPS(test) reached the block level 0.4 on 50 test rows but at most 0.31 on 100
# (warn level 0.2 in 8 % and 3 % of trials); a side under 20 rows scores 0, "lost all its power".
B4_MIN_ROWS = 100
B5_MAX_ROWS = 100  # rows predicted together (Giskard's DataLeakageDetector uses the same order)
# Rows of that batch predicted one at a time by the model tool. Each is one pipeline call, and a
# single-row call costs nearly as much as the whole batch (97 ms vs 150 ms for the linear loans pipeline
# on a loaded machine), so this bounds the check at 21 calls. Compared on class probabilities, a step
# fitted on the batch changes every row, so 20 rows are enough to see it.
B5_SINGLE_ROWS = 20


def _f(id_: str, severity: str, message: str, **kw: Any) -> Finding:
    return Finding(id=id_, severity=severity, message=message, source=SOURCES.get(id_), **kw)


def columns_to_drop(findings: Iterable[Finding]) -> list[str]:
    """Features the caller must leave out: every block finding's columns, and A4 identifiers."""
    out: list[str] = []
    for f in findings:
        if f.severity == "block" or f.id == "A4":
            for c in f.columns:
                if c not in out:
                    out.append(c)
    return out


def is_date_like(series: Any, name: str = "") -> bool:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    return bool(name) and is_date_name(name) and not is_numeric(series) and _parses_as_dates(series)


def _parses_as_dates(series: Any) -> bool:
    import pandas as pd

    sample = pd.Series(series).dropna().astype(str).head(50)
    if sample.empty:
        return False
    parsed = pd.to_datetime(sample, errors="coerce", format="mixed")
    return parsed.notna().mean() >= 0.9


def _as_dates(series: Any):
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    return pd.to_datetime(series.astype(str), errors="coerce", format="mixed")


# ------------------------------------------------------------------ A1-A4 on one table
def check_feature_leakage(df, target: str, features: list[str], task: str = "auto",
                          thresholds: dict | None = None) -> list[Finding]:
    """A1 (PPS), A2 (near copy), A3 (index/id/date predicts the target), A4 (identifier as feature)."""
    import pandas as pd

    th = resolve(thresholds)
    findings: list[Finding] = []
    if target not in df.columns:
        return findings
    frame = df.sample(n=PPS_SAMPLE * 4, random_state=0) if len(df) > PPS_SAMPLE * 4 else df
    sampled = len(frame) < len(df)
    note = say("ethics", "sampled_note", sample=len(frame), total=len(df)) if sampled else ""
    y = frame[target]
    if task in (None, "", "auto"):
        task = infer_task(y)
    target_categorical = task == "classification"

    for col in features:
        if col == target or col not in frame.columns:
            continue
        x = frame[col]
        # A4: an identifier — every value distinct, not a float measurement
        if _all_distinct(df[col]) and not pd.api.types.is_float_dtype(df[col]):
            findings.append(_f("A4", "warn", say("ethics", "A4", col=col),
                               statistic="share of distinct values", value=1.0, threshold=1.0,
                               columns=[col], fix=say("ethics", "A4_fix", col=col)))
            ident = True
        else:
            ident = False
        score, z = pps_detail(x, y, task)
        id_or_date = ident or is_identifier(col) or is_date_like(x, col)
        if id_or_date:
            # A3: an index, id or date column that predicts the target
            if score >= th["A3_block"]:
                findings.append(_f("A3", "block", say("ethics", "A3_block", col=col, target=target, score=score,
                                                      note=note), statistic="predictive power score",
                                   value=score, threshold=th["A3_block"], columns=[col],
                                   fix=say("ethics", "A3_block_fix", col=col)))
                continue
            if score > th["A3_warn"] and z >= A3_MIN_Z:
                findings.append(_f("A3", "warn", say("ethics", "A3_warn", col=col, target=target, score=score,
                                                     note=note), statistic="predictive power score", value=score,
                                   threshold=th["A3_warn"], columns=[col], fix=say("ethics", "A3_warn_fix")))
        if score >= th["A1_block"] and not id_or_date:
            findings.append(_f("A1", "block", say("ethics", "A1_block", col=col, target=target, score=score, note=note),
                               statistic="predictive power score", value=score, threshold=th["A1_block"],
                               columns=[col], fix=say("ethics", "A1_block_fix", col=col)))
            continue
        if score >= th["A1_warn"] and not id_or_date:
            findings.append(_f("A1", "warn", say("ethics", "A1_warn", col=col, target=target, score=score, note=note),
                               statistic="predictive power score", value=score, threshold=th["A1_warn"],
                               columns=[col], fix=say("ethics", "A1_warn_fix", col=col)))
        if ident:
            continue
        # A2: a near copy of the target
        stat, value = association(x, y, target_categorical)
        if value >= th["A2_warn"]:
            findings.append(_f("A2", "warn", say("ethics", "A2", col=col, target=target, stat=stat, value=value,
                                                 note=note),
                               statistic=stat, value=value, threshold=th["A2_warn"], columns=[col],
                               fix=say("ethics", "A2_fix", col=col, target=target)))
    return findings


def association(x, y, y_categorical: bool) -> tuple[str, float]:
    """Spearman for two many-valued numbers, bias-corrected Cramér's V otherwise."""
    if not y_categorical and is_numeric(x) and is_numeric(y) and x.nunique() > 10 and y.nunique() > 10:
        return "abs Spearman correlation", spearman(x, y)
    return "Cramér's V", cramers_v(x, y)


def _all_distinct(s) -> bool:
    s = s.dropna()
    return len(s) >= 20 and s.nunique() == len(s)


# ------------------------------------------------------------------ B1-B3 on a split
def check_split(train_df, test_df, target: str, key: str | None = None, date: str | None = None,
                thresholds: dict | None = None) -> list[Finding]:
    """B1 (identical rows), B2 (same entity both sides), B3 (dated data split at random)."""
    import pandas as pd

    th = resolve(thresholds)
    findings: list[Finding] = []
    if len(test_df) == 0 or len(train_df) == 0:
        return findings
    # B1: identical rows (features and target) on both sides
    common = [c for c in train_df.columns if c in test_df.columns]
    train_hash = set(pd.util.hash_pandas_object(train_df[common], index=False).tolist())
    test_hash = pd.util.hash_pandas_object(test_df[common], index=False)
    share = float(test_hash.isin(train_hash).mean())
    if share > th["B1_warn"]:
        severe = share > th["B1_block"]
        findings.append(_f("B1", "block" if severe else "warn",
                           say("ethics", "B1", share=share, rows=int(round(share * len(test_df)))),
                           statistic="share of test rows found in train", value=share,
                           threshold=th["B1_block"] if severe else th["B1_warn"], columns=[],
                           fix=say("ethics", "B1_block_fix" if severe else "B1_warn_fix")))
    # B2: the same entity on both sides
    keys = [key] if key else _entity_keys(train_df, test_df, target)
    for k in keys:
        if k not in train_df.columns or k not in test_df.columns:
            continue
        seen = set(train_df[k].dropna().tolist())
        tk = test_df[k].dropna()
        if tk.empty:
            continue
        share = float(tk.isin(seen).mean())
        if share > th["B2_block"]:
            findings.append(_f("B2", "block", say("ethics", "B2", share=share, key=k),
                               statistic="share of test keys seen in train", value=share,
                               threshold=th["B2_block"], columns=[k], fix=say("ethics", "B2_fix", key=k)))
    # B3: dated data split at random
    dates = [date] if date else [c for c in common if c != target and is_date_like(train_df[c], c)]
    for d in dates:
        if d not in train_df.columns or d not in test_df.columns:
            continue
        tr, te = _as_dates(train_df[d]).dropna(), _as_dates(test_df[d]).dropna()
        if tr.empty or te.empty:
            continue
        share = float((te < tr.max()).mean())
        if share > th["B3_block"]:
            findings.append(_f("B3", "block", say("ethics", "B3", share=share, date=d),
                               statistic="share of test rows dated before the last train date", value=share,
                               threshold=th["B3_block"], columns=[d], fix=say("ethics", "B3_fix", date=d)))
    return findings


def _entity_keys(train_df, test_df, target: str) -> list[str]:
    """Id-like columns whose values repeat: an entity (customer, patient) with several rows."""
    keys = []
    for c in train_df.columns:
        if c == target or c not in test_df.columns or not is_identifier(c):
            continue
        s = train_df[c].dropna()
        if len(s) and s.nunique() < len(s) and not str(s.dtype).startswith("float"):
            keys.append(c)
    return keys


# ------------------------------------------------------------------ B4, B5
def check_pps_change(train_df, test_df, target: str, features: list[str], task: str = "auto",
                     thresholds: dict | None = None) -> list[Finding]:
    """B4: a feature predictive in train but not in test (PPS(train) - PPS(test)).

    Skipped when either side has fewer than B4_MIN_ROWS rows. A feature whose training PPS is below
    every B4 threshold cannot fire, so its test PPS is not computed: at most two PPS per feature.
    """
    th = resolve(thresholds)
    findings: list[Finding] = []
    if min(len(train_df), len(test_df)) < B4_MIN_ROWS:
        return findings
    if task in (None, "", "auto"):
        task = infer_task(train_df[target])
    for col in features:
        if col == target or col not in train_df.columns or col not in test_df.columns:
            continue
        p_train = pps(train_df[col], train_df[target], task)
        if p_train < min(th["B4_warn"], th["B4_block"], th["B4_train_warn"]):
            continue  # PPS(test) >= 0, so the difference cannot reach a threshold either
        p_test = pps(test_df[col], test_df[target], task)
        diff = p_train - p_test
        if diff >= th["B4_block"]:
            severity, limit = "block", th["B4_block"]
        elif diff >= th["B4_warn"]:
            severity, limit = "warn", th["B4_warn"]
        elif p_train >= th["B4_train_warn"]:
            findings.append(_f("B4", "warn", say("ethics", "B4_strong", col=col, target=target, train=p_train,
                                                 test=p_test),
                               statistic="PPS(train)", value=p_train, threshold=th["B4_train_warn"],
                               columns=[col], fix=say("ethics", "B4_strong_fix", col=col)))
            continue
        else:
            continue
        findings.append(_f("B4", severity, say("ethics", "B4", col=col, target=target, train=p_train, test=p_test),
                           statistic="PPS(train) - PPS(test)", value=diff, threshold=limit, columns=[col],
                           fix=say("ethics", "B4_block_fix" if severity == "block" else "B4_warn_fix", col=col)))
    return findings


def check_batch_dependence(predict_fn: Callable[[Any], Any], X, max_rows: int = B5_MAX_ROWS,
                           single_rows: int | None = None) -> list[Finding]:
    """B5: predictions on a batch of the first `max_rows` rows must equal those made one row at a time.

    `single_rows` (default: all of the batch) bounds the one-at-a-time calls, the cost of the check.
    `predict_fn` may return one value per row or a row of values (class probabilities).
    """
    import numpy as np

    rows = X.iloc[:max_rows] if hasattr(X, "iloc") else X[:max_rows]
    if len(rows) == 0:
        return []
    singles = len(rows) if single_rows is None else min(single_rows, len(rows))
    batch = np.asarray(predict_fn(rows)).reshape(len(rows), -1)[:singles]
    single = np.concatenate([np.asarray(predict_fn(rows.iloc[i:i + 1] if hasattr(rows, "iloc") else rows[i:i + 1]))
                             .reshape(1, -1) for i in range(singles)])
    same = None
    if batch.dtype.kind in "fc" or single.dtype.kind in "fc":
        try:
            same = np.isclose(batch.astype(float), single.astype(float), rtol=1e-6, atol=1e-9, equal_nan=False)
        except (TypeError, ValueError):
            same = None
    if same is None:
        same = batch == single
    mismatches = int((~np.asarray(same, dtype=bool)).any(axis=1).sum())
    if mismatches == 0:
        return []
    return [_f("B5", "block", say("ethics", "B5", mismatches=mismatches, singles=singles, rows=len(rows)),
               statistic="mismatched predictions (batch vs single rows)", value=float(mismatches), threshold=0.0,
               columns=[], fix=say("ethics", "B5_fix"))]
