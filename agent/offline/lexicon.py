"""The offline planner's vocabulary: English and Spanish words, phrases and synonyms.

Everything here is data. Words are written accent-free and lower-case because the tokenizer folds
accents ("cuántos" -> "cuantos", "año" -> "ano"); phrases are space-separated token sequences. The
parser maps each phrase to a *canonical keyword* ("AVG", "BY", "CHART_BAR" ...), so the grammar in
`offline_parse` is the same for both languages.
"""

from __future__ import annotations

from dsagent.words.data import load as load_words

import re

from dsagent.words.charts import chart_words, kind_phrases

# ---------------------------------------------------------------- keyword phrases -> canonical keys
# Longest phrase wins. A key may appear under many phrases. Keep phrases accent-free and lower-case.
PHRASES: dict[str, str] = {}


def _add(key: str, *phrases: str) -> None:
    """Map phrases to a key; 'older than:age' also names the column the phrase implies."""
    for p in phrases:
        phrase, _, param = p.partition(":")
        PHRASES[phrase] = f"{key}:{param}" if param else key


# aggregates
_add("SUM", "how much", "cuanto", "cuanta", "cuanto dinero")
_add("COUNT", "how many", "count", "counts", "count of", "number of", "numbers of", "total number of",
     "cuantos", "cuantas", "numero de", "numero total de", "cantidad de", "conteo de", "conteo",
     "cuenta", "cuenta de", "contar", "cuenta los", "cuenta las", "recuento", "recuento de", "frequency",
     "how often", "con que frecuencia", "tally",
     "frequency of", "frecuencia", "frecuencia de")
_add("SUM", "sum", "sum of", "total", "total of", "totals", "suma", "suma de", "totales", "suma total de",
     "sumatoria", "sumatoria de", "summed", "total de")
_add("AVG", "average", "average of", "avg", "mean", "mean of", "promedio", "promedio de", "media", "media de",
     "medio", "medios", "media de los", "average the", "typical", "promedios", "averaged", "medias")
_add("MEDIAN", "median", "median of", "mediana", "mediana de")
_add("MIN", "minimum", "min", "lowest", "smallest", "least", "minimo", "minima", "menor", "mas bajo", "mas baja",
     "mas pequeno", "mas pequena", "mas bajos", "mas bajas", "mas pequenos", "mas pequenas", "fewest", "menos",
     "less", "fewer", "worst", "minimos", "minimas")
_add("MIN", "cheapest:price", "mas barato:price", "mas barata:price", "mas baratos:price", "youngest:age",
     "mas joven:age", "mas jovenes:age", "shortest:length", "lightest:weight", "mas ligero:weight",
     "mas ligera:weight", "mas ligeros:weight", "mas ligeras:weight")
_add("MAX", "maximum", "max", "highest", "largest", "biggest", "greatest", "most", "maximo", "maxima", "mayor",
     "mas alto", "mas alta", "mas grande", "more", "mas", "best", "maximos", "maximas", "mas altos", "mas altas",
     "mas grandes")
_add("MAX", "most expensive:price", "mas caro:price", "mas cara:price", "mas caros:price", "oldest:age",
     "mas viejo:age", "mas vieja:age", "mas mayor:age", "mas viejos:age", "longest:length", "heaviest:weight",
     "mas pesado:weight", "mas pesada:weight", "mas pesados:weight", "mas pesadas:weight")
# the age of what a row describes, by its date: 'the newest ship', 'the most recent orders' (rule oldest_rows)
_add("MAX", "newest:date", "latest:date", "most recent:date", "mas reciente:date", "mas recientes:date",
     "mas nuevo:date", "mas nueva:date", "mas nuevos:date", "mas nuevas:date")
_add("MIN", "earliest:date", "mas antiguo:date", "mas antigua:date", "mas antiguos:date", "mas antiguas:date")
_add("DISTINCT", "distinct", "unique", "different", "distintos", "distintas", "distinto", "distinta", "diferentes",
     "diferente", "unicos", "unicas", "unico", "unica")
_add("RATE", "rate", "rates", "tasa", "tasa de", "tasas", "ratio", "proportion", "proporcion", "proporcion de")
_add("PERCENT", "percentage", "percent", "percentage of", "share", "share of", "porcentaje", "porcentaje de",
     "%", "pct", "cuota", "percent of", "fraction", "fraction of", "what fraction of", "que fraccion de")
# shares (prompts/words/shares.json): "within each" names the whole a share is taken of; "share of all",
# "porcentaje del total" say that the whole is all rows (the PERCENT keyword with the parameter "all")
_add("WITHIN", *load_words("shares")["within"])
_add("PERCENT", *(f"{p}:all" for p in load_words("shares")["of_all"]))

# grouping and structure
# a split by a yes/no ('con y sin receta'): in a chart of two groups, the colour (grammar/layout.grouping_word)
_add("BY", *(f"{p}:split" for p in ("with and without", "con y sin", "with or without", "con o sin", "with vs without",
                                    "with versus without", "with vs. without", "con vs sin", "con frente a sin",
                                    "con versus sin")))
