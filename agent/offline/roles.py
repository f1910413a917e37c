"""Measures for the offline grammar: which aggregate a column takes, and aggregates left without one."""

from __future__ import annotations

from dsagent.offline.lexicon import ADDITIVE_HINTS
from dsagent.offline.linker import Column, norm
from dsagent.offline.plan import Filter, Group, Measure
from dsagent.offline.tokens import Item

AGG_KEYS = {"COUNT": "count", "SUM": "sum", "AVG": "avg", "MEDIAN": "median", "MIN": "min", "MAX": "max",
            "DISTINCT": "count_distinct", "RATE": "rate", "PERCENT": "percent", "MODE": "mode"}


_NUMBER_OF = {"number of", "numbers of", "total number of", "numero de", "numero total de"}
_AGG_NOUNS = {"max", "maximum", "min", "minimum", "maximo", "maxima", "minimo", "minima"}


class MeasureRoles:
    """Mixin of `offline_parse.Grammar`: measures from aggregate words and the columns they take."""

    def take_measure(self, c: Column, aggs: list[Item], item: Item) -> None:
        r = self.r
        item.used = True
        if len(aggs) > 1:  # "how much is the average of ...": the question word is not an aggregate
            aggs = [a for a in aggs if a.text not in ("how much", "cuanto", "cuanta", "cuanto dinero")] or aggs
        plain = [a for a in aggs if a.key in ("SUM", "AVG", "MEDIAN", "COUNT")
                 or a.key in ("MAX", "MIN") and a.text in _AGG_NOUNS]
        if len(plain) > 1 and len(plain) == len(aggs):  # "min and max age", "count and average fare"
            for a in plain:
                if a.key == "COUNT":
                    r.measures.append(Measure("count"))
                else:
                    self.take_measure(c, [a], item)
            return
        keys = [a.key for a in aggs]
        sup = [k for k in keys if k in ("MAX", "MIN")]
        others = [k for k in keys if k not in ("MAX", "MIN")]
        if sup and others:  # "the highest survival rate": an extreme of the rate
            r.superlative = "max" if sup[0] == "MAX" else "min"
        if "PERCENT" in keys or "RATE" in keys:
            if c.binary:
                if "PERCENT" in keys:
                    r.measures.append(Measure("percent", None, Filter(c, "=", 1)))
                else:
                    r.measures.append(Measure("rate", c))
                r.understood.append(f"rate of {c.name}")
                return
            if c.numeric and "PERCENT" in keys:
                r.measures.append(Measure("share", c))
                r.understood.append(f"share of {c.name}")
                return
            if c.categorical and "PERCENT" in keys:
                r.measures.append(Measure("share", None))
                r.groups.append(Group(c))
                r.understood.append(f"share of rows by {c.name}")
                return
            r.problems.append(f"a rate of '{c.name}' (it is not a yes/no column)")
            return
        if "MODE" in keys:
            r.groups.append(Group(c))
            r.measures.append(Measure("count"))
            r.superlative, r.descending, r.limit = "max", True, r.limit or 1
            r.understood.append(f"most common {c.name}")
            return
        if "COUNT" in keys and "DISTINCT" not in keys and c.kind == "integer" and c.categorical and any(
                a.text in _NUMBER_OF for a in aggs):
            r.bare.append(c)  # "number of cylinders" of a small count column: the column itself, not its distinct count
            return
        if "COUNT" in keys and "DISTINCT" not in keys and c.kind == "text" and not c.values and not c.identifier:
            r.measures.append(Measure("count"))  # "number of models": names are one per row
            r.understood.append(f"count of rows ({c.name})")
            return
        if "COUNT" in keys:
            if "DISTINCT" in keys or (c.categorical or c.identifier or c.kind == "text" or c.temporal) and not c.binary:
                r.measures.append(Measure("count_distinct", c))
                r.understood.append(f"number of distinct {c.name}")
            elif c.binary:
                r.measures.append(Measure("count"))
                self.add_filter(Filter(c, "=", 1))
                r.understood.append(f"count where {c.name} = 1")
            elif c.numeric and any(h in norm(c.name) for h in ("unit", "quantity", "amount", "count", "cantidad")):
                r.measures.append(Measure("sum", c))
                r.understood.append(f"total {c.name}")
            else:
                r.problems.append(f"'how many' of the numeric column '{c.name}'")
            return
        if "DISTINCT" in keys:
            r.measures.append(Measure("count_distinct", c)) if r.has("COUNT") else r.bare.append(c)
            if not r.has("COUNT"):
                r.keys.append("DISTINCT_VALUES")
            return
        if others == ["SUM"] and any(a.text in ("how much", "cuanto", "cuanta") for a in aggs) and c.numeric \
                and not any(h in norm(c.name) for h in ADDITIVE_HINTS):
            r.problems.append(f"'how much' of '{c.name}' (a total? an average?)")  # "how much do cars weigh"
            return
        if c.temporal and any(k not in ("MIN", "MAX", "MEDIAN") for k in others):
            r.problems.append(f"a total or average of the date column '{c.name}'")
            return
        if not c.numeric and not (c.temporal and (others or sup)):
            r.problems.append(f"an aggregate of the text column '{c.name}'")
            return
        if others:
            agg = AGG_KEYS[others[-1]]
            r.measures.append(Measure(agg, c))
            r.understood.append(f"{agg} of {c.name}")
            if sup:
                r.superlative = "max" if sup[0] == "MAX" else "min"
            return
        r.measures.append(Measure(AGG_KEYS[sup[0]], c))
        r.superlative = r.superlative or ("max" if sup[0] == "MAX" else "min")
        r.understood.append(f"{AGG_KEYS[sup[0]]} of {c.name}")

    def take_percent(self, pending: list[Item]) -> None:
        """'percentage of women': the share of rows meeting the last filter."""
        r = self.r
        cond = r.filters.pop()
        r.measures.append(Measure("percent", None, cond) if pending[-1].key == "PERCENT" else
                          Measure("percent", None, cond))
        if pending[-1].key == "RATE":
            r.measures[-1].agg = "percent"
        r.understood.append("share of rows where " + (cond.column.name if cond.column else "condition"))

    def orphan_aggregate(self, p: Item) -> None:
        """An aggregate keyword whose column never came: count(*), an implied column, or a problem."""
        r = self.r
        key = p.key
        if key == "COUNT":
            if not any(m.agg == "count" for m in r.measures):
                r.measures.append(Measure("count"))
                r.understood.append("count of rows")
            return
        last = r.measures[-1] if r.measures else None
        if last is not None and last.column is not None and last.agg in ("min", "max", "avg", "sum", "median") and (
                key in ("SUM", "AVG", "MEDIAN") or key in ("MAX", "MIN") and p.text in _AGG_NOUNS):
            r.measures.append(Measure(AGG_KEYS[key], last.column))  # "edad minima y maxima"
            r.understood.append(f"{AGG_KEYS[key]} of {last.column.name}")
            return
        if key in ("MAX", "MIN"):
            col = self.column_by_word(p.param)
            if col is not None:
                r.superlative = key.lower()
                r.order_column = col
                r.descending = key == "MAX"
                r.understood.append(f"{'highest' if key == 'MAX' else 'lowest'} {col.name}")
                return
            if r.measures or r.entity:  # "the region with the most orders": an extreme of the count
                r.superlative = key.lower()
                return
            r.problems.append(f"'{p.text}' of what")
            return
        if key in ("PERCENT", "RATE") and r.measures:
            return
        if key == "PERCENT" and (r.entity or r.groups) and not r.filters:
            r.measures.append(Measure("share", None))  # "share of passengers by class"
            r.understood.append("share of rows")
            return
        if key == "DISTINCT":
            r.keys.append("DISTINCT_VALUES")
            return
        if key == "SUM" and p.text in ("total", "totales", "overall", "combined"):
            return  # 'total' as an adjective: "total number", "the total"
        r.problems.append(f"'{p.text}' without a column it applies to")


