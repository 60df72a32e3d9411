"""The assistant's arithmetic, without the database: which cards likely say the
same, which belong to one theme and what to call a theme. Character n-grams
(TF-IDF) compare texts in each language the cards have in common, so a card
written in Arabic meets a German one through its translation. Everything runs
on the laptop; nothing is sent anywhere."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from app.services.voting.stopwords import STOP_WORDS

# Tuned on tests/data/assistant (bench/assistant_quality.py): pairs this alike
# are likely duplicates; so are two cards each other's most alike card, from
# NEAREST_SIMILARITY on (a paraphrase shares fewer letters, but still more with
# its twin than with any other card of the field).
DUPLICATE_SIMILARITY = 0.5
NEAREST_SIMILARITY = 0.2
THEME_DISTANCE = 0.9
LABEL_WORDS = 2
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


@dataclass(frozen=True)
class Item:
    """One card as the assistant sees it. texts: {language: text}, the original
    and its finished translations. group: only cards of one group can be
    duplicates (one category of one action field). weight: how much the room
    backed it (mentions, praise, dots)."""

    id: int
    texts: dict
    group: object = None
    weight: float = 1.0


@dataclass
class ProposedTheme:
    label: str
    ids: list = field(default_factory=list)


def words(text, language):
    """The text's words in lower case without stop words and (Arabic) vowel marks."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if language == "ar":
        text = ARABIC_MARKS.sub("", text)
    stop = STOP_WORDS.get(language, frozenset())
    return [w for w in WORD.findall(text) if w not in stop]


def comparable(text, language):
    """What of a text is compared: its words without stop words; a text of none
    ("👍", "Und?") as written, so two such cards still meet."""
    found = words(text, language)
    return " ".join(found) if found else " ".join(text.casefold().split())


def similarity(items):
    """The n×n matrix of how alike the items are: the best cosine of their
    character n-grams over the languages both have a text in (0: none)."""
    size = len(items)
    best = np.zeros((size, size))
    languages = {language for item in items for language in item.texts}
    for language in sorted(languages):
        texts = {
            i: comparable(item.texts[language], language)
            for i, item in enumerate(items)
            if item.texts.get(language)
        }
        rows = [i for i, text in texts.items() if text]
        if len(rows) < 2:
            continue
        vectors = _vectorizer().fit_transform([texts[i] for i in rows])
        found = (vectors @ vectors.T).toarray()
        index = np.ix_(rows, rows)
        best[index] = np.maximum(best[index], found)
    np.fill_diagonal(best, 1.0)
    return best


def _vectorizer():
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, dtype=np.float32
    )


def duplicate_pairs(
    items, threshold=DUPLICATE_SIMILARITY, nearest=NEAREST_SIMILARITY, alike=None
):
    """[(id, other id, score)] for items of one group at least `threshold` alike,
    or each other's most alike item and at least `nearest` alike; the lower id
    first, most alike first."""
    alike = similarity(items) if alike is None else alike
    others = alike.copy()
    np.fill_diagonal(others, -1.0)
    best = others.max(axis=1) if len(items) > 1 else np.zeros(len(items))
    found = []
    for i, j in zip(*np.triu_indices(len(items), k=1), strict=True):
        item, other, score = items[i], items[j], alike[i, j]
        mutual = score >= best[i] and score >= best[j] and score >= nearest
        if item.group == other.group and (score >= threshold or mutual):
            first, second = sorted((item.id, other.id))
            found.append((first, second, round(float(score), 3)))
    return sorted(found, key=lambda pair: -pair[2])


def clusters(items, distance=THEME_DISTANCE, alike=None):
    """A cluster number per item (average linkage over 1 − similarity)."""
    if len(items) < 2:
        return [0] * len(items)
    alike = similarity(items) if alike is None else alike
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=distance,
    )
    return model.fit_predict(np.clip(1.0 - alike, 0.0, 1.0)).tolist()


def themes(items, language, distance=THEME_DISTANCE, alike=None):
    """Groups of at least two items with a label in `language` taken from their
    words, the largest (by weight) first."""
    numbers = clusters(items, distance, alike)
    members = {}
    for item, number in zip(items, numbers, strict=True):
        members.setdefault(number, []).append(item)
    found = [
        ProposedTheme(theme_label(group, language), [item.id for item in group])
        for group in members.values()
        if len(group) >= 2
    ]
    weight = {item.id: item.weight for item in items}
    return sorted(found, key=lambda t: (-sum(weight[i] for i in t.ids), t.ids[0]))


def theme_label(items, language):
    """The words most of the group's cards share, as first written (in `language`
    where a card has a text in it, else in the card's first language)."""
    documents, shapes = Counter(), {}
    for item in items:
        text_language = language if item.texts.get(language) else next(iter(item.texts))
        text = item.texts[text_language]
        found = words(text, text_language)
        documents.update(set(found))
        for shape in WORD.findall(unicodedata.normalize("NFKC", text)):
            shapes.setdefault(shape.casefold(), shape)
    long_words = [w for w in documents if len(w) > 2]  # "Bus", else even "WC"
    ranked = sorted(long_words or documents, key=lambda w: (-documents[w], -len(w), w))
    label = " · ".join(shapes.get(w, w) for w in ranked[:LABEL_WORDS])
    return label or " ".join(next(iter(items[0].texts.values())).split())


def compute(request):
    """The whole comparison of one event, in plain data (it crosses a pipe).
    request: {"language", "accepted": [card ids in accepted themes], "scopes":
    {scope: [[id, {language: text}, group, weight], ...]}} -> {"pairs": [[id, id,
    score]], "themes": {scope: [[label, [ids]]]}}: duplicates within each group
    of each scope, themes among the cards not yet in an accepted theme."""
    accepted = set(request["accepted"])
    pairs, found = [], {}
    for scope, rows in request["scopes"].items():
        items = [Item(row[0], row[1], row[2], row[3]) for row in rows]
        alike = similarity(items)
        pairs += duplicate_pairs(items, alike=alike)
        free = [i for i, item in enumerate(items) if item.id not in accepted]
        if len(free) >= 2:
            proposed = themes(
                [items[i] for i in free],
                request["language"],
                alike=alike[free][:, free],
            )
            found[scope] = [[t.label, t.ids] for t in proposed]
    return {"pairs": [list(pair) for pair in pairs], "themes": found}
