"""The model tool: a baseline model for a target column, with honest validation and a model card."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, Field

from dsagent.tools.base import Result, TextResult, ToolContext, capped, tool
from dsagent.words.language import say

DEFAULT_MAX_ROWS = 200_000  # above this many rows, train on a seeded DuckDB reservoir sample
DEFAULT_TIME_BUDGET_S = 120.0
DEFAULT_THREADS = 1  # OpenMP with 2+ threads on a busy machine was 30x slower (docs/models.md)
MAX_COLUMNS = 300  # columns read for a model (features first); wider tables keep the first ones


class ModelArgs(BaseModel):
    """Arguments of `train_model`."""

    target: str = Field(description="The column to predict.")
    features: list[str] | None = Field(None, description="Columns to use; all suitable columns when omitted.")
    table: str | None = Field(None, description="Table to train on; the default table when omitted.")
    task: Literal["auto", "classification", "regression"] = "auto"
    save_predictions: bool = Field(False, description="Also save out-of-fold predictions as a new table.")
    export_predictions: bool = Field(False, description="Also write the predictions to a CSV in the output folder.")
    models: list[Literal["dummy", "linear", "hgb"]] | None = Field(
        None, description="Models to compare: dummy (baseline), linear (linear/logistic), hgb (gradient boosting). "
                          "All three when omitted; the dummy is always added.")
    split: Literal["auto", "stratified", "random", "grouped", "chronological"] = Field(
        "auto", description="How to split train/test; auto picks chronological for dated rows, grouped for a "
                            "repeating entity key, stratified for classes, random otherwise.")
    group_by: str | None = Field(None, description="Entity column whose rows must stay on one side of the split.")
    date_column: str | None = Field(None, description="Date column that orders the rows for a chronological split.")
    test_size: float = Field(0.2, gt=0.0, lt=0.9, description="Share of rows held out as the test set.")
    random_state: int = Field(0, description="Seed of the split, the sample and the models.")
    missing: Literal["impute", "drop"] = Field(
        "impute", description="Missing feature values: impute inside the pipeline (mean / most frequent), or drop rows.")
    folds: int = Field(5, ge=0, le=10, description="Cross-validation folds on the training rows (0: test split only).")
    max_rows: int | None = Field(None, ge=100, description="Train on a random sample above this many rows.")
    time_budget_s: float | None = Field(None, gt=0, description="Seconds for fitting; the slowest model is skipped beyond.")


class ModelResult(Result):
    """A trained baseline: what was used and excluded, how it was validated, how well it did."""

    kind: ClassVar[str] = "model"
    task: str
    target: str
    features: list[str]
    excluded: list[dict[str, str]]  # [{"column", "reason"}]
    split: str
    metrics: dict[str, dict[str, float]]  # model name -> metric -> value
    best: str
    card_path: str
    model_path: str
    extra: dict[str, Any] = {}  # importance, per-group metrics, chart path, script path, sample note

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("task", "target", "features", "excluded", "split", "metrics",
                                              "best", "card_path", "model_path")}
        return {"kind": self.kind, **data, **self.extra}

    def summary(self) -> str:
        facts = {"kind": "model", "task": self.task, "target": self.target, "best": self.best,
                 "split": self.split, "comparison": self.extra.get("comparison"),
                 "test_metrics": self.extra.get("test_metrics", {}).get(self.best),
                 "features": self.features[:20],
                 "excluded": [f"{e['column']}: {e['reason'][:80]}" for e in self.excluded[:10]],
                 "top_features": [r["feature"] for r in self.extra.get("importance", [])[:5]],
                 "sample": self.extra.get("sample_note"), "skipped": self.extra.get("skipped"),
                 "card_path": self.card_path}
        return capped(json.dumps(facts, default=str))


@tool(ModelArgs)
def train_model(ws, args: ModelArgs, ctx: ToolContext) -> ModelResult | TextResult:
    """Train and validate baseline models that predict a target column, and save the best with a model card."""
    from dsagent.tools.model import data as md

    table = args.table or ws.default_table()
    if args.table and args.table not in ws.tables:
        table = md.resolve_column(args.table, list(ws.tables), "table")
    types = dict(ws.columns(table))
    names = list(types)
    found = md.target_candidates(args.target, names)
    if not found:
        from dsagent.errors import ModelError

        raise ModelError(say("model", "no_target", target=args.target, table=table, columns=", ".join(names)))
    if len(found) > 1:
        return TextResult(text=say("model", "which_target", target=args.target, first=found[0],
                                   choices=say("model", "or").join(repr(c) for c in found)))
    target = found[0]
    notes = [] if target == args.target else [say("model", "target_read_as", asked=args.target, target=target)]
    explicit = args.features is not None
    others = [c for c in names if c != target]
    candidates = [md.resolve_column(f, others, "feature") for f in args.features] if explicit else others
    key = md.resolve_column(args.group_by, others, "group column") if args.group_by else None
    date = md.resolve_column(args.date_column, others, "date column") if args.date_column else None
    return _train(ws, args, ctx, table, target, types, candidates, explicit, key, date, notes)


def _read(ws, table: str, columns: list[str], max_rows: int, seed: int, ctx: ToolContext):
    """The training rows as pandas, sampled in DuckDB when the table is big."""
    from dsagent.tools.model import data as md

    total = ws.row_count(table)
    sql, sampled = md.sample_sql(table, columns, total, max_rows, seed)
    from dsagent.sql.guard import guard_sql

    guard_sql(sql, ws)  # the identifiers were checked against the table; the guard checks the rest
    ctx.report(f"reading {min(total, max_rows)} of {total} rows", 0.02)
    return ws.fetch_df(sql), total, sampled


def _train(ws, args, ctx, table, target, types, candidates, explicit, key, date, notes):
    """Read the rows, decide what to learn and how to split, fit and validate, write the files."""
    import time

    started = time.perf_counter()
    settings = ctx.settings or {}
    thresholds = settings.get("thresholds") or None
    df, total, sampled = _rows(ws, args, ctx, table, target, types, candidates, key, date, settings, notes)
    df, plan, task_reason = _decide(df, args, ctx, table, target, types, candidates, explicit, key, date,
                                    thresholds, notes)
    train_pos, test_pos = _split(df, plan, args, ctx, thresholds)
    fitted = _fit(df, plan, args, ctx, settings, train_pos, test_pos)
    ctx.report("writing the model card", 0.93)
    info = _write(ws, args, ctx, df, plan, fitted, train_pos, test_pos,
                  {"task_reason": task_reason, "rows_total": total, "sampled": sampled})
    ctx.report("done", 1.0)
    return _result(plan, fitted, info, time.perf_counter() - started)


def _rows(ws, args, ctx, table, target, types, candidates, key, date, settings, notes):
    """The rows that have a target value, text dates parsed: (frame, rows in the table, sampled?)."""
    from dsagent.errors import ModelError
    from dsagent.tools.model import data as md

    max_rows = int(args.max_rows or settings.get("model_max_rows") or DEFAULT_MAX_ROWS)
    # Every column is read, not only the features: the split (dates, entity keys) and the per-group
    # metrics (protected attributes) depend on columns the model does not use.
    wanted = list(dict.fromkeys([target, *candidates, *(c for c in (key, date) if c), *types]))[:MAX_COLUMNS]
    df, total, sampled = _read(ws, table, wanted, max_rows, args.random_state, ctx)
    missing_target = int(df[target].isna().sum())
    df = df[df[target].notna()]
    if missing_target:
        notes.append(say("model", "missing_target", count=missing_target, target=target))
    md.parse_text_dates(df, types)
    if len(df) < 20:
        raise ModelError(say("model", "too_few_rows", n=len(df), target=target))
    if df[target].nunique() < 2:
        raise ModelError(say("model", "single_value", target=target, value=repr(df[target].iloc[0])))
    return df, total, sampled


def _decide(df, args, ctx, table, target, types, candidates, explicit, key, date, thresholds, notes):
    """The task, its classes, the split and the features that pass screening: (frame, Plan, task reason)."""
    from dsagent.errors import ModelError
    from dsagent.tools.model import data as md

    task, task_reason = md.detect_task(df[target], args.task)
    plan = md.Plan(table=table, target=target, task=task, features=[], numeric=[], categorical=[], notes=notes)
    if task != "regression":
        df, plan.classes = _prepare_classes(df, target, notes)
        if task == "multiclass" and len(plan.classes) > 50:
            raise ModelError(say("model", "too_many_classes", target=target, n=len(plan.classes)))
        if task == "binary":
            plan.positive, why = md.positive_class(plan.classes)
            notes.append(say("model", "positive_note", why=why))
    md.choose_split(df, plan, args.split, key, date, types)
    md.screen_features(df, plan, [c for c in candidates if c != target], explicit, types, set(ctx.allow), thresholds)
    _require_features(plan)
    if args.missing == "drop":
        before = len(df)
        df = df.dropna(subset=plan.features)
        if before - len(df):
            notes.append(say("model", "missing_dropped", count=before - len(df)))
    for col in plan.categorical:
        df[col] = df[col].astype("object").where(df[col].notna(), None)
    return df.reset_index(drop=True), plan, task_reason


def _require_features(plan) -> None:
    from dsagent.errors import ModelError

    if not plan.features:
        raise ModelError(say("model", "no_features",
                             excluded="; ".join(f"{e['column']} ({e['reason']})" for e in plan.excluded)))


def _split(df, plan, args, ctx, thresholds):
    """Train and test row positions; the reviewer's split checks (B1-B4) may still drop a feature."""
    from dsagent.tools.model import fit as mf

    train_pos, test_pos = mf.split_indices(df, plan, args.test_size, args.random_state)
    _check_split(df.iloc[train_pos], df.iloc[test_pos], plan, set(ctx.allow), thresholds)
    _require_features(plan)
    return train_pos, test_pos