class LayoutRoles:
    """Mixin of `offline_parse.Grammar`: axes named in words, values listed after 'by', histogram bins."""

    def listed_after_by(self, j: int) -> bool:
        """Item j is the second or later value of one column listed right after 'by'."""
        k, n = j, 0
        while self.at(k) is not None and self.at(k).kind == "val" and self.at(k).col is self.items[j].col:
            n += 1
            k -= 1
            if self.is_kw(k, "AND"):
                k -= 1
        return n >= 2 and self.is_kw(k, "BY", "FACET_BY")

    def axis_mention(self, j: int, pending: list[Item]) -> None:
        """'X on the x axis' names the column before; 'x axis is X', 'y axis: mean Y', 'y = count' the one after."""
        it, prev = self.items[j], self.at(j - 1)
        after = j + 1
        while self.is_kw(after, *AGG_KEYS) and not (self.at(after + 1) is None and self.at(after).key == "COUNT"):
            after += 1  # "y axis mean MPG": the column after the aggregate
        nxt = self.at(after)
        before = prev.col if prev is not None and prev.kind == "col" else None
        following = nxt.col if nxt is not None and nxt.kind == "col" else None
        if it.text.split()[0] in ("on", "along", "as", "in", "en", "horizontally", "vertically"):
            target = before
        else:
            target = following if following is not None else before
        if target is not None:
            self.r.axis[it.key[0].lower()] = target
        elif it.key == "YAXIS" and (self.is_kw(j + 1, "COUNT") or prev is not None and prev.kind == "kw"
                                    and prev.key == "COUNT" or pending and pending[-1].key == "COUNT"
                                    or any(m.agg == "count" for m in self.r.measures)):
            pass  # "y axis count", "count on the y axis": the count of rows, planned from the words themselves
        else:
            self.r.problems.append(f"'{it.text}' without a column")

    def by_role(self, it: Item, mode: str | None) -> Column | None:
        """The one candidate of an ambiguous word that fits a grouping or colour (discrete, 2 to 50 values)."""
        names = [n.strip() for n in str(it.value).split(":", 1)[1].split(",") if "=" not in n]
        cols = [c for c in (self.index.column(self.table, n) for n in names) if c is not None]
        fit = [c for c in cols if c.discrete and 2 <= (c.distinct or len(c.values)) <= 50]
        return fit[0] if len(fit) == 1 and len(cols) == len(names) else None

    def bin_number(self, j: int) -> int | None:
        """A number that sizes a histogram's bins: the index after what it used, or None."""
        r, it, nxt = self.r, self.items[j], self.at(j + 1)
        if nxt is not None and nxt.kind == "kw" and nxt.key == "CHART_HIST" and nxt.text in (
                "bins", "bin", "buckets", "bucket") or self.is_kw(j - 1, "BIN_COUNT"):
            r.bins = int(it.value)  # "20 bins", "into 8 buckets", "number of bins 8"
            r.keys.append("CHART_HIST")
            return j + 1 + (not self.is_kw(j - 1, "BIN_COUNT"))
        unit_then = nxt is not None and nxt.kind in ("unknown", "kw", "col")  # "20 minute bands", "10 day bins"
        if self.is_kw(j - 1, "BIN_WIDTH") or self.is_kw(j + 1, "BIN_UNIT") or unit_then and (
                self.is_kw(j + 2, "BIN_UNIT") or self.is_kw(j + 2, "CHART_HIST") and self.at(j + 2).text in (
                "bins", "buckets", "bin", "bucket")):
            r.bin_width = it.value  # "bin size 500", "in 20 minute bands", "by 500 interval"
            r.keys.append("CHART_HIST")
            if self.is_kw(j - 1, "BIN_WIDTH"):  # "buckets of 20 minutes": the unit word goes with the number
                return j + 1 + (nxt is not None and nxt.kind == "unknown")
            return j + (2 if self.is_kw(j + 1, "BIN_UNIT") else 3)
        return None
