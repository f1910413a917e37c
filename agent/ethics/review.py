"""The ethics reviewer: every result and every outgoing prompt passes here (catalogue in docs/ethics.md).

`review_result(result, ws, ctx)` runs the checks that apply to the result's kind and returns findings;
some checks fix the result in place and say so (PII masked in displayed rows, values of tiny groups
hidden). `review_prompt(text, privacy)` returns what may be sent to a model, and why.
A person's `--allow ID` turns that check's block into a warn ("overridden by --allow ID") and skips its
automatic fix.
"""

from __future__ import annotations

import os
from typing import Any

from dsagent.ethics.thresholds import SOURCES, resolve
from dsagent.ethics.finding import Finding
from dsagent.words.language import say

PII_SAMPLE_ROWS = 200


def review_prompt(text: str, privacy: str = "masked") -> tuple[str, list[Finding]]:
    """What may leave the machine: (text to send, findings). Secrets are always masked."""
    from dsagent.ethics.privacy import screen_prompt

    return screen_prompt(text, privacy)


def review_result(result: Any, ws: Any, ctx: Any) -> list[Finding]:
    """Findings for one typed result; may mask or hide displayed values in place (and says so)."""
    settings = getattr(ctx, "settings", None) or {}
    th = resolve(settings)
    allow = {str(a).upper() for a in (getattr(ctx, "allow", None) or ())}
    privacy = getattr(ctx, "privacy", "masked") or "masked"
    kind = getattr(result, "kind", "")
    findings: list[Finding] = []
    try:
        if kind in ("table", "chart"):
            findings = _review_rows(result, ws, th, allow, privacy, chart=kind == "chart")
        elif kind == "model":
            findings = list(getattr(result, "findings", None) or [])
        elif kind in ("clean", "synthetic"):
            findings = _review_table_data(result, ws, th, privacy)
        elif kind == "text":
            findings = _review_text(result, privacy)
    except Exception as exc:  # noqa: BLE001 - a reviewer failure must not lose the answer; it is reported
        if os.environ.get("DSAGENT_RAISE") or os.environ.get("PYTEST_CURRENT_TEST"):
            raise  # tests and DSAGENT_RAISE=1 see the real traceback
        findings.append(Finding(id="R0", severity="info", message=say("ethics", "R0", error=f"{type(exc).__name__}: {exc}"),
                                source="dsagent"))
    if privacy != "full":  # a message may quote a value of the data (D2 naming its largest class)
        from dsagent.ethics.shown import mask_messages

        findings = mask_messages(findings, th["E1_score"])
    return apply_overrides(_dedupe(findings), allow)


# Blocks whose fix is applied in place on the result (values hidden or masked, axis redrawn): the result
# is still shown, with the finding saying what was done. Other blocks withhold the artifact.
FIXED_IN_PLACE = {"D1", "D3", "E1", "E2", "E3", "E4"}
# Checks about one feature (named first in `columns`): leaving the feature out fixes them.
FEATURE_CHECKS = {"A1", "A2", "A3", "A4", "B4", "C2"}


def must_withhold(findings: list[Finding], result: Any = None) -> list[Finding]:
    """The block findings that withhold `result` (not those already fixed in place, nor dropped features)."""
    dropped = {str(e.get("column")) for e in (getattr(result, "excluded", None) or []) if isinstance(e, dict)}
    if getattr(result, "kind", None) == "model" and (getattr(result, "extra", None) or {}).get("withheld"):
        # The model tool already withheld the deployable artifact (the model file and predictions)
        # for these blocks. Its evaluation (metrics, per-group numbers, card) is what lets the
        # person judge the gap, so the answer itself is shown, with the blocks beside it.
        return []
    out = []
    for f in findings:
        if f.severity != "block" or f.id.upper() in FIXED_IN_PLACE:
            continue
        if f.id.upper() in FEATURE_CHECKS and f.columns and f.columns[0] in dropped:
            continue  # a leaking feature or proxy the model tool left out: fixed
        out.append(f)
    return out


def changed_on_display(result: Any) -> list[str]:
    """Reviewer checks that hid (D1, values of tiny groups) or masked (E1, E2) values of the table shown.

    The reviewer's own rule: a D1 block hides values in a table (an override turns the block into a
    warn), a chart names the groups whose values it did not draw, and E1/E2 are reported only when
    displayed values were masked.
    """
    found = {"D1"} if getattr(result, "hidden_groups", None) else set()
    for f in getattr(result, "findings", None) or []:
        if f.id == "D1" and f.severity == "block" and getattr(result, "kind", None) != "chart":
            found.add("D1")
        elif f.id in ("E1", "E2"):
            found.add(f.id)
    return sorted(found)


