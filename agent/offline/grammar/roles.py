"""What the grammar's pass finds (`Roles`), what it raises when it cannot place a word, and its key tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from dsagent.offline.columns import Column
from dsagent.offline.plan import Filter, Group, Measure

AGG_KEYS = {"COUNT": "count", "SUM": "sum", "AVG": "avg", "MEDIAN": "median", "MIN": "min", "MAX": "max",
            "DISTINCT": "count_distinct", "RATE": "rate", "PERCENT": "percent", "MODE": "mode"}
CMP_KEYS = {"GT": ">", "GE": ">=", "LT": "<", "LE": "<=", "EQ": "=", "NE": "<>"}
GRAIN_KEYS = {"GRAIN_YEAR": "year", "GRAIN_QUARTER": "quarter", "GRAIN_MONTH": "month", "GRAIN_WEEK": "week",
              "GRAIN_DAY": "day", "GRAIN_DECADE": "decade",
              "GRAIN_MONTH_OF_YEAR": "month_of_year", "GRAIN_QUARTER_OF_YEAR": "quarter_of_year",
              "GRAIN_WEEKDAY": "weekday", "GRAIN_HOUR_OF_DAY": "hour_of_day", "GRAIN_DAY_TYPE": "day_type", "GRAIN_TIPO_DIA": "tipo_dia"}
CHART_KEYS = {"CHART_BAR": "bar", "CHART_GROUPED": "grouped_bar", "CHART_STACKED": "stacked_bar",
              "CHART_LINE": "line", "CHART_AREA": "area", "CHART_SCATTER": "scatter", "CHART_HIST": "histogram",
              "CHART_DIST": "histogram",
              "CHART_PIE": "pie", "CHART_BOX": "box", "CHART_HEATMAP": "heatmap"}


class NotUnderstood(Exception):
    """The request has words or structure the grammar cannot place."""

    def __init__(self, unknown: list[str], problems: list[str], understood: list[str], language: str, table: str):
        super().__init__("; ".join(problems + [f"unknown words: {', '.join(unknown)}"]))
        self.unknown = unknown
        self.problems = problems
        self.understood = understood
        self.language = language
        self.table = table
        self.suggestion: str | None = None  # the closest reading, a request the planner answers (or None)
        self.rewordings: list[tuple[str, str]] = []  # word -> other words, readings to offer


@dataclass
class Roles:
    """What the pass found, before the intent is decided."""

    keys: list[str] = field(default_factory=list)  # every keyword key seen, in order
    measures: list[Measure] = field(default_factory=list)
    superlative: str | None = None  # max | min: the request asks for an extreme (argmax / order)
    groups: list[Group] = field(default_factory=list)
    color: Column | None = None
    filters: list[Filter] = field(default_factory=list)
    bare: list[Column] = field(default_factory=list)  # columns named without a role yet
    entity: bool = False  # "passengers", "rows", "orders"
    axis: dict = field(default_factory=dict)  # "x" / "y" -> column the person put on that axis
    compare: bool = False  # values to compare side by side ("between men and women")
    correlation: bool = False  # 'correlation between A and B': the coefficient asked (rule correlation_word)
    per_row: bool = False  # "for each movie": one value per row, not a grouping
    entity_first: bool = False  # the entity came before any aggregate ("the passenger with the highest fare")
    limit: int | None = None
    order_column: Column | None = None
    descending: bool | None = None
    grain: str | None = None
    split_by: list[Column] = field(default_factory=list)  # groups said 'with and without X': a chart's colour
    grain_per: bool = False  # the grain said as 'per day' / 'daily' (of a measure), not 'by day' (a grouping)
    by_label: bool = False  # 'alphabetically': in the order of the labels (of the groups, or the rows' names)
    entity_ident: Column | None = None  # the recurring id of the table's noun (meter_id of 'the meter')
    sort_axis: str | None = None  # 'x' or 'y': "sort by the y-axis", "x axis in descending order", "by the X"
    sort_word: str = ""  # the word that asked for an order ('sort', 'rank', 'ordena'), for its default direction
    grain_column: Column | None = None  # the date the grain is of, when the request named it ('products launched')
    features: list[Column] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)  # numbers with no role yet (n rows, bins)
    bins: int | None = None
    facets: list[Column] = field(default_factory=list)  # groups named as panels ("one chart per X")
    bin_width: float | None = None  # "bin size 500": the histogram's bins come from its column's range
    null_cols: list[Column] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rewordings: list[tuple[str, str]] = field(default_factory=list)  # word -> the words of a reading to offer
    unknown: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)
    first_key: str | None = None  # the first meaningful keyword (follow-up cues)
    mentions: dict[str, str] = field(default_factory=dict)  # column name -> its first mention, as tokens

    def has(self, *keys: str) -> bool:
        return any(k in self.keys for k in keys)
