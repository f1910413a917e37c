"""The grammar's rules, in the order they are tried (the way sqlglot's optimizer lists its `RULES`).

A rule is `rule(g, j) -> int | None`: given the pass `g` at item `j`, it returns the index after the
items it used, or None to pass the item on to the next rule. A few rules only note something and
always pass the item on (`note_keyword`, `entity_noun`, `value_filter` ...). The last rule of each
tuple takes any item that reaches it, so every item gets a role or is reported as not understood.
`CLOSING_RULES` run once, after the last item. Each rule's docstring names the phrasing it handles;
tests/fixtures/offline_rules/<rule>.jsonl holds its cases.
"""

from __future__ import annotations

from typing import Callable

from dsagent.offline.grammar import conditions as cond
from dsagent.offline.grammar import days
from dsagent.offline.grammar import entity as ent
from dsagent.offline.grammar import general as gen
from dsagent.offline.grammar import layout as lay
from dsagent.offline.grammar import measures as mea
from dsagent.offline.grammar import negation as neg
from dsagent.offline.grammar import orphans as orp
from dsagent.offline.grammar import order as order
from dsagent.offline.grammar import periods as per
from dsagent.offline.grammar import shares as sha
from dsagent.offline.grammar.state import GrammarPass

Rule = Callable[[GrammarPass, int], "int | None"]
ClosingRule = Callable[[GrammarPass], None]

KEYWORD_RULES: tuple[Rule, ...] = (
    order.superlative_before_number,  # first: it reorders the items, so nothing is noted twice
    gen.columns_word_as_column,  # first too: it turns the item into a column, read again as one
    gen.note_keyword,
    lay.most_common_period,
    mea.number_of_a_quantity,
    lay.bins_of_a_period,
    cond.columns_compared,
    order.row_word,
    mea.count_by_number_of,
    mea.aggregate_after_column,
    mea.aggregate_before_column,
    order.ordered_by,
    lay.done_by_a_flag,
    lay.grouping_word,
    lay.within_word,
    mea.count_versus,
    lay.colour_word,
    lay.time_grain_word,
    lay.years_along,
    order.sort_word,
    order.direction_word,
    order.alphabetical_order,
    cond.ordinal_word_value,
    order.first_by_date,
    order.first_n,
    order.first_without_order,
    order.top_bottom,
    per.last_period,
    per.named_period_word,
    lay.along_word,
    cond.compared_values_word,
    lay.correlation_word,
    lay.relation_between,
    cond.condition_word,
    cond.comparison_word,
    neg.flag_against_its_negation,
    neg.negation_word,
    neg.missing_word,
    lay.model_features_word,
    lay.based_on,
    lay.using_a_chart,
    lay.list_continues,
    order.sort_by_axis,
    lay.axis_word,
    lay.unit_after_by,
    lay.which_period,
    per.season_word,
    per.day_of_week_word,
    per.quarter_word,
    per.half_word,
    gen.unit_alone,
    gen.until_now_alone,
    gen.now_midway,
    gen.other_keyword,
)

COLUMN_RULES: tuple[Rule, ...] = (
    cond.percent_of_its_column,  # first: the rules after it look at the '%' after the column
    cond.participle_after_a_measure,
    gen.same_column_twice,
    order.column_then_direction,
    gen.quantity_value,
    neg.negating_prefix,  # before the near-spelling note: 'uninsured' is no misspelling of 'insured'
    gen.note_near_spelling,
    sha.share_of_negated_flag,
    sha.flag_rows_then_value,
    neg.negated_flag,
    neg.flag_of_the_rows,
    neg.negated_column,
    neg.with_a_measure,
    # before a grouping takes it: 'por zapatero de los arreglos que entraron en 2024' filters the date
    gen.event_of_its_date,
    lay.compared_after_groups,
    lay.event_qualifying_a_group,
    lay.grouped_column,
    lay.coloured_column,
    order.sorted_column,
    lay.feature_column,
    cond.column_named_with_its_value,
    mea.extreme_of_a_rate,
    sha.share_of_compared_rows,
    mea.measure_before_comparison,
    cond.comparison_subject,
    cond.column_then_its_number,
    mea.column_of_a_superlative,
    mea.measured_column,
    gen.bare_column,
)

VALUE_RULES: tuple[Rule, ...] = (
    mea.value_or_measure,
    cond.compared_values,
    cond.value_filter,
    ent.value_as_rows,
    sha.share_of_value,
    lay.values_after_by,
)

TABLE_RULES: tuple[Rule, ...] = (
    lay.entity_noun,
    mea.count_of_entity,
    lay.each_row,
)

NUMBER_RULES: tuple[Rule, ...] = (
    order.n_rows,
    cond.counted_or_value,
    cond.number_then_its_column,
    order.n_extremes,
    order.n_largest,
    order.n_groups,
    lay.bin_size,
    gen.loose_number,
)

ORDINAL_RULES: tuple[Rule, ...] = (cond.ordinal_value, gen.stray_ordinal)
DATE_RULES: tuple[Rule, ...] = (per.date_mention,)
DAY_RULES: tuple[Rule, ...] = (days.day_mention,)
QUOTED_RULES: tuple[Rule, ...] = (cond.quoted_value, gen.quoted_alone)
UNKNOWN_RULES: tuple[Rule, ...] = (order.sort_by_axis_word, neg.negated_name_word, mea.revenue_of_the_rows, lay.ambiguous_in_role, gen.value_by_direction, gen.ambiguous_word, gen.other_table_word, gen.most_done,
                                   ent.qualified_row_entity, ent.row_entity, gen.unknown_word)
STOP_RULES: tuple[Rule, ...] = (gen.kept_stop,)

# Item kind (agent/offline/tokens.py) -> its rules; any other kind is read as an unknown word.
RULES: dict[str, tuple[Rule, ...]] = {
    "kw": KEYWORD_RULES, "col": COLUMN_RULES, "val": VALUE_RULES, "table": TABLE_RULES, "num": NUMBER_RULES,
    "ord": ORDINAL_RULES, "year": DATE_RULES, "month": DATE_RULES, "day": DAY_RULES, "quoted": QUOTED_RULES, "stop": STOP_RULES,
    "unknown": UNKNOWN_RULES,
}

CLOSING_RULES: tuple[ClosingRule, ...] = (orp.orphan_aggregates, orp.same_measure_once, orp.how_many_of_the_answer,
                                          sha.share_within_group, sha.share_of_its_own_filter, sha.share_of_a_compared_number,
                                          sha.rate_as_a_percentage,
                                          gen.unattached_negation, gen.grain_of_the_named_date, gen.times_after_a_number,
                                          order.who_is_the_doer, order.order_without_column, lay.colour_without_column)
