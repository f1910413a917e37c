"""The comparison of generative model families behind `generative_guide`, in English and Spanish.

The table is data, in prompts/guide_families.json; this module loads it once.

Ratings are 1 (low) to 5 (high) and summarise the literature's consensus, not a benchmark of ours:
`quality` of samples, `control` over what is generated, `cost` of training (5 = needs GPUs, days,
lots of data), `interpretability`, `likelihood` (can it score how probable a row is), `small_data`
(works with hundreds or a few thousand rows). `fit` says how well each family suits a data type
(0 = not used for it, 3 = a first choice).
"""

from __future__ import annotations

import json
from importlib.resources import files

_DATA = json.loads(files("dsagent.prompts").joinpath("guide_families.json").read_text(encoding="utf-8"))

DATA_TYPES: tuple[str, ...] = tuple(_DATA["data_types"])
RATINGS: tuple[str, ...] = tuple(_DATA["ratings"])
FAMILIES: list[dict] = _DATA["families"]
COLUMNS: dict[str, dict[str, str]] = _DATA["columns"]
DATA_TYPE_NAMES: dict[str, dict[str, str]] = _DATA["data_type_names"]
# goal -> (ratings it rewards (+1) or penalises (-1), its name)
GOALS: dict[str, tuple[dict[str, int], dict[str, str]]] = {
    goal: (entry["rewards"], entry["name"]) for goal, entry in _DATA["goals"].items()}
# keyword rules (lower case, accents folded) for data types and goals, English and Spanish
TYPE_WORDS: dict[str, list[str]] = _DATA["type_words"]
GOAL_WORDS: dict[str, list[str]] = _DATA["goal_words"]
