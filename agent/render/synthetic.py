"""Terminal rendering of a SyntheticResult: a preview, the fidelity table and the privacy screen.

The words are data in prompts/synth.json, in the answer's language (`render_answer` sets it).
"""

from __future__ import annotations

from dsagent.render.values import number
from dsagent.words.language import named, say


def _cell(value) -> str:
    if value is None:
        return "∅"
    if isinstance(value, float):
        return f"{value:,.2f}"
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def render(result, console) -> None:
    from rich.table import Table

    console.print(say("synth", "head", table=result.table, rows=f"{result.row_count:,}", source=result.source_table,
                      fitted=f"{result.fitted_rows:,}"))
    preview = Table(title=say("synth", "first_rows"), title_justify="left")
    for c in result.columns:
        preview.add_column(c)
    for row in result.rows[:10]:
        preview.add_row(*[_cell(v) for v in row])
    console.print(preview)
    fid = result.fidelity
    _headline(fid, console)
    t = Table(title=say("synth", "fidelity_title", score=fid.get("column_score", fid.get("score"))), title_justify="left")
    t.add_column(say("synth", "column"))
    t.add_column(say("synth", "measure"))
    t.add_column(say("synth", "value"), justify="right")
    t.add_column(say("synth", "reading"))
    for col, entry in fid.get("columns", {}).items():
        metric, value = entry["metric"], entry["value"]
        name = say("synth", "ks" if metric == "ks" else "tvd")
        reading = say("synth", "close" if value <= 0.1 else "fair" if value <= 0.2 else "differs")
        t.add_row(col, name, f"{value:.3f}", reading)
    console.print(t)
    if fid.get("correlation_max_abs_diff") is not None:
        a, b = fid.get("correlation_pair") or ["?", "?"]
        console.print(say("synth", "correlation", diff=fid["correlation_max_abs_diff"], a=a, b=b,
                          real=fid.get("correlation_real"), synthetic=fid.get("correlation_synthetic")))
    _relationships(fid.get("relationships") or {}, console)
    _utility(fid, console)
    _temporal(fid.get("temporal"), console)
    if fid.get("note"):
        console.print(f"[dim]{fid['note']}[/dim]")
    p = result.privacy
    copies = say("synth", "copies", count=p.get("exact_copies_dropped", 0))
    close = say("synth", "too_close", count=p.get("too_close_dropped", 0), threshold=p.get("threshold"))
    console.print(say("synth", "privacy", copies=copies, close=close, min=p.get("dcr_min"), p05=p.get("dcr_p05"),
                      median=p.get("dcr_median")))
    if result.balance:
        b = result.balance
        bt = Table(title=say("synth", "balance_title", column=b["column"], mode=b["mode"]), title_justify="left")
        augment = b["mode"] == "augment"
        share_title, shares = ((say("synth", "balance_combined"), b["combined_share"]) if augment
                               else (say("synth", "balance_synthetic"), b["synthetic_share"]))
        heads = [say("synth", k) for k in ("value", "balance_target", "balance_real", "balance_generated")]
        for i, h in enumerate([*heads, share_title]):
            bt.add_column(h, justify="right" if i else "left")
        for value, target in b["target"].items():
            bt.add_row(value, f"{target:.1%}", f"{b['real'].get(value, 0):,}", f"{b['generated'].get(value, 0):,}",
                       f"{shares.get(value, 0):.1%}")
        console.print(bt)
    if result.combined_table:
        console.print(say("synth", "combined", table=result.combined_table))
    for e in result.excluded:
        console.print(say("synth", "not_synthesised", column=e["column"], reason=e["reason"]))
    for note in result.notes:
        console.print(say("synth", "note", note=note))
    if result.export_path:
        console.print(say("synth", "written", path=result.export_path))


def _headline(fid: dict, console) -> None:
    """The quality score is the weakest part's: say which part, so a high column score cannot reassure alone."""
    if fid.get("weakest") is None:
        return
    score = fid.get("score")
    colour = "green" if score is not None and score >= 0.8 else "yellow" if score is not None and score >= 0.5 else "red"
    console.print(say("synth", "headline", colour=colour, score=score, part=named("synth", "parts", fid["weakest"])))


def _relationships(rel: dict, console) -> None:
    from rich.table import Table

    pairs = rel.get("pairs") or []
    if not pairs:
        return
    t = Table(title=say("synth", "relationships_title", score=rel.get("score"), pairs=rel.get("pairs_compared")),
              title_justify="left")
    for h in ("columns", "measure", "real", "synthetic", "reading"):
        t.add_column(say("synth", h), justify="right" if h in ("real", "synthetic") else "left")
    names = {"spearman": "spearman", "correlation ratio": "correlation_ratio", "cramers_v": "cramers_v"}
    for p in pairs[:8]:
        reading = say("synth", "kept" if p["score"] >= 0.9 else "weakened" if p["score"] >= 0.7 else "lost")
        m = p.get("class_means")
        if m and m.get("shift_sd") is not None and m["shift_sd"] >= 0.5:
            reading += say("synth", "class_mean", number=m["number"], category=m["category"], value=m["class"],
                           real=number(m["real_mean"]), synthetic=number(m["synthetic_mean"]))
        metric = say("synth", names[p["metric"]]) if p["metric"] in names else p["metric"]
        t.add_row(" ~ ".join(p["columns"]), metric, f"{p['real']:.3f}", f"{p['synthetic']:.3f}", reading)
    console.print(t)


def _utility(fid: dict, console) -> None:
    util, det = fid.get("utility") or {}, fid.get("detection") or {}
    for u in util.get("targets", []):
        if u.get("trtr") is None:
            console.print(say("synth", "utility_none", target=u["target"], note=u.get("note")))
            continue
        console.print(say("synth", "utility", target=u["target"], metric=named("synth", "metrics", u["metric"]), trtr=u["trtr"], tstr=u["tstr"],
                          score=u["score"]))
    if det.get("auc") is not None:
        console.print(say("synth", "detection", auc=det["auc"], score=det["score"]))
    for part in (util, det):
        if part.get("note") and part.get("score") is None:
            console.print(f"[dim]{part['note']}[/dim]")
            break


def _temporal(t: dict | None, console) -> None:
    from rich.table import Table

    if not t:
        return
    d = t["duplicate_keys"]
    console.print(say("synth", "temporal", kind=t["kind"], by=", ".join(c for c in (t.get("key"), t["date"]) if c),
                      state=say("synth", "kept" if t["kept"] else "lost"), score=t["score"],
                      repeated=say("synth", "dates" if t["kind"] == "series" else "entity_dates"),
                      real=f"{d['real']:,}", synthetic=f"{d['synthetic']:,}"))
    tt = Table(title=say("synth", "temporal_title"), title_justify="left")
    for i, h in enumerate(say("synth", "temporal_columns").split("|")):
        tt.add_column(h, justify="right" if i else "left")
    corr = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731  correlations, as in the tables above
    spread = lambda v: "–" if v is None else number(v)  # noqa: E731  in the column's own unit
    for c, e in t["columns"].items():
        tt.add_row(c, corr(e["lag1_real"]), corr(e["lag1_synthetic"]), corr(e["monthly_profile_correlation"]),
                   spread(e["monthly_spread_real"]), spread(e["monthly_spread_synthetic"]))
    console.print(tt)
