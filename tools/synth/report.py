"""Fidelity and privacy of a synthetic table against the real rows it imitates.

Fidelity: per column, the Kolmogorov-Smirnov statistic (numbers, dates) or the total-variation
distance (categories, missing counted as a value); and the largest absolute difference between the
real and synthetic correlation matrices of the numeric columns.
Privacy: each synthetic row's distance to the closest real record (DCR), on numbers scaled by the
real standard deviation plus one-hot categories (a category mismatch counts 1, like one standard
deviation); rows that equal a real record, or are closer than a threshold, are dropped and counted.
The default threshold is the 1st percentile of the distinct real records' distances to their nearest
other distinct record: a synthetic row closer to a real person than 99% of real people are to each
other (repeated real rows are counted once, or their zero distances would make the threshold 0).
"""

from __future__ import annotations

from typing import Any

MAX_REAL = 20_000  # real rows used as the privacy reference (a sample above this)


def fidelity(real, synth, kinds: dict[str, str], skip: set[str] | None = None) -> dict[str, Any]:
    """{'columns': {col: {'metric', 'value'}}, 'correlation_max_abs_diff', 'correlation_pair', 'score'}."""
    import numpy as np
    from scipy.stats import ks_2samp

    skip = skip or set()
    columns: dict[str, Any] = {}
    scores = []
    for c, kind in kinds.items():
        if c in skip or c not in synth.columns:
            continue
        if kind in ("number", "integer", "date", "datetime"):
            a, b = _numeric(real[c], kind), _numeric(synth[c], kind)
            a, b = a[~np.isnan(a)], b[~np.isnan(b)]
            if len(a) and len(b):
                value = float(ks_2samp(a, b).statistic)
                columns[c] = {"metric": "ks", "value": round(value, 4)}
                scores.append(1 - value)
        elif kind == "category":
            p = real[c].astype(object).where(real[c].notna(), "∅").astype(str).value_counts(normalize=True)
            q = synth[c].astype(object).where(synth[c].notna(), "∅").astype(str).value_counts(normalize=True)
            tvd = 0.5 * float(p.sub(q, fill_value=0).abs().sum())
            columns[c] = {"metric": "tvd", "value": round(tvd, 4)}
            scores.append(1 - tvd)
    numeric = [c for c, k in kinds.items() if k in ("number", "integer", "date", "datetime") and c not in skip and c in synth.columns]
    out: dict[str, Any] = {"columns": columns, "correlation_max_abs_diff": None, "correlation_pair": None}
    if len(numeric) >= 2:
        ra = np.column_stack([_numeric(real[c], kinds[c]) for c in numeric])
        sa = np.column_stack([_numeric(synth[c], kinds[c]) for c in numeric])
        rc, sc = _corr(ra), _corr(sa)
        diff = np.abs(rc - sc)
        np.fill_diagonal(diff, 0)
        diff = np.nan_to_num(diff)
        i, j = np.unravel_index(int(np.argmax(diff)), diff.shape)
        out["correlation_max_abs_diff"] = round(float(diff[i, j]), 4)
        out["correlation_pair"] = [numeric[i], numeric[j]]
        out["correlation_real"] = round(float(rc[i, j]), 4)
        out["correlation_synthetic"] = round(float(sc[i, j]), 4)
    out["score"] = round(float(np.mean(scores)), 4) if scores else None
    return out


def _numeric(series, kind: str):
    import numpy as np
    import pandas as pd

    if kind in ("date", "datetime"):
        values = pd.to_datetime(series).astype("datetime64[ns]")
        out = values.astype("int64").to_numpy(dtype="float64") / 86_400e9
        out[values.isna().to_numpy()] = np.nan
        return out
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64")


def _corr(a):
    """Pearson correlation on pairwise-complete rows."""
    import pandas as pd

    return pd.DataFrame(a).corr().to_numpy()


