"""The offline planner without LangChain: request (+ earlier requests) -> Plan -> one tool call.

`Planner.for_workspace(ws).plan_messages(messages)` works on any message objects with `.type`
("system", "human", "ai", "tool") and `.content` — LangChain's included — and imports no model
library, so a caller that does not need a chat-model object (the `offline` provider's fast path)
pays only for the parser. `dsagent.offline.chat_model.OfflinePlanner` wraps it as a LangChain chat model.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any, Sequence

from dsagent.offline.chart import as_chart, chart_kind_of
from dsagent.offline.followup import merge
from dsagent.offline.intent import finish, is_modifier_only
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.grammar.parse import assign_roles, parse_items
from dsagent.offline.grammar.roles import CHART_KEYS, NotUnderstood, Roles
from dsagent.offline.plan import Plan
from dsagent.offline.plan_sql import tool_call
from dsagent.offline.respond import not_understood, planner_failed, step_done, step_failed, suggestions
from dsagent.offline.lexicon import PHRASES, STOPWORDS
from dsagent.offline.tokens import tokenize
from dsagent.words.language import detect_language
from dsagent.words.text import fold_accents

RESPOND = "respond"
_MAX_FOLLOW_DEPTH = 4
# kinds of chart that draw the same marks: bars asked, then stacked bars or a histogram drawn, is what was asked
_MARKS = {"grouped_bar": "bar", "stacked_bar": "bar", "histogram": "bar", "area": "line"}
_CUES = {"NOW", "ONLY", "ALSO", "MAKE_IT"}
# keywords that lead a word with a role (a grouping, a comparison, an order): a request without that word
# is not a closer reading of it, only a smaller one
_LEADS = {"BY", "FACET_BY", "COLOR_BY", "SORT", "GT", "GE", "LT", "LE", "EQ", "NE", "BETWEEN", "WITH", "WHERE", "NOT",
          "AVG", "SUM", "COUNT", "MEDIAN", "MIN", "MAX", "DISTINCT", "PERCENT", "RATE", "MODE", "WITHIN"}

# keywords that open a message which only says how to group ("group by origin", "colour by region", "por región")
_GROUPING_LEADS = {"BY", "FACET_BY", "COLOR_BY"}


class Planner:
    """The parser behind the chat model: request (+ earlier requests) -> Plan, or NotUnderstood."""

    def __init__(self, index: SchemaIndex, default_table: str, prefer: str | None = None):
        self.index = index
        self.default_table = default_table
        self.prefer = prefer  # "chart": answer a chartable query with its chart (a chart-first session)
        self.generation: int | None = None  # the workspace's generation this index was built at

    def refresh(self, ws) -> None:
        """Index the workspace again when its tables changed since (a cleaned version took a table's
        name, a synthetic table was made): the next request reads the tables as they are now."""
        if self.generation == getattr(ws, "generation", None):
            return
        self.index = SchemaIndex.build(ws)
        self.default_table = ws.default_table()
        self.generation = ws.generation

    def plan(self, question: str, history: Sequence[str] = (), depth: int = 0, table: str | None = None) -> Plan:
        """The plan of `question`; earlier requests (oldest first) give follow-ups their context."""
        language = detect_language(question)
        chosen, items, _, ambiguous = parse_items(question, self.index, self.default_table, table)
        roles = assign_roles(items, self.index, chosen)
        first = next((it for it in items if it.kind not in ("stop",)), None)
        # a cue opens the request: 'with a' (MAKE_IT) inside 'inspections in Brooklyn with a score above 30'
        # is no 'make it ...', so that request stays a listing of its own, not a change to the previous one
        opening = next((it for it in items if it.kind != "stop" and not (it.kind == "kw" and it.key == "SHOW")), None)
        cue = opening is not None and opening.kind == "kw" and opening.key in _CUES \
            or (first is not None and first.kind == "kw" and first.key in ("AND", "BY")) \
            or (first is not None and first.text in ("make", "haz", "hazlo", "change", "cambia", "turn", "convert",
                                                    "convierte") and any(k in CHART_KEYS for k in roles.keys))
        if history and depth == 0 and not (cue or is_modifier_only(roles)) and self._fragment(history[-1]) \
                and not self.parses(history[-1]):
            # "group by origin" (not understood alone), then "plot cylinders by average acceleration": a
            # request built over two messages, when the two read as one. Only after a fragment (no
            # measure, no column to compute on): after a full request that failed, the next message is
            # usually its rephrasing, which must not inherit the failed words.
            try:
                plan = self.plan(history[-1] + " " + question, history[:-1], depth + 1)
                plan.understood.append("read with the previous message: " + history[-1])
                return plan
            except NotUnderstood:
                pass
        if history and depth == 0 and not (cue or is_modifier_only(roles)):
            grouped = self._grouped_as_said_before(history[-1], question, history[:-1], depth)
            if grouped is not None:
                return grouped
        if history and depth < _MAX_FOLLOW_DEPTH and (cue or is_modifier_only(roles)):
            try:
                prev = self.plan(history[-1], history[:-1], depth + 1)
            except NotUnderstood:
                prev = None
            if prev is None and depth == 0:  # "show me bars" / "of gross by genre": one request in two messages
                try:
                    return self.plan(history[-1] + " " + question, history[:-1], depth + 1)
                except NotUnderstood:
                    pass
            if prev is None and is_modifier_only(roles) and (roles.groups or roles.color or
                                                             cue and roles.first_key != "ONLY"):
                # "segregate it by origin" or "now only for women" after a request we did not understand: what
                # it changes is unknown, so the fragment alone ("count by origin", the rows of women) would
                # answer something nobody asked. "only women" alone may be a request of its own.
                raise NotUnderstood([], ["the earlier request this one changes"], list(roles.understood), language,
                                    chosen)
            if prev is not None:
                if prev.table != chosen:
                    chosen, items, _, _ = parse_items(question, self.index, self.default_table, prev.table)
                    roles = assign_roles(items, self.index, chosen)
                if cue or is_modifier_only(roles):
                    plan = merge(prev, roles, language, self.index)
                    attach_joins(plan, self.index)
                    plan.understood.append("follow-up of: " + history[-1])
                    if self.prefer == "chart" and plan.intent in ("query", "rows", "distinct"):
                        plan = as_chart(plan) or plan
                    return plan
        spare = _read_as_chart(roles) if self.prefer == "chart" and not history and depth == 0 else None
        try:
            plan = finish(roles, self.index, chosen, language, question)
        except NotUnderstood as exc:
            if spare is None or roles.unknown or roles.problems:
                raise
            try:  # chart-first: "acceleration by weight and origin" is no table, but it is a chart
                plan = finish(spare, self.index, chosen, language, question)
            except NotUnderstood:
                raise exc from None
        attach_joins(plan, self.index)
        if self.prefer == "chart" and plan.intent in ("query", "rows", "distinct"):
            plan = as_chart(plan) or plan
            if "FACET_BY" in roles.keys and plan.chart_color is not None:  # ChartSpec draws no panels
                plan.notes.append(f"separate panels drawn as one chart with a colour per {plan.chart_color.name}")
        if ambiguous:
            plan.confident = False
            plan.notes.append(f"table {chosen} chosen among several")
        return plan

    def _kind_asked_before(self, plan: Plan, question: str, earlier: Sequence[str]) -> None:
        """'show me a scatterplot', 'show me rating', 'show me rotten tomatoes rating': a kind of chart asked
        in an earlier message that could not be drawn alone is still the kind asked for; a chart of another
        kind from a later message that names none is declined (it drew a histogram of the last column)."""
        if plan.intent != "chart" or not earlier:
            return
        chosen, items, _, _ = parse_items(question, self.index, self.default_table)
        if chart_kind_of(assign_roles(items, self.index, chosen)) is not None:
            return
        for before in reversed(earlier):
            chosen, items, _, _ = parse_items(before, self.index, self.default_table)
            kind = chart_kind_of(assign_roles(items, self.index, chosen))
            if kind is None:
                continue
            if _MARKS.get(kind, kind) != _MARKS.get(plan.chart_kind, plan.chart_kind) and not self.parses(before):
                raise NotUnderstood([], [f"'{kind}' asked before, '{plan.chart_kind}' drawn now"],
                                    list(plan.understood), plan.language, plan.table)
            return

    def _grouped_as_said_before(self, before: str, question: str, history: Sequence[str], depth: int) -> Plan | None:
        """'group by origin', then 'plot year by average horsepower': a message that only says how to group
        sets the grouping of the request after it (the grouping is added, as 'also by' adds one), or the
        request is declined; it is never dropped in silence. None when `before` is not such a message."""
        chosen, items, _, _ = parse_items(before, self.index, self.default_table)
        said = assign_roles(items, self.index, chosen)
        first = next((it for it in items if it.kind != "stop"), None)
        if first is None or first.kind != "kw" or first.key not in _GROUPING_LEADS or not (said.groups or said.color) \
                or said.measures or said.bare or said.entity or said.filters or said.unknown or said.problems:
            return None
        plan = self.plan(question, history, depth + 1)
        if plan.table != chosen:
            raise NotUnderstood([], [f"the grouping of the message before ({before})"], list(plan.understood),
                                plan.language, plan.table)
        if {c.name for c in [g.column for g in said.groups] + ([said.color] if said.color else [])} <= {
                c.name for c in plan.columns_used()}:
            return plan  # "group by channel", then "average spend by channel": grouped so already
        said.keys.append("ALSO")
        grouped = merge(plan, said, plan.language, self.index)
        grouped.understood.append("grouped as the message before said: " + before)
        grouped.confident = False  # a reading of the conversation, not of this message's words
        return grouped

    def _checked(self, text: str | None) -> str | None:
        """The text as a request, when the planner answers it as it stands."""
        if not text:
            return None
        try:
            self.plan(text)
        except NotUnderstood:
            return None
        return text

    def _reworded(self, question: str, rewordings: list[tuple[str, str]]) -> str | None:
        """The request with a word replaced by the reading the grammar offered ('month' -> 'month of the year')."""
        tokens, quoted = tokenize(question)
        if quoted or not rewordings:
            return None
        for word, words in rewordings:
            if " " in word:  # a phrase ("by region" -> "within each region"): its first place in the request
                return self._checked(_phrase_edited(question, word, words))
            if word in tokens:
                return self._checked(_edited(question, {word: words}))
        return None

    def _without(self, question: str, words: list[str]) -> str | None:
        """The request without the words it could not place, when what is left is answered."""
        tokens, quoted = tokenize(question)
        drop = {w.lower() for w in words}
        kept = [t for t in tokens if t not in drop]
        if quoted or not words or len(kept) == len(tokens) or not kept:
            return None
        for i, t in enumerate(tokens):
            if t not in drop:
                continue
            before = [PHRASES.get(" ".join(tokens[k:i]), "").partition(":")[0] for k in (i - 1, i - 2) if k >= 0]
            if any(b in _LEADS for b in before):
                return None  # "by tipe": the word was what 'by' is about; without it the request means less
            if 0 < i < len(tokens) - 1 and tokens[i - 1] not in drop and tokens[i + 1] not in drop:
                return None  # "the 5 hottest readings": a word inside the request qualifies its neighbours
            if i == len(tokens) - 1 and i and (tokens[i - 1] in STOPWORDS and not _joins(tokens[i - 1])
                                               or _number_like(tokens[i - 1])):
                return None  # "average temperature in summer": the last word was what 'in' is about
            end = next((k for k in range(i, len(tokens)) if tokens[k] not in drop), len(tokens))
            if 0 < i and tokens[i - 1] not in drop and end < len(tokens) \
                    and tokens[i - 1] in STOPWORDS and not _joins(tokens[i - 1]) and tokens[end] in STOPWORDS:
                return None  # "salary of professors hired in B": without them 'of' would govern 'in'
        return self._checked(_edited(question, {w: "" for w in drop}))

    def _fragment(self, text: str) -> bool:
        """Words that set up a request without naming what to compute ("show me bars of", "group by origin").
        An extreme or a number of rows asked for is a request of its own that failed ('los 5 pedidos más
        caros'), whose '5' must not carry into the next one ('ciudad con más pedidos' listed five)."""
        chosen, items, _, _ = parse_items(text, self.index, self.default_table)
        r = assign_roles(items, self.index, chosen)
        return not r.measures and not r.bare and not r.unknown and not r.superlative and not r.numbers

    def parses(self, question: str) -> bool:
        try:
            self.plan(question)
            return True
        except NotUnderstood:
            return False

    def explain(self, exc: NotUnderstood, question: str) -> str:
        return self.decline(exc, question)["text"]

    def decline(self, exc: NotUnderstood, question: str) -> dict[str, Any]:
        """The `respond` arguments of a request not answered: text, the unplaced words, the closest reading."""
        mentioned = list(exc.understood) + list(exc.problems)
        unplaced = list(dict.fromkeys(exc.unknown))
        suggestion = exc.suggestion or self._reworded(question, exc.rewordings) or self._without(question, unplaced)
        tries = suggestions(self.index, exc.table, exc.language, mentioned, self.parses)
        text = not_understood(exc.language, exc.understood, exc.unknown, exc.problems, tries, suggestion)
        return {"text": text, "unplaced": unplaced, "suggestion": suggestion}

    @classmethod
    def for_workspace(cls, ws, cards: dict | None = None, prefer: str | None = None) -> "Planner":
        """Index the workspace's tables once (schema cards when given, and low-cardinality values)."""
        planner = cls(SchemaIndex.build(ws, cards), ws.default_table(), prefer)
        planner.generation = getattr(ws, "generation", None)
        return planner

    def answer(self, messages: Sequence[Any]) -> tuple[str, dict[str, Any], bool]:
        """`plan_messages` for a person: a fault of the grammar (a bug, not the request's fault) declines,
        naming the fault and running nothing, instead of ending the request with a traceback. The
        benchmarks call `plan_messages` itself, so a fault still shows there."""
        try:
            return self.plan_messages(messages)
        except Exception as exc:  # noqa: BLE001 - any fault of the planner's own code
            humans = [m for m in messages if _kind(m) == "human"]
            language = detect_language(_text(humans[-1])) if humans else "en"
            return RESPOND, {"text": planner_failed(language, exc)}, False

    def plan_messages(self, messages: Sequence[Any]) -> tuple[str, dict[str, Any], bool]:
        """(tool name, args, confident) for a conversation; `respond` when it does not act."""
        humans = [m for m in messages if _kind(m) == "human"]
        if not humans:
            return RESPOND, {"text": "Ask a question about the data."}, False
        question = _text(humans[-1])
        language = detect_language(question)
        last = messages[-1]
        if _kind(last) == "tool":  # our call ran: never loop
            if _is_error(last):
                return RESPOND, {"text": step_failed(language, _text(last))}, False
            return RESPOND, {"text": step_done(language)}, False
        earlier = [_text(m) for m in humans[:-1]]
        try:
            plan = self.plan(question, earlier)
            self._kind_asked_before(plan, question, earlier)
        except NotUnderstood as exc:
            return RESPOND, self.decline(exc, question), False
        name, args = tool_call(plan)
        return name, args, plan.confident


_PIECE = re.compile(r"\w+|[^\w\s]")


def _edited(question: str, changes: dict[str, str]) -> str | None:
    """The person's own words with some replaced (by "" to drop them), as a request they could have typed.

    Built from the question as written, not from its folded tokens, so "años" stays "años"; where a word
    was dropped, an 'and' or a comma left at the gap goes too ("average salary by rank and foo" ->
    "average salary by rank", never "... by rank and"). None when a word to change is not in the text.
    """
    pieces = [(m.group(), m.start() > 0 and question[m.start() - 1].isspace()) for m in _PIECE.finditer(question)]
    folded = [fold_accents(p).lower() for p, _ in pieces]
    if not all(w in folded for w in changes):
        return None
    out: list[tuple[str, bool]] = []  # (piece, space before it)
    dropped = False
    for (piece, space), key in zip(pieces, folded):
        if key in changes and not changes[key]:
            while out and _joins(out[-1][0]):  # "rank and [foo]": the 'and' joined the dropped word
                out.pop()
            dropped = True
        elif dropped and not out and _joins(piece):
            continue  # "[foo] and average ...": nothing before it to join
        else:
            out.append((changes.get(key) or piece, space))
    text = "".join((" " if space and i else "") + p for i, (p, space) in enumerate(out)).strip()
    return text.lstrip("¿¡ ").rstrip("?!. ") or None  # offered inside quotes, in a question of its own


def _phrase_edited(question: str, phrase: str, words: str) -> str | None:
    """The person's own words with the first place of `phrase` (folded words) replaced by `words`."""
    pieces = list(_PIECE.finditer(question))
    folded = [fold_accents(m.group()).lower() for m in pieces]
    want = phrase.split()
    for i in range(len(folded) - len(want) + 1):
        if folded[i:i + len(want)] == want:
            start, end = pieces[i].start(), pieces[i + len(want) - 1].end()
            return (question[:start] + words + question[end:]).strip().lstrip("¿¡ ").rstrip("?!. ") or None
    return None


def _joins(piece: str) -> bool:
    """'and', 'y', 'or', a comma: a word that only joins its neighbours."""
    return PHRASES.get(fold_accents(piece).lower()) == "AND"


def _number_like(tok: str) -> bool:
    return tok[:1].isdigit()


def _read_as_chart(r: Roles) -> Roles | None:
    """A copy of the roles of a request without chart words, as if it said 'plot ...' (None if it has them)."""
    if any(k in CHART_KEYS or k in ("CHART", "OVER_TIME", "VS", "RELATION") for k in r.keys):
        return None
    named = {c.name for c in r.bare} | {g.column.name for g in r.groups} | {
        m.column.name for m in r.measures if m.column is not None} | ({r.color.name} if r.color else set())
    if len(named) < 2 or r.superlative:
        # one column alone ("sales forecast in 2016"): what to compute is the question, not the chart; and
        # "which X has the highest Y for each Z" asks for a lookup, which a chart of maxima only hints at
        return None
    c = copy.copy(r)
    for f in dataclasses.fields(r):
        value = getattr(r, f.name)
        if isinstance(value, (list, dict)):
            setattr(c, f.name, copy.copy(value))
    c.keys.append("CHART")
    return c


def attach_joins(plan: Plan, index: SchemaIndex) -> None:
    """Record the lookup joins a plan needs; refuse what a many-to-one lookup cannot answer."""
    plan.joins = {}
    lookups = index.lookups.get(plan.table, {})
    for col in plan.columns_used():
        if col.table != plan.table:
            plan.joins[col.table] = lookups[col.table]

    def refuse(why: str) -> NotUnderstood:
        return NotUnderstood([], [why], list(plan.understood), plan.language, plan.table)

    if not plan.joins:
        return
    if plan.intent not in ("query", "rows", "distinct"):
        raise refuse(f"a {plan.intent} across the tables {plan.table} and {', '.join(plan.joins)}")
    for m in plan.measures:
        if m.column is not None and m.column.table != plan.table and m.agg not in ("count_distinct",):
            raise refuse(f"a {m.agg} of {m.column.table}.{m.column.name} per {plan.table} row")
    tables = [plan.table, *plan.joins]
    keys = set(plan.joins.values())
    for col in plan.columns_used():
        owners = [t for t in tables if index.column(t, col.name) is not None]
        if col.name not in keys and len(owners) > 1:
            raise refuse(f"'{col.name}' is a column of both {owners[0]} and {owners[1]}")
    plan.understood.append("joined " + ", ".join(f"{t} by {k}" for t, k in plan.joins.items()))


def _kind(message: Any) -> str:
    return str(getattr(message, "type", "") or (message.get("role") if isinstance(message, dict) else ""))


def _text(message: Any) -> str:
    content = message.get("content") if isinstance(message, dict) else getattr(message, "content", "")
    if isinstance(content, list):
        return " ".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content)
    return str(content)


def _is_error(message: Any) -> bool:
    """A tool message after our call is an error report, or the loop's note that the result is empty."""
    if getattr(message, "status", None) == "error":
        return True
    return not _text(message).lstrip().lower().startswith(("the query ran but returned no rows", "empty result"))
