"""What `train_model` leaves on disk: the fitted model (+ sha256), a Markdown model card, a standalone
retrain script, and charts. Every file gets a fresh name; nothing is ever overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from dsagent.errors import UserError
from dsagent.words.language import named, say

_SUFFIXES = (".joblib", ".joblib.sha256", ".md", ".py", ".png", "_importance.png", "_predictions.csv")


def unique_stem(folder: Path, base: str) -> Path:
    """folder/base, or base_2, base_3 ... so that no file of the set exists yet."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{folder}: cannot write the model's files there ({exc.strerror or exc})") from None
    clean = re.sub(r"[^A-Za-z0-9_]+", "_", base).strip("_") or "model"
    for n in range(1, 10_000):
        stem = folder / (clean if n == 1 else f"{clean}_{n}")
        if not any(Path(f"{stem}{s}").exists() for s in _SUFFIXES):
            return stem
    raise RuntimeError("no free file name")  # 10k models of one name: a bug, not a person's error


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: whole into a temp file, then linked to its name (exclusive:
    never overwrite; a full disk leaves no truncated file)."""
    import uuid

    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
        os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def all_or_nothing(stem: Path):
    """The model's files come as a set: when writing one fails, those already written are removed,
    and a file that cannot be written is the person's to fix (one line)."""
    try:
        yield
    except BaseException as exc:
        for suffix in _SUFFIXES:
            Path(f"{stem}{suffix}").unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(f"{stem.parent}: cannot write the model's files ({exc.strerror or exc})") from None
        raise


def save_model(stem: Path, pipeline: Any) -> tuple[str, str]:
    """Dump the fitted Pipeline with joblib; write its sha256 beside it. Returns (path, sha256)."""
    import io

    import joblib

    buf = io.BytesIO()
    joblib.dump(pipeline, buf, compress=3)
    data = buf.getvalue()
    path = Path(f"{stem}.joblib")
    write_new(path, data)
    digest = hashlib.sha256(data).hexdigest()
    write_new(Path(f"{stem}.joblib.sha256"), f"{digest}  {path.name}\n".encode())
    return str(path), digest


def confusion_chart(path: Path, y_true, y_pred, classes: list[Any], title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    labels = list(classes)[:20]
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    size = max(4.0, 0.6 * len(labels) + 2.5)
    fig, ax = plt.subplots(figsize=(size, size * 0.85))
    ax.imshow(cm, cmap="Blues")
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if cm[i, j] > cm.max() / 2 else "black")
    ax.set_xticks(range(len(labels)), [str(c) for c in labels], rotation=45 if len(labels) > 4 else 0)
    ax.set_yticks(range(len(labels)), [str(c) for c in labels])
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.set_title(title)
    fig.tight_layout()
    return _save_fig(fig, path)


def residual_chart(path: Path, y_true, y_pred, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    if len(y_true) > 5000:  # a readable cloud; the metrics use every test row
        keep = np.random.default_rng(0).choice(len(y_true), 5000, replace=False)
        title = f"{title}; 5,000 of {len(y_true):,} test rows drawn"
        y_true, y_pred = y_true[keep], y_pred[keep]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.2))
    a.scatter(y_pred, y_true, s=8, alpha=0.5)
    lo, hi = float(min(y_true.min(), y_pred.min())), float(max(y_true.max(), y_pred.max()))
    a.plot([lo, hi], [lo, hi], color="grey", linewidth=1)
    a.set_xlabel("predicted")
    a.set_ylabel("actual")
    a.set_title("actual vs predicted")
    b.scatter(y_pred, y_true - y_pred, s=8, alpha=0.5)
    b.axhline(0, color="grey", linewidth=1)
    b.set_xlabel("predicted")
    b.set_ylabel("residual (actual - predicted)")
    b.set_title("residuals")
    fig.suptitle(title)
    fig.tight_layout()
    return _save_fig(fig, path)


def importance_chart(path: Path, rows: list[dict[str, float]], title: str, axis: str = "drop in score when the column is shuffled") -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    top = rows[:12][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(top) + 1.5))
    ax.barh([r["feature"] for r in top], [r["importance"] for r in top], xerr=[r["sd"] for r in top], color="#4c72b0")
    ax.axvline(0, color="grey", linewidth=1)
    ax.set_xlabel(axis)
    ax.set_title(title)
    fig.tight_layout()
    return _save_fig(fig, path)


def _save_fig(fig, path: Path) -> str:
    import io

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    write_new(path, buf.getvalue())
    return str(path)


def _fmt(v: Any, like: Any = None) -> str:
    """Numbers as the screen's tables write them (13,566; 0.073), never 1.357e+04."""
    from dsagent.render.values import metric

    if isinstance(v, float):
        return metric(v, like, missing="n/a")
    return str(v)


