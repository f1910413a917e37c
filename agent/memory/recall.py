"""Using the verified pairs: an exact match answers at once; similar pairs become prompt examples.

Similarity is lexical (TF-IDF over word and character n-grams of the normalised questions, from
scikit-learn; no embeddings, no model download). Among similar pairs, examples with a different SQL
shape (skeleton: keywords kept, names and literals blanked) are preferred, so that three examples
show three constructs rather than one query three times (DAIL-SQL selects examples by question and
query similarity the same way). Examples are added within a token budget, and what leaves the
machine follows the privacy mode: literals are masked in `masked` mode and left out in `schema` mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dsagent.memory.store import MemoryStore, Pair, normalise, usable

if TYPE_CHECKING:
    from dsagent.data.workspace import Workspace

MIN_SIMILARITY = 0.2  # below this a stored question is not like the new one
EXAMPLE_BUDGET_TOKENS = 400  # chars / 4, like the schema card's budget
SAME_SHAPE = 0.9  # skeleton similarity above which two examples teach the same thing


def exact(store: MemoryStore, ws: "Workspace", question: str, exclude: set[str] = frozenset()) -> Pair | None:
    """The newest stored pair whose question normalises to the same text and whose SQL still passes."""
    key = normalise(question)
    for pair in reversed(store.pairs()):
        if pair.id in exclude or normalise(pair.question) != key:
            continue
        if usable(ws, pair) is None:
            return pair
    return None


def similar(store: MemoryStore, ws: "Workspace", question: str, k: int = 3,
            exclude: set[str] = frozenset()) -> list[tuple[Pair, float]]:
    """Up to `k` verified pairs most like `question`, of distinct SQL shapes, each still valid here."""
    pairs = [p for p in store.pairs() if p.id not in exclude]
    if not pairs or k <= 0:
        return []
    scores = _question_similarity(question, [p.question for p in pairs])
    ranked = sorted(zip(pairs, scores), key=lambda ps: -ps[1])
    chosen: list[tuple[Pair, float]] = []
    shapes: list[list[str]] = []
    for pair, score in ranked:
        if score < MIN_SIMILARITY or len(chosen) >= k:
            break
        shape = skeleton(pair.sql)
        if any(_jaccard(shape, other) >= SAME_SHAPE for other in shapes):
            continue
        if usable(ws, pair) is not None:  # the schema changed under it: skipped, not sent
            continue
        chosen.append((pair, score))
        shapes.append(shape)
    return chosen


def examples_text(chosen: list[tuple[Pair, float]], privacy: str, budget_tokens: int = EXAMPLE_BUDGET_TOKENS) -> str:
    """The chosen pairs as SQL comments and statements for the prompt, as the privacy mode allows."""
    from dsagent.llm.prompting import outgoing

    lines: list[str] = []
    used = 0
    for pair, _score in chosen:
        sql = without_literals(pair.sql) if privacy == "schema" else pair.sql
        block = f"-- Q: {' '.join(pair.question.split())}\n{' '.join(sql.split())};"
        block = outgoing(block, privacy)
        cost = len(block) // 4 + 1
        if used + cost > budget_tokens:
            break
        lines.append(block)
        used += cost
    if not lines:
        return ""
    return "-- Verified examples on these tables (checked by a person):\n" + "\n".join(lines)


def skeleton(sql: str) -> list[str]:
    """The statement's keywords and operators in order; names and literals become '_'."""
    from sqlglot.tokens import Tokenizer, TokenType

    blank = {TokenType.VAR, TokenType.STRING, TokenType.NUMBER, TokenType.IDENTIFIER, TokenType.NATIONAL_STRING}
    try:
        tokens = Tokenizer(dialect="duckdb").tokenize(sql)
    except Exception:  # noqa: BLE001 - a statement sqlglot cannot tokenize has no shape to compare
        return []
    return ["_" if t.token_type in blank else t.text.upper() for t in tokens]


def without_literals(sql: str) -> str:
    """`sql` with every string and number literal replaced by '?' (what `schema` privacy may send)."""
    import sqlglot
    import sqlglot.expressions as exp

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - unparseable: send nothing of it rather than its literals
        return "-- (statement left out)"
    for literal in list(tree.find_all(exp.Literal)):
        literal.replace(exp.Placeholder())
    return tree.sql(dialect="duckdb")


def _question_similarity(question: str, stored: list[str]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [_content(q) for q in stored]
    query = _content(question)
    if not query.strip():
        return [0.0] * len(stored)
    # Words carry the meaning; character n-grams catch plurals, typos and inflections (EN and ES).
    words = TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    scores = [0.0] * len(stored)
    for vectorizer, weight in ((words, 0.6), (chars, 0.4)):
        try:
            matrix = vectorizer.fit_transform([*texts, query])
        except ValueError:  # no usable token at all
            continue
        sims = cosine_similarity(matrix[-1], matrix[:-1])[0]
        scores = [s + weight * float(v) for s, v in zip(scores, sims)]
    return scores


def _content(question: str) -> str:
    """The normalised question without its function words (prompts/words/language.json): two questions
    are alike by what they are about, not by sharing 'how many' or 'what is the'."""
    from dsagent.words.data import word_set

    drop = word_set("language", "function_words")
    return " ".join(w for w in normalise(question).split() if w not in drop)


def _jaccard(a: list[str], b: list[str]) -> float:
    grams_a = set(zip(a, a[1:])) or set(a)
    grams_b = set(zip(b, b[1:])) or set(b)
    if not grams_a and not grams_b:
        return 1.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)
