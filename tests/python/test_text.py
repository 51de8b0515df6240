"""The text layer through the bindings, on the golden tables the C++ tests
share."""

import pytest

from kvetch import _core

import golden

CLEAN = golden.read("clean.tsv")
NORMALIZE = golden.read("normalize.tsv")
TOKENIZE = golden.read("tokenize.tsv")
SCRIPT = golden.read("script.tsv")


@pytest.mark.parametrize("raw,expected,repaired", CLEAN, ids=golden.ids(CLEAN))
def test_clean_text(raw, expected, repaired):
    text, truncated, was_repaired = _core.clean_text(raw, _core.DEFAULT_MAX_BYTES)
    assert text == expected.decode("utf-8")
    assert was_repaired == (repaired == b"1")
    assert not truncated


@pytest.mark.parametrize("raw,expected", NORMALIZE, ids=golden.ids(NORMALIZE))
def test_normalize(raw, expected):
    assert _core.normalize(raw.decode("utf-8")) == expected.decode("utf-8")


@pytest.mark.parametrize("raw,tokens,kinds", TOKENIZE, ids=golden.ids(TOKENIZE))
def test_tokenize(raw, tokens, kinds):
    got = _core.tokenize(raw.decode("utf-8"))
    assert " | ".join(t for t, _ in got) == tokens.decode("utf-8")
    assert " ".join(k for _, k in got) == kinds.decode("utf-8")


@pytest.mark.parametrize("raw,script", SCRIPT, ids=golden.ids(SCRIPT))
def test_dominant_script(raw, script):
    assert _core.dominant_script(raw.decode("utf-8")) == script.decode("utf-8")


def test_truncation_keeps_whole_characters():
    text, truncated, repaired = _core.clean_text("é".encode() * 10, 5)
    assert (text, truncated, repaired) == ("éé", True, False)


def test_sentences():
    assert _core.split_sentences("Hi. Where is my refund? Thanks") == [
        "Hi.", "Where is my refund?", "Thanks"]


def test_body_lines_stop_before_replies_sign_offs_and_footers():
    from kvetch import _core
    texts = ["Hello\nMy order is late.\n\nBest regards,\nEmma",
             "Still broken.\n\nOn Mon, 7 Sep 2026 at 10:03, Acme wrote:\n> We are on it",
             "Where is my refund?\n\nSent from my iPhone",
             "one line only", "",
             # No blank line before the marker: the last body line stays.
             "Hi,\nmy card was charged twice\nThanks,\nJohn",
             "Hello\nthe app crashes when I log in\nSent from my iPhone"]
    assert _core.body_lines(texts) == [3, 2, 2, -1, -1, 2, 2]
    from kvetch._cluster_table import bodies
    assert bodies(["my order is late.\r\n\r\nOn Mon, 3 Nov 2026, Acme wrote:\r\n> ok"]) == \
        ["my order is late."]
    assert bodies(["Hi,\nmy card was charged twice\nThanks,\nJohn"]) == \
        ["Hi,\nmy card was charged twice"]
