"""The guide tool: which generative model family fits a person's data and goal."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from dsagent.tools.base import TextResult, ToolContext, tool
from dsagent.words.language import detect_language


class GuideArgs(BaseModel):
    """Arguments of `generative_guide`."""

    question: str = Field(description="The person's question about generative models, in their words.")
    data_type: str | None = Field(None, description="tabular, image, text, audio, time series, graph ...")
    goal: str | None = Field(None, description="augment scarce data, balance classes, privacy, generate media ...")
    language: str = Field("en", description="en or es")


class GuideResult(TextResult):
    """A recommendation of a generative model family, with the comparison table it comes from."""

    kind: ClassVar[str] = "guide"
    language: str = "en"
    data_type: str | None = None  # the data type the recommendation is for (None: not known)
    data_type_source: str = "default"  # question | argument | workspace | default
    goals: list[str] = []
    recommendation: dict[str, Any] = {}  # {family, name, reasons, runner_up, in_dsagent}
    ranking: list[dict[str, Any]] = []  # [{family, score}]
    table: list[dict[str, Any]] = []  # the comparison, localised: one dict per family (keys of COLUMNS, ratings, fit)
    columns: dict[str, str] = {}  # the localised column titles


def _matches(text: str, words: dict[str, list[str]]) -> list[str]:
    from dsagent.words.text import fold_accents

    folded = fold_accents(text.lower())
    return [key for key, ws_ in words.items() if any(w in folded for w in ws_)]


def _normalise_type(value: str | None) -> str | None:
    if not value:
        return None
    from dsagent.tools.guide.families import DATA_TYPES, TYPE_WORDS

    v = value.lower().replace(" ", "_").replace("-", "_")
    if v in DATA_TYPES:
        return v
    found = _matches(value, TYPE_WORDS)
    return found[0] if found else None


def workspace_profile(ws) -> dict[str, Any] | None:
    """Column kinds of the default table (numbers, categories, dates, text), from types only."""
    if ws is None or not getattr(ws, "tables", None):
        return None
    from dsagent.data.naming import quote_ident

    table = ws.default_table()
    counts = {"numeric": 0, "text": 0, "date": 0, "boolean": 0}
    for _, t in ws.columns(table):
        t = t.upper()
        if t.startswith(("DATE", "TIMESTAMP", "TIME")):
            counts["date"] += 1
        elif t == "BOOLEAN":
            counts["boolean"] += 1
        elif t in ("VARCHAR", "TEXT") or t.startswith("VARCHAR"):
            counts["text"] += 1
        else:
            counts["numeric"] += 1
    rows = ws.query(f"SELECT count(*) FROM {quote_ident(table)}", max_rows=1).rows[0][0]
    return {"table": table, "rows": rows, **counts}


def recommend(question: str, data_type: str | None = None, goal: str | None = None, language: str | None = None,
              ws=None) -> GuideResult:
    """Score every family for the data type and goals read from the question (and the workspace)."""
    from dsagent.tools.guide.families import COLUMNS, DATA_TYPE_NAMES, FAMILIES, GOAL_WORDS, GOALS, TYPE_WORDS

    lang = language if language in ("en", "es") else detect_language(question)
    source = "argument"
    dtype = _normalise_type(data_type)
    if dtype is None:
        found = _matches(question, TYPE_WORDS)
        dtype, source = (found[0], "question") if found else (None, "default")
    profile = workspace_profile(ws)
    if dtype is None and profile:
        dtype, source = "tabular", "workspace"
    goals = _matches(" ".join(filter(None, [question, goal])), GOAL_WORDS)
    scored_type = dtype or ("tabular" if not goals else None)  # nothing said: the answer is for tables
    scores = []
    for fam in FAMILIES:
        r = fam["ratings"]
        score = 3.0 * fam["fit"][scored_type] if scored_type else 0.0
        for g in goals:
            weights, _ = GOALS[g]
            score += sum(w * (r[k] - 3) for k, w in weights.items())
        if not goals:  # a neutral default: quality that is cheap to get
            score += 0.5 * (r["quality"] - 3) - 0.25 * (r["cost"] - 3)
        if scored_type and fam["fit"][scored_type] == 0:
            score -= 100  # never recommend a family for data it is not used on
        scores.append((round(score, 2), fam))
    scores.sort(key=lambda s: -s[0])
    best, runner = scores[0][1], scores[1][1]
    reasons = _reasons(best, dtype, goals, lang, profile)
    in_dsagent = None
    if best["key"] in ("gaussian_copula", "bayesian_network") or dtype == "tabular":
        in_dsagent = ({"en": "dsagent can do this now: ask \"generate 1,000 synthetic rows\" or \"balance the data by "
                             "<column>\" (a Gaussian copula, with a fidelity and privacy report).",
                       "es": "dsagent puede hacerlo ya: pide \"genera 1.000 filas sintéticas\" o \"equilibra los datos por "
                             "<columna>\" (cópula gaussiana, con informe de fidelidad y privacidad)."}[lang])
    table = [{"family": f["name"][lang], **{k: f[k][lang] for k in COLUMNS if k != "family"}, "key": f["key"],
              "ratings": dict(f["ratings"]), "fit": dict(f["fit"]),
              "best_for": [DATA_TYPE_NAMES[t][lang] for t, v in f["fit"].items() if v == 3]} for f in FAMILIES]
    titles = {k: v[lang] for k, v in COLUMNS.items()}
    rec = {"family": best["key"], "name": best["name"][lang], "reasons": reasons,
           "runner_up": runner["name"][lang], "runner_up_family": runner["key"], "in_dsagent": in_dsagent,
           "examples": best["examples"]}
    dname = DATA_TYPE_NAMES[dtype][lang] if dtype else None
    goal_names = [GOALS[g][1][lang] for g in goals]
    text = _text(lang, rec, dname, goal_names)
    if dtype is None and not goals:
        hint = {"en": "Tell me what data you have (a table, images, text, audio, time series) and what you want (more "
                      "rows, balance a class, privacy, realism, little compute) for a recommendation that fits. "
                      "Without that, for tables:",
                "es": "Dime qué datos tienes (una tabla, imágenes, texto, audio, series temporales) y qué buscas (más "
                      "filas, equilibrar una clase, privacidad, realismo, poco cómputo) para una recomendación a "
                      "medida. Sin eso, para tablas:"}[lang]
        text = hint + "\n" + text
    return GuideResult(text=text, language=lang, data_type=dtype, data_type_source=source, goals=goals,
                       recommendation=rec, ranking=[{"family": f["key"], "score": s} for s, f in scores],
                       table=table, columns=titles)


def _reasons(fam: dict, dtype: str | None, goals: list[str], lang: str, profile: dict | None) -> list[str]:
    from dsagent.tools.guide.families import DATA_TYPE_NAMES, GOALS

    r = fam["ratings"]
    out = []
    if dtype:
        level = {3: {"en": "a first choice", "es": "una primera opción"},
                 2: {"en": "a good option", "es": "una buena opción"},
                 1: {"en": "possible but rarely the best", "es": "posible pero rara vez la mejor"}}[max(fam["fit"][dtype], 1)]
        out.append({"en": f"for {DATA_TYPE_NAMES[dtype]['en']} it is {level['en']} ({fam['data']['en']})",
                    "es": f"para {DATA_TYPE_NAMES[dtype]['es']} es {level['es']} ({fam['data']['es']})"}[lang])
    small = {"en": "works with hundreds or a few thousand rows" if r["small_data"] >= 4 else
                   "needs a lot of training data" if r["small_data"] <= 2 else "needs a moderate amount of data",
             "es": "funciona con cientos o pocos miles de filas" if r["small_data"] >= 4 else
                   "necesita muchos datos de entrenamiento" if r["small_data"] <= 2 else "necesita una cantidad moderada de datos"}
    privacy = {"en": "few parameters memorise less than deep networks; still check the distance to the closest real record",
               "es": "pocos parámetros memorizan menos que las redes profundas; aun así, mide la distancia al registro real más cercano"}
    for g in goals:
        weights, name = GOALS[g]
        key = max(weights, key=lambda k: abs(weights[k]))
        if g == "privacy":
            detail = privacy[lang] if r["cost"] <= 2 else {"en": "deep models can memorise rare records: train with "
                                                                 "differential privacy and check for copies",
                                                           "es": "los modelos profundos pueden memorizar registros raros: "
                                                                 "entrena con privacidad diferencial y busca copias"}[lang]
        elif key == "small_data":
            detail = small[lang]
        else:
            detail = {"quality": fam["quality"], "control": fam["control"], "cost": fam["training"],
                      "interpretability": fam["interpretability"], "likelihood": fam["goal"]}[key][lang]
        out.append(f"{name[lang]}: {detail}")
    if r["cost"] <= 2 and "fast" not in goals:
        out.append({"en": f"cheap to train: {fam['training']['en']}", "es": f"barato de entrenar: {fam['training']['es']}"}[lang])
    if profile:
        parts_en = f"{profile['numeric']} numeric, {profile['text']} text/category, {profile['date']} date columns"
        parts_es = f"{profile['numeric']} columnas numéricas, {profile['text']} de texto/categoría, {profile['date']} de fecha"
        out.append({"en": f"your table {profile['table']} ({profile['rows']:,} rows) has {parts_en}",
                    "es": f"tu tabla {profile['table']} ({profile['rows']:,} filas) tiene {parts_es}"}[lang])
    return out


def _text(lang: str, rec: dict, dname: str | None, goals: list[str]) -> str:
    if lang == "es":
        head = f"Recomendación: {rec['name']}"
        ctx = f" para {dname}" if dname else ""
        ctx += f" (objetivo: {', '.join(goals)})" if goals else ""
        lines = [head + ctx + ".", *[f"- {r}" for r in rec["reasons"]], f"Alternativa: {rec['runner_up']}.",
                 f"Ejemplos: {rec['examples']}."]
    else:
        head = f"Recommendation: {rec['name']}"
        ctx = f" for {dname}" if dname else ""
        ctx += f" (goal: {', '.join(goals)})" if goals else ""
        lines = [head + ctx + ".", *[f"- {r}" for r in rec["reasons"]], f"Runner-up: {rec['runner_up']}.",
                 f"Examples: {rec['examples']}."]
    if rec.get("in_dsagent"):
        lines.append(rec["in_dsagent"])
    return "\n".join(lines)


@tool(GuideArgs)
def generative_guide(ws, args: GuideArgs, ctx: ToolContext) -> GuideResult:
    """Recommend a generative model family (GAN, VAE, autoregressive, diffusion, flow, copula) for the person's data and goal."""
    question = args.question or ctx.question
    language = "es" if args.language == "es" else detect_language(question)
    return recommend(question, args.data_type, args.goal, language, ws)