def apply_overrides(findings: list[Finding], allow: set[str]) -> list[Finding]:
    """Blocks the person overrode become warns that say so."""
    out = []
    for f in findings:
        if f.severity == "block" and f.id.upper() in allow:
            f = f.model_copy(update={"severity": "warn", "message": say("ethics", "overridden", message=f.message,
                                                                        id=f.id)})
        out.append(f)
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.id, f.severity, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ------------------------------------------------------------------ tables and charts
def _review_rows(result, ws, th: dict, allow: set[str], privacy: str, chart: bool) -> list[Finding]:
    from dsagent.ethics.fairness import attribute_named, protected_columns
    from dsagent.ethics.groupsize import group_counts
    from dsagent.ethics.representation import (check_axis, check_group_sizes, check_imbalance, check_join_sql,
                                               find_count_column)

    columns = list(getattr(result, "columns", []) or [])
    rows = getattr(result, "rows", None)
    if rows is None:
        rows = []
    sql = getattr(result, "query", None) or getattr(result, "sql", None)
    findings: list[Finding] = []
    grouped = _is_grouped(sql)

    # D1 (before masking: keys must match the database)
    count_idx = find_count_column(columns, rows, sql if grouped else None) if rows else None
    named = getattr(result, "count_column", None)
    if named and named in columns:
        count_idx = columns.index(named)
    if chart and count_idx is None and rows:
        spec = getattr(result, "spec", {}) or {}
        if spec.get("aggregate") == "count" or (spec.get("y") is None and spec.get("kind") in ("bar", "pie")):
            count_idx = _last_int_column(columns, rows)
    sizes = getattr(result, "group_sizes", None)  # counted in the answer's own query (with_group_count)
    hide = "D1" not in allow and not chart
    overridden = "D1" in allow and not chart
    if rows and count_idx is not None and (grouped or chart):
        # a histogram's bin edges are floats but name its groups: its counts are exact, nothing to flag
        keys = [i for i in range(len(columns)) if i != count_idx] if chart and \
            (getattr(result, "spec", {}) or {}).get("kind") == "histogram" else _key_columns(columns, rows, count_idx)
        findings += check_group_sizes(columns, rows, count_column=count_idx, thresholds=th, hide=hide,
                                      overridden=overridden, key_columns=keys)
    elif rows and sizes is not None and len(sizes) == len(rows):
        findings += check_group_sizes(columns, rows, counts=list(sizes), thresholds=th, hide=hide,
                                      overridden=overridden, key_columns=_key_columns(columns, rows, None))
    elif rows and grouped and ws is not None:
        counts, keys, note = group_counts(ws, sql, columns, rows, th)
        if counts is not None:
            findings += check_group_sizes(columns, rows, counts=counts, key_columns=keys, thresholds=th, hide=hide,
                                          overridden=overridden)
    # D2: one categorical column and its counts
    if rows and count_idx is not None and (grouped or chart) and len(columns) == 2 \
            and not getattr(result, "truncated", False):
        label_idx = 1 - count_idx
        counts = [r[count_idx] for r in rows]
        if all(isinstance(c, (int, float)) for c in counts) and len(counts) >= 2:
            findings += check_imbalance(counts, [r[label_idx] for r in rows], columns[label_idx], th)
    # D3: chart axis (the chart tool draws bars from zero and notes what it changed; this checks the drawing)
    if chart:
        spec = getattr(result, "spec", {}) or {}
        drawn = getattr(result, "draw", {}) or {}
        ylim = drawn.get("value_axis") or spec.get("ylim") or spec.get("y_range")
        if ylim is None and drawn.get("orientation") != "horizontal":
            ylim = drawn.get("y_lim")
        values = [r[-1] for r in rows if r and isinstance(r[-1], (int, float))]
        log_y = bool(spec.get("log_y")) or drawn.get("y_scale") == "log"
        findings += check_axis(spec.get("kind", ""), ylim=ylim, log_y=log_y, values=values)
        for note in getattr(result, "notes", []) or []:
            low = note.lower()
            if "(d3)" in low or "axis" in low or "log scale" in low:
                findings.append(Finding(id="D3", severity="info", message=say("ethics", "D3_fixed", note=note),
                                        statistic="axis lint", source=SOURCES["D3"]))
    # D4: joins that multiply rows
    if sql and ws is not None and " join " in sql.lower():
        findings += check_join_sql(ws, sql, th)
    # C1: a protected attribute shown grouped
    keys = _grouping_columns(sql, columns, rows) if (grouped or chart) else []
    protected = protected_columns(keys, [[r[columns.index(k)] for k in keys] for r in rows[:200]]) if keys else {}
    if protected:
        names = ", ".join(f"'{c}' ({attribute_named(a)})" for c, a in protected.items())
        findings.append(Finding(id="C1", severity="info", message=say("ethics", "C1_grouped", names=names),
                                statistic="protected attribute shown", columns=list(protected),
                                source=SOURCES["C1"]))
    # E1/E2: personal data in displayed rows
    if rows and privacy != "full":
        tables = [str(t) for t in getattr(result, "tables", None) or []]
        findings += _mask_displayed(columns, rows, th, say("ethics", "what_chart" if chart else "what_rows"),
                                    context=_source_columns(ws, tables), tables=tables)
    return findings