class Encoder:
    """Numbers scaled by the real standard deviation (missing: 0 plus a flag), categories one-hot / sqrt(2)."""

    def __init__(self, real, kinds: dict[str, str]):
        import numpy as np

        self.kinds = {c: k for c, k in kinds.items() if k in ("number", "integer", "date", "datetime", "category")}
        self.stats: dict[str, Any] = {}
        for c, k in self.kinds.items():
            if k == "category":
                self.stats[c] = sorted({_text(v) for v in real[c]})
            else:
                x = _numeric(real[c], k)
                mean = float(np.nanmean(x)) if np.isfinite(x).any() else 0.0
                sd = float(np.nanstd(x)) if np.isfinite(x).any() else 1.0
                self.stats[c] = (mean, sd if sd > 0 else 1.0, bool(np.isnan(x).any()))

    def encode(self, df):
        import numpy as np

        parts = []
        for c, k in self.kinds.items():
            if k == "category":
                cats = self.stats[c]
                pos = {v: i for i, v in enumerate(cats)}
                onehot = np.zeros((len(df), len(cats) + 1))
                idx = np.array([pos.get(_text(v), len(cats)) for v in df[c]], dtype=int)
                onehot[np.arange(len(df)), idx] = 1 / np.sqrt(2)
                parts.append(onehot)
            else:
                mean, sd, has_null = self.stats[c]
                x = (_numeric(df[c], k) - mean) / sd
                flag = np.isnan(x)
                parts.append(np.nan_to_num(x, nan=0.0)[:, None])
                if has_null or flag.any():
                    parts.append(flag.astype(float)[:, None])
        return np.hstack(parts) if parts else np.zeros((len(df), 0))


def _text(v) -> str:
    import pandas as pd

    return "∅" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def reference(real, kinds: dict[str, str], rng) -> dict[str, Any]:
    """The privacy reference: encoder, real matrix (sampled), and the default DCR threshold."""
    import numpy as np
    from sklearn.neighbors import NearestNeighbors

    if len(real) > MAX_REAL:
        real = real.iloc[rng.choice(len(real), MAX_REAL, replace=False)]
    enc = Encoder(real, kinds)
    matrix = enc.encode(real)
    # Distinct records only: with repeated rows (two respondents who answered alike) a record's nearest
    # other record is its twin at distance 0, the 1st percentile became 0.0 and the screen did nothing.
    distinct = np.unique(matrix, axis=0) if len(matrix) else matrix
    nn = NearestNeighbors(n_neighbors=min(2, len(distinct))).fit(distinct)
    threshold = 0.0
    if len(distinct) >= 2:
        dist, _ = nn.kneighbors(distinct)
        threshold = float(np.quantile(dist[:, 1], 0.01))
    return {"encoder": enc, "nn": nn, "threshold": threshold, "real_rows": len(matrix),
            "distinct_rows": len(distinct)}


def distances(ref: dict[str, Any], synth):
    """Distance of each synthetic row to its closest real record."""
    dist, _ = ref["nn"].kneighbors(ref["encoder"].encode(synth), n_neighbors=1)
    return dist[:, 0]


def privacy_summary(dcr, exact: int, too_close: int, threshold: float, real_rows: int,
                    distinct_rows: int | None = None) -> dict[str, Any]:
    import numpy as np

    def stat(fn):
        return round(float(fn(dcr)), 4) if len(dcr) else None

    return {"exact_copies_dropped": int(exact), "too_close_dropped": int(too_close),
            "threshold": round(float(threshold), 4), "dcr_min": stat(np.min),
            "dcr_p05": stat(lambda d: np.quantile(d, 0.05)), "dcr_median": stat(np.median),
            "real_rows_compared": int(real_rows),
            "real_distinct_rows": int(real_rows if distinct_rows is None else distinct_rows),
            "method": "distance to closest real record on numbers scaled by the real standard deviation and "
                      "one-hot categories; threshold = 1st percentile of the distances between distinct real "
                      "records and their nearest other distinct record"}
