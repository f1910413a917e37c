"""Fairness checks: protected attributes (C1), proxies (C2) and a model's outcomes by group (C3-C5).

The messages say what a number means ("group B is selected at 0.48 times the rate of group A"); they
never call people or data "unfair". Groups with fewer than 20 rows are reported as too small to judge.
"""

from __future__ import annotations

from typing import Any, Iterable

from dsagent.ethics.stats import cramers_v
from dsagent.ethics.thresholds import SOURCES, resolve
from dsagent.ethics.finding import Finding
from dsagent.render.values import number
from dsagent.words.data import word_set
from dsagent.words.language import named, say
from dsagent.words.names import protected_attribute
from dsagent.words.text import words_of

_SEX_VALUES = {"m", "f", "male", "female", "man", "woman", "men", "women", "hombre", "mujer", "varon", "masculino",
               "femenino", "h", "non-binary", "nonbinary", "no binario", "other", "otro", "otra", "x"}


def attribute_named(attr: str) -> str:
    """A protected attribute ('sex') as the answer's language names it ('sexo'); the JSON keeps the English."""
    return named("ethics", "attributes", attr)


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
            findings.append(_f("C1", "warn", say("ethics", "C1_feature", col=col, attr=attribute_named(attr)),
                               statistic="protected attribute used as a feature", columns=[col],
                               fix=say("ethics", "C1_feature_fix", col=col)))
        else:
            findings.append(_f("C1", "info", say("ethics", "C1_present", col=col, attr=attribute_named(attr)),
                               statistic="protected attribute present",
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
                fix = say("ethics", "C2_block_fix", col=col)
            elif v >= th["C2_warn"]:
                severity, limit = "warn", th["C2_warn"]
                fix = say("ethics", "C2_warn_fix", col=col, protected=p_col)
            else:
                continue
            said = say("ethics", "C2", col=col, protected=p_col, attr=attribute_named(protected[p_col]), value=v)
            findings.append(_f("C2", severity, said, statistic="Cramér's V", value=v,
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


MAX_OVR_CLASSES = 6  # one-vs-rest rates shown for at most this many classes (the most frequent)
# Regression: the gap between the largest and smallest mean residual of the groups, as a share of the
# mean absolute error. Below a quarter it is within the noise of a few hundred test rows per group.
RESIDUAL_WARN = 0.25


def _in_their_order(labels, groups):
    """Group labels that keep the order `groups` has as a categorical (age bands: '<25' before '25-34',
    '65+' last), as a sorted text order would not; other labels stay text, grouped in sorted order."""
    import pandas as pd

    categories = getattr(getattr(groups, "dtype", None), "categories", None)
    if categories is None:
        return labels
    present = set(labels)
    order = [str(c) for c in categories if str(c) in present]
    order += sorted(present - set(order))
    return pd.Categorical(labels, categories=order, ordered=True)


def check_model_fairness(y_true, y_pred, groups, task: str = "classification", positive: Any = None,
                         thresholds: dict | None = None, name: str = "group") -> tuple[list[Finding], dict]:
    """C3 (selection rates), C4 (error rates), C5 (a group served worse). Returns findings, per-group metrics.

    task: classification (binary, or multiclass when no positive class is given and there are more than two
    labels), multiclass, or regression. Multiclass groups get accuracy, macro-F1 and one-vs-rest selection,
    true- and false-positive rates per class (C3/C4 judged on the class with the widest gap); regression
    groups get the mean absolute error and the mean residual (prediction - actual: over- or under-prediction).
    """
    import numpy as np
    import pandas as pd

    th = resolve(thresholds)
    min_n = int(th["C_min_group"])
    frame = pd.DataFrame({"y": list(y_true), "p": list(y_pred), "g": list(groups)}).dropna(subset=["g"])
    frame["g"] = _in_their_order(frame["g"].astype(str), groups)
    findings: list[Finding] = []
    metrics: dict[str, dict[str, float]] = {}
    if frame.empty:
        return findings, metrics
    classification = task != "regression"
    multiclass = task == "multiclass" or (
        classification and positive is None and len(set(frame["y"].tolist()) | set(frame["p"].tolist())) > 2)
    if multiclass:
        return _multiclass_fairness(frame, th, min_n, name)
    if classification:
        if positive is None:
            positive = _default_positive(frame["y"].tolist() + frame["p"].tolist())
        yt = frame["y"] == positive
        yp = frame["p"] == positive
        overall = float((frame["y"] == frame["p"]).mean())
        metric_name = "accuracy"
    else:
        residual = pd.to_numeric(frame["p"], errors="coerce") - pd.to_numeric(frame["y"], errors="coerce")
        err = residual.abs()
        overall = float(err.mean())
        metric_name = "mean absolute error"
    small: list[str] = []
    for g, idx in frame.groupby("g", observed=True).groups.items():
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
            m["mean_residual"] = float(residual.loc[idx].mean())
        m["too_small"] = float(n < min_n)
        metrics[str(g)] = m
        if n < min_n:
            small.append(str(g))
    cols = [name] if name != "group" else []
    name = say("ethics", "group_name") if name == "group" else name  # as the message names it
    judged = {g: m for g, m in metrics.items() if g not in small}
    if small:
        findings.append(_small_groups(small, min_n, name))
    if len(judged) < 2:
        return findings, metrics

    if classification:
        rates = {g: m["selection_rate"] for g, m in judged.items()}
        findings += _parity(rates, th, name, cols, f"'{positive}'")  # a value, the same in every language
        findings += _odds({g: m["tpr"] for g, m in judged.items()}, {g: m["fpr"] for g, m in judged.items()},
                          th, name, cols, "")
    else:
        findings += _residual_bias(judged, overall, th, name, cols)
    findings += _served_worse(judged, overall, th, name, cols, classification, metric_name)
    return findings, metrics


def _small_groups(small: list[str], min_n: int, name: str) -> Finding:
    return _f("C5", "info", say("ethics", "C5_small", n=len(small), name=name, groups=", ".join(small[:5]),
                                min_n=min_n), statistic="rows in group", threshold=float(min_n),
              columns=[], fix=say("ethics", "C5_small_fix"))


def _parity(rates: dict[str, float], th: dict, name: str, cols: list[str], what: str) -> list[Finding]:
    """C3 on selection rates by group (`what`: the predicted class, quoted)."""
    hi_g, lo_g = max(rates, key=rates.get), min(rates, key=rates.get)
    hi, lo = rates[hi_g], rates[lo_g]
    diff = hi - lo
    ratio = lo / hi if hi > 0 else 1.0
    if not (diff > th["C3_diff_block"] or ratio < th["C3_ratio_warn"] or diff > th["C3_diff_warn"]):
        return []
    severity = "block" if diff > th["C3_diff_block"] else "warn"
    return [_f("C3", severity, say("ethics", "C3", name=name, low_group=lo_g, high_group=hi_g, ratio=ratio, low=lo,
                                   high=hi, what=what, diff=diff),
               statistic="demographic parity ratio (difference)", value=ratio,
               threshold=th["C3_ratio_warn"], columns=cols, fix=say("ethics", "C3_fix"))]


def _odds(tpr: dict[str, float], fpr: dict[str, float], th: dict, name: str, cols: list[str],
          of: str) -> list[Finding]:
    """C4: the equalized-odds difference over groups (`of`: ' for class X' in multiclass)."""
    import numpy as np

    tprs = [v for v in tpr.values() if not np.isnan(v)]
    fprs = [v for v in fpr.values() if not np.isnan(v)]
    gap_t = max(tprs) - min(tprs) if len(tprs) >= 2 else 0.0
    gap_f = max(fprs) - min(fprs) if len(fprs) >= 2 else 0.0
    eod = max(gap_t, gap_f)
    if eod <= th["C4_warn"]:
        return []
    severity = "block" if eod > th["C4_block"] else "warn"
    which = "true_positive" if gap_t >= gap_f else "false_positive"
    shown = tpr if which == "true_positive" else fpr
    per = ", ".join(f"'{g}' {v:.1%}" for g, v in shown.items() if not np.isnan(v))
    return [_f("C4", severity, say("ethics", "C4", name=name, of=of, which=say("ethics", which), eod=eod, per=per),
               statistic="equalized-odds difference", value=eod,
               threshold=th["C4_block"] if severity == "block" else th["C4_warn"], columns=cols,
               fix=say("ethics", "C4_fix"))]


def _served_worse(judged: dict, overall: float, th: dict, name: str, cols: list[str], classification: bool,
                  metric_name: str) -> list[Finding]:
    """C5: a group whose accuracy (or mean absolute error) is much worse than all rows'."""
    findings = []
    for g, m in judged.items():
        if classification:
            gap = (m["accuracy"] - overall) / overall if overall else 0.0
            shown = say("ethics", "C5_accuracy", value=m["accuracy"], overall=overall)
        else:
            gap = -(m["mae"] - overall) / overall if overall else 0.0
            shown = say("ethics", "C5_mae", value=number(m["mae"]), overall=number(overall))
        if gap <= th["C5_warn"]:
            severity = "block" if gap <= th["C5_block"] else "warn"
            findings.append(_f("C5", severity, say("ethics", "C5", gap=abs(gap), name=name, group=g, shown=shown),
                               statistic=f"relative {metric_name} gap vs all", value=gap,
                               threshold=th["C5_block"] if severity == "block" else th["C5_warn"], columns=cols,
                               fix=say("ethics", "C5_fix", name=name, group=g)))
    return findings


def _signed(value: float) -> str:
    """A mean residual with its sign: +2,310.5, -840.2."""
    return ("+" if value > 0 else "") + number(value)


def _residual_bias(judged: dict, overall_mae: float, th: dict, name: str, cols: list[str]) -> list[Finding]:
    """C5 (regression): one group over-predicted and another under-predicted by a tenth of the error or more.

    A model can have the same error for two groups while over-estimating one and under-estimating the
    other (salaries of women predicted too high, men's too low): the mean residual shows the direction.
    """
    res = {g: m["mean_residual"] for g, m in judged.items()}
    hi_g, lo_g = max(res, key=res.get), min(res, key=res.get)
    gap = res[hi_g] - res[lo_g]
    scale = overall_mae or 1.0
    if gap / scale <= RESIDUAL_WARN:
        return []
    severity = "warn"  # a direction of error, not a measure of harm by itself: never withholds the model
    message = say("ethics", "C5_residual", name=name, high_group=hi_g, high=_signed(res[hi_g]), low_group=lo_g,
                  low=_signed(res[lo_g]), gap=number(gap), share=gap / scale)
    return [_f("C5", severity, message, statistic="mean residual gap / MAE", value=gap / scale,
               threshold=RESIDUAL_WARN, columns=cols, fix=say("ethics", "C5_residual_fix", high_group=hi_g, low_group=lo_g))]


def _multiclass_fairness(frame, th: dict, min_n: int, name: str) -> tuple[list[Finding], dict]:
    """Per group: accuracy, macro-F1 and one-vs-rest selection/true-/false-positive rates per class."""
    from sklearn.metrics import f1_score

    labels = frame["y"].astype(str)
    preds = frame["p"].astype(str)
    classes = labels.value_counts().index.tolist()[:MAX_OVR_CLASSES]
    everything = sorted(set(labels) | set(preds))
    overall = float((labels == preds).mean())
    metrics: dict[str, dict[str, float]] = {}
    small: list[str] = []
    for g, idx in frame.groupby("g", observed=True).groups.items():
        y, p = labels.loc[idx], preds.loc[idx]
        m: dict[str, float] = {"n": float(len(idx)), "accuracy": float((y == p).mean()),
                               "macro_f1": float(f1_score(y, p, labels=everything, average="macro", zero_division=0))}
        for c in classes:
            t, s = y == c, p == c
            m[f"selection_rate {c}"] = float(s.mean())
            m[f"tpr {c}"] = float(s[t].mean()) if t.any() else float("nan")
            m[f"fpr {c}"] = float(s[~t].mean()) if (~t).any() else float("nan")
        m["too_small"] = float(len(idx) < min_n)
        metrics[str(g)] = m
        if len(idx) < min_n:
            small.append(str(g))
    cols = [name] if name != "group" else []
    name = say("ethics", "group_name") if name == "group" else name  # as the message names it
    findings: list[Finding] = [_small_groups(small, min_n, name)] if small else []
    judged = {g: m for g, m in metrics.items() if g not in small}
    if len(judged) < 2:
        return findings, metrics
    # the class whose selection rate differs most between groups is the one a reader must see
    def spread(key: str) -> float:
        import numpy as np

        vals = [m[key] for m in judged.values() if not np.isnan(m[key])]
        return max(vals) - min(vals) if len(vals) >= 2 else 0.0

    worst_sel = max(classes, key=lambda c: spread(f"selection_rate {c}"))
    findings += _parity({g: m[f"selection_rate {worst_sel}"] for g, m in judged.items()}, th, name, cols,
                        say("ethics", "one_vs_rest_class", value=worst_sel))
    worst_odds = max(classes, key=lambda c: max(spread(f"tpr {c}"), spread(f"fpr {c}")))
    findings += _odds({g: m[f"tpr {worst_odds}"] for g, m in judged.items()},
                      {g: m[f"fpr {worst_odds}"] for g, m in judged.items()}, th, name, cols,
                      say("ethics", "for_class", value=worst_odds))
    findings += _served_worse(judged, overall, th, name, cols, True, "accuracy")
    return findings, metrics
