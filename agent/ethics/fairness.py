"""Fairness checks: protected attributes (C1), proxies (C2) and a model's outcomes by group (C3-C5).

The messages say what a number means ("group B is selected at 0.48 times the rate of group A"); they
never call people or data "unfair". Groups with fewer than 20 rows are reported as too small to judge.
"""

from __future__ import annotations

from typing import Any, Iterable

from dsagent.ethics.stats import cramers_v
from dsagent.ethics.thresholds import SOURCES, resolve
from dsagent.ethics.finding import Finding
from dsagent.words.data import word_set
from dsagent.words.names import protected_attribute
from dsagent.words.text import words_of

_SEX_VALUES = {"m", "f", "male", "female", "man", "woman", "men", "women", "hombre", "mujer", "varon", "masculino",
               "femenino", "h", "non-binary", "nonbinary", "no binario", "other", "otro", "otra", "x"}


def attribute_of(name: str) -> str | None:
    """The protected attribute a column name stands for, or None (the rule is the shared vocabulary's)."""
    return protected_attribute(name)


def protected_columns(df_or_columns: Any, rows: list[list[Any]] | None = None) -> dict[str, str]:
    """Protected attributes in a table, by column name (EN/ES) and, for a frame or with `rows`, by
    values (sex codes; race or ethnicity categories)."""
    columns = list(df_or_columns.columns) if hasattr(df_or_columns, "columns") else list(df_or_columns)
    found: dict[str, str] = {}
    for col in columns:
        attr = attribute_of(str(col))
        if attr:
            found[str(col)] = attr
    for i, col in enumerate(columns):
        if str(col) in found:
            continue
        if hasattr(df_or_columns, "columns"):
            values = df_or_columns[col].dropna()
            if values.empty or values.dtype.kind in "fiub":
                continue
            distinct = list(values.astype(str).unique()[:20])
        elif rows:
            cells = [r[i] for r in rows[:200] if i < len(r) and r[i] is not None]
            if not cells or not all(isinstance(v, str) for v in cells):
                continue
            distinct = list(dict.fromkeys(cells))[:20]
        else:
            continue
        attr = attribute_of_values(distinct)
        if attr:
            found[str(col)] = attr
    return found


def attribute_of_values(distinct: list[str]) -> str | None:
    """'sex' for male/female codes, 'race/ethnicity' for white/black/asian/hispanic categories, or None."""
    folded = {" ".join(words_of(v)) for v in distinct}
    if 2 <= len(folded) <= 4 and folded <= _SEX_VALUES and folded & {"male", "female", "hombre", "mujer",
                                                                     "masculino", "femenino"}:
        return "sex"
    race, colours = word_set("names", "race_values"), word_set("names", "race_values_colour")
    hits = folded & race
    if 2 <= len(folded) <= 12 and len(hits) >= 2 and hits - colours and len(hits) * 2 >= len(folded):
        return "race/ethnicity"
    return None


def _f(id_: str, severity: str, message: str, **kw: Any) -> Finding:
    return Finding(id=id_, severity=severity, message=message, source=SOURCES.get(id_), **kw)


def check_proxies(df, features: list[str], protected: dict[str, str] | Iterable[str],
                  thresholds: dict | None = None) -> list[Finding]:
    """C1 (protected attribute present or used as a feature) and C2 (a feature that stands in for one)."""
    th = resolve(thresholds)
    protected = dict(protected) if isinstance(protected, dict) else {c: attribute_of(c) or "protected" for c in protected}
    findings: list[Finding] = []
    for col, attr in protected.items():
        if col in features:
            findings.append(_f("C1", "warn", f"'{col}' ({attr}) is used as a feature, so predictions depend "
                               f"directly on it.", statistic="protected attribute used as a feature", columns=[col],
                               fix=f"Leave '{col}' out unless using it is lawful and intended; keep it to "
                                   f"check outcomes by group."))
        else:
            findings.append(_f("C1", "info", f"'{col}' ({attr}) is in the data but not a feature; it is used "
                               f"to compare outcomes by group.", statistic="protected attribute present",
                               columns=[col]))
    for p_col in protected:
        if p_col not in df.columns:
            continue
        for col in features:
            if col == p_col or col in protected or col not in df.columns:
                continue
            v = cramers_v(df[col], df[p_col])
            if v >= th["C2_block"]:
                severity, limit = "block", th["C2_block"]
                fix = f"Dropped '{col}'. Override with --allow C2 if it is needed and lawful."
            elif v >= th["C2_warn"]:
                severity, limit = "warn", th["C2_warn"]
                fix = f"Check whether '{col}' should be used; compare outcomes by '{p_col}'."
            else:
                continue
            findings.append(_f("C2", severity, f"'{col}' is closely associated with '{p_col}' "
                               f"({protected[p_col]}), Cramér's V {v:.2f}: a model can use it to stand in for "
                               f"'{p_col}' even when '{p_col}' is left out.", statistic="Cramér's V", value=v,
                               threshold=limit, columns=[col, p_col], fix=fix))
    return findings


# ------------------------------------------------------------------ C3-C5 on predictions
def _default_positive(values) -> Any:
    uniq = list(dict.fromkeys(values))
    for candidate in (1, True, "1", "yes", "Yes", "si", "sí", "true", "True", "approved", "positive"):
        if candidate in uniq:
            return candidate
    if len(uniq) == 2:
        import collections

        counts = collections.Counter(values)
        return min(uniq, key=lambda v: (counts[v], str(v)))  # the rarer class
    return None