class _Fitted(NamedTuple):
    """What fitting gave: the models' outcome, the best, its importance and test predictions, per group."""

    outcome: Any
    best: str
    importance: list
    pred_test: Any
    per_group: dict
    folds: int
    max_iter: int


def _fit(df, plan, args, ctx, settings, train_pos, test_pos) -> _Fitted:
    """Cross-validate and fit the models, pick the best, then its importance, B5 and per-group metrics."""
    from threadpoolctl import threadpool_limits

    from dsagent.tools.model import fit as mf

    seed, task, target = args.random_state, plan.task, plan.target
    train_df, test_df = df.iloc[train_pos], df.iloc[test_pos]
    X_train, y_train = train_df[plan.features], train_df[target]
    X_test, y_test = test_df[plan.features], test_df[target]
    folds = _folds(args.folds, plan, y_train, train_df)
    groups = train_df[plan.key].astype(str).to_numpy() if plan.split == "grouped" else None
    models = list(dict.fromkeys(["dummy", *(args.models or ["linear", "hgb"])]))
    budget = float(args.time_budget_s or settings.get("model_time_budget_s") or DEFAULT_TIME_BUDGET_S)
    max_iter = 200 if len(df) <= 50_000 else 100

    with threadpool_limits(limits=int(settings.get("model_threads") or DEFAULT_THREADS)):
        outcome = mf.fit_and_validate(X_train, y_train, X_test, y_test, groups, plan, models, folds, seed, max_iter,
                                      budget, lambda m, f=None: ctx.report(m, None if f is None else 0.05 + 0.8 * f),
                                      impute="mean")
        best = mf.pick_best(outcome, task)
        ctx.report("permutation importance", 0.88)
        imp = mf.importance(outcome.fitted[best], X_test, y_test, task, seed) if len(X_test) >= 5 else []
        plan.findings.extend(_check_batch(outcome.fitted[best], X_test))
    pred_test = outcome.test_pred[best]  # what outcome.fitted[best].predict(X_test) gives, already computed
    fair_findings, per_group = mf.per_group(y_test, pred_test, test_df, plan.protected, task, plan.positive)
    plan.findings.extend(fair_findings)
    return _Fitted(outcome, best, imp, pred_test, per_group, folds, max_iter)


