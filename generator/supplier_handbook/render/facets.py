"""What a section of a listing is about, for the filters over sections (``handbook.js``:
``sectionBar``): the attention list by flag kind and owner, What changed by supplier, author
and date.

``section_filters`` is the element the script turns into a filter bar for the sections after
it; ``entry`` marks one section (a heading and what follows it) with its values. Values are
user text (names): written as an inert attribute (``textfmt``), every punctuation character
a reference, so no Markdown or HTML reader after this one finds anything in them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from supplier_handbook.render.textfmt import inert_attribute


def section_filters(filters: Sequence[tuple[str, str, bool]]) -> Markup:
    """A filter bar over the sections after it: ``(label, key, is a date range)`` each."""
    spec = [{"label": label, "key": key, "range": date_range}
            for label, key, date_range in filters]
    return Markup('<div class="hb-filters" data-scope="sections" data-filters="{0}"></div>'
                  ).format(Markup(inert_attribute(json.dumps(spec, ensure_ascii=False))))


def entry(values: Mapping[str, str | Sequence[str]]) -> Markup:
    """The mark of one section: ``{key: value or values}`` (a date as YYYY-MM-DD)."""
    data = {k: v if isinstance(v, str) else list(v) for k, v in values.items()}
    return Markup('<span class="hb-entry" hidden data-values="{0}"></span>').format(
        Markup(inert_attribute(json.dumps(data, ensure_ascii=False))))
