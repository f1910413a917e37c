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
    _headline(fid, console)
    t = Table(title=f"fidelity of each column alone (score {fid.get('column_score', fid.get('score'))}; 1 = identical "
                    "distributions)", title_justify="left")
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
    _relationships(fid.get("relationships") or {}, console)
    _utility(fid, console)
    _temporal(fid.get("temporal"), console)
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


def _headline(fid: dict, console) -> None:
    """The quality score is the weakest part's: say which part, so a high column score cannot reassure alone."""
    if fid.get("weakest") is None:
        return
    score = fid.get("score")
    colour = "green" if score is not None and score >= 0.8 else "yellow" if score is not None and score >= 0.5 else "red"
    console.print(f"[bold]quality score [{colour}]{score}[/{colour}][/bold] (the weakest part: {fid['weakest']}; "
                  "1 = indistinguishable from the real rows)")


def _relationships(rel: dict, console) -> None:
    from rich.table import Table

    pairs = rel.get("pairs") or []
    if not pairs:
        return
    t = Table(title=f"relationships between columns (score {rel.get('score')}; {rel.get('pairs_compared')} pairs, "
                    "the least kept first)", title_justify="left")
    for h in ("columns", "measure", "real", "synthetic", "reading"):
        t.add_column(h, justify="right" if h in ("real", "synthetic") else "left")
    names = {"spearman": "Spearman correlation", "correlation ratio": "correlation ratio (eta)",
             "cramers_v": "Cramér's V"}
    for p in pairs[:8]:
        reading = "kept" if p["score"] >= 0.9 else "weakened" if p["score"] >= 0.7 else "lost"
        m = p.get("class_means")
        if m and m.get("shift_sd") is not None and m["shift_sd"] >= 0.5:
            reading += f"; mean {m['number']} for {m['category']}={m['class']}: {m['real_mean']:.4g} -> " \
                       f"{m['synthetic_mean']:.4g}"
        t.add_row(" ~ ".join(p["columns"]), names.get(p["metric"], p["metric"]), f"{p['real']:.3f}",
                  f"{p['synthetic']:.3f}", reading)
    console.print(t)


def _utility(fid: dict, console) -> None:
    util, det = fid.get("utility") or {}, fid.get("detection") or {}
    for u in util.get("targets", []):
        if u.get("trtr") is None:
            console.print(f"train on synthetic, predict {u['target']} on real rows: {u.get('note')}")
            continue
        console.print(f"predicting [bold]{u['target']}[/bold] on real test rows ({u['metric']}): trained on real "
                      f"{u['trtr']:.3f}, trained on synthetic {u['tstr']:.3f} (utility {u['score']:.2f})")
    if det.get("auc") is not None:
        console.print(f"a classifier tells synthetic from real rows with ROC AUC {det['auc']:.3f} "
                      f"(0.5 = cannot tell; detection score {det['score']:.2f})")
    for part in (util, det):
        if part.get("note") and part.get("score") is None:
            console.print(f"[dim]{part['note']}[/dim]")
            break


def _temporal(t: dict | None, console) -> None:
    from rich.table import Table

    if not t:
        return
    d = t["duplicate_keys"]
    console.print(f"[yellow]time structure ({t['kind']}, by {', '.join(c for c in (t.get('key'), t['date']) if c)}):"
                  f"[/yellow] {'kept' if t['kept'] else 'lost'} (score {t['score']}); repeated "
                  f"{'dates' if t['kind'] == 'series' else 'entity-date pairs'}: real {d['real']:,}, synthetic "
                  f"{d['synthetic']:,}")
    tt = Table(title="lag-1 autocorrelation and monthly means, real vs synthetic", title_justify="left")
    for h in ("column", "lag-1 real", "lag-1 synthetic", "monthly profile corr.", "monthly spread real",
              "monthly spread synthetic"):
        tt.add_column(h, justify="left" if h == "column" else "right")
    fmt = lambda v: "–" if v is None else f"{v:.3g}"  # noqa: E731
    for c, e in t["columns"].items():
        tt.add_row(c, fmt(e["lag1_real"]), fmt(e["lag1_synthetic"]), fmt(e["monthly_profile_correlation"]),
                   fmt(e["monthly_spread_real"]), fmt(e["monthly_spread_synthetic"]))
    console.print(tt)