def _write(ws, args, ctx, df, plan, fitted: _Fitted, train_pos, test_pos, facts: dict) -> dict:
    """The model file, charts, predictions, retrain script and card, all or none; the card's facts."""
    import time

    from dsagent.tools.model import card as mc
    from dsagent.tools.model import fit as mf

    table, target, task, seed = plan.table, plan.target, plan.task, args.random_state
    outcome, best, imp, pred_test = fitted.outcome, fitted.best, fitted.importance, fitted.pred_test
    y_test = df.iloc[test_pos][target]
    stem = mc.unique_stem(ctx.output_dir, f"model_{table}_{target}")
    withheld = _withheld(plan, ctx)
    with mc.all_or_nothing(stem):  # a full disk or Ctrl-C half-way leaves no file of this model
        model_path, digest = ("", "") if withheld else mc.save_model(stem, outcome.fitted[best])
        title = f"{best} predicting {target} (test rows)"
        charts = [mc.residual_chart(_p(stem, ".png"), y_test, pred_test, title) if task == "regression" else
                  mc.confusion_chart(_p(stem, ".png"), y_test, pred_test, plan.classes, title)]
        if imp:
            charts.append(mc.importance_chart(_p(stem, "_importance.png"), imp, f"Permutation importance: {best}",
                                               _importance_axis(task)))
        pred_table, pred_csv = None, None
        if (args.save_predictions or args.export_predictions) and not withheld:
            frame = _predictions_frame(df, train_pos, test_pos, outcome.oof[best], pred_test, plan)
            pred_table = ws.register_frame(f"{table}_predictions", frame, parent=table,
                                           how=f"predictions of {best} for {target}")
            if args.export_predictions:
                pred_csv = str(_p(stem, "_predictions.csv"))
                mc.write_new(_p(stem, "_predictions.csv"), frame.to_csv(index=False).encode())
        total, sampled = facts["rows_total"], facts["sampled"]
        sample_note = say("model", "sample_note", used=len(df), total=total, seed=seed) if sampled else None
        info = {
            "target": target, "task": task, "task_reason": facts["task_reason"], "table": table,
            "source": ws.tables[table].source, "question": ctx.question, "created": time.strftime("%Y-%m-%d %H:%M"),
            "rows_total": total, "rows_used": len(df), "sample_note": sample_note, "notes": plan.notes,
            "positive": plan.positive, "classes": plan.classes, "features": plan.features, "excluded": plan.excluded,
            "numeric": plan.numeric, "categorical": plan.categorical, "split": plan.split,
            "split_reason": plan.split_reason, "key": plan.key, "date": plan.date, "date_parts": plan.date_parts, "test_size": args.test_size,
            "seed": seed, "n_train": len(train_pos), "n_test": len(test_pos), "folds": fitted.folds,
            "cv_kind": type(mf.cv_splitter(plan, max(fitted.folds, 2), seed)).__name__,
            "metrics": outcome.metrics, "test_metrics": outcome.test_metrics, "best": best,
            "comparison": _comparison(outcome, best, task),
            "skipped": outcome.skipped, "importance": imp, "per_group": fitted.per_group, "protected": plan.protected,
            "findings": plan.findings, "model_path": model_path, "sha256": digest, "charts": charts,
            "predictions_csv": pred_csv, "max_iter": fitted.max_iter, "missing": args.missing, "impute": "mean",
            "sample_rows": len(df) if sampled else None, "withheld": withheld,
        }
        info["script_path"] = str(_p(stem, ".py"))
        mc.write_new(_p(stem, ".py"), mc.retrain_script(info).encode())
        mc.write_new(_p(stem, ".md"), mc.card_markdown(info).encode())
    return {**info, "card_path": str(_p(stem, ".md")), "predictions_table": pred_table}