_add("BY", "by", "per", "for each", "for every", "each", "every", "across", "grouped by", "group by", "broken down by",
     "split by", "breakdown by", "por", "para cada", "por cada", "cada", "agrupado por", "agrupados por",
     "agrupadas por", "desglosado por", "segun", "en funcion de", "in each", "en cada", "por tipo de", "by type of",
     "by each", "por cada uno de", "por forma de", "por metodo de", "por modo de", "por clase de",
     "by method of", "by kind of")
_add("COLOR_BY", "color by", "colour by", "colored by", "coloured by", "colour coded by", "color coded by",
     "with color", "with colour", "colored according to", "coloured according to", "en color por",
     "coloreado por", "coloreados por", "color por", "con color por", "by color", "legend by", "stacked by",
     "segmented by")
_add("VS", "vs", "versus", "against", "v s", "v", "compared to", "compared with", "frente a", "contra", "respecto a",
     "relative to")
_add("RELATION", "relationship between", "relation between", "relacion entre", "relationship of", "relation of")
_add("RELATION", "correlation between:corr", "correlation of:corr", "correlacion entre:corr", "correlacion de:corr",
     "correlation coefficient between:corr", "coeficiente de correlacion entre:corr")
_add("OVER_TIME", "over time", "through time", "across time", "in time", "a lo largo del tiempo",
     "en el tiempo", "con el tiempo", "over the time", "trend", "trends", "tendencia", "evolution", "evolucion",
     "timeline", "time series", "serie temporal")
_add("GRAIN_YEAR", "per year", "by year", "each year", "yearly", "annual", "annually", "por ano", "por anos",
     "anual", "anuales", "cada ano", "every year", "by years")
_add("GRAIN_QUARTER", "per quarter", "by quarter", "quarterly", "por trimestre", "trimestral", "trimestrales",
     "each quarter", "cada trimestre")
_add("GRAIN_MONTH", "per month", "by month", "monthly", "each month", "por mes", "mensual", "mensuales", "cada mes",
     "every month", "by months")
_add("GRAIN_WEEK", "per week", "by week", "weekly", "por semana", "semanal", "semanales", "cada semana",
     "each week", "every week")
_add("GRAIN_DAY", "per day", "by day", "daily", "por dia", "diario", "diaria", "diarios", "diarias", "cada dia",
     "each day", "every day")
# ten years together (1990-1999): of a date's year or of a column of years
_add("GRAIN_DECADE", "per decade", "by decade", "by decades", "each decade", "every decade", "decade by decade",
     "por decada", "por decadas", "cada decada", "por decenio")

# parts of the year and of the week over a date column (a calendar month, not one month of one year)
_add("GRAIN_MONTH_OF_YEAR", "by month of the year", "per month of the year", "by month of year", "per month of year",
     "month of the year", "by calendar month", "per calendar month", "calendar month", "por mes del ano",
     "mes del ano", "each month of the year", "cada mes del ano", "de cada mes del ano")
_add("GRAIN_QUARTER_OF_YEAR", "by quarter of the year", "per quarter of the year", "quarter of the year",
     "por trimestre del ano", "trimestre del ano")
# the hour of the day (0-23) over a timestamp: every day's 9 o'clock together
_add("GRAIN_HOUR_OF_DAY", "by hour of the day", "per hour of the day", "by hour of day", "per hour of day",
     "hour of the day", "hour of day", "each hour of the day", "by time of day", "time of day", "by hour",
     "each hour", "por hora del dia", "hora del dia", "a cada hora del dia", "cada hora del dia")
_add("GRAIN_WEEKDAY", "by weekday", "per weekday", "by day of the week", "per day of the week", "day of the week",
     "weekday", "weekdays", "by day of week", "por dia de la semana", "dia de la semana", "dias de la semana")
for _word, _months in load_words("dates")["seasons"].items():
    _add("SEASON:" + ",".join(str(m) for m in _months), _word)
for _lang, _sides in load_words("dates")["day_types"].items():
    for _a, _b in (("weekend", "weekday"), ("weekday", "weekend")):
        _add("GRAIN_DAY_TYPE" if _lang == "en" else "GRAIN_TIPO_DIA",
             *(f"{x} {j} {y}" for x in _sides[_a] for j in _sides["joining"] for y in _sides[_b]))
for _word, _days in load_words("dates")["days_of_week"].items():
    _add("DOW:" + ",".join(str(d) for d in _days), _word)
# with their article too: read left to right, 'the first' (an order word) would take the phrase's first word
for _word, _quarter in load_words("dates")["quarters"].items():
    _add(f"QUARTER:{_quarter}", _word, *(f"{a} {_word}" for a in ("the", "el", "la")))
for _word, _months in load_words("dates")["halves"].items():
    _add("HALF:" + ",".join(str(m) for m in _months), _word, *(f"{a} {_word}" for a in ("the", "el", "la")))
for _word, (_key, _measure) in load_words("dates")["superlatives"].items():
    _add(f"{_key}:{_measure}", _word)

