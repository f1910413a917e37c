"""What a synthetic table keeps beyond each column alone: relationships, usefulness, indistinguishability.

- **relationships**: every pair of synthesised columns, by the pair's types — number-number: Spearman
  correlation; number-category: the correlation ratio (eta: how much of the number's spread the classes
  explain) and, for the class whose mean moved most, both means; category-category: Cramér's V and the
  contingency similarity (1 - total-variation distance of the two-way table, SDMetrics' measure).
  A pair scores 1 - |real - synthetic| (1 - TVD for category pairs); relationships the real data holds
  (strength >= STRONG) are the ones a reader relies on, and the worst of them is reported by name.
- **utility**: train on synthetic, test on real (TSTR) against train on real, test on real (TRTR), with the
  same scikit-learn model and the same held-out real rows, for the columns that the other columns predict
  best on real data. Score = (TSTR - chance) / (TRTR - chance), clipped to [0, 1].
- **detection**: a gradient-boosting classifier told to separate real from synthetic rows (cross-validated
  ROC AUC); score = 1 - 2 * (AUC - 0.5): 1 when it cannot tell them apart, 0 when it always can.

Every computation is bounded: at most MAX_ROWS rows a side, MAX_PAIR_COLUMNS columns for pairs,
every column screened as a utility target by a quick fit, MAX_TARGETS compared in full, one thread.
"""

from __future__ import annotations

from typing import Any

from dsagent.words.language import say

MAX_ROWS = 5_000  # rows a side for utility and detection (a seeded sample above)
MAX_PAIR_COLUMNS = 40  # pairs of at most this many columns (780 pairs)
MAX_TARGETS = 3  # utility: the most predictable columns, at most this many
SCREEN_ITER, SCREEN_ROWS = 15, 1_500  # the quick fit that ranks every column as a utility target
MAX_CLASSES = 20  # a category target with more classes is not used for utility
STRONG = 0.3  # a relationship at least this strong in the real data is one a reader relies on
MIN_CLASS_ROWS = 20  # per-class means are compared only for classes with this many real rows
NUMERIC = ("number", "integer", "date", "datetime")


def _numbers(series, kind: str):
    from dsagent.tools.synth.report import _numeric

    return _numeric(series, kind)


def _labels(series):
    return series.astype(object).where(series.notna(), "∅").astype(str)


def _spearman(a, b) -> float | None:
    import numpy as np
    import pandas as pd

    ok = ~(np.isnan(a) | np.isnan(b))
    if ok.sum() < 5 or np.nanstd(a[ok]) == 0 or np.nanstd(b[ok]) == 0:
        return None
    return float(pd.Series(a[ok]).rank().corr(pd.Series(b[ok]).rank()))


def _eta(x, labels) -> float | None:
    """Correlation ratio: sqrt(between-class variance / total variance) of a number over classes."""
    import numpy as np
    import pandas as pd

    ok = ~np.isnan(x)
    if ok.sum() < 5:
        return None
    frame = pd.DataFrame({"x": x[ok], "g": labels.to_numpy()[ok]})
    total = float(((frame["x"] - frame["x"].mean()) ** 2).sum())
    if total == 0:
        return None
    stats = frame.groupby("g")["x"].agg(["mean", "count"])
    between = float((stats["count"] * (stats["mean"] - frame["x"].mean()) ** 2).sum())
    return float(np.sqrt(between / total))


def _cramers_v(a, b) -> float:
    from dsagent.ethics.stats import cramers_v

    return float(cramers_v(a, b))


def _contingency_similarity(ra, rb, sa, sb) -> float:
    import pandas as pd

    p = pd.crosstab(ra, rb, normalize=True).stack()
    q = pd.crosstab(sa, sb, normalize=True).stack()
    return float(1 - 0.5 * p.sub(q, fill_value=0).abs().sum())


def _class_means(x_real, l_real, x_syn, l_syn) -> dict[str, Any] | None:
    """The class whose mean of the number moved most (in real standard deviations), with both means."""
    import numpy as np
    import pandas as pd

    sd = float(np.nanstd(x_real)) or 1.0
    r = pd.DataFrame({"x": x_real, "g": l_real.to_numpy()}).dropna().groupby("g")["x"].agg(["mean", "count"])
    s = pd.DataFrame({"x": x_syn, "g": l_syn.to_numpy()}).dropna().groupby("g")["x"].mean()
    worst, worst_shift = None, -1.0
    for g, row in r.iterrows():
        if row["count"] < MIN_CLASS_ROWS:
            continue
        synth = s.get(g)
        shift = abs(float(synth) - float(row["mean"])) / sd if synth is not None else float("inf")
        if shift > worst_shift:
            worst_shift = shift
            worst = {"class": str(g), "real_mean": round(float(row["mean"]), 4),
                     "synthetic_mean": None if synth is None else round(float(synth), 4),
                     "shift_sd": None if synth is None else round(shift, 3)}  # None: class absent
    return worst