def _result(plan, fitted: _Fitted, info: dict, seconds: float) -> ModelResult:
    """The ModelResult of a training (its extra as JSON values: numpy numbers become numbers)."""
    outcome = fitted.outcome
    extra = {
        "task_reason": info["task_reason"], "test_metrics": outcome.test_metrics, "comparison": info["comparison"],
        "importance": fitted.importance[:20], "per_group": fitted.per_group, "protected": plan.protected,
        "charts": info["charts"], "chart_path": info["charts"][0], "script_path": info["script_path"],
        "sha256": info["sha256"], "loading_risk": say("model", "loading_risk"), "split_reason": plan.split_reason,
        "notes": plan.notes, "sample_note": info["sample_note"], "rows_total": info["rows_total"],
        "rows_used": info["rows_used"], "n_train": info["n_train"], "n_test": info["n_test"], "folds": fitted.folds,
        "skipped": outcome.skipped, "seconds": outcome.seconds, "positive": plan.positive,
        "classes": [str(c) for c in plan.classes[:50]], "predictions_table": info["predictions_table"],
        "predictions_csv": info["predictions_csv"], "table": plan.table, "wall_seconds": round(seconds, 2),
        "withheld": info["withheld"],
    }
    return ModelResult(task=plan.task, target=plan.target, features=plan.features, excluded=plan.excluded,
                       split=plan.split, metrics=outcome.metrics, best=fitted.best, card_path=info["card_path"],
                       model_path=info["model_path"], extra=json.loads(json.dumps(extra, default=_jsonable)),
                       findings=list(plan.findings))


