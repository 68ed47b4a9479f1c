"""The build's as-of date, and the portfolio views: attention list, owners, counts."""

from __future__ import annotations

import datetime as dt

import pytest
from supplier_handbook.derive.portfolio import Portfolio, as_of_date

from .builders import AS_OF, days_before, default_contacts, entry, portfolio, review

TODAY = dt.date(2030, 1, 2)
OPTION = dt.date(2026, 5, 17)

AS_OF_CASES = [
    (OPTION, {}, OPTION, "option-alone"),
    (OPTION, {"SOURCE_DATE_EPOCH": "1795435200"}, OPTION, "option-wins-over-epoch"),
    (None, {"SOURCE_DATE_EPOCH": "1795435200"}, dt.date(2026, 11, 23), "epoch-midday-utc"),
    (None, {"SOURCE_DATE_EPOCH": "1795392000"}, dt.date(2026, 11, 23), "epoch-midnight-utc"),
    (None, {"SOURCE_DATE_EPOCH": "1795391999"}, dt.date(2026, 11, 22), "epoch-second-before"),
    (None, {"SOURCE_DATE_EPOCH": "1795478399"}, dt.date(2026, 11, 23), "epoch-last-second"),
    (None, {"SOURCE_DATE_EPOCH": "0"}, dt.date(1970, 1, 1), "epoch-zero"),
    (None, {}, TODAY, "nothing-set-is-today"),
    (None, {"SOURCE_DATE_EPOCH": ""}, TODAY, "empty-epoch-is-today"),
    (None, {"OTHER": "1795435200"}, TODAY, "other-variables-ignored"),
]


@pytest.mark.parametrize(("option", "environ", "expected"), [c[:3] for c in AS_OF_CASES],
                         ids=[c[3] for c in AS_OF_CASES])
def test_as_of_date(option: dt.date | None, environ: dict[str, str],
                    expected: dt.date) -> None:
    assert as_of_date(option, environ, TODAY) == expected


def test_as_of_date_reads_only_the_environ_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert as_of_date(None, {}, TODAY) == TODAY


# --- the portfolio --------------------------------------------------------------------------


def _quiet_contacts() -> list[dict[str, str]]:
    contacts = default_contacts()
    contacts[0]["last_contact"] = days_before(200)
    return contacts


def _attention_portfolio() -> Portfolio:
    return portfolio(
        # alphabetical order of the slugs is the reverse of the severity order
        entry("a-healthy", impact="medium", health=[review("2026-Q3", "GGGG")]),
        entry("b-maintain-flagged", impact="low", model="transactional",
              contacts=_quiet_contacts(), health=[review("2026-Q3", "GGGG")]),
        entry("c-watch-flagged", impact="medium", contacts=_quiet_contacts(),
              health=[review("2026-Q3", "AAAA")]),
        entry("d-fix", impact="medium", health=[review("2026-Q3", "RRRR")]),
        entry("e-at-risk-many-flags", impact="high", contacts=_quiet_contacts(),
              health=[review("2026-Q2", "GGGG"),
                      review("2026-Q3", "AAAA", signals=["more_formality"])]),
        entry("f-critical-no-flag", impact="high", health=[review("2026-Q3", "RRRR")]),
    )


def test_attention_puts_the_worst_position_first() -> None:
    p = _attention_portfolio()
    assert [(d.slug, d.position, d.flag_ids) for d in p.suppliers] == [
        ("a-healthy", "maintain", []),
        ("b-maintain-flagged", "maintain", ["contact-gone-quiet"]),
        ("c-watch-flagged", "watch", ["contact-gone-quiet"]),
        ("d-fix", "fix", []),
        ("e-at-risk-many-flags", "at-risk", ["contact-gone-quiet", "health-falling"]),
        ("f-critical-no-flag", "critical", []),
    ]
    assert [d.slug for d in p.attention()] == [
        "f-critical-no-flag", "e-at-risk-many-flags", "d-fix", "c-watch-flagged",
        "b-maintain-flagged",
    ]


def test_attention_within_one_position_more_flags_first() -> None:
    p = portfolio(
        entry("a-one-flag", contacts=_quiet_contacts(), health=[review("2026-Q3", "AAAA")]),
        entry("b-two-flags", contacts=_quiet_contacts(),
              health=[review("2026-Q3", "AAAA", signals=["slower_responses"])]),
    )
    assert [d.slug for d in p.attention()] == ["b-two-flags", "a-one-flag"]


def test_suppliers_are_in_slug_order_whatever_the_input_order() -> None:
    p = portfolio(entry("zeta"), entry("alpha"), entry("mid"))
    assert [d.slug for d in p.suppliers] == ["alpha", "mid", "zeta"]


def test_by_owner_groups_suppliers() -> None:
    p = portfolio(
        entry("c-one", owner={"name": "Lee Chen"}),
        entry("a-two", owner={"name": "Dana Okafor"}),
        entry("b-three", owner={"name": "Lee Chen"}),
        entry("d-four", owner={"name": "Ann Berg"}),
    )
    groups = p.by_owner()
    assert {owner: [d.slug for d in ds] for owner, ds in groups.items()} == {
        "Ann Berg": ["d-four"],
        "Dana Okafor": ["a-two"],
        "Lee Chen": ["b-three", "c-one"],
    }
    assert list(groups) == ["Ann Berg", "Dana Okafor", "Lee Chen"]


def test_counts() -> None:
    p = portfolio(
        entry("a", model="transactional", status="active", impact="high",
              health=[review("2026-Q3", "RRRR")]),
        entry("b", model="collaborative", status="onboarding", impact="medium",
              health=[review("2026-Q3", "GGGG")]),
        entry("c", model="collaborative", status="active", impact="low",
              health=[review("2026-Q3", "GGGG")]),
        entry("d", model="alliance", status="phasing-out", impact="high", health=[]),
        entry("e", model="collaborative", status="active", impact="medium",
              health=[review("2026-Q3", "AAAA")]),
    )
    assert p.counts("model") == [("alliance", 1), ("collaborative", 3), ("transactional", 1)]
    assert p.counts("status") == [("active", 3), ("onboarding", 1), ("phasing-out", 1)]
    assert p.counts("position") == [("critical", 1), ("maintain", 2), ("unrated", 1),
                                    ("watch", 1)]


def test_portfolio_keeps_the_as_of_date() -> None:
    assert portfolio(entry(), as_of=dt.date(2026, 1, 5)).as_of == dt.date(2026, 1, 5)
    assert portfolio(entry()).as_of == AS_OF
