"""English on every generated page: singular and plural agree with their count, and the
indefinite article fits the word after it ("an alliance", never "A alliance" or "1 open
actions"). Walks every page rendered from the example suppliers and from a small portfolio
made to hit the singular cases (one action, one answer, one supplier, one day)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from supplier_handbook.model.check import CheckResult

from tests.conftest import AS_OF
from tests.derive.builders import SUPPLIER_OPS, action, contact, entry, review
from tests.derive.builders import pages as pipeline_pages

PLURALS = ("actions", "answers", "suppliers", "supplier relationships", "relationships", "days",
           "flags", "contacts", "reviews", "handovers", "items", "questions", "weeks",
           "levels", "months", "people", "open actions", "overdue actions")
# "1 open actions", "1 answers", "(1 days ago)": a count of one before a plural noun
ONE_PLURAL = re.compile(r"(?<![\d.,-])\b1 (?:[a-z-]+ ){0,2}?(?:" + "|".join(
    re.escape(w.split()[-1]) for w in PLURALS) + r")\b")
# "2 day", "0 supplier": a count other than one before a singular noun
MANY_SINGULAR = re.compile(r"(?<![\d.,-])\b(?:0|[2-9]|\d{2,}) (?:open |overdue )?"
                           r"(?:action|answer|supplier|day|flag|contact|review|handover|question)"
                           r"\b(?![-'])(?! relationships)")
A_VOWEL = re.compile(r"\b[Aa] (?!uni|use|eu|one\b|once\b)[aeiou]\w*")
AN_CONSONANT = re.compile(r"\b[Aa]n (?![aeiouh8])[a-z]\w*")
TAGS = re.compile(r"<[^>]*>")


def visible(text: str) -> str:
    """The page's words: no HTML tags, no link targets, no escapes, one line."""
    text = TAGS.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text).replace("\\", "")
    return " ".join(text.split())


def problems(pages: dict[str, str]) -> list[str]:
    found = []
    for path, text in sorted(pages.items()):
        if not path.endswith(".md"):
            continue
        words = visible(text)
        for pattern in (ONE_PLURAL, MANY_SINGULAR, A_VOWEL, AN_CONSONANT):
            for m in pattern.finditer(words):
                around = words[max(0, m.start() - 60):m.end() + 40]
                found.append(f"{path}: {m.group(0)!r} in …{around}…")
    return found


def singular_portfolio() -> dict[str, str]:
    """One supplier of each model; alliance and medium impact (a misfit), one overdue action,
    one question with one answer, one review long ago, a contact quiet for a day over."""
    alliance = entry(
        "one-alliance", model="alliance", impact="medium",
        contacts=[contact("Pat Example", "supplier", "executive",
                          last_contact=(AS_OF - dt.timedelta(days=15)).isoformat()),
                  contact(SUPPLIER_OPS, "supplier", "operational",
                          next_check_in=(AS_OF - dt.timedelta(days=1)).isoformat()),
                  contact("Ines Internal", "internal", "executive")],
        health=[review("2025-Q4", "GGAR", with_supplier=False)],
        actions=[action("JAP-1", AS_OF - dt.timedelta(days=1))],
        culture_check=[{"question": "When did a date last slip?",
                        "answers": [{"date": "2026-10-01", "by": "Dana Okafor",
                                     "summary": "They called the same day."}]}],
    )
    transactional = entry("one-transactional", model="transactional", impact="high",
                          governance={"model": "transactional"}, health=[])
    return pipeline_pages([alliance, transactional])


def one_supplier() -> dict[str, str]:
    """A handbook of a single supplier: every listing page counts one."""
    return pipeline_pages([entry("only-one", model="alliance", impact="high",
                                 governance={"model": "alliance"},
                                 health=[review("2026-Q3", with_supplier=False)])])


@pytest.mark.parametrize("source", ["examples", "singular", "one-supplier"])
def test_counts_and_articles_agree_on_every_page(examples: CheckResult, source: str) -> None:
    pages = {"examples": lambda: pipeline_pages(examples.suppliers),
             "singular": singular_portfolio, "one-supplier": one_supplier}[source]()
    assert len(pages) > 8
    assert problems(pages) == []


def test_the_walk_can_fail() -> None:
    bad = {"x.md": "Review the 1 open actions. A alliance model. (1 answers) in 2 day. "
                   "an transactional one"}
    assert len(problems(bad)) == 5
    good = {"x.md": "Review the 1 open action. An alliance model. (1 answer) in 2 days, "
                    "a unique and a user, 1.1 actions."}
    assert problems(good) == []
