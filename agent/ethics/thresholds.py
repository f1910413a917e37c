"""Default thresholds of the ethics reviewer, each with the tool people already trust for it.

Keys are `<check id>_<level>` (A1_warn, A1_block ...), the same keys a person sets in the config
file's `[thresholds]` table. Where a catalogue anchor gives only a warn level, block sits at about
twice it (Giskard's rule of thumb) — or not at all when twice would be out of range.
"""

from __future__ import annotations

from typing import Any, Mapping

DEFAULTS: dict[str, float] = {
    # leakage in model building
    "A1_warn": 0.7, "A1_block": 0.8,  # predictive power score of one feature
    "A2_warn": 0.9,  # abs Spearman or Cramér's V feature vs target
    "A3_warn": 0.05, "A3_block": 0.8,  # PPS of an index / id / date column
    # train/test contamination and time
    "B1_warn": 0.0, "B1_block": 0.05,  # share of test rows found in train
    "B2_block": 0.0,  # share of test keys seen in train
    "B3_block": 0.0,  # share of test rows dated before the last train date
    "B4_warn": 0.2, "B4_block": 0.4, "B4_train_warn": 0.7,  # PPS(train) - PPS(test); PPS(train)
    # fairness of a trained model
    "C2_warn": 0.5, "C2_block": 0.9,  # Cramér's V feature vs protected column
    "C3_ratio_warn": 0.8, "C3_diff_warn": 0.1, "C3_diff_block": 0.2,  # demographic parity
    "C4_warn": 0.1, "C4_block": 0.2,  # equalized-odds difference
    "C5_warn": -0.05, "C5_block": -0.10,  # relative metric gap of a group vs all
    "C_min_group": 20,  # groups smaller than this are "too small to judge"
    # representation in answers and charts
    "D1_warn": 20, "D1_hide": 5,  # rows behind a grouped value
    "D2_warn": 0.5,  # 1 - H / log2(k)
    "D4_warn": 0.05,  # share of duplicated join keys
    # personal data
    "E1_score": 0.4,  # recogniser score from which a match is masked
    "E2_share": 0.5,  # share of sampled cells recognised as one entity
}

SOURCES: dict[str, str] = {
    "A1": "Deepchecks FeatureLabelCorrelation",
    "A2": "ydata-profiling HIGH_CORRELATION",
    "A3": "Deepchecks IdentifierLabelCorrelation",
    "A4": "ydata-profiling UNIQUE",
    "B1": "Deepchecks TrainTestSamplesMix",
    "B2": "Deepchecks (entity overlap)",
    "B3": "Deepchecks DateTrainTestLeakage",
    "B4": "Deepchecks FeatureLabelCorrelationChange",
    "B5": "Giskard DataLeakageDetector",
    "C1": "AIF360 dataset defaults",
    "C2": "ydata-profiling (Cramér's V)",
    "C3": "AIF360 disparate impact; fairlearn demographic parity",
    "C4": "AIF360, fairlearn equalized odds",
    "C5": "Giskard PerformanceBiasDetector",
    "D1": "Giskard, Deepchecks (minimum group size)",
    "D2": "ydata-profiling IMBALANCE",
    "D3": "Draco 2 hard constraints",
    "D4": "Deepchecks (join duplicates)",
    "E1": "Presidio / NeMo Guardrails",
    "E2": "presidio-structured",
    "E3": "pandas-ai enforce_privacy, vanna allow_llm_to_see_data",
    "E4": "llm-guard Secrets",
}


def resolve(overrides: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The defaults updated with a person's overrides (a thresholds dict, or settings holding one)."""
    merged = dict(DEFAULTS)
    if not overrides:
        return merged
    nested = overrides.get("thresholds") if isinstance(overrides, Mapping) else None
    for source in (overrides, nested if isinstance(nested, Mapping) else {}):
        for key, value in source.items():
            if key in DEFAULTS and value is not None:
                try:
                    merged[key] = float(value)
                except (TypeError, ValueError):
                    continue
    return merged