def metric_table(metrics: dict[str, dict[str, float]], best: str) -> list[str]:
    names = [k for k in next(iter(metrics.values()), {}) if not k.endswith("_sd")]
    lines = [f"| {say('model', 'card_model')} | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for model, vals in metrics.items():
        cells = []
        for k in names:
            sd = vals.get(f"{k}_sd")
            cells.append(_fmt(vals.get(k, float("nan"))) + (f" ± {_fmt(sd, like=vals.get(k))}" if sd is not None else ""))
        lines.append(f"| {model}{say('model', 'card_best') if model == best else ''} | " + " | ".join(cells) + " |")
    return lines


def group_table(groups: dict[str, dict[str, Any]]) -> list[str]:
    """Per-group metrics as a Markdown table (one row per group; 'too small' groups marked)."""
    if not groups:
        return [say("model", "card_no_groups")]
    names = [k for k in next(iter(groups.values())) if k != "too_small" and " " not in k]
    heads = [named("model", "group_metrics", k) for k in names]
    lines = [f"| {say('model', 'card_group')} | " + " | ".join(heads) + " |", "|---|" + "---|" * len(names)]
    for g, vals in list(groups.items())[:30]:
        small = say("model", "card_too_small") if vals.get("too_small") else ""
        cells = [str(int(vals[k])) if k == "n" and isinstance(vals.get(k), (int, float)) else _fmt(vals.get(k, ""))
                 for k in names]
        lines.append(f"| {g}{small} | " + " | ".join(cells) + " |")
    # multiclass: the one-vs-rest rates as rows (group, class), so the table stays readable with many classes
    classes = [k[len("selection_rate "):] for k in next(iter(groups.values())) if k.startswith("selection_rate ")]
    if classes:
        lines += ["", say("model", "card_one_vs_rest"), "",
                  say("model", "card_one_vs_rest_header"), "|---|---|---|---|---|"]
        for g, vals in list(groups.items())[:30]:
            for c in classes:
                lines.append(f"| {g} | {c} | {_fmt(vals.get(f'selection_rate {c}'))} | {_fmt(vals.get(f'tpr {c}'))} | "
                             f"{_fmt(vals.get(f'fpr {c}'))} |")
    return lines


def card_markdown(info: dict[str, Any]) -> str:
    """The model card: data, target, features, split, metrics, per-group metrics, findings, limitations.

    In the request's language (prompts/model.json, card_*), like the reasons it quotes."""
    p = info
    out = [say("model", "card_title", target=p["target"]), "",
           say("model", "card_made_question", created=p["created"], question=p["question"]) if p.get("question") else
           say("model", "card_made", created=p["created"]), "", say("model", "card_data"), "",
           say("model", "card_source", source=p["source"], table=p["table"]),
           say("model", "card_rows", total=p["rows_total"], used=p["rows_used"])
           + (f" ({p['sample_note']})" if p.get("sample_note") else ""), ]
    out += [f"- {n}" for n in p.get("notes", [])]
    out += ["", say("model", "card_target"), "", f"- `{p['target']}`: {p['task']} ({p['task_reason']})"]
    if p.get("positive") is not None:
        out.append(say("model", "card_positive", value=p["positive"]))
    if p.get("classes"):
        out.append(say("model", "card_classes", values=", ".join(str(c) for c in p["classes"][:20])))
    used = ", ".join(f"`{f}`" for f in p["features"]) or say("model", "card_none")
    out += ["", say("model", "card_features"), "", say("model", "card_used", features=used), ""]
    if p["excluded"]:
        out += [say("model", "card_excluded"), ""] + [f"- `{e['column']}`: {e['reason']}" for e in p["excluded"]]
    out += ["", say("model", "card_split_title"), "",
            say("model", "card_split", split=p["split"], reason=p["split_reason"], share=p["test_size"],
                train=p["n_train"], test=p["n_test"], seed=p["seed"]),
            say("model", "card_cv", folds=p["folds"], kind=p["cv_kind"]) if p["folds"] >= 2 else
            say("model", "card_no_cv"), say("model", "card_pipeline"), "", say("model", "card_models"), ""]
    out += [f"- `{m}`: {model_label(m)}" for m in p["metrics"]]
    out += [f"- {s}" for s in p.get("skipped", [])]
    out += ["", say("model", "card_cv_metrics"), ""] + metric_table(p["metrics"], p["best"])
    out += ["", say("model", "card_test_metrics"), ""] + metric_table(p["test_metrics"], p["best"])
    out += ["", p["comparison"], ""]
    if p.get("importance"):
        out += [say("model", "card_importance"), "", say("model", "card_importance_header"), "|---|---|---|"]
        out += [f"| {r['feature']} | {_fmt(r['importance'])} | {_fmt(r['sd'], like=r['importance'])} |" for r in p["importance"][:15]]
        out.append("")
    out += [say("model", "card_per_group"), ""]
    if p.get("per_group"):
        for col, groups in p["per_group"].items():
            out += [f"### `{col}`", ""] + group_table(groups) + [""]
    else:
        out += [say("model", "card_no_protected") if not p.get("protected") else say("model", "card_no_per_group"), ""]
    out += [say("model", "card_findings"), ""]
    out += [f"- **{f.severity} {f.id}**: {f.message}" + (say("model", "card_fix", fix=f.fix) if f.fix else "")
            for f in p["findings"]] or [say("model", "card_no_findings")]
    out += ["", say("model", "card_limitations"), "", say("model", "card_limit_baseline"),
            say("model", "card_limit_rows"), say("model", "card_limit_cause"), say("model", "card_limit_excluded")]
    if p.get("sample_note"):
        out.append(say("model", "card_limit_sample", note=p["sample_note"]))
    if p.get("withheld"):
        out += ["", say("model", "card_withheld_title"), "",
                say("model", "card_withheld", ids=", ".join(p["withheld"]),
                    allow=" ".join(f"`--allow {i}`" for i in p["withheld"]))]
    out += ["", say("model", "card_files"), "",
            say("model", "card_model_file", path=p["model_path"], sha=p["sha256"]) if p["model_path"] else
            say("model", "card_model_withheld"), say("model", "card_script", path=p["script_path"])]
    out += [say("model", "card_chart", path=c) for c in p.get("charts", [])]
    if p.get("predictions_csv"):
        out.append(say("model", "card_predictions", path=p["predictions_csv"]))
    out += ["", say("model", "card_loading_risk", risk=say("model", "loading_risk")), ""]
    return "\n".join(out)


def model_label(name: str) -> str:
    """What a candidate model is, in the answer's language (prompts/model.json label_<name>)."""
    from dsagent.words.language import messages

    return say("model", f"label_{name}") if f"label_{name}" in messages("model")["en"] else name


def retrain_script(info: dict[str, Any]) -> str:
    """A standalone Python script that rebuilds the same pipeline from the source file. Never run by us.

    Long because most of it is the script's own text, line by line, kept in one place so that it
    reads top to bottom like the file it writes."""
    src = info["source"]
    reader = "read_csv"
    if re.search(r"\.parquet$", src, re.I):
        reader = "read_parquet"
    elif re.search(r"\.(json|jsonl|ndjson)$", src, re.I):
        reader = "read_json"
    readable = not src.startswith("derived:") and ":" not in Path(src).name
    lines = [
        '"""Retrain the baseline model dsagent made for {target!r}. Written by dsagent; run it yourself.',
        "",
        "Needs: pandas, scikit-learn, joblib.  Usage: python {name} [path-to-data]",
        '"""',
        "import os",
        "import sys",
        "",
        "import joblib",
        "import numpy as np",
        "import pandas as pd",
        "from sklearn import metrics",
        "from sklearn.compose import ColumnTransformer",
        "from sklearn.dummy import DummyClassifier, DummyRegressor",
        "from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor",
        "from sklearn.impute import SimpleImputer",
        "from sklearn.linear_model import LinearRegression, LogisticRegression",
        "from sklearn.model_selection import GroupShuffleSplit, train_test_split",
        "from sklearn.pipeline import Pipeline",
        "from sklearn.preprocessing import OneHotEncoder, StandardScaler",
        "",
        f"SOURCE = {src!r}" if readable else
        f"SOURCE = None  # the data came from {src!r}: export it to a CSV and pass its path",
        f"TARGET = {info['target']!r}",
        f"TASK = {info['task']!r}",
        f"NUMERIC = {info['numeric']!r}",
        f"CATEGORICAL = {info['categorical']!r}",
        f"SPLIT = {info['split']!r}",
        f"KEY = {info.get('key')!r}",
        f"DATE = {info.get('date')!r}",
        f"DATE_PARTS = {info.get('date_parts') or {}!r}  # date column -> its month/weekday/day-of-year features",
        f"TEST_SIZE = {info['test_size']!r}",
        f"SEED = {info['seed']!r}",
        f"MODEL = {info['best']!r}",
        f"MAX_ITER = {info['max_iter']!r}",
        f"DROP_MISSING = {info['missing'] == 'drop'!r}",
        f"IMPUTE = {info.get('impute', 'mean')!r}",
        f"SAMPLE_ROWS = {info.get('sample_rows')!r}  # dsagent trained on a random sample of this many rows",
        "",
        "",
        "def build_pipeline():",
        "    regression = TASK == 'regression'",
        "    if MODEL == 'dummy':",
        "        model = DummyRegressor(strategy='mean') if regression else DummyClassifier(strategy='prior')",
        "    elif MODEL == 'linear':",
        "        model = LinearRegression() if regression else LogisticRegression(max_iter=MAX_ITER)",
        "    else:",
        "        cls = HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier",
        "        model = cls(max_iter=MAX_ITER, early_stopping='auto', random_state=SEED)",
        "    parts = []",
        "    if NUMERIC:",
        "        parts.append(('num', Pipeline([('impute', SimpleImputer(strategy=IMPUTE)),",
        "                                       ('scale', StandardScaler())]), NUMERIC))",
        "    if CATEGORICAL:",
        "        parts.append(('cat', Pipeline([('impute', SimpleImputer(strategy='most_frequent')),",
        "                                       ('onehot', OneHotEncoder(handle_unknown='infrequent_if_exist',",
        "                                                                max_categories=20, min_frequency=5,",
        "                                                                sparse_output=False))]), CATEGORICAL))",
        "    return Pipeline([('prep', ColumnTransformer(parts, remainder='drop')), ('model', model)])",
        "",
        "",
        "def fit_and_score(path):",
        "    \"\"\"The pipeline fit on the training rows, and its test metrics as the model card reports them.\"\"\"",
        f"    df = pd.{reader}(path)",
        "    if SAMPLE_ROWS and len(df) > SAMPLE_ROWS:",
        "        df = df.sample(SAMPLE_ROWS, random_state=SEED)  # a pandas sample: not the same rows as DuckDB's",
        "    for col, names in DATE_PARTS.items():",
        "        dates = pd.to_datetime(df[col], errors='coerce', format='mixed')",
        "        for name in names:",
        "            part = {'month': 'month', 'weekday': 'day_of_week', 'day_of_year': 'day_of_year'}[name[len(col) + 1:]]",
        "            df[name] = getattr(dates.dt, part).astype('float64')",
        "    columns = NUMERIC + CATEGORICAL",
        "    df = df.dropna(subset=[TARGET] + (columns if DROP_MISSING else []))",
        "    for col in CATEGORICAL:",
        "        df[col] = df[col].astype('object')",
        "    if DATE:",
        "        df[DATE] = pd.to_datetime(df[DATE], errors='coerce', format='mixed')",
        "    df = df.reset_index(drop=True)",
        "    positions = np.arange(len(df))",
        "    if SPLIT == 'chronological':",
        "        order = np.argsort(df[DATE].to_numpy(), kind='stable')",
        "        cut = len(df) - max(1, int(round(len(df) * TEST_SIZE)))",
        "        train, test = order[:cut], order[cut:]",
        "    elif SPLIT == 'grouped':",
        "        splitter = GroupShuffleSplit(n_splits=1, test_size=TEST_SIZE, random_state=SEED)",
        "        train, test = next(splitter.split(positions, groups=df[KEY].astype(str).to_numpy()))",
        "    else:",
        "        strat = df[TARGET].to_numpy() if SPLIT == 'stratified' else None",
        "        train, test = train_test_split(positions, test_size=TEST_SIZE, random_state=SEED, stratify=strat)",
        "    X, y = df[columns], df[TARGET]",
        "    pipe = build_pipeline().fit(X.iloc[train], y.iloc[train])",
        "    pred = pipe.predict(X.iloc[test])",
        "    if TASK == 'regression':",
        "        scores = {'rmse': float(np.sqrt(metrics.mean_squared_error(y.iloc[test], pred))),",
        "                  'r2': float(metrics.r2_score(y.iloc[test], pred))}",
        "    else:",
        "        scores = {'accuracy': float(metrics.accuracy_score(y.iloc[test], pred)),",
        "                  'balanced_accuracy': float(metrics.balanced_accuracy_score(y.iloc[test], pred))}",
        "    return pipe, scores",
        "",
        "",
        "def main():",
        "    path = sys.argv[1] if len(sys.argv) > 1 else SOURCE",
        "    if path is None:",
        "        sys.exit('pass the path of the data file')",
        "    pipe, scores = fit_and_score(path)",
        "    if TASK == 'regression':",
        "        print('test RMSE', scores['rmse'])",
        "        print('test R2', scores['r2'])",
        "    else:",
        "        print('test accuracy', scores['accuracy'])",
        "        print('test balanced accuracy', scores['balanced_accuracy'])",
        "    out, n = 'retrained_model.joblib', 2",
        "    while os.path.exists(out):  # never overwrite an earlier model",
        "        out, n = f'retrained_model_{n}.joblib', n + 1",
        "    joblib.dump(pipe, out)",
        "    print('saved', out, '(a pickle: load only files you trust)')",
        "",
        "",
        "if __name__ == '__main__':",
        "    main()",
        "",
    ]
    text = "\n".join(lines)
    safe_target = re.sub(r"[\"'\\]", "", str(info["target"]))
    return text.replace("{target!r}", f"'{safe_target}'").replace("{name}", Path(info["script_path"]).name)