# ordering and limits
_add("TOP", "top", "mejores", "the top")
_add("FIRST", "first", "primeros", "primeras", "los primeros", "las primeras", "the first")
_add("BOTTOM", "bottom", "last", "ultimos", "ultimas", "peores", "the bottom", "worst")
_add("DESC", "descending", "desc", "highest first", "largest first", "from highest to lowest",
     "from largest to smallest", "from high to low", "high to low", "biggest first", "decreasing",
     "de mayor a menor", "descendente", "descendentemente", "decreciente", "de mas a menos", "mayor a menor",
     "in descending order", "en orden descendente", "from most to least", "most first", "descending order",
     "orden descendente", "biggest to smallest", "largest to smallest", "highest to lowest", "in desc order",
     "desc order", "best first", "top first", "los mejores primero", "mejores primero", "longest first",
     "longest to shortest", "from longest to shortest", "most expensive first", "de mas largo a mas corto",
     "most to least", "hottest first", "warmest first", "heaviest first", "busiest first", "priciest first", "wettest first",
     "los mas caros primero", "mas caros primero", "los mas altos primero", "mas altos primero")
_add("ASC", "ascending", "asc", "lowest first", "smallest first", "from lowest to highest", "from smallest to largest",
     "from low to high", "low to high", "increasing", "de menor a mayor", "ascendente", "ascendentemente",
     "creciente", "de menos a mas", "menor a mayor", "in ascending order", "en orden ascendente",
     "ascending order", "orden ascendente", "smallest to largest", "lowest to highest", "in asc order", "asc order",
     "worst first", "los peores primero", "peores primero", "shortest first", "shortest to longest",
     "from shortest to longest", "cheapest first", "de mas corto a mas largo", "coldest first", "lightest first",
     "fewest first", "least first", "least to most", "from least to most", "menos a mas", "los mas baratos primero", "mas baratos primero", "los mas bajos primero",
     "mas bajos primero")
# in the order of the labels (rule alphabetical_order), never of the values
_add("ALPHA", "alphabetically", "alphabetical order", "in alphabetical order", "alphabetical", "from a to z",
     "a to z", "alfabeticamente", "orden alfabetico", "en orden alfabetico", "por orden alfabetico",
     "de la a a la z")
_add("ALPHA", "from z to a:desc", "z to a:desc", "reverse alphabetical order:desc",
     "in reverse alphabetical order:desc", "de la z a la a:desc", "de z a a:desc", "orden alfabetico inverso:desc", "en orden alfabetico inverso:desc")
_add("SORT", "sort", "sorted", "sort by", "sorted by", "order by", "ordered by", "in order of", "ordenar", "ordena",
     "ordenalo", "ordenalos", "ordenalas", "ordenala", "ordenado", "ordenados", "ordenadas", "ordenado por",
     "ordenados por", "ordenadas por", "ordena por", "ordenar por", "rank", "ranked", "ranking", "rank by")

# comparisons
_add("GT", ">", "greater than", "more than", "over", "above", "bigger than", "higher than", "larger than",
     "exceeding", "exceeds", "mayor que", "mayor de", "mas de", "mas que", "superior a", "por encima de",
     "mas alto que", "older than", "later than", "after", "despues de", "posterior a", "mayores de", "mayores que",
     "greater", "exceed", "older than:age", "mayores de:age", "aged over:age", "aged more than:age",
     "longer than:length", "mas largo que:length", "mas largos que:length", "mas largas que:length")
_add("GE", ">=", "at least", "no less than", "or more", "al menos", "como minimo", "mayor o igual que",
     "mayor o igual a", "greater than or equal to", "from", "since", "desde", "a partir de", "starting",
     "o mas", "a partir del", "or above", "or higher", "or over", "or greater", "or better", "o superior")
_add("LT", "<", "less than", "fewer than", "under", "below", "lower than", "smaller than", "menos de", "menor que",
     "menor de", "menos que", "inferior a", "por debajo de", "younger than:age", "aged under:age", "shorter than:length",
     "mas corto que:length", "mas cortos que:length", "before", "earlier than", "antes de",
     "menores que", "anterior a", "cheaper than:price", "mas barato que:price", "menores de:age")
_add("LE", "<=", "at most", "no more than", "or less", "como maximo", "menor o igual que", "menor o igual a",
     "less than or equal to", "up to", "hasta", "until", "o menos", "or below", "or lower", "or fewer", "or under",
     "o inferior")
_add("EQ", "=", "==", "equal to", "equals", "is equal to", "igual a", "exactly", "exactamente")
_add("NE", "!=", "<>", "not equal to", "distinto de", "diferente de")
_add("BETWEEN", "between", "entre")  # 'from X to Y' / 'de X a Y' are found by the parser's range pass
_add("AND", "and", "y", "e", "&", "as well as", "plus", ",", "or", "o")
# 'where' opens the conditions: a column after it is filtered, never grouped ("by discipline where ...")
_add("WHERE", "where", "whose", "for which", "such that", "donde", "en donde", "en el que", "en la que",
     "en los que", "en las que", "cuyo", "cuya", "cuyos", "cuyas")
