"""Does a model's answer have the shape its question asks for? A note when it plainly does not.

Measured on multi-table databases (bench/multitable), a small model's commonest wrong answer is a
query that runs but answers from one table where the question needs a join:
- `names_not_ids`: it shows an identifier (`genre_id`) where the question asks about the things
  it identifies ("books in each genre"), when their table has a name or title column;
- `one_row_for_each`: it returns one aggregate row where the question asks for one per thing ("the
  average attendance at each branch"), a table or a column of the question's words;
- `keys_of_different_tables`: it joins or compares the keys of two different tables
  (`loans.copy_id = books.book_id`, `book_id IN (SELECT copy_id FROM copies)`), where the way
  between them goes through another table or another column;
- `ranked_by_hidden_value`: a top-N answer ranks by a value it does not show ("which branch pays
  the highest total salary" as `SELECT name ... ORDER BY SUM(salary) DESC LIMIT 1`): the person
  asked about that value, and sees only a name.
Each rule sees only the schema, the query and the question's words, never the rows' values; its note
holds the query rewritten where it can (a small model copies a query far more reliably than it
follows a description) and says to repeat the call if the answer was right after all. The loop
(agent/loop.py) sends at most one note a request, and the first answer stands if the next one fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from dsagent.sql.duckdb_parse import ident_key as _key
from dsagent.sql.joins import Join, joined, key_like, names_table, path
from dsagent.words.data import word_set
from dsagent.words.names import is_display_name
from dsagent.words.text import name_words, phrase_pattern, variants, words_of

READ = "duckdb"


@dataclass(frozen=True)
class Note:
    """A rule's note: the prompt template (prompts/<template>) and the values it is filled with."""
    template: str
    values: dict[str, str]


def _words(key: str) -> frozenset[str]:
    return word_set("shape", key)


def shape_note(ws: Any, sql: str, question: str, row_count: int) -> Note | None:
    """A note for the model when the answer's shape does not fit the question (None when it does)."""
    try:
        tree = sqlglot.parse_one(sql or "", read=READ)
    except sqlglot.errors.SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or not question:
        return None
    columns = {t: [c for c, _ in ws.columns(t)] for t in ws.tables}
    mismatch = keys_of_different_tables(tree, columns)
    if mismatch:
        return mismatch
    asked = words_of(question)
    if set(asked) & _words("key_words"):
        return None
    read = _top_tables(tree, columns)
    if not read:
        return None
    return names_not_ids(tree, read, columns, asked) or one_row_for_each(tree, read, columns, asked, row_count) \
        or ranked_by_hidden_value(tree)


def ranked_by_hidden_value(tree: exp.Select) -> Note | None:
    """ORDER BY <value> LIMIT n where the value is not among what the SELECT shows."""
    order = tree.args.get("order")
    if not order or not tree.args.get("limit") or tree.args.get("distinct") or not order.expressions:
        return None
    ranked = order.expressions[0].this
    shown = {p.unalias().sql(dialect=READ).lower() for p in tree.expressions} | \
            {p.alias.lower() for p in tree.expressions if p.alias}
    if any(isinstance(p, exp.Star) or isinstance(p.unalias(), exp.Star) for p in tree.expressions):
        return None
    text = ranked.sql(dialect=READ)
    if text.lower() in shown or (isinstance(ranked, exp.Column) and ranked.name.lower() in shown) \
            or isinstance(ranked, exp.Literal) or not (ranked.find(exp.AggFunc) or isinstance(ranked, exp.Column)) \
            or (isinstance(ranked, exp.Column) and key_like(ranked.name)):  # rows in id order: no ranking
        return None
    shows = tree.copy()
    shows.set("expressions", [*shows.expressions, ranked.copy()])
    return _render("ranked_by_hidden_value.txt", value=text, example=shows.sql(dialect=READ) + ";")


