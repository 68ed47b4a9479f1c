"""Pictures generated at build time as inline SVG: the health heatmap of a supplier and the
health distribution of the portfolio.

No script, no other host. Every cell carries its rating as a word, so colour is never the
only signal, and every picture has a ``<title>`` and ``<desc>`` that say in words what it
shows. Only validated values reach the SVG (periods ``YYYY-Qn``, ratings green/amber/red),
and every piece of text is escaped all the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup, escape

from supplier_handbook.base.wording import DIMENSION_TITLES, plural
from supplier_handbook.derive.portfolio import Derived, Portfolio, RatedReview

# White text on these passes WCAG AA (4.5:1); the same colours in both colour schemes.
FILL = {"green": "#2e7d32", "amber": "#8d5d00", "red": "#c62828", None: "#616161"}


def _ratings(r: RatedReview) -> dict[str, str]:
    return dict(r.review.ratings.model_dump())


def heatmap(reviews: Sequence[RatedReview], slug: str) -> Markup:
    """Quarters across (oldest first), the four dimensions plus overall down."""
    label_w, cell_w, cell_h, head_h, gap = 150, 84, 28, 24, 3
    rows = [*DIMENSION_TITLES.items(), ("overall", "Overall")]
    width = label_w + len(reviews) * (cell_w + gap)
    height = head_h + len(rows) * (cell_h + gap)
    uid = f"hb-heat-{slug}"
    parts = []
    words = []
    for col, r in enumerate(reviews):
        x = label_w + col * (cell_w + gap)
        parts.append(f'<text x="{x + cell_w / 2:g}" y="16" text-anchor="middle" '
                     f'font-size="12" font-weight="700" fill="currentColor">'
                     f"{escape(r.review.period)}</text>")
        ratings = {**_ratings(r), "overall": r.overall}
        cells = []
        for row, (key, title) in enumerate(rows):
            value = ratings[key]
            y = head_h + row * (cell_h + gap)
            word = value + ("*" if key == "overall" and r.computed else "")
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" rx="3" '
                         f'fill="{FILL[value]}"/>')
            parts.append(f'<text x="{x + cell_w / 2:g}" y="{y + 18}" text-anchor="middle" '
                         f'font-size="12" fill="#ffffff">{escape(word)}</text>')
            cells.append(f"{title.lower()} {value}")
        words.append(f"{r.review.period}: " + ", ".join(cells))
    for row, (_, title) in enumerate(rows):
        y = head_h + row * (cell_h + gap) + 18
        weight = ' font-weight="700"' if title == "Overall" else ""
        parts.append(f'<text x="0" y="{y}" font-size="12"{weight} fill="currentColor">'
                     f"{escape(title)}</text>")
    desc = "; ".join(words) + "."
    svg = (
        f'<figure class="hb-picture hb-heatmap"><svg role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{uid}-t {uid}-d" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{uid}-t">Health by quarter, '
        f"{plural(len(reviews), 'review')}</title><desc id=\"{uid}-d\">{escape(desc)}</desc>"
        + "".join(parts)
        + "</svg><figcaption>Health by quarter: each dimension and the overall rating, "
        "oldest quarter first. * computed from the four dimensions (no overall rating "
        "was given).</figcaption></figure>"
    )
    return Markup(svg)


def supplier_heatmap(d: Derived) -> Markup:
    return heatmap(d.reviews, d.slug)


def distribution(portfolio: Portfolio) -> Markup:
    """One bar per current health (green, amber, red, no review), with its count."""
    counts = Counter(d.health for d in portfolio.suppliers)
    order: list[tuple[str | None, str]] = [("green", "green"), ("amber", "amber"),
                                           ("red", "red"), (None, "no review")]
    total = max(1, len(portfolio.suppliers))
    label_w, bar_w, bar_h, gap = 90, 300, 24, 6
    width, height = label_w + bar_w + 110, len(order) * (bar_h + gap)
    parts, words = [], []
    for row, (value, label) in enumerate(order):
        n = counts.get(value, 0)
        y = row * (bar_h + gap)
        w = round(bar_w * n / total)
        parts.append(f'<text x="0" y="{y + 17}" font-size="13" fill="currentColor">'
                     f"{label}</text>")
        if n:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3" '
                         f'fill="{FILL[value]}"/>')
        parts.append(f'<text x="{label_w + w + 8}" y="{y + 17}" font-size="13" '
                     f'fill="currentColor">{plural(n, "supplier")}</text>')
        words.append(f"{label}: {n}")
    uid = "hb-dist"  # one per page: the dashboard
    svg = (
        f'<figure class="hb-picture hb-distribution"><svg role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">Current health of {plural(len(portfolio.suppliers), "supplier")}'
        f'</title><desc id="{uid}-d">{"; ".join(words)}.</desc>'
        + "".join(parts)
        + "</svg><figcaption>Current health: the overall rating of each supplier's latest "
        "review.</figcaption></figure>"
    )
    return Markup(svg)
