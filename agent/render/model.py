"""Terminal rendering of a `ModelResult`: what was predicted, how it was validated, how well, what was
left out and why, per-group metrics, and where the files are. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

_ORDER = {"binary": ["roc_auc", "balanced_accuracy", "accuracy", "f1"],
          "multiclass": ["balanced_accuracy", "accuracy", "f1", "roc_auc"],
          "regression": ["rmse", "mae", "r2"]}
_LABEL = {"roc_auc": "ROC AUC", "balanced_accuracy": "bal. accuracy", "accuracy": "accuracy", "f1": "F1",
          "rmse": "RMSE", "mae": "MAE", "r2": "R²", "mse": "MSE"}


def _num(v: Any) -> str:
    if not isinstance(v, (int, float)) or v != v:
        return "–"
    return f"{v:.3f}" if abs(v) < 1000 else f"{v:,.0f}"


def render(result: Any, console: Any) -> None:
    from rich.panel import Panel
    from rich.table import Table

    x = result.extra
    head = (f"[bold]{result.task}[/] model predicting [bold]{result.target}[/] from "
            f"{len(result.features)} feature(s); split: [bold]{result.split}[/] ({x.get('split_reason', '')})")
    lines = [head, f"rows: {x.get('rows_used')} used of {x.get('rows_total')}; "
                   f"{x.get('n_train')} train / {x.get('n_test')} test; {x.get('folds') or 'no'} CV folds"]
    if x.get("sample_note"):
        lines.append(f"[yellow]trained on {x['sample_note']}[/]")
    lines += [f"[dim]{n}[/]" for n in x.get("notes", [])]
    console.print(Panel("\n".join(lines), title="train_model", expand=False))

    names = [m for m in _ORDER.get(result.task, []) if any(m in v for v in result.metrics.values())]
    table = Table(title="Cross-validated (mean ± sd) and test-set metrics", show_lines=False)
    table.add_column("model")
    for m in names:
        table.add_column(_LABEL.get(m, m), justify="right")
        table.add_column("test", justify="right", style="dim")
    tests = x.get("test_metrics", {})
    for model, vals in result.metrics.items():
        cells = []
        for m in names:
            sd = vals.get(f"{m}_sd")
            cells.append(_num(vals.get(m)) + (f" ± {_num(sd)}" if sd is not None else ""))
            cells.append(_num(tests.get(model, {}).get(m)))
        label = f"[bold green]{model} ★[/]" if model == result.best else model
        table.add_row(label, *cells)
    console.print(table)
    if x.get("comparison"):
        console.print(x["comparison"])
    for s in x.get("skipped", []):
        console.print(f"[yellow]{s}[/]")

    if result.excluded:
        ex = Table(title="Left out of the features", show_header=True)
        ex.add_column("column")
        ex.add_column("why")
        for e in result.excluded:
            ex.add_row(e["column"], e["reason"])
        console.print(ex)
    if x.get("importance"):
        top = ", ".join(f"{r['feature']} ({_num(r['importance'])})" for r in x["importance"][:5])
        console.print(f"Most important (permutation, test rows): {top}")
    for col, groups in (x.get("per_group") or {}).items():
        if not groups:
            continue
        names_g = [k for k in next(iter(groups.values())) if k != "too_small"]
        g = Table(title=f"Per-group metrics by {col} (test rows)")
        g.add_column("group")
        for k in names_g:
            g.add_column(k, justify="right")
        for group, vals in groups.items():
            label = f"{group} [dim](too small to judge)[/]" if vals.get("too_small") else str(group)
            g.add_row(label, *[str(int(vals[k])) if k == "n" else _num(vals.get(k)) for k in names_g])
        console.print(g)

    model_line = (f"model: {result.model_path} (sha256 {str(x.get('sha256', ''))[:12]}…)" if result.model_path else
                  f"[yellow]model: not saved, withheld by {', '.join(x.get('withheld', []))}; "
                  f"ask again with {' '.join('--allow ' + i for i in x.get('withheld', []))} to save it[/]")
    files = [f"model card: {result.card_path}", model_line,
             f"retrain script: {x.get('script_path')}"]
    files += [f"chart: {c}" for c in x.get("charts", [])]
    if x.get("predictions_table"):
        files.append(f"predictions table: {x['predictions_table']}")
    if x.get("predictions_csv"):
        files.append(f"predictions CSV: {x['predictions_csv']}")
    console.print(Panel("\n".join(files) + f"\n[dim]{x.get('loading_risk', '')}[/]", title="saved", expand=False))
