"""What ComplaintClusterer reports per cluster: labels and keywords (class-based
TF-IDF), weekly counts, growth and the emerging-issue test.

Labels: each cluster's messages (PII-redacted text; placeholders, numbers and
anything with a digit or '@' removed, stopwords of the message's language
dropped) are one "class document"; a term's weight is
``tf(term, cluster) * log(1 + A / f(term))`` with A the average number of
terms per cluster and f the term's count over all clusters (BERTopic's
c-TF-IDF). Terms are unigrams and bigrams; a term must occur in at least
``min_docs`` distinct messages of the cluster, so one customer's words
rarely become a label (fewer only when no term reaches it, so that a cluster
of varied wording still gets one; quoted replies, sign-offs and signatures
are cut before, see _cluster_table.bodies). The label is the best three terms, a bigram
hiding its own words.

Emerging issues: the "recent window" is the last ``window`` weeks of the
archive (weeks start on Monday, UTC), the baseline the weeks before it. Under
"nothing changed", the cluster's recent count is Poisson with mean
``expected = recent_total * (baseline_count + 0.5) / (baseline_total + 0.5)``
(its baseline share of all clustered messages, applied to the recent volume;
0.5 keeps a cluster unseen in the baseline testable). The cluster is
emerging when the upper tail ``P(X >= observed) < alpha / n_clusters``
(Bonferroni over clusters; alpha = 0.001, a false alarm being costlier to a
product team than a day's delay), observed >= 2 x expected and observed >=
``min_count`` (5).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from . import _core

_PLACEHOLDER = re.compile(r"<(?:EMAIL|PHONE|CARD|IBAN|IP|URL|CUSTOM:[A-Za-z0-9_]{1,64})>")
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W\d_]))*", re.UNICODE)

# Short stopword lists of the languages most seen in customer messages; other
# languages keep their function words (they rank low by c-TF-IDF anyway).
_STOP = {
    "en": """a about after again all also am an and any are as at be because been before
being but by can could did do does doing done don't for from get got had has have having he
hello her here hi him his how i i'm i've if in into is it it's its just me my no not now of
on once only or other our out please so some still than thanks thank that the their them
then there these they this to too up us very via was we were what when where which while who
why will with would yes yet you your hey dear regards sincerely best team""",
    "fr": """a au aux avec bonjour ce ces cette dans de des du elle en est et être il ils je
j'ai la le les leur lui ma mais me merci mes mon ne nous on ou par pas pour qu que qui sa se
ses son sur ta te tes ton tu un une vos votre vous y c'est d'un d'une l'on n'est""",
    "de": """aber als am an auch auf aus bei bin bis bitte da das dass dem den der des die
doch du ein eine einen einer es für hallo hat habe haben ich ihr im in ist ja kein keine mein
meine mich mir mit nach nicht noch nur oder schon sie sind so und uns von vor war was wie wir
zu zum zur danke grüße""",
    "es": """a al como con de del el en es esta está este ha he hola la las lo los me mi mis
muy no nos o para pero por que se si su sus te tengo un una y ya gracias saludos""",
    "it": """a al alla che ci come con da del della di e è gli ha ho i il in la le lo ma mi
mio mia non per più sono su un una grazie ciao salve buongiorno""",
    "pt": """a ao as com como da das de do dos e é em eu isso meu minha na no nos não o os
para pela pelo por que se sem um uma obrigado olá""",
    "nl": """aan als bij dat de der die dit een en het hij ik in is je met mijn niet nog of
om op te van voor wat we ze zijn hallo bedankt groeten""",
    "ru": """а без более бы был была были было быть в вам вас весь во вот все всё всего вы
где да даже для до его ее её если есть еще ещё же за здравствуйте и из или им их к как ко
когда кто ли либо мне может мой моя мы на над надо не него нее неё нет ни них но ну о об
однако он она они оно от очень по под после пожалуйста пор при с сих со спасибо так также
такой там те тем то того тоже той только том ты у уже хотя чем что чтобы эта эти это я""",
}
# Japanese: particles, auxiliaries and the set phrases of a polite mail,
# as kvetch's tokenizer (ICU's dictionary) splits them.
_STOP["ja"] = """は が を に で と も の へ から まで より や か ね よ な だ です ます まし
ませ ん ない なく て た し する して した します しよう しょう いる い おり おります
ある あり あります こと もの ため よう これ それ あれ この その あの ので のに けど
けれど など お ご 様 さま さん 私 わたし 弊社 御社 いつも 世話 なっ なり ござい
ください 下さい 願い いたし いたします 致し 申し 申し上げ れる られ せる させ う たい
でしょ でしょう か 度 件 方 中 何 ところ こちら そちら 今 回 また 再度 至急 ありがとう
問い合わせ 連絡 確認 対応 よろしく 宜しく 失礼 恐れ入り 入り 存じ いただ いただき
いただけ 頂き 頂け どう ように って せん てく てい てる ありま ありません しま すると
たび お世話 お願い くだ さい ござ でき できま ませ 思い 思います 申します"""
STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
# Scripts written without spaces: words come from kvetch's tokenizer.
_UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my"})
_ALL_STOP = frozenset().union(*STOPWORDS.values())