def _source_columns(ws, tables: list[str]) -> list[str] | None:
    """Every column of the tables a result read (what says whether they describe people), or None."""
    if ws is None or not tables:
        return None
    out: list[str] = []
    for table in tables:
        try:
            out += [str(name) for name, _ in ws.columns(table)]
        except Exception:  # noqa: BLE001 - a table the workspace cannot describe: judged by the result alone
            return None
    return out


def _grouping_columns(sql: str | None, columns: list[str], rows) -> list[str]:
    """The result's columns that label groups, never its measures (C1 names what rows are grouped by).

    Read from the query: an output column is a measure when its expression aggregates ('avg(age) AS
    avg_age'); without a readable query, columns holding fractional numbers are measures.
    """
    from dsagent.ethics.groupsize import _parse

    select = _parse(sql) if sql else None  # a plain SELECT (WITH included), else None
    if select is not None:
        from sqlglot import exp

        starred = any(p.find(exp.Star) is not None and p.find(exp.AggFunc) is None for p in select.expressions)
        if not starred:
            measures = {p.alias_or_name.lower() for p in select.expressions
                        if p.find(exp.AggFunc, exp.Window) is not None}
            return [c for c in columns if str(c).lower() not in measures]
    return [columns[i] for i in _key_columns(columns, rows, None)] if rows else list(columns)


def _is_grouped(sql: str | None) -> bool:
    return bool(sql) and "group by" in " ".join(sql.lower().split())


def _last_int_column(columns, rows) -> int | None:
    for i in range(len(columns) - 1, -1, -1):
        if all(isinstance(r[i], int) and not isinstance(r[i], bool) for r in rows[:50]):
            return i
    return None


def _key_columns(columns, rows, count_idx) -> list[int]:
    """Group keys: columns other than the count that hold text, dates or integers (not measures)."""
    keys = []
    for i in range(len(columns)):
        if i == count_idx:
            continue
        sample = [r[i] for r in rows[:50] if r[i] is not None]
        if not sample or not all(isinstance(v, float) for v in sample):
            keys.append(i)
    return keys


def _mask_displayed(columns, rows, th: dict, what: str, context: list[str] | None = None,
                    tables: list[str] | None = None) -> list[Finding]:
    from dsagent.ethics.privacy import mask_rows, pii_columns_of_rows

    pii = pii_columns_of_rows([str(c) for c in columns], rows, share=th["E2_share"], min_score=th["E1_score"],
                              context=context, tables=tables)
    cells, entities = mask_rows(columns, rows, pii, min_score=th["E1_score"])
    return _masked_findings(pii, entities, th, what)


def _mask_clean(result, ws, th: dict) -> list[Finding]:
    """A cleaning's examples (rows removed, values before -> after, values its reasons quote), masked
    like displayed rows. Personal columns are judged on a sample of the table cleaned, which still has
    the columns the plan drops."""
    from dsagent.ethics.privacy import pii_columns
    from dsagent.ethics.shown import mask_clean

    source = getattr(result, "source_table", None)
    pii: dict[str, str] = {}
    if ws is not None and source and source in getattr(ws, "tables", {}):
        from dsagent.data.naming import quote_ident

        frame = ws.fetch_df(f"SELECT * FROM {quote_ident(source)} USING SAMPLE {PII_SAMPLE_ROWS} ROWS")
        pii = pii_columns(frame, share=th["E2_share"], min_score=th["E1_score"], tables=[source])
    masked, entities = mask_clean(result, pii, th["E1_score"])
    return _masked_findings({c: pii[c] for c in pii if c in masked}, entities, th, say("ethics", "what_examples"))


