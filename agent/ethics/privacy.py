"""Personal data and secrets (E1-E4), recognised offline: regular expressions plus validation.

No network and no model download (Presidio's email check fetches a suffix list unless configured
offline). Each recogniser returns a score in [0, 1]; matches scoring >= 0.4 are masked before a
prompt leaves the machine (privacy `masked`/`schema`) and in displayed rows (unless privacy `full`).
Entities: EMAIL, PHONE, CREDIT_CARD (Luhn), IBAN (mod 97), IP_ADDRESS (v4/v6), US_SSN, ES_DNI, ES_NIE,
and by column name only, PERSON (names need a language model to spot in free text).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any, Iterable

from dsagent.ethics.thresholds import DEFAULTS, SOURCES
from dsagent.ethics.finding import Finding
from dsagent.words.language import messages, named, say, spoken
from dsagent.words.names import is_bare_name, personal_data

MIN_SCORE = DEFAULTS["E1_score"]
CELL_SAMPLE = 50  # cells per column read to decide E2; 0.5 of 50 is a stable share


@dataclass(frozen=True)
class PiiMatch:
    entity: str
    start: int
    end: int
    score: float


_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[A-Za-z]{2,24}\b")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")
_SSN = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_DNI = re.compile(r"(?<![\w])(\d{8})[- ]?([A-Za-z])(?!\w)")
_NIE = re.compile(r"(?<![\w])([XYZxyz])[- ]?(\d{7})[- ]?([A-Za-z])(?!\w)")
# phones: +34 / 0034 Spanish, +1 / North American, any other +CC; bare digits score low (ids look alike)
_PHONE_ES = re.compile(r"(?<![\w+])(?:(?:\+|00)34[ .-]?)?[6789]\d{2}(?:[ .-]?\d{2,3}){3}(?!\w)|"
                       r"(?<![\w+])(?:(?:\+|00)34[ .-]?)?[6789]\d{2}[ .-]?\d{3}[ .-]?\d{3}(?!\w)")
_PHONE_US = re.compile(r"(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?!\w)")
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d{1,3}[ .-]?(?:\(?\d{1,4}\)?[ .-]?){2,5}\d{2,4}(?!\w)")

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_SSN_SAMPLES = {"123-45-6789", "078-05-1120", "219-09-9999"}

# secrets (E4): key and token shapes from llm-guard / detect-secrets
_SECRETS = [
    ("AWS_ACCESS_KEY", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b")),
    ("OPENAI_KEY", re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}")),
    ("GITHUB_TOKEN", re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}")),
    ("SLACK_TOKEN", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("GOOGLE_API_KEY", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("STRIPE_KEY", re.compile(r"\b(?:sk|rk)_live_[0-9A-Za-z]{16,}")),
    ("PRIVATE_KEY", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
    ("HF_TOKEN", re.compile(r"\bhf_[A-Za-z0-9]{30,}\b")),
    ("PASSWORD_ASSIGNMENT", re.compile(r"(?i)\b(?:password|passwd|contraseña|secret|api_key|apikey|token)\s*[:=]\s*"
                                       r"['\"]?[^\s'\"]{8,}")),
]

# A column named for personal data (`words.names.personal_data`: 'telefono', 'email') lowers the bar
# for its values: a bare '612345678' in a column called 'telefono' is a phone, the same digits in
# 'order_ref' are not. A column named for a person's name holds names (no recogniser finds those).
NAMED_MIN_SCORE = 0.25


def _luhn(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_ok(text: str) -> bool:
    s = text.replace(" ", "").upper()
    if not 15 <= len(s) <= 34:
        return False
    rearranged = s[4:] + s[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def _ssn_ok(area: str, group: str, serial: str) -> bool:
    if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
        return False
    return f"{area}-{group}-{serial}" not in _SSN_SAMPLES


def _scan_all(text: str) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    for m in _EMAIL.finditer(text):
        found.append(PiiMatch("EMAIL", m.start(), m.end(), 0.95))
    for m in _IBAN.finditer(text):
        if _iban_ok(m.group()):
            found.append(PiiMatch("IBAN", m.start(), m.end(), 0.95))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and digits[0] in "3456" and _luhn(digits):
            found.append(PiiMatch("CREDIT_CARD", m.start(), m.end(), 0.9))
    for m in _SSN.finditer(text):
        if _ssn_ok(*m.groups()):
            found.append(PiiMatch("US_SSN", m.start(), m.end(), 0.85))
    for m in _DNI.finditer(text):
        number, letter = m.groups()
        if _DNI_LETTERS[int(number) % 23] == letter.upper():
            found.append(PiiMatch("ES_DNI", m.start(), m.end(), 0.9))
    for m in _NIE.finditer(text):
        prefix, number, letter = m.groups()
        if _DNI_LETTERS[int(str("XYZ".index(prefix.upper())) + number) % 23] == letter.upper():
            found.append(PiiMatch("ES_NIE", m.start(), m.end(), 0.9))
    for m in _IPV4.finditer(text):
        found.append(PiiMatch("IP_ADDRESS", m.start(), m.end(), 0.6))
    for m in _IPV6.finditer(text):
        candidate = m.group()
        if candidate.count(":") >= 2 and any(c.isalnum() for c in candidate):
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            found.append(PiiMatch("IP_ADDRESS", m.start(), m.end(), 0.6))
    for pattern in (_PHONE_ES, _PHONE_US, _PHONE_INTL):
        for m in pattern.finditer(text):
            raw = m.group()
            digits = re.sub(r"\D", "", raw)
            if not 9 <= len(digits) <= 15:
                continue
            prefixed = raw.startswith("+") or raw.startswith("00")
            separated = bool(re.search(r"[ .()-]", raw.strip()))
            score = 0.75 if prefixed else 0.6 if separated else 0.3
            found.append(PiiMatch("PHONE", m.start(), m.end(), score))
    return found


def scan_text(text: str, min_score: float = 0.0) -> list[PiiMatch]:
    """Personal data in `text`: non-overlapping matches, the strongest (then longest) winning."""
    if not text or not isinstance(text, str):
        return []
    from bisect import bisect_left

    candidates = sorted(_scan_all(text), key=lambda m: (-m.score, -(m.end - m.start), m.start))
    # The chosen matches do not overlap, so kept in order of start they are in order of end too: a
    # candidate need only be checked against its two neighbours (a long cell holds thousands of
    # matches; checking each against all of them took minutes).
    chosen: list[PiiMatch] = []
    starts: list[int] = []
    for m in candidates:
        if m.score < min_score:
            continue
        at = bisect_left(starts, m.start)
        if at > 0 and chosen[at - 1].end > m.start:
            continue
        if at < len(chosen) and chosen[at].start < m.end:
            continue
        chosen.insert(at, m)
        starts.insert(at, m.start)
    return chosen


def mask_text(text: str, min_score: float = MIN_SCORE) -> str:
    """`text` with each recognised value replaced by <ENTITY>."""
    matches = scan_text(text, min_score)
    if not matches:
        return text
    pieces, last = [], 0
    for m in matches:
        pieces += [text[last:m.start], f"<{m.entity}>"]
        last = m.end
    pieces.append(text[last:])
    return "".join(pieces)


def scan_secrets(text: str) -> list[tuple[str, int, int]]:
    """Key and token shapes in `text`: (kind, start, end)."""
    if not text:
        return []
    return [(kind, m.start(), m.end()) for kind, pattern in _SECRETS for m in pattern.finditer(text)]


def mask_secrets(text: str) -> str:
    spans = sorted(scan_secrets(text), key=lambda s: s[1], reverse=True)
    last_start = len(text) + 1
    for kind, start, end in spans:
        if end > last_start:
            continue
        text = text[:start] + f"<{kind}>" + text[end:]
        last_start = start
    return text


# How far around a cut point `clip` looks for a value the cut would split: longer than any email,
# IBAN, card, phone or key shape (a key longer than this is cut before the part that was seen).
_CLIP_WINDOW = 1000


def clip(text: str, limit: int, marker: str = "...") -> str:
    """`text` cut to at most `limit` characters, never inside a value a recogniser would find.

    Text cut for a prompt is masked afterwards (`screen_prompt`); a value cut in half no longer
    matches its pattern ('leak.me.now@evil-examp' is not an email) and would leave unmasked. So the
    cut moves back to the start of any personal value or secret that spans it, whatever its score:
    what is kept is either whole, and masked later, or gone. The same as masking first and cutting
    after, without scanning a long text whole (only a window around the cut is read)."""
    if len(text) <= limit:
        return text
    cut = max(limit - len(marker), 0)
    start = max(cut - _CLIP_WINDOW, 0)
    window = text[start:cut + _CLIP_WINDOW]
    spans = [(m.start, m.end) for m in _scan_all(window)]
    spans += [(a, b) for _, a, b in scan_secrets(window)]
    moved = True
    while moved:  # a move can land inside another value that spans the new cut
        moved = False
        for a, b in spans:
            if start + a < cut < start + b:
                cut, moved = start + a, True
    kept = text[:cut].rstrip()
    # A marker glued to a value can hide it ('192.168.1.45...' is no address): keep them apart.
    glued = marker and any(start + b == len(kept) for _, b in spans)
    return kept + (" " if glued else "") + marker


def _could_hold_pii(cell: str) -> bool:
    """A cheap pre-filter before the regular expressions: an @, a colon or a run of digits."""
    if "@" in cell or ":" in cell:
        return True
    digits = 0
    for ch in cell:
        if ch.isdigit():
            digits += 1
            if digits >= 7:
                return True
    return False


def cell_entity(value: Any, min_score: float = MIN_SCORE) -> str | None:
    """The entity recognised in one cell, or None."""
    if value is None or isinstance(value, (float, bool)):
        return None
    text = str(value)
    if not _could_hold_pii(text):
        return None
    if "@" in text and _EMAIL.fullmatch(text.strip()):
        return "EMAIL"  # the common case of a column of addresses, without running every recogniser
    matches = scan_text(text, min_score)
    return matches[0].entity if matches else None


def pii_columns(df_sample, share: float | None = None, min_score: float = MIN_SCORE,
                tables: list[str] | None = None) -> dict[str, str]:
    """Columns where >= `share` (0.5) of sampled non-null cells are one entity; PERSON by column name
    (a bare `name` only when the frame, or its table's name in `tables`, describes people)."""
    columns = [str(c) for c in df_sample.columns]
    values = {str(c): df_sample[c].tolist() for c in df_sample.columns}
    floats = {str(c) for c in df_sample.columns if df_sample[c].dtype.kind in "fb"}
    return pii_columns_of_rows(columns, None, share, min_score, values=values, skip=floats, context=columns,
                               tables=tables)


def pii_columns_of_rows(columns: list[str], rows: list[list[Any]] | None, share: float | None = None,
                        min_score: float = MIN_SCORE, values: dict[str, list] | None = None,
                        skip: set[str] | None = None, context: list[str] | None = None,
                        tables: list[str] | None = None) -> dict[str, str]:
    """`pii_columns` over plain rows (no pandas): what the reviewer uses on displayed results.

    `context`: every column of the table(s) the rows come from, and `tables` their names; given,
    a bare `name` column is a person's name only when they describe people (ethics.people). Not
    given, it is taken as one (the cautious reading when nothing else is known).
    """
    share = DEFAULTS["E2_share"] if share is None else share
    found: dict[str, str] = {}
    people = True
    if context is not None:
        from dsagent.ethics.people import describes_people

        bare = {col: (values[col] if values is not None else [r[i] for r in rows or []])
                for i, col in enumerate(columns) if is_bare_name(col)}
        judged = [c for c in [*context, *columns] if not is_bare_name(str(c))]
        # only names and nothing else: nothing says what a row is, so the cautious reading stands
        people = not bare or not (judged or tables) or describes_people(judged, tables or (), bare)
    for i, col in enumerate(columns):
        if skip and col in skip:
            continue
        cells = values[col] if values is not None else [r[i] for r in rows or []]
        sample = [v for v in cells[: CELL_SAMPLE * 2] if _present(v)][:CELL_SAMPLE]
        if not sample or all(isinstance(v, (float, bool)) for v in sample[:20]):
            continue
        named = personal_data(col)
        if named == "PERSON" and not people and is_bare_name(col):
            named = None  # a ship's or a film's name: its cells are still scanned for personal values
        if named == "PERSON" and all(isinstance(v, str) for v in sample[:20]):
            found[col] = "PERSON"
            continue
        floor = min(min_score, NAMED_MIN_SCORE) if named else min_score
        counts: dict[str, int] = {}
        need = share * len(sample)
        for k, v in enumerate(sample):
            if max(counts.values(), default=0) + len(sample) - k < need:
                break  # the rest cannot reach the share any more
            entity = cell_entity(v if not (named and isinstance(v, int)) else str(v), floor)
            if entity:
                counts[entity] = counts.get(entity, 0) + 1
        if counts:
            entity, hits = max(counts.items(), key=lambda kv: kv[1])
            if hits / len(sample) >= share:
                found[col] = entity
    return found


def mask_rows(columns: list[str], rows: list[list[Any]], pii_cols: dict[str, str],
              min_score: float = MIN_SCORE) -> tuple[int, dict[str, int]]:
    """Mask in place: PII columns cell by cell, and recognised values in other text cells.

    Returns (cells masked in PII columns, {entity: values masked in the other columns}).
    """
    masked = 0
    entities: dict[str, int] = {}
    whole = {i: pii_cols[c] for i, c in enumerate(columns) if c in pii_cols}
    for row in rows:
        for i, value in enumerate(row):
            if value is None:
                continue
            if i in whole:
                # a personal column: a short cell is the value itself; in longer text mask what is
                # recognised and keep the words around it
                long_text = (isinstance(value, str) and whole[i] != "PERSON" and len(value) > 20
                             and " " in value.strip())
                text = mask_text(value, min_score) if long_text else None
                row[i] = text if text is not None and text != value else f"<{whole[i]}>"
                masked += 1
            elif isinstance(value, str) and _could_hold_pii(value):
                matches = scan_text(value, min_score)
                if matches:
                    row[i] = mask_text(value, min_score)
                    for m in matches:
                        entities[m.entity] = entities.get(m.entity, 0) + 1
    return masked, entities


def entity_named(entity: str) -> str:
    """A kind of personal data as a message names it: 'email', 'birth date' ('correo electrónico' in Spanish)."""
    return named("ethics", "entities", entity.lower().replace("_", " "))


def _present(value: Any) -> bool:
    """Not a missing cell: None, NaN and pandas' NA (whose `NA == NA` is NA, not a bool) are missing."""
    if value is None:
        return False
    try:
        return bool(value == value)
    except TypeError:
        return False


def _f(id_: str, severity: str, message: str, **kw: Any) -> Finding:
    return Finding(id=id_, severity=severity, message=message, source=SOURCES.get(id_), **kw)


def _describe(entities: Iterable[str]) -> str:
    from collections import Counter

    counts = Counter(entities)
    plurals = messages("ethics").get("entities_plural", {}).get(spoken(), {})
    parts = []
    for e, n in counts.most_common():
        key = e.lower().replace("_", " ")
        parts.append(say("ethics", "entity_count", n=n, entity=entity_named(e), entities=plurals.get(key, key + "s")))
    return ", ".join(parts)


def screen_prompt(text: str, privacy: str = "masked") -> tuple[str, list[Finding]]:
    """What may leave the machine: secrets always masked (E4 block); PII masked unless privacy is full (E1/E3)."""
    findings: list[Finding] = []
    secrets = scan_secrets(text)
    if secrets:
        kinds = sorted({k for k, _, _ in secrets})
        text = mask_secrets(text)
        findings.append(_f("E4", "block", say("ethics", "E4_prompt", n=len(secrets), kinds=", ".join(kinds)),
                           statistic="secret patterns found", value=float(len(secrets)), threshold=0.0,
                           fix=say("ethics", "E4_prompt_fix")))
    if privacy == "full":
        return text, findings
    matches = scan_text(text, MIN_SCORE)
    if not matches:
        return text, findings
    described = _describe(m.entity for m in matches)
    masked = mask_text(text, MIN_SCORE)
    if privacy == "schema":
        findings.append(_f("E3", "block", say("ethics", "E3", described=described),
                           statistic="personal values in a prompt", value=float(len(matches)), threshold=0.0,
                           fix=say("ethics", "E3_fix")))
    else:
        findings.append(_f("E1", "info", say("ethics", "E1_prompt", described=described),
                           statistic="recogniser score", value=max(m.score for m in matches), threshold=MIN_SCORE,
                           fix=say("ethics", "E1_prompt_fix")))
    return masked, findings