def keys_of_different_tables(tree: exp.Select, columns: dict[str, list[str]]) -> Note | None:
    """`a.x_id = b.y_id` (in a join or a filter) or `x_id IN (SELECT y_id FROM t)` where x_id and
    y_id name two different tables: the ids of different things never match but by chance."""
    aliases = {t.alias_or_name: _table_named(t.name, columns) for t in tree.find_all(exp.Table)}
    pairs: list[tuple[exp.Column, exp.Column, exp.Expression]] = []
    for eq in tree.find_all(exp.EQ):
        if isinstance(eq.this, exp.Column) and isinstance(eq.expression, exp.Column):
            pairs.append((eq.this, eq.expression, eq))
    for inside in tree.find_all(exp.In):
        query = inside.args.get("query")
        select = query.this if isinstance(query, exp.Subquery) else query
        if isinstance(inside.this, exp.Column) and isinstance(select, exp.Select) \
                and len(select.expressions) == 1 and isinstance(select.expressions[0].unalias(), exp.Column):
            pairs.append((inside.this, select.expressions[0].unalias(), select))
    for left, right, where in pairs:
        names = [_named_table(c.name, columns) for c in (left, right)]
        if not all(names) or names[0] == names[1] or not key_like(left.name) or not key_like(right.name):
            continue
        owners = [_column_table(c, aliases, columns) for c in (left, right)]
        if not all(owners):
            continue
        return _render("keys_of_different_tables.txt", left=f"{owners[0]}.{left.name}",
                       right=f"{owners[1]}.{right.name}", left_table=names[0], right_table=names[1],
                       way=_way(left, right, owners, where, columns))
    return None


def _way(left: exp.Column, right: exp.Column, owners: list[str], where: exp.Expression,
         columns: dict[str, list[str]]) -> str:
    """How the two tables do connect: the subquery's table has the left key itself, or a join path."""
    if isinstance(where, exp.Select) and _key(left.name) in {_key(c) for c in columns[owners[1]]}:
        return f"{owners[1]} has {left.name} itself: IN (SELECT {left.name} FROM {owners[1]} ...)"
    chain = path(columns, [owners[0]], owners[1])
    if chain:
        return f"join through the tables between them: {' '.join(j.sql() for j in chain)}"
    return f"no key of {owners[0]} is a column of {owners[1]}"


def _table_named(name: str, columns: dict[str, list[str]]) -> str | None:
    return next((t for t in columns if _key(t) == _key(name)), None)


def _named_table(key: str, columns: dict[str, list[str]]) -> str | None:
    """The table a key column's name names ('copy_id' -> copies), if the workspace has one."""
    return next((t for t in columns if names_table(key, t)), None)


def _column_table(column: exp.Column, aliases: dict[str, str | None], columns: dict[str, list[str]]) -> str | None:
    """The table a column of the query belongs to: by its qualifier, else the one table of its own
    SELECT that has it."""
    if column.table:
        return aliases.get(column.table)
    scope = column.find_ancestor(exp.Select)
    candidates = [aliases.get(t.alias_or_name) for t in (scope.find_all(exp.Table) if scope else [])
                  if t.find_ancestor(exp.Select) is scope]
    having = [t for t in candidates if t and _key(column.name) in {_key(c) for c in columns[t]}]
    return having[0] if len(having) == 1 else None


def names_not_ids(tree: exp.Select, read: dict[str, str], columns: dict[str, list[str]],
                  asked: list[str]) -> Note | None:
    """The answer shows `<thing>_id` where the question names the things and their table has a name."""
    stems = {s for w in asked for s in variants(w)}
    for projection in tree.expressions:
        column = projection.unalias()
        if not isinstance(column, exp.Column) or not key_like(column.name):
            continue
        for table in columns:
            if table in read.values() or not names_table(column.name, table) \
                    or not variants(name_words(table)[-1]) & stems:
                continue
            key = next((c for c in columns[table] if _key(c) == _key(column.name)), None)
            display = next((c for c in columns[table] if is_display_name(c)), None)
            owner = _owner(column, read, columns)
            if key is None or display is None or owner is None:
                continue
            join = Join(table, key, owner, next(c for c in columns[owner] if _key(c) == _key(column.name)))
            example = _showing(tree, column, projection, join, display, read, columns[owner])
            return _render("names_not_ids.txt", key=column.name, table=table, display=display,
                           example=example or f"{join.sql()} and SELECT {table}.{display}")
    return None