def _withheld(plan, ctx) -> list[str]:
    """Ids of reviewer blocks that withhold the fitted model (not saved, no predictions) until allowed.

    A leaking feature or proxy that was dropped is already fixed; a fairness block (C3-C5) is not.
    """
    from types import SimpleNamespace

    from dsagent.ethics.review import must_withhold

    allow = {str(a).upper() for a in ctx.allow}
    blocks = must_withhold(plan.findings, SimpleNamespace(excluded=plan.excluded))
    return sorted({f.id for f in blocks if f.id.upper() not in allow})


def _importance_axis(task: str) -> str:
    return {"regression": "rise in RMSE when the column is shuffled",
            "binary": "drop in ROC AUC when the column is shuffled",
            "multiclass": "drop in balanced accuracy when the column is shuffled"}[task]


def _p(stem, suffix: str):
    from pathlib import Path

    return Path(f"{stem}{suffix}")


def _jsonable(v: Any) -> Any:
    if hasattr(v, "item"):
        return v.item()
    return str(v)


def _prepare_classes(df, target: str, notes: list[str]):
    """Drop rows of classes too rare to appear in both train and test; return (df, classes)."""
    counts = df[target].value_counts()
    rare = [c for c, n in counts.items() if n < 2]
    if rare:
        df = df[~df[target].isin(rare)]
        notes.append(say("model", "rare_classes", count=len(rare), values=", ".join(map(str, rare[:5]))))
    classes = sorted(df[target].unique().tolist(), key=str)
    return df, classes