_add("WITH", "with", "con", "having", "that have", "que tienen", "que tengan", "who have", "que tenga")
_add("NOT", "not", "no", "excluding", "except", "without", "other than", "non", "sin", "excepto", "salvo",
     "que no", "who did not", "that did not", "did not", "didnt", "didn't", "isnt", "arent",
     "weren't", "werent", "wasnt", "never", "nunca", "ni")
_add("NULL", "missing", "null", "nulls", "empty", "blank", "faltante", "faltantes", "nulo", "nulos", "vacio", "vacios",
     "vacias", "sin valor", "ausentes", "perdidos")

# periods
_add("LAST", "last", "previous", "past", "ultimo", "ultima", "ultimos", "ultimas", "los ultimos", "las ultimas")
for _unit, _es_m, _es_f in (("year", "ano", None), ("month", "mes", None), ("week", None, "semana"),
                            ("quarter", "trimestre", None)):
    _add(f"PERIOD:this_{_unit}", f"this {_unit}", f"current {_unit}", f"so far this {_unit}")
    _add(f"PERIOD:last_{_unit}", f"last {_unit}", f"previous {_unit}", f"past {_unit}")
    if _es_m:
        _add(f"PERIOD:this_{_unit}", f"este {_es_m}", f"el {_es_m} actual", f"{_es_m} actual", "en curso")
        _add(f"PERIOD:last_{_unit}", f"el {_es_m} pasado", f"{_es_m} pasado", f"el ultimo {_es_m}",
             f"ultimo {_es_m}", f"el {_es_m} anterior", f"{_es_m} anterior")
    if _es_f:
        _add(f"PERIOD:this_{_unit}", f"esta {_es_f}", f"la {_es_f} actual")
        _add(f"PERIOD:last_{_unit}", f"la {_es_f} pasada", f"{_es_f} pasada", f"la ultima {_es_f}",
             f"ultima {_es_f}", f"la {_es_f} anterior")
PHRASES.pop("en curso", None)
_add("MODE", "busiest", "most common", "most frequent", "most popular", "mas comun", "mas frecuente", "mas popular",
     "mas comunes", "mas frecuentes", "most common value of", "moda", "mode", "the mode of")

# intents
_add("SHOW", "show", "show me", "list", "display", "give me", "get", "see", "what are", "which are", "view",
     "muestra", "muestrame", "mostrar", "ensename", "lista", "listar", "dame", "ver", "cuales son",
     "enumera", "print", "return", "find", "encuentra", "busca", "select", "selecciona", "what is", "what's",
     "cual es", "cual", "whats", "tell me", "dime", "compute", "calculate", "calcula", "calcular", "obtener",
     "obten", "get me", "let me see", "quiero ver", "quiero")
_add("ROWS", "rows", "row", "records", "record", "entries", "entry", "filas", "fila", "registros", "registro",
     "observations", "lines", "lineas de datos", "data points", "examples", "ejemplos", "sample", "muestra de",
     "samples")
_add("COLUMNS", "columns", "column", "fields", "columnas", "columna", "campos", "variables", "schema", "esquema",
     "structure", "estructura", "data types", "types", "tipos", "dtypes")
_add("DESCRIBE", "describe", "describir", "describe la", "describeme", "explain the data", "what is in",
     "que hay en", "que contiene", "overview", "resumen", "summary", "summarize", "summarise", "resume",
     "what does the data look like")
_add("PROFILE", "profile", "profiling", "perfil", "perfila", "data quality", "calidad", "calidad de los datos",
     "quality", "perfilar", "eda", "exploratory")
_add("CHART", "figure", "representa", "representar", "display a chart")
_add("CHART_BAR", "bar", "grafico de barras", "grafica de barras", "diagrama de barras", "draw bars",
     "histogram of counts")
_add("CHART_GROUPED", "grouped bar chart", "clustered bar", "grouped")
_add("CHART_STACKED", "stacked bar chart", "barras apiladas", "apiladas por")
_add("CHART_LINE", "line", "lines", "grafico de lineas", "grafica de lineas", "grafico de linea", "curve", "curva",
     "multi line", "multiline")
_add("CHART_AREA", "area", "grafico de area", "grafico de areas")
_add("CHART_SCATTER", "scattered", "grafico de dispersion", "diagrama de dispersion", "nube de puntos", "points",
     "point", "dots", "puntos", "bubble")
_add("CHART_HIST", "binned", "bins", "binning", "bin")
# 'distribution' is a histogram of one number, but the scatter of two ("distribution of mpg vs displacement")
_add("CHART_DIST", "distribution", "distributions", "distribucion", "distribuciones", "distributed", "spread")
_add("CHART_PIE", "pie graph", "donut", "grafico de tarta", "circular", "pastel", "grafico de pastel", "quesito")
_add("CHART_BOX", "box", "whisker", "caja", "grafico de caja", "cajas y bigotes", "bigotes")
_add("CHART_HEATMAP", "heat-map")
_add("PREDICT", "predict", "predicts", "predicting", "prediction", "predictions", "forecast", "predecir", "predice",
     "prediccion", "predicciones", "pronosticar", "pronostica", "pronostico", "model", "train", "train a model",
     "fit a model", "build a model", "modelo", "entrena", "entrenar", "entrena un modelo", "ajusta un modelo",
     "classifier", "classify", "clasifica", "clasificar", "regression", "regresion", "baseline", "machine learning",
     "ml model", "predictive model", "modelo predictivo", "estimate", "estimar")
