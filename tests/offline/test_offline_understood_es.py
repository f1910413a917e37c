"""A Spanish request that is not fully understood says, in Spanish, what was understood."""

from __future__ import annotations

from dsagent.offline.respond import not_understood


def test_what_was_understood_is_said_in_spanish():
    text = not_understood("es", ["count of rows", "avg of fare", "share of rows by sex", "Price Of Cars"], ["niños"],
                          [], [])
    assert "Entendí: recuento de filas; media de fare; proporción de filas por sex; Price Of Cars." in text
    assert "count of rows" not in text


def test_english_stays_english():
    text = not_understood("en", ["count of rows"], ["kids"], [], [])
    assert "Understood: count of rows." in text


def _problem_templates() -> list[str]:
    """Every problem the offline planner can state, from its source: the text given to `fail(...)` or
    `problems.append(...)`, with each {placeholder} as X (adjacent f-strings joined, as Python joins them)."""
    import ast
    from pathlib import Path

    import dsagent.offline as offline

    found = []
    for path in Path(offline.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            target = node.func.value if isinstance(node.func, ast.Attribute) else None
            is_problem = name == "fail" or name == "append" and isinstance(target, ast.Attribute) \
                and target.attr == "problems"
            text = node.args[-1] if name == "fail" else node.args[0]
            if not is_problem:
                continue
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.append(text.value)
            elif isinstance(text, ast.JoinedStr):
                found += _renderings(text.values)
    return found


def _renderings(parts) -> list[str]:
    """An f-string's texts: constants as written, a choice of two constants ('highest' if ... else 'lowest')
    both ways, any other value as X."""
    import ast

    out = [""]
    for v in parts:
        if isinstance(v, ast.Constant):
            choices = [v.value]
        elif isinstance(v.value, ast.IfExp) and all(isinstance(x, ast.Constant) for x in (v.value.body, v.value.orelse)):
            choices = [v.value.body.value, v.value.orelse.value]
        else:
            choices = ["X"]
        out = [o + str(c) for o in out for c in choices]
    return out


def test_every_problem_the_planner_states_reads_in_spanish():
    # A Spanish decline said "No entendí: a single date column for the x axis" and 30 more like it.
    import re

    from dsagent.offline.respond import _es

    english = re.compile(r"\b(the|of|for|without|which|or|to|by|with|an|is|not|in|and|what|how|than|one|two|"
                         r"each|its|it|as|on|from|per|say|rows|column|columns|values|between|needs)\b")
    templates = _problem_templates()
    assert len(templates) > 50
    # a chart kind fills some templates: each kind the planner names ('the top 3 on a line chart')
    kinds = ("bar", "line", "scatter", "histogram", "box", "pie", "heatmap", "area")
    templates = [t.replace("a X chart", f"a {k} chart") for t in templates for k in (kinds if "a X chart" in t else ("",))]
    left = {t: _es(t) for t in templates if english.search(re.sub(r"'[^']*'", "Q", _es(t)))}
    assert not left, left