def _folds(requested: int, plan, y_train, train_df) -> int:
    """Folds that the training rows can support (each class / group present in every fold)."""
    folds = min(requested, 5 if len(y_train) <= 100_000 else 3)
    if plan.split == "stratified":
        folds = min(folds, int(y_train.value_counts().min()))
    if plan.split == "grouped":
        folds = min(folds, int(train_df[plan.key].nunique()))
    if plan.split == "chronological":
        folds = min(folds, max(0, len(y_train) // 20))
    return folds if folds >= 2 else 0


def _check_split(train_df, test_df, plan, allow: set[str], thresholds: dict | None) -> None:
    """B1-B3 and B4 from the reviewer on the split actually used; a B4 block leaves its feature out.

    B4 costs at most two predictive power scores per feature (each a 4-fold decision tree on at most
    PPS_SAMPLE = 5,000 rows), and only one for a feature whose training PPS is below every B4 threshold.
    """
    from dsagent.ethics.leakage import check_pps_change, check_split
    from dsagent.tools.model import data as md

    plan.findings.extend(check_split(train_df, test_df, plan.target, key=plan.key, date=plan.date,
                                     thresholds=thresholds))
    shift = check_pps_change(train_df, test_df, plan.target, list(plan.features), md.task_for_checks(plan.task),
                             thresholds=thresholds)
    plan.findings.extend(shift)
    md.drop_flagged(plan, shift, allow)


def _check_batch(pipeline, X_test) -> list:
    """B5: the fitted pipeline scores test rows the same in a batch of ≤ 100 as one at a time (20 of them).

    Class probabilities, not labels, are compared where the model has them: a shift too small to flip a
    label still shows. Cost: 21 predict calls.
    """
    from dsagent.ethics.leakage import B5_MAX_ROWS, B5_SINGLE_ROWS, check_batch_dependence

    predict = getattr(pipeline, "predict_proba", None) or pipeline.predict
    return check_batch_dependence(predict, X_test, max_rows=B5_MAX_ROWS, single_rows=B5_SINGLE_ROWS)


def _comparison(outcome, best: str, task: str) -> str:
    from dsagent.render.context import phrase
    from dsagent.render.values import metric as metric_value
    from dsagent.tools.model.fit import primary_metric

    metric, higher = primary_metric(task)
    b = outcome.metrics.get(best, {})
    d = outcome.metrics.get("dummy", {})
    if best == "dummy" or metric not in b or metric not in d:
        return say("model", "no_model_beat", metric=metric)
    gain = (b[metric] - d[metric]) if higher else (d[metric] - b[metric])
    sd = b.get(f"{metric}_sd", 0.0)
    margin = max(sd, 1e-9)
    verdict = say("model", "better" if gain > margin else "worse" if gain < -margin else "not_clearly_better")
    # the difference is said by its size and its direction ("2.1 more error"), never as a negative gain
    direction = ("higher" if gain >= 0 else "lower") if higher else ("lower_error" if gain >= 0 else "more_error")
    # figures as the metrics table writes them: "0.720 ± 0.055 vs 0.500", "17,882 ± 1,565 vs 18,785"
    return say("model", "comparison", best=best, metric=phrase(f"metric_{metric}"), value=metric_value(b[metric]),
               sd=f" ± {metric_value(sd, like=b[metric])}" if sd else "", dummy=metric_value(d[metric]),
               verdict=verdict, gain=metric_value(abs(gain), like=b[metric]), direction=say("model", direction))


def _predictions_frame(df, train_pos, test_pos, oof, pred_test, plan):
    """Every used row with a prediction from a model that did not see it (out-of-fold or test)."""
    import numpy as np

    frame = df.copy()
    pred = np.empty(len(df), dtype=object)
    pred[:] = None
    pred[train_pos] = oof
    pred[test_pos] = pred_test
    where = np.array(["train (out-of-fold)"] * len(df), dtype=object)
    where[test_pos] = "test"
    where[train_pos[[p is None for p in oof]]] = "train (not predicted)"
    frame["prediction"] = pred if plan.task != "regression" else np.array(
        [np.nan if p is None else float(p) for p in pred])
    frame["split"] = where
    if plan.task != "regression":
        frame["prediction"] = frame["prediction"].astype(str).where(frame["prediction"].notna(), None)
    return frame
