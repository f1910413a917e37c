"""Terminal rendering of a SyntheticResult: a preview, the fidelity table and the privacy screen."""

from __future__ import annotations


def _cell(value) -> str:
    if value is None:
        return "∅"
    if isinstance(value, float):
        return f"{value:,.2f}"
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def render(result, console) -> None:
    from rich.table import Table

    console.print(f"[bold]{result.table}[/bold]: {result.row_count:,} synthetic rows imitating "
                  f"[bold]{result.source_table}[/bold] (Gaussian copula fitted on {result.fitted_rows:,} rows). "
                  "A new table: the source is unchanged.")
    preview = Table(title="first rows", title_justify="left")
    for c in result.columns:
        preview.add_column(c)
    for row in result.rows[:10]:
        preview.add_row(*[_cell(v) for v in row])
    console.print(preview)
    fid = result.fidelity
    t = Table(title=f"fidelity (score {fid.get('score')}; 1 = identical distributions)", title_justify="left")
    t.add_column("column")
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_column("reading")
    for col, entry in fid.get("columns", {}).items():
        metric, value = entry["metric"], entry["value"]
        name = "KS statistic" if metric == "ks" else "total-variation distance"
        reading = "close" if value <= 0.1 else "fair" if value <= 0.2 else "differs"
        t.add_row(col, name, f"{value:.3f}", reading)
    console.print(t)
    if fid.get("correlation_max_abs_diff") is not None:
        a, b = fid.get("correlation_pair") or ["?", "?"]
        console.print(f"largest correlation difference: {fid['correlation_max_abs_diff']:.3f} ({a} ~ {b}: real "
                      f"{fid.get('correlation_real')}, synthetic {fid.get('correlation_synthetic')})")
    if fid.get("note"):
        console.print(f"[dim]{fid['note']}[/dim]")
    p = result.privacy
    console.print(f"privacy: {p.get('exact_copies_dropped', 0)} exact copies of real rows and "
                  f"{p.get('too_close_dropped', 0)} rows closer than {p.get('threshold')} to a real record were "
                  f"dropped and replaced; no row of the result equals a real one. Distance to the closest real "
                  f"record: min {p.get('dcr_min')}, 5th percentile {p.get('dcr_p05')}, median {p.get('dcr_median')}.")
    if result.balance:
        b = result.balance
        bt = Table(title=f"balance of {b['column']} ({b['mode']})", title_justify="left")
        augment = b["mode"] == "augment"
        share_title, shares = (("real + synthetic share", b["combined_share"]) if augment
                               else ("synthetic share", b["synthetic_share"]))
        for h in ("value", "target", "real rows", "generated", share_title):
            bt.add_column(h, justify="right" if h != "value" else "left")
        for value, target in b["target"].items():
            bt.add_row(value, f"{target:.1%}", f"{b['real'].get(value, 0):,}", f"{b['generated'].get(value, 0):,}",
                       f"{shares.get(value, 0):.1%}")
        console.print(bt)
    if result.combined_table:
        console.print(f"real + synthetic rows together, with a `synthetic` flag: [bold]{result.combined_table}[/bold]")
    for e in result.excluded:
        console.print(f"[dim]not synthesised: {e['column']} ({e['reason']})[/dim]")
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    if result.export_path:
        console.print(f"written to {result.export_path}")