def terms_of(text: str, lang: str | None) -> list[str]:
    """Unigrams and bigrams of a redacted message, without placeholders,
    numbers or stopwords."""
    text = _PLACEHOLDER.sub(" ", text or "").lower()
    stop = STOPWORDS.get(lang or "", _ALL_STOP)
    if lang in _UNSPACED:  # words from the dictionary segmenter, bigrams unspaced
        words = [t for t, kind in _core.tokenize(text) if kind == "word" and "@" not in t]
        joiner = ""
    else:
        words = [w for w in _WORD.findall(text) if "@" not in w]
        joiner = " "
    out = [w for w in words if w not in stop and len(w) > 1]
    for a, b in zip(words, words[1:]):
        if a not in stop and b not in stop and len(a) > 1 and len(b) > 1:
            out.append(f"{a}{joiner}{b}")
    return out


def class_tfidf(docs_by_cluster: dict[int, list[tuple[str, str | None, int]]],
                top_n: int = 10, min_docs: int = 3) -> dict[int, list[str]]:
    """Top terms per cluster. docs_by_cluster: id -> [(text, lang, count)]
    (distinct messages with their duplicate counts)."""
    tf: dict[int, Counter] = {}
    df: dict[int, Counter] = {}
    for cid, docs in docs_by_cluster.items():
        t, d = Counter(), Counter()
        for text, lang, count in docs:
            terms = terms_of(text, lang)
            for term in terms:
                t[term] += count
            for term in set(terms):
                d[term] += count
        tf[cid], df[cid] = t, d
    total = Counter()
    for t in tf.values():
        total.update(t)
    avg = max(1.0, sum(sum(t.values()) for t in tf.values()) / max(1, len(tf)))
    out = {}
    for cid, t in tf.items():
        need = min_docs if sum(c for _, _, c in docs_by_cluster[cid]) >= min_docs else 1
        scored = []
        while not scored and need >= 1:
            # No term in `need` messages (varied wording): relax rather than
            # leave the cluster without a label.
            scored = [(c * math.log(1 + avg / total[term]), term) for term, c in t.items()
                      if df[cid][term] >= need]
            need -= 1
        scored.sort(key=lambda s: (-s[0], s[1]))
        out[cid] = [term for _, term in scored[:top_n]]
    return out


def label_of(keywords: list[str], n_terms: int = 3) -> str:
    """The best terms, a chosen bigram hiding its own words."""
    chosen: list[str] = []
    covered: set[str] = set()
    for term in keywords:
        words = term.split(" ")
        if any(w in covered for w in words):
            continue
        chosen.append(term)
        covered.update(words)
        if len(chosen) == n_terms:
            break
    return " / ".join(chosen) if chosen else "(no label)"


def poisson_upper_tail(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected); 1.0 when observed is not
    above the mean (no test needed there)."""
    if observed <= expected:
        return 1.0
    if expected <= 0:
        return 0.0
    # The terms fall from k = observed on; sum until they stop mattering.
    total, k = 0.0, observed
    while True:
        term = math.exp(-expected + k * math.log(expected) - math.lgamma(k + 1))
        total += term
        if term <= total * 1e-15 or term < 1e-300:
            return min(1.0, total)
        k += 1


def emerging_flags(recent: np.ndarray, baseline: np.ndarray, *, alpha: float = 0.001,
                   min_count: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """(emerging bool, p-value) per cluster from recent and baseline counts."""
    recent = np.asarray(recent, dtype=np.float64)
    baseline = np.asarray(baseline, dtype=np.float64)
    k = len(recent)
    flags = np.zeros(k, dtype=bool)
    pvals = np.ones(k)
    rt, bt = recent.sum(), baseline.sum()
    if k == 0 or rt == 0 or bt == 0:
        return flags, pvals
    for c in range(k):
        expected = rt * (baseline[c] + 0.5) / (bt + 0.5)
        obs = int(recent[c])
        pvals[c] = poisson_upper_tail(obs, expected)
        flags[c] = pvals[c] < alpha / k and obs >= 2 * expected and obs >= min_count
    return flags, pvals