_add("USING", "using", "based on", "usando", "en base a", "basado en", "with features", "con las variables",
     "as features", "como variables", "from the features", "given", "dado", "dados")
_add("CLEAN", "clean", "cleaning", "clean up", "cleanup", "tidy", "limpia", "limpiar", "limpieza", "depura",
     "depurar", "fix the data", "arregla los datos", "sanitize", "fix", "fix up", "standardise", "standardize",
     "normalise the spelling", "normalize the spelling", "arregla", "arreglar", "corrige", "corregir")
_add("DUPLICATES", "duplicates", "duplicate", "duplicated", "duplicate rows", "duplicados", "duplicadas",
     "filas duplicadas", "repetidos", "repetidas", "dupes")
_add("REMOVE", "remove", "drop", "delete", "eliminate", "get rid of", "elimina", "eliminar", "quita", "quitar",
     "borra", "borrar", "dedupe", "deduplicate", "merge", "fusiona", "fusionar")
_add("FILL", "fill", "fill in", "impute", "imputar", "imputa", "rellena", "rellenar", "completa", "completar",
     "replace missing")
_add("TRIM", "trim", "strip", "whitespace", "espacios", "recorta")
# Cleaning steps that change what the data says: in a plan only when asked for (tools/clean/detect.py)
# "outliers" alone is no request to change them ("which passengers look like outliers"): only with a verb
_add("CLIP", "clip", "cap", "winsorize", "winsorise", "acota", "acotar", "clip the outliers", "clip outliers",
     "cap the outliers", "cap outliers", "remove the outliers", "remove outliers", "drop the outliers",
     "fix the outliers", "quita los atipicos", "elimina los atipicos", "recorta los atipicos",
     "acota los atipicos", "quita los valores atipicos", "elimina los valores atipicos")
_add("NEAR_DUPLICATES", "near duplicates", "near-duplicates", "near duplicate", "casi duplicados",
     "casi duplicadas")
_add("APPLY", "apply", "apply it", "and apply", "aplica", "aplicar", "aplicalo", "do it", "hazlo", "go ahead")
_add("SYNTH", "synthetic", "synthesize", "synthesise", "synthetic data", "sintetico", "sinteticos", "sinteticas",
     "sintetica", "sintetiza", "sintetizar", "fake", "artificial", "artificiales", "simulated", "simulados",
     "augment", "augmentation", "aumentar los datos", "oversample", "oversampling")
# "... and export to csv": which format is read from the question (plan_sql); only synthesize writes a file
_add("EXPORT", "export", "export to", "export them to", "export it to", "and export", "exporta", "exportar",
     "exportalas", "exportalos", "exportala", "exportalo", "save to", "save them to", "save as", "guarda en",
     "guardalas en", "guardalos en", "csv", "parquet", "to csv", "to parquet", "a csv", "a parquet", "en csv",
     "en parquet", "as csv", "as parquet")
_add("GENERATE", "generate", "create", "make", "produce", "genera", "generar", "crea", "crear", "produce",
     "producir", "hacer", "add", "anade", "agrega")
_add("BALANCE", "balance", "balanced", "rebalance", "equilibra", "equilibrar", "balancea", "balancear",
     "equilibrado", "balanceado", "balanceados")
_add("GENERATIVE", "generative", "generativo", "generativa", "generativos", "gan", "gans", "vae", "vaes",
     "diffusion", "difusion", "autoencoder", "variational", "normalizing flow", "normalizing flows", "copula",
     "ctgan", "tvae", "transformer", "gpt", "llm")

# follow-up cues
_add("UNTIL_NOW", "to now", "until now", "till now", "to date", "to the present", "to present", "hasta ahora",
     "hasta hoy", "hasta la fecha", "onwards", "onward", "en adelante")
_add("NOW", "now", "ahora", "instead", "en su lugar", "en cambio", "what about", "how about", "y si",
     "and what about", "que tal", "same but", "lo mismo pero", "same for", "lo mismo para", "again", "otra vez",
     "and now", "y ahora", "ok now", "now show", "same", "lo mismo")
_add("ONLY", "only", "just", "solo", "solamente", "unicamente", "only for", "solo para", "just for", "only the",
     "solo los", "solo las", "solo el", "solo la", "exclusively")
_add("ALSO", "also", "tambien", "too", "as well", "ademas", "additionally")
_add("MAKE_IT", "make it", "make that", "turn it into", "change it to", "show it as", "as a", "as an", "hazlo",
     "conviertelo en", "cambialo a", "muestralo como", "en forma de", "como un", "como una", "switch to",
     "cambia a", "hazlo un", "hazlo una", "haz un", "haz una", "use a", "usa un", "usa una", "in a", "en un",
     "en una", "with a", "con un", "con una")