def _masked_findings(pii: dict[str, str], entities: dict[str, int], th: dict, what: str) -> list[Finding]:
    """What the masking of displayed values did: E2 for whole personal columns, E1 for values elsewhere."""
    from dsagent.ethics.privacy import entity_named

    findings = []
    if pii:
        names = ", ".join(f"'{c}' ({entity_named(e)})" for c, e in pii.items())
        findings.append(Finding(id="E2", severity="warn", message=say("ethics", "E2_shown", names=names, what=what),
                                statistic="share of sampled cells recognised",
                                threshold=th["E2_share"], columns=list(pii),
                                fix=say("ethics", "E1_fix"), source=SOURCES["E2"]))
    other = sum(entities.values())
    if other > 0:
        kinds = ", ".join(sorted({entity_named(e) for e in entities}))
        findings.append(Finding(id="E1", severity="warn", message=say("ethics", "E1_shown", n=other, kinds=kinds,
                                                                      what=what),
                                statistic="recogniser score", threshold=th["E1_score"],
                                fix=say("ethics", "E1_fix"), source=SOURCES["E1"]))
    return findings


# ------------------------------------------------------------------ derived tables, text
def _review_table_data(result, ws, th: dict, privacy: str) -> list[Finding]:
    """Cleaned or synthetic data: PII columns in a sample of the table (E2) and dominant classes (D2)."""
    import pandas as pd

    from dsagent.ethics.privacy import entity_named, pii_columns
    from dsagent.ethics.representation import check_imbalance

    findings: list[Finding] = []
    table = getattr(result, "table", None)
    frame = None
    if ws is not None and table and table in getattr(ws, "tables", {}):
        from dsagent.data.naming import quote_ident

        frame = ws.fetch_df(f"SELECT * FROM {quote_ident(table)} USING SAMPLE {PII_SAMPLE_ROWS * 10} ROWS")
    elif getattr(result, "rows", None):
        frame = pd.DataFrame(result.rows, columns=result.columns)
    rows = getattr(result, "rows", None)
    if getattr(result, "kind", "") == "clean" and privacy != "full":
        findings += _mask_clean(result, ws, th)
    if rows and privacy != "full":
        context = [str(c) for c in frame.columns] if frame is not None else list(result.columns)
        findings += _mask_displayed(list(result.columns), rows, th, say("ethics", "what_preview"), context=context,
                                    tables=[table] if table else None)
    elif frame is not None:
        pii = pii_columns(frame.head(PII_SAMPLE_ROWS), share=th["E2_share"], min_score=th["E1_score"],
                          tables=[table] if table else None)
        if pii:
            names = ", ".join(f"'{c}' ({entity_named(e)})" for c, e in pii.items())
            findings.append(Finding(id="E2", severity="warn", message=say("ethics", "E2_table", table=table, names=names),
                                    statistic="share of sampled cells recognised",
                                    threshold=th["E2_share"], columns=list(pii),
                                    fix=say("ethics", "E2_table_fix"), source=SOURCES["E2"]))
    if frame is not None and len(frame):
        note = say("ethics", "sample_note", rows=len(frame)) if len(frame) >= PII_SAMPLE_ROWS * 10 else ""
        for col in frame.columns:
            s = frame[col].dropna()
            if s.empty or s.dtype.kind in "fc":
                continue
            counts = s.value_counts()
            if 2 <= len(counts) <= 20 and len(counts) < len(s) / 5:
                for f in check_imbalance(counts.tolist(), counts.index.tolist(), str(col), th):
                    findings.append(f.model_copy(update={"message": f.message + note}))
    return findings


def _review_text(result, privacy: str) -> list[Finding]:
    from dsagent.ethics.privacy import mask_text, scan_text

    text = getattr(result, "text", "") or ""
    if privacy == "full" or not text:
        return []
    matches = scan_text(text, 0.4)
    if not matches:
        return []
    result.text = mask_text(text)
    return [Finding(id="E1", severity="warn", message=say("ethics", "E1_text", n=len(matches)),
                    statistic="recogniser score", threshold=0.4, fix=say("ethics", "E1_fix"),
                    source=SOURCES["E1"])]