def one_row_for_each(tree: exp.Select, read: dict[str, str], columns: dict[str, list[str]], asked: list[str],
                     row_count: int) -> Note | None:
    """One aggregate row where the question asks for one per thing: "at each branch", "per city"."""
    if row_count != 1 or tree.args.get("group") or tree.find(exp.Window) \
            or not any(p.find(exp.AggFunc) for p in tree.expressions):
        return None
    for phrase in _grouped_phrases(asked):
        found = _group_for(phrase, read, columns)
        if found and not _filtered_on(tree, found[1]):
            words, group, chain = found
            return _render("one_row_for_each.txt", word=" ".join(words), group=group.sql(dialect=READ),
                           example=_grouped(tree, group, chain, columns, read))
    return None


def _group_for(phrase: list[str], read: dict[str, str],
               columns: dict[str, list[str]]) -> tuple[list[str], exp.Column, list[Join]] | None:
    """What "each <phrase>" groups by, the words of the phrase it took, and the joins to reach it.
    Two words name a table and its column ("each customer segment") or one column
    ("each membership type"); one word names a column of a table the query reads ("per city"), else
    a table it does not read, by its name column ("each branch"), else a column of such a table."""
    def forms(words: list[str]) -> set[str]:
        return {s for w in words for s in variants(w)}

    def named(column: str, word: str) -> bool:
        return bool(variants(word) & forms(name_words(column))) and not key_like(column)

    def reached(table: str, column: str) -> tuple[exp.Column, list[Join]] | None:
        if table in read.values():
            return exp.column(column, table=_ref(read, table) if len(read) > 1 else None), []
        chain = path(columns, list(read.values()), table)
        return (exp.column(column, table=table), chain) if chain else None

    ordered = [*read.values(), *(t for t in columns if t not in read.values())]
    if len(phrase) == 2:
        first, second = phrase
        for table in ordered:
            by_table = variants(first) & forms(name_words(table)[-1:])
            column = next((c for c in columns[table] if named(c, second) and (by_table or named(c, first))), None)
            found = reached(table, column) if column else None
            if found:
                return phrase, *found
    word = phrase[0]
    for table in read.values():
        column = next((c for c in columns[table] if named(c, word)), None)
        if column:
            return [word], *reached(table, column)
    others = [t for t in columns if t not in read.values()]
    for table in others:
        display = next((c for c in columns[table] if is_display_name(c)), None)
        found = reached(table, display) if display and variants(word) & forms(name_words(table)[-1:]) else None
        if found:
            return [word], *found
    for table in others:
        column = next((c for c in columns[table] if named(c, word)), None)
        found = reached(table, column) if column else None
        if found:
            return [word], *found
    return None


def _filtered_on(tree: exp.Select, group: exp.Column) -> bool:
    """The query keeps one value of the grouping ("sales per region for the East"): one row is right."""
    where = tree.args.get("where")
    return where is not None and any(
        isinstance(c.parent, (exp.EQ, exp.In)) and _key(c.name) == _key(group.name) for c in where.find_all(exp.Column))


def _grouped_phrases(asked: list[str]) -> list[list[str]]:
    """The one or two words after 'each', 'per', 'cada' or a 'by' that does not order ('sorted by')."""
    out = []
    if any(phrase_pattern(p.split()).search(" ".join(asked)) for p in _words("on_average")):
        return out
    for i, word in enumerate(asked[:-1]):
        by = word in _words("by") and (i == 0 or asked[i - 1] not in _words("ordering"))
        if _ratio_before(asked, i):
            break  # "the average number of loans per member": one row is the answer
        if word in _words("per_group") or by:
            following = [w for w in asked[i + 1:i + 4] if w not in _words("articles")][:2]
            if following and len(following[0]) >= 3:
                out.append(following)
    return out