def relationships(real, synth, kinds: dict[str, str]) -> dict[str, Any]:
    """Every pair of columns, by type: {'pairs': [...worst first], 'score', 'strong_pairs', 'worst_strong'}."""
    import numpy as np

    cols = [c for c, k in kinds.items() if (k in NUMERIC or k == "category") and c in synth.columns][:MAX_PAIR_COLUMNS]
    real_num = {c: _numbers(real[c], kinds[c]) for c in cols if kinds[c] in NUMERIC}
    syn_num = {c: _numbers(synth[c], kinds[c]) for c in cols if kinds[c] in NUMERIC}
    real_lab = {c: _labels(real[c]) for c in cols if kinds[c] == "category"}
    syn_lab = {c: _labels(synth[c]) for c in cols if kinds[c] == "category"}
    pairs = []
    for i, a in enumerate(cols):
        for b in cols[i + 1:]:
            ka, kb = kinds[a] in NUMERIC, kinds[b] in NUMERIC
            entry: dict[str, Any] = {"columns": [a, b]}
            if ka and kb:
                r, s = _spearman(real_num[a], real_num[b]), _spearman(syn_num[a], syn_num[b])
                if r is None or s is None:
                    continue
                entry.update(metric="spearman", real=r, synthetic=s, score=1 - abs(r - s) / 2, strength=abs(r))
            elif ka or kb:
                num, cat = (a, b) if ka else (b, a)
                r, s = _eta(real_num[num], real_lab[cat]), _eta(syn_num[num], syn_lab[cat])
                if r is None or s is None:
                    continue
                entry.update(metric="correlation ratio", real=r, synthetic=s, score=1 - abs(r - s), strength=r)
                means = _class_means(real_num[num], real_lab[cat], syn_num[num], syn_lab[cat])
                if means:
                    entry["class_means"] = {"number": num, "category": cat, **means}
            else:
                r, s = _cramers_v(real_lab[a], real_lab[b]), _cramers_v(syn_lab[a], syn_lab[b])
                cs = _contingency_similarity(real_lab[a], real_lab[b], syn_lab[a], syn_lab[b])
                entry.update(metric="cramers_v", real=r, synthetic=s, contingency_similarity=round(cs, 4),
                             score=min(cs, 1 - abs(r - s)), strength=r)
            for key in ("real", "synthetic", "score", "strength"):
                entry[key] = round(float(entry[key]), 4)
            pairs.append(entry)
    pairs.sort(key=lambda e: e["score"])
    strong = [e for e in pairs if e["strength"] >= STRONG]
    # how much of each strong relationship survives: 0.97 -> 0.60 in AUC terms is a loss of most of it
    for e in strong:
        e["kept"] = round(_kept(e), 4)
    out: dict[str, Any] = {"pairs": pairs, "score": round(float(np.mean([e["score"] for e in pairs])), 4)
                           if pairs else None, "strong_pairs": len(strong)}
    if strong:
        worst = min(strong, key=lambda e: e["kept"])
        out["worst_strong"] = worst
        out["strong_kept"] = worst["kept"]
    return out


def _kept(e: dict[str, Any]) -> float:
    """Share of a real relationship's strength the synthetic data keeps (same sign for correlations)."""
    r, s = e["real"], e["synthetic"]
    return max(0.0, min(1.0, s / r)) if r else 1.0


# ------------------------------------------------------------------ utility and detection
def _designs(ref, frames: list, kinds: dict[str, str], columns: list[str]) -> list:
    """Numeric design matrices of several frames on one encoding (category codes from `ref`; unseen: NaN)."""
    import numpy as np

    parts: list[list] = [[] for _ in frames]
    for c in columns:
        if kinds[c] in NUMERIC:
            for i, f in enumerate(frames):
                parts[i].append(_numbers(f[c], kinds[c]))
        else:
            codes = {v: i for i, v in enumerate(sorted(set(_labels(ref[c]))))}
            for i, f in enumerate(frames):
                parts[i].append(_labels(f[c]).map(codes).astype("float64").to_numpy())
    return [np.column_stack(p) if p else np.zeros((len(f), 0)) for p, f in zip(parts, frames)]