_add("COLOR_BY", "color", "colour", "colors", "colours", "coloring", "colouring", "colored", "coloured", "hue",
     "legend", "stack by", "stacked with",
     "colorea por", "colores por", "con colores por", "color segun")
_add("RELATION", "relationship", "relationships", "correlate", "correlated",
     "association", "associated", "relation", "relacion", "relacionado", "relacionados")
# a correlation asks for its coefficient (grammar rule correlation_word): as a table corr(a, b), drawn a scatter
_add("RELATION", "correlation:corr", "correlations:corr", "correlacion:corr", "correlaciones:corr",
     "correlation coefficient:corr", "coeficiente de correlacion:corr")
_add("RELATION", "relate", "relates", "related to", "effect of", "impact of", "influence of", "affect", "affects",
     "influences", "efecto de", "impacto de", "influencia de", "afecta", "afectan")
_add("ROWS", "items", "cases", "instances", "casos", "elementos", "transactions", "transacciones", "operaciones")
_add("CHART_SCATTER", "circles", "bubbles", "scatter chart of", "dot plot")
# along the years: a line, one point a year (grammar/layout.years_along)
_add("OVER_TIME:year", "over the years", "through the years", "across the years", "throughout the years", "year over year",
     "a lo largo de los anos", "con los anos", "over the past years", "a traves de los anos")
_add("OVER_TIME", "evolve", "evolved", "evolves", "evolving", "evolve over time", "evolved over time",
     "evolves over time", "history", "historical", "progression", "historico", "historica", "over the period",
     "chronologically", "cronologicamente")
_add("COUNT", "occurrences", "occurrence", "frequencies", "number", "counted", "count up")
_add("CHART_HIST", "bucket", "buckets", "bucketed", "frequency distribution")
# bin sizes and counts: "bin size 500", "in buckets of 500", "in 20 minute bands", "number of bins 8"
_add("BIN_WIDTH", "bin size", "bin size of", "bin width", "bin width of", "bins of", "buckets of", "bands of",
     "intervals of", "increments of", "in buckets of", "in bins of", "in bands of", "in intervals of",
     "in increments of", "binned by", "bucketed by", "ancho de", "intervalos de", "tramos de")
_add("BIN_UNIT", "bands", "band", "increments", "increment", "intervals", "interval", "intervalos", "tramos")
_add("BIN_COUNT", "number of bins", "number of buckets", "numero de intervalos", "numero de barras")
_add("AVG", "averages", "means", "avgs", "averaging")
_add("SUM", "sums", "totaling", "totalling", "summing")
# "how does X vary with Y", "compare X across Y": X by Y
_add("BY", "vary by", "varies by", "vary with", "varies with", "vary across", "varies across", "change with",
     "changes with", "change across", "differ by", "differs by", "differ across", "differs across", "depend on",
     "depends on", "compare across", "compared across", "compare by", "compared by", "broken out by",
     "separated by", "divided by", "varia segun", "cambia segun", "depende de", "comparado por",
     "comparar por", "compara por", "en relacion con", "as a function of", "categorized by", "categorised by",
     "classified by", "clasificado por", "categorizado por", "aggregated by", "summarized by", "summarised by",
     "summed by", "totaled by", "totalled by", "grouped into", "sorted into", "organized by", "organised by",
     "arranged by", "agrupado segun", "dividido por")
_add("XAXIS", "on the x axis", "on x axis", "on the x-axis", "on x", "along the x axis", "as the x axis", "x axis",
     "en el eje x", "eje x", "on the horizontal axis", "horizontally")
_add("YAXIS", "on the y axis", "on y axis", "on the y-axis", "on y", "along the y axis", "as the y axis", "y axis",
     "en el eje y", "eje y", "on the vertical axis", "vertically")

# "for different cylinders", "from various regions": a grouping, not a count of distinct values
_add("BY", *(f"{p} {d}" for p in ("for", "for the", "with", "with the", "from", "from the", "across", "across the",
                                  "over", "over the", "in", "in the", "between", "between the", "of", "of the",
                                  "among", "based on", "based on the", "for each of the", "on")
            for d in ("different", "various", "the different", "the various", "each")),
     "para los distintos", "para las distintas", "para los diferentes", "para las diferentes", "de los distintos",
     "de las distintas", "de los diferentes", "de las diferentes", "en los distintos", "en las distintas",
     "entre los distintos", "entre las distintas", "segun los distintos", "segun las distintas")