def _ratio_before(asked: list[str], i: int) -> bool:
    """An 'average' word followed by a 'count' word before position i."""
    seen_average = False
    for word in asked[:i]:
        if word in _words("average"):
            seen_average = True
        elif seen_average and word in _words("count"):
            return True
    return False


def _top_tables(tree: exp.Select, columns: dict[str, list[str]]) -> dict[str, str]:
    """{reference: table} for the workspace tables the outer SELECT reads (not those of subqueries)."""
    by_key = {_key(t): t for t in columns}
    sources = [tree.args.get("from_")] + list(tree.args.get("joins") or [])
    out = {}
    for source in sources:
        table = source.this if source is not None else None
        if isinstance(table, exp.Table) and _key(table.name) in by_key:
            out[table.alias_or_name] = by_key[_key(table.name)]
    return out


def _owner(column: exp.Column, read: dict[str, str], columns: dict[str, list[str]]) -> str | None:
    if column.table:
        return read.get(column.table)
    return next((t for t in read.values() if _key(column.name) in {_key(c) for c in columns[t]}), None)


def _ref(read: dict[str, str], table: str) -> str:
    return next(ref for ref, t in read.items() if t == table)


def _showing(tree: exp.Select, column: exp.Column, projection: exp.Expression, join: Join, display: str,
             read: dict[str, str], columns_of_ref: list[str]) -> str | None:
    """The query with the join and the display column in place of the identifier (SELECT and GROUP
    BY); only for one SELECT over one table."""
    if len(read) != 1 or tree.args.get("joins") or tree.find(exp.Subquery) or tree.args.get("with"):
        return None
    ref = next(iter(read))
    shown = exp.column(display, table=join.table)
    out = tree.copy()
    _qualify(out, ref, columns_of_ref)
    out.set("expressions", [shown if p.unalias() == _qualified(column, ref) or p == _qualified(projection, ref)
                            else p for p in out.expressions])
    group = out.args.get("group")
    if group:
        group.set("expressions", [shown if g == _qualified(column, ref) else g for g in group.expressions])
    return joined(out, ref, [join]).sql(dialect=READ) + ";"


def _qualified(node: exp.Expression, ref: str) -> exp.Expression:
    copy = node.copy()
    for col in copy.find_all(exp.Column):
        if not col.table:
            col.set("table", exp.to_identifier(ref))
    return copy


def _qualify(tree: exp.Expression, ref: str, names: list[str]) -> None:
    """Qualify the bare columns of `tree` that are among `names` with `ref` (an alias an ORDER BY
    names is no column of the table and stays bare)."""
    keys = {_key(n) for n in names}
    for col in tree.find_all(exp.Column):
        if not col.table and _key(col.name) in keys and col.find_ancestor(exp.Select) is tree:
            col.set("table", exp.to_identifier(ref))


def _grouped(tree: exp.Select, group: exp.Column, chain: list[Join], columns: dict[str, list[str]],
             read: dict[str, str] | None = None) -> str:
    """The query with `group` first in the SELECT and as its GROUP BY, after the joins of `chain`;
    the GROUP BY clause alone when the query is not one plain SELECT."""
    if tree.args.get("with") or tree.args.get("joins") and chain:
        return f"{' '.join(j.sql() for j in chain)} GROUP BY {group.sql(dialect=READ)}".strip()
    out = tree.copy()
    if chain and read:
        ref = next(iter(read))
        _qualify(out, ref, columns[read[ref]])
        out = joined(out, ref, chain)
    out.set("expressions", [group.copy(), *out.expressions])
    return out.group_by(group.copy()).sql(dialect=READ) + ";"


def _render(template: str, **values: str) -> Note:
    return Note(template, values)