def _design(real, synth, kinds: dict[str, str], columns: list[str]):
    """Design matrices of the real and synthetic rows on the real rows' encoding."""
    return tuple(_designs(real, [real, synth], kinds, columns))


def _sample(frame, n: int, rng):
    if len(frame) <= n:
        return frame.reset_index(drop=True)
    return frame.iloc[rng.choice(len(frame), n, replace=False)].reset_index(drop=True)


def _model(classify: bool, seed: int, iterations: int = 50):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    cls = HistGradientBoostingClassifier if classify else HistGradientBoostingRegressor
    return cls(max_iter=iterations, random_state=seed)


def _score(classify: bool, y_true, pred) -> float:
    from sklearn.metrics import balanced_accuracy_score, r2_score

    return float(balanced_accuracy_score(y_true, pred)) if classify else float(r2_score(y_true, pred))


def utility(real, synth, kinds: dict[str, str], seed: int = 0, prefer: str | None = None) -> dict[str, Any]:
    """TSTR vs TRTR for the most predictable columns: {'targets': [...], 'score'}."""
    import numpy as np
    import sklearn.ensemble  # noqa: F401  loaded before the limit, or its OpenMP pool escapes it (40x slower)
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(seed)
    cols = [c for c, k in kinds.items() if (k in NUMERIC or k == "category") and c in synth.columns]
    if len(cols) < 2 or len(real) < 40 or len(synth) < 20:
        return {"targets": [], "score": None, "note": say("synth", "too_few_to_train")}
    real, train, synth, test = _utility_frames(real, synth, rng)
    candidates = [t for t in cols if kinds[t] != "category" or 2 <= _labels(real[t]).nunique() <= MAX_CLASSES]
    # one encoding for the three frames (codes from the real training rows), computed once
    frames = (train, synth, test)
    designs = _designs(train, list(frames), kinds, cols)

    def arrays(t: str):
        return _target_arrays(t, kinds, cols, frames, designs)

    results = []
    with threadpool_limits(limits=1):
        for lift, t in _screened(candidates, arrays, seed, prefer)[:MAX_TARGETS + 1]:
            if lift < 0.1 and t != prefer:
                continue  # the other columns barely predict it: nothing for synthetic data to keep
            result = _compared(t, arrays(t), seed)
            if result is not None:
                results.append(result)
    results = _best_predicted(results, prefer)
    if not results:
        return {"targets": [], "score": None, "note": say("synth", "nothing_predicted")}
    return {"targets": results, "score": round(min(r["score"] for r in results), 4),
            "method": "train on synthetic, test on real (TSTR) vs train on real, test on real (TRTR); "
                      "histogram gradient boosting; 30% of the real rows held out"}


def _utility_frames(real, synth, rng):
    """(real, train, synth, test): the real rows sampled and split 70/30, the synthetic rows sampled to
    as many as the training rows. Drawn from `rng` in this order, so a seed gives the same split."""
    real = _sample(real, MAX_ROWS * 2, rng)
    synth = _sample(synth, MAX_ROWS, rng)
    order = rng.permutation(len(real))
    cut = int(len(real) * 0.7)
    train, test = real.iloc[order[:cut]].reset_index(drop=True), real.iloc[order[cut:]].reset_index(drop=True)
    return real, train, _sample(synth, len(train), rng), test


def _target_arrays(t: str, kinds: dict[str, str], cols: list[str], frames, designs):
    """(classify, chance, X_train, y_train, X_synth, y_synth, X_test, y_test) for target t, or None when a
    number target has too few known values."""
    import numpy as np

    train, synth, test = frames
    Dtr, Ds, Dte = designs
    classify = kinds[t] == "category"
    others = [i for i, c in enumerate(cols) if c != t]
    Xtr, Xs, Xte = Dtr[:, others], Ds[:, others], Dte[:, others]
    if classify:
        ytr, ys, yte = _labels(train[t]), _labels(synth[t]), _labels(test[t])
        return classify, 1 / max(ytr.nunique(), 1), Xtr, ytr, Xs, ys, Xte, yte
    j = cols.index(t)
    ytr, ys, yte = Dtr[:, j], Ds[:, j], Dte[:, j]
    ktr, ks, kte = ~np.isnan(ytr), ~np.isnan(ys), ~np.isnan(yte)
    if ktr.sum() < 20 or ks.sum() < 20 or kte.sum() < 10:
        return None
    return classify, 0.0, Xtr[ktr], ytr[ktr], Xs[ks], ys[ks], Xte[kte], yte[kte]