# Panels per value ("small multiples by X", "a separate chart for each X"): ChartSpec draws no panels, so
# these group by X, and a chart shows X as colours (offline_chart notes the substitution).
_add("FACET_BY", "small multiples by", "small multiples on", "small multiples of", "small multiples for",
     "small multiple by", "small multiple for", "with small multiples by", "with small multiples on",
     "faceted by", "facet by", "facetted by", "facet it by", "facets by", "facet on", "faceted on", "panels by",
     "in separate panels by", "separate panels by", "separate panels for", "separate charts for",
     "separate charts by", "separate charts for each", "separate graphs by", "separate graphs for",
     "separate graphs for each", "separate plots for", "separate plots for each", "separate plot for each",
     "a separate plot for each", "with a separate plot for each", "with separate graphs by",
     "with separate graphs for", "separately by", "separately for each", "one chart per", "one chart for each",
     "one plot per", "one plot for each", "one graph for each", "one graph per", "one panel per",
     "multiple charts by", "multiple charts for", "multiple plots by", "multiple graphs by", "split into",
     "parameterized by", "parameterised by", "parameterize by", "parameterise by", "sliced by", "slice by",
     "partitioned by", "partition by", "paneles por", "un grafico por", "un grafico para cada",
     "graficos separados por", "separado por", "separados por")
_add("BY", "segregated by", "segregate by", "segregated based on", "segregate it by", "segregate them by",
     "separate by", "separate it by", "split it by", "split each bar by", "break down by", "break it down by",
     "broken out by", "sub grouped by", "subgrouped by", "sub-grouped by", "grouped and colored by",
     "grouped and coloured by", "and grouped by", "and sub grouped by", "divided into", "dividido en",
     "desglosado segun", "separado segun", "distinguished by", "distinguish by", "differentiated by")
_add("SHOW", "breakdown of", "the breakdown of", "a breakdown of", "series of", "a series of", "the series of")
_add("BY", "with a breakdown by", "with a breakdown based on", "a breakdown by", "breakdown based on",
     "breakdown by")
_add("COLOR_BY", "stack them by", "stack it by")
_add("CHART_STACKED", "stack the bars")  # "and stack the bars by ship status"
_add("FACET_BY", "faceting on", "faceting by", "facetting on", "facetting by", "facet on", "separately",
     "shown separately", "each shown separately", "split out separate charts for each", "split out by")
_add("BY", "split", "splits")  # "split region by ship status": region, then ship status
_add("CHART", "in one chart", "in a single chart", "on one chart", "in the same chart", "on the same chart",
     "en un solo grafico", "en el mismo grafico")
_add("CHART", "render", "renders", "rendered", "render it as", "render as", "renderiza", "renderizar")
# "one line for each category": series; "one bar chart for each ship mode": panels
_add("BY", "one line for each", "one line per", "a line for each", "a line per", "lines for each", "one series per",
     "one series for each", "una linea por", "una linea para cada")
_add("FACET_BY", *(f"{a} {w} {b}" for a in ("one", "a", "a separate", "one separate")
                   for w in ("chart", "plot", "graph", "bar chart", "scatter plot", "scatterplot", "line chart",
                             "histogram", "panel")
                   for b in ("for each", "per", "for every")),
     "break into multiple", "broken into multiple", "break it into", "separate into", "split into multiple")
_add("VS", "compare to", "compares to", "compare with", "compares with", "comparing to", "comparing with",
     "compared against", "compare against")
_add("CHART_LINE", "time series chart")
_add("CHART_BAR", "column graphs", "column charts")
_add("CHART_STACKED", "stack bar chart", "stacked barchart", "stacked bar graph", "stacked column chart")
_add("XAXIS", "x =", "in abscissa", "abscissa", "on the abscissa", "x axis is", "the x axis is", "x axis shows",
     "x axis represents", "with the x axis", "x axis as", "x axis being")
_add("YAXIS", "y =", "in ordinate", "ordinate", "on the ordinate", "y axis is", "the y axis is", "y axis shows",
     "y axis represents", "with the y axis", "y axis as", "y axis being")

# Chart kinds named outright are the shared vocabulary's (prompts/words/charts.json, also read by the
# chart tool): every phrase there means its CHART_<KIND> here unless a phrase above means more
# ("time series" is OVER_TIME to the grammar, which then draws a line).
_CHART_KEYS = {"histogram": "CHART_HIST", "scatter": "CHART_SCATTER", "box": "CHART_BOX", "heatmap": "CHART_HEATMAP",
               "pie": "CHART_PIE", "line": "CHART_LINE", "area": "CHART_AREA", "stacked_bar": "CHART_STACKED",
               "grouped_bar": "CHART_GROUPED", "bar": "CHART_BAR"}
for _kind, _phrases in kind_phrases().items():
    for _p in _phrases:
        PHRASES.setdefault(" ".join(re.split(r"[\s-]+", _p)), _CHART_KEYS[_kind])
for _w in chart_words():
    PHRASES.setdefault(_w, "CHART")

