"""Terminal rendering of a `ModelResult`: what was predicted, how it was validated, how well, what was
left out and why, per-group metrics, and where the files are. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from dsagent.render.context import phrase
from dsagent.render.values import metric
from dsagent.words.language import named

_ORDER = {"binary": ["roc_auc", "balanced_accuracy", "accuracy", "f1"],
          "multiclass": ["balanced_accuracy", "accuracy", "f1", "roc_auc"],
          "regression": ["rmse", "mae", "r2"]}
_LABELLED = {"roc_auc", "balanced_accuracy", "accuracy", "f1", "rmse", "mae", "r2", "mse"}  # metric_<name> phrases
_SPLITS = ("stratified", "random", "grouped", "chronological")  # split_name_<name> phrases (tools/model/data.py)


def _metrics_table(result: Any, names: list[str], tests: dict, width: int) -> Any:
    """Models as rows and, per metric, the cross-validated mean ± sd and the test figure as columns; on a
    terminal too narrow for that (four metrics need about 100 columns: at 80 every "0.720 ± 0.055" broke
    over three lines and headers were cut), the metrics as rows and the models as columns."""
    from rich.table import Table

    def cv(vals: dict, m: str) -> str:
        sd = vals.get(f"{m}_sd")
        return metric(vals.get(m)) + (f" ± {metric(sd, like=vals.get(m))}" if sd is not None else "")

    heads = {m: phrase(f"metric_{m}") if m in _LABELLED else m for m in names}
    labels = {model: f"{model} ★" if model == result.best else model for model in result.metrics}
    shown = {model: f"[bold green]{label}[/]" if model == result.best else label for model, label in labels.items()}
    cells = {model: [(cv(vals, m), metric(tests.get(model, {}).get(m))) for m in names]
             for model, vals in result.metrics.items()}
    test_head = phrase("model_test")
    widths = [max([len(phrase("model_model"))] + [len(v) for v in labels.values()])]
    for i, m in enumerate(names):
        widths += [max([len(heads[m])] + [len(row[i][0]) for row in cells.values()]), max(len(test_head), 6)]
    table = Table(title=phrase("model_metrics_title"), show_lines=False)
    if sum(widths) + 3 * len(widths) + 1 <= width:
        table.add_column(phrase("model_model"))
        for m in names:
            table.add_column(heads[m], justify="right")
            table.add_column(test_head, justify="right", style="dim")
        for model, row in cells.items():
            table.add_row(shown[model], *[cell for pair in row for cell in pair])
        return table
    table.add_column(phrase("model_metric"))
    for model in cells:
        table.add_column(shown[model], justify="right")
    for i, m in enumerate(names):
        table.add_row(heads[m], *[row[i][0] for row in cells.values()])
        table.add_row(f"[dim]  {test_head}[/]", *[f"[dim]{row[i][1]}[/]" for row in cells.values()])
    return table


def render(result: Any, console: Any) -> None:
    from rich.panel import Panel
    from rich.table import Table

    x = result.extra
    task = phrase(f"task_name_{result.task}") if result.task in _ORDER else result.task
    split = phrase(f"split_name_{result.split}") if result.split in _SPLITS else result.split
    head = phrase("model_head", task=task, target=result.target, n=len(result.features), split=split,
                  reason=x.get("split_reason", ""))
    lines = [head, phrase("model_rows", used=x.get("rows_used"), total=x.get("rows_total"), train=x.get("n_train"),
                          test=x.get("n_test"), folds=x.get("folds") or phrase("model_no_folds"))]
    if x.get("sample_note"):
        lines.append("[yellow]" + phrase("model_trained_on", note=x["sample_note"]) + "[/]")
    lines += [f"[dim]{n}[/]" for n in x.get("notes", [])]
    console.print(Panel("\n".join(lines), title="train_model", expand=False))

    names = [m for m in _ORDER.get(result.task, []) if any(m in v for v in result.metrics.values())]
    console.print(_metrics_table(result, names, x.get("test_metrics", {}), console.width))
    if x.get("comparison"):
        console.print(x["comparison"])
    for s in x.get("skipped", []):
        console.print(f"[yellow]{s}[/]")

    if result.excluded:
        ex = Table(title=phrase("model_left_out"), show_header=True)
        ex.add_column(phrase("model_column"))
        ex.add_column(phrase("model_why"))
        for e in result.excluded:
            ex.add_row(e["column"], e["reason"])
        console.print(ex)
    if x.get("importance"):
        top = ", ".join(f"{r['feature']} ({metric(r['importance'])})" for r in x["importance"][:5])
        console.print(phrase("model_importance", top=top))
    for col, groups in (x.get("per_group") or {}).items():
        if not groups:
            continue
        names_g = [k for k in next(iter(groups.values())) if k != "too_small" and " " not in k]
        g = Table(title=phrase("model_per_group", column=col))
        g.add_column(phrase("model_group"))
        for k in names_g:
            g.add_column(named("model", "group_metrics", k), justify="right")
        for group, vals in groups.items():
            label = f"{group} [dim]{phrase('model_too_small')}[/]" if vals.get("too_small") else str(group)
            g.add_row(label, *[str(int(vals[k])) if k == "n" else metric(vals.get(k)) for k in names_g])
        console.print(g)
        _one_vs_rest(col, groups, console)

    withheld = x.get("withheld", [])
    model_line = (phrase("model_file", path=result.model_path, sha=str(x.get("sha256", ""))[:12]) if result.model_path
                  else phrase("model_withheld", ids=", ".join(withheld), allow=" ".join("--allow " + i for i in withheld)))
    files = [phrase("model_card", path=result.card_path), model_line,
             phrase("model_script", path=x.get("script_path"))]
    files += [phrase("model_chart", path=c) for c in x.get("charts", [])]
    if x.get("predictions_table"):
        files.append(phrase("model_predictions_table", name=x["predictions_table"]))
    if x.get("predictions_csv"):
        files.append(phrase("model_predictions_csv", path=x["predictions_csv"]))
    console.print(Panel("\n".join(files) + f"\n[dim]{x.get('loading_risk', '')}[/]", title=phrase("model_saved_title"), expand=False))


def _one_vs_rest(col: str, groups: dict, console) -> None:
    """Multiclass: one row per group and class (selection, true- and false-positive rate), not 3 x k columns."""
    from rich.table import Table

    first = next(iter(groups.values()))
    classes = [k[len("selection_rate "):] for k in first if k.startswith("selection_rate ")]
    if not classes:
        return
    t = Table(title=phrase("model_one_vs_rest", column=col))
    for i, h in enumerate(phrase("model_one_vs_rest_columns").split("|")):
        t.add_column(h, justify="left" if i < 2 else "right")
    for group, vals in groups.items():
        for i, c in enumerate(classes):
            t.add_row(str(group) if i == 0 else "", c, metric(vals.get(f"selection_rate {c}")),
                      metric(vals.get(f"tpr {c}")), metric(vals.get(f"fpr {c}")))
    console.print(t)