def _screened(candidates: list[str], arrays, seed: int, prefer: str | None) -> list[tuple[float, str]]:
    """(lift over chance, target) of every candidate, best first (`prefer` first of all).

    A small, fast model on real rows screens every candidate; the best-predicted ones (the relations
    people use) get the full comparison. Column order decides nothing."""
    screened = []
    for t in candidates:
        data = arrays(t)
        if data is None:
            continue
        classify, chance, Xtr, ytr, _, _, Xte, yte = data
        n = min(len(ytr), SCREEN_ROWS)
        quick = _score(classify, yte, _model(classify, seed, SCREEN_ITER).fit(Xtr[:n], ytr[:n]).predict(Xte))
        screened.append(((quick - chance) / (1 - chance), t))
    screened.sort(key=lambda st: (st[1] != prefer, -st[0]))
    return screened


def _compared(t: str, data, seed: int) -> dict[str, Any] | None:
    """Target t trained on real rows (TRTR) and on synthetic rows (TSTR), both tested on held-out real
    rows; None when even real rows predict it barely above chance."""
    import numpy as np

    classify, chance, Xtr, ytr, Xs, ys, Xte, yte = data
    if classify and ys.nunique() < 2:
        return {"target": t, "task": "classification", "trtr": None, "tstr": None,
                "score": 0.0, "note": say("synth", "one_class")}
    trtr = _score(classify, yte, _model(classify, seed).fit(Xtr, ytr).predict(Xte))
    if trtr - chance < 0.1:
        return None
    tstr = _score(classify, yte, _model(classify, seed).fit(Xs, ys).predict(Xte))
    return {"target": t, "task": "classification" if classify else "regression",
            "metric": "balanced accuracy" if classify else "R2", "trtr": round(trtr, 4),
            "tstr": round(tstr, 4), "chance": round(chance, 4),
            "score": round(float(np.clip((tstr - chance) / (trtr - chance), 0, 1)), 4)}


def _best_predicted(results: list[dict[str, Any]], prefer: str | None) -> list[dict[str, Any]]:
    """At most MAX_TARGETS results, `prefer` first, then the columns the others predict best (above
    chance, on one scale): the relations people use."""
    results = sorted(results, key=lambda r: -((r["trtr"] or 0) - r.get("chance", 0)) / (1 - r.get("chance", 0)))
    if prefer:
        results.sort(key=lambda r: r["target"] != prefer)
    return results[:MAX_TARGETS]


def detection(real, synth, kinds: dict[str, str], seed: int = 0) -> dict[str, Any]:
    """How well a classifier tells synthetic rows from real ones: {'auc', 'score'}."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from threadpoolctl import threadpool_limits

    cols = [c for c, k in kinds.items() if (k in NUMERIC or k == "category") and c in synth.columns]
    rng = np.random.default_rng(seed)
    n = min(len(real), len(synth), MAX_ROWS)
    if n < 20 or not cols:
        return {"auc": None, "score": None, "note": say("synth", "too_few_to_compare")}
    r, s = _sample(real, n, rng), _sample(synth, n, rng)
    Xr, Xs = _design(r, s, kinds, cols)
    X = np.vstack([Xr, Xs])
    y = np.r_[np.zeros(len(Xr)), np.ones(len(Xs))]
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score

    with threadpool_limits(limits=1):
        proba = cross_val_predict(HistGradientBoostingClassifier(max_iter=60, random_state=seed), X, y,
                                  cv=StratifiedKFold(3, shuffle=True, random_state=seed), method="predict_proba")
    auc = float(roc_auc_score(y, proba[:, 1]))
    return {"auc": round(auc, 4), "score": round(float(np.clip(1 - 2 * (max(auc, 0.5) - 0.5), 0, 1)), 4),
            "rows_per_side": n,
            "method": "histogram gradient boosting separating real from synthetic rows, 3-fold ROC AUC"}


def headline(column_score: float | None, rel: dict[str, Any], util: dict[str, Any],
             det: dict[str, Any], temporal: dict[str, Any] | None = None) -> tuple[float | None, str]:
    """The one number people read: the weakest of the parts, so it cannot be high while one of them fails."""
    parts = {"columns": column_score, "relationships": rel.get("score"), "strong relationships kept":
             rel.get("strong_kept"), "train-on-synthetic utility": util.get("score"),
             "real-vs-synthetic detection": det.get("score")}
    if temporal and temporal.get("score") is not None:
        parts["temporal structure"] = temporal["score"]
    known = {k: v for k, v in parts.items() if v is not None}
    if not known:
        return None, ""
    weakest = min(known, key=known.get)
    return round(float(known[weakest]), 4), weakest