# generic words that carry no meaning for the plan (articles, prepositions, politeness, question marks)
STOPWORDS = set("""
multiple multiples shows indicates indicate depicting depicts depict illustrating illustrates illustrate
reflect reflects reflecting attribute attributes uses writes wrote consumes consumed generates generated yet still todavia aun
lasted lasting ridden driven travelled traveled flown recorridos recorridas recorrido recorrida recorded registered registrada
registrado registradas registrados jugaron disputaron
the a an of in on at for to is are was were be been being do does did me my i we you your our please can could
would will shall should what which who whom whose that this these those there here it its with from into onto as
about all any some data dataset table tables file value values field record set info information figure out
kindly lets let us hey hi hello thanks thank want like need wanna would love also then so just quick quickly
has have had having get got each same than via within give tell show me el la los las un una unos unas de del al
en y o u que para con por es son fue fueron ser esta estan estos estas ese esa esos esas lo le les se mi mis tu tus
su sus nuestro nuestra datos dato tabla tablas archivo valor valores favor porfa puedes podrias quiero quisiera
decir decirme puede podria podrian saber know wonder wondering curious
paid pay spent sold earned bought purchased placed recorded registered observed vendidas vendidos pagado pagada
cobrado cobrada cobrados cobradas cobro cobraron facturado facturada facturados facturadas facturo facturaron
vendido vendida
pagaron gastado gastaron compraron realizados realizadas registrados registradas tuvo tuvieron tenia tenian
hubo tenido signed up joined sign registered alta dieron registraron overall combined among amongst entre_los
when whenever cuando collected lent made ordered
myself ourselves yourself he him his himself she her hers herself they them their theirs themselves am doing
because while during further once where why how both few other such nor own very should
compare compared comparing comparison versus vary varies varied change changes changed differ differs
look looking looks across throughout amongst represent representing represented showing displaying shown
displayed plotting plotted visualizing visualising using use used based give gives given provide
graphically visually graphic chart's against per various different individual respective corresponding every
y-axis x-axis axis axes value values vertical horizontal simple simply plain basic nice quick
del al lo como pero sus le ya este si porque esta cuando muy sobre tambien me donde quien todo nos durante
todos les otros ese eso ante ellos esto mi antes algunos alguna alguno algun unos yo otro otras otra el tanto esa estos mucho
quienes nada muchos poco ella estar estas algunas algo nosotros tu te ti ellas usando muestre muestren
mostrando grafique compara comparar comparacion segun cada diferentes distintos varios travelled traveled viajaban viajaron viajo vendio vendieron
vendida pedida pedidas hecho hechas hechos realizo realizaron took taken received recibieron recibio got
occurred happened ocurrieron hicieron hizo released produced manufactured built grossed shown listed
came come comes coming
recorded measured reported lanzadas lanzados producidas producidos
necesito hay como cual cuales quien quienes donde cuando dame muestrame
""".split())

# Places: a text column whose values are mostly these is where things are or come from, so a person's
# "country", "region" or "país" can name it when no column is called that ("cars per country" over a
# column `origin` holding USA / Japan / Europe). Folded, lower-case; continents and common short forms.
PLACE_WORDS = ("country", "countries", "nation", "nations", "region", "regions", "continent", "continents",
               "market", "markets", "pais", "paises", "nacion", "naciones", "region", "regiones", "continente",
               "continentes", "mercado", "mercados")
PLACES = {
    w.replace("_", " ") for w in """
europe asia africa america north_america south_america latin_america oceania australia antarctica middle_east
usa us united_states uk united_kingdom great_britain britain england scotland wales ireland uae eu
afghanistan albania algeria andorra angola argentina armenia austria azerbaijan bahamas bahrain bangladesh
belarus belgium bolivia bosnia botswana brazil bulgaria cambodia cameroon canada chile china colombia congo
costa_rica croatia cuba cyprus czechia czech_republic denmark dominican_republic ecuador egypt el_salvador
estonia ethiopia finland france georgia germany ghana greece guatemala honduras hong_kong hungary iceland india
indonesia iran iraq israel italy jamaica japan jordan kazakhstan kenya korea south_korea north_korea kuwait
latvia lebanon libya lithuania luxembourg malaysia malta mexico moldova monaco mongolia morocco mozambique
nepal netherlands holland new_zealand nicaragua nigeria norway pakistan panama paraguay peru philippines poland
portugal qatar romania russia saudi_arabia senegal serbia singapore slovakia slovenia south_africa spain
sri_lanka sudan sweden switzerland syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay
uzbekistan venezuela vietnam yemen zambia zimbabwe espana alemania francia italia japon brasil estados_unidos
reino_unido paises_bajos suecia noruega suiza rusia europa norteamerica sudamerica""".split()}

MONTHS = {
    "january": 1, "jan": 1, "enero": 1, "february": 2, "feb": 2, "febrero": 2, "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4, "may": 5, "mayo": 5, "june": 6, "jun": 6, "junio": 6, "july": 7, "jul": 7,
    "julio": 7, "august": 8, "aug": 8, "agosto": 8, "september": 9, "sep": 9, "sept": 9, "septiembre": 9,
    "setiembre": 9, "october": 10, "oct": 10, "octubre": 10, "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12,
}
PERIOD_UNITS = {"year": "year", "years": "year", "ano": "year", "anos": "year", "month": "month", "months": "month",
                "mes": "month", "meses": "month", "week": "week", "weeks": "week", "semana": "week",
                "semanas": "week", "day": "day", "days": "day", "dia": "day", "dias": "day", "quarter": "quarter",
                "quarters": "quarter", "trimestre": "quarter", "trimestres": "quarter"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                "nueve": 9, "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
                "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
                "cien": 100}