def check_model_fairness(y_true, y_pred, groups, task: str = "classification", positive: Any = None,
                         thresholds: dict | None = None, name: str = "group") -> tuple[list[Finding], dict]:
    """C3 (selection rates), C4 (error rates), C5 (a group served worse). Returns findings, per-group metrics."""
    import numpy as np
    import pandas as pd

    th = resolve(thresholds)
    min_n = int(th["C_min_group"])
    frame = pd.DataFrame({"y": list(y_true), "p": list(y_pred), "g": list(groups)}).dropna(subset=["g"])
    frame["g"] = frame["g"].astype(str)
    findings: list[Finding] = []
    metrics: dict[str, dict[str, float]] = {}
    if frame.empty:
        return findings, metrics
    classification = task != "regression"
    if classification:
        if positive is None:
            positive = _default_positive(frame["y"].tolist() + frame["p"].tolist())
        yt = frame["y"] == positive
        yp = frame["p"] == positive
        overall = float((frame["y"] == frame["p"]).mean())
        metric_name = "accuracy"
    else:
        err = (pd.to_numeric(frame["y"], errors="coerce") - pd.to_numeric(frame["p"], errors="coerce")).abs()
        overall = float(err.mean())
        metric_name = "mean absolute error"
    small: list[str] = []
    for g, idx in frame.groupby("g").groups.items():
        n = len(idx)
        m: dict[str, float] = {"n": float(n)}
        if classification:
            t, p = yt.loc[idx], yp.loc[idx]
            m["selection_rate"] = float(p.mean())
            m["accuracy"] = float((frame.loc[idx, "y"] == frame.loc[idx, "p"]).mean())
            m["tpr"] = float(p[t].mean()) if t.any() else float("nan")
            m["fpr"] = float(p[~t].mean()) if (~t).any() else float("nan")
        else:
            m["mae"] = float(err.loc[idx].mean())
        m["too_small"] = float(n < min_n)
        metrics[str(g)] = m
        if n < min_n:
            small.append(str(g))
    cols = [name] if name != "group" else []
    judged = {g: m for g, m in metrics.items() if g not in small}
    if small:
        findings.append(_f("C5", "info", f"{len(small)} {name} value(s) ({', '.join(small[:5])}) have fewer than "
                           f"{min_n} rows: too small to judge.", statistic="rows in group", threshold=float(min_n),
                           columns=[], fix="Collect more rows for these groups before comparing them."))
    if len(judged) < 2:
        return findings, metrics

    if classification:
        rates = {g: m["selection_rate"] for g, m in judged.items()}
        hi_g, lo_g = max(rates, key=rates.get), min(rates, key=rates.get)
        hi, lo = rates[hi_g], rates[lo_g]
        diff = hi - lo
        ratio = lo / hi if hi > 0 else 1.0
        if diff > th["C3_diff_block"] or ratio < th["C3_ratio_warn"] or diff > th["C3_diff_warn"]:
            severity = "block" if diff > th["C3_diff_block"] else "warn"
            findings.append(_f("C3", severity, f"The model selects {name} '{lo_g}' at {ratio:.2f} times the rate of "
                               f"{name} '{hi_g}' ({lo:.1%} vs {hi:.1%} predicted '{positive}', a difference of "
                               f"{diff:.2f}).", statistic="demographic parity ratio (difference)", value=ratio,
                               threshold=th["C3_ratio_warn"], columns=cols,
                               fix="Check whether the difference is justified by the data; compare with the "
                                   "actual rates by group, and consider leaving out proxies of the group."))
        tprs = [m["tpr"] for m in judged.values() if not np.isnan(m["tpr"])]
        fprs = [m["fpr"] for m in judged.values() if not np.isnan(m["fpr"])]
        gap_t = max(tprs) - min(tprs) if len(tprs) >= 2 else 0.0
        gap_f = max(fprs) - min(fprs) if len(fprs) >= 2 else 0.0
        eod = max(gap_t, gap_f)
        if eod > th["C4_warn"]:
            severity = "block" if eod > th["C4_block"] else "warn"
            which = "true-positive" if gap_t >= gap_f else "false-positive"
            per = ", ".join(f"'{g}' {m['tpr' if which == 'true-positive' else 'fpr']:.1%}" for g, m in judged.items())
            findings.append(_f("C4", severity, f"Error rates differ by {name}: the {which} rate ranges over "
                               f"{eod:.2f} ({per}).", statistic="equalized-odds difference", value=eod,
                               threshold=th["C4_block"] if severity == "block" else th["C4_warn"], columns=cols,
                               fix="Inspect the groups with the most errors; more or better data for them, or "
                                   "per-group thresholds, can narrow the gap."))
    for g, m in judged.items():
        if classification:
            gap = (m["accuracy"] - overall) / overall if overall else 0.0
            shown = f"accuracy {m['accuracy']:.1%} vs {overall:.1%} overall"
        else:
            gap = -(m["mae"] - overall) / overall if overall else 0.0
            shown = f"mean absolute error {m['mae']:.4g} vs {overall:.4g} overall"
        if gap <= th["C5_warn"]:
            severity = "block" if gap <= th["C5_block"] else "warn"
            findings.append(_f("C5", severity, f"The model does {abs(gap):.0%} worse for {name} '{g}' than for all "
                               f"rows ({shown}).", statistic=f"relative {metric_name} gap vs all", value=gap,
                               threshold=th["C5_block"] if severity == "block" else th["C5_warn"], columns=cols,
                               fix=f"Look at the rows of {name} '{g}': more data, or features that describe them "
                                   f"better, usually help."))
    return findings, metrics
