"""Phones and e-mail addresses as links a reader can tap: ``tel:`` and ``mailto:``.

The text stays as written in the file (``+49 711 555 0100``); the link holds what a phone
dials: digits, and a leading ``+`` when the number has one (``tel:+497115550100``). A phone
field without a digit ("ask reception") stays plain text. Both are written inert (see
``textfmt``): no Markdown or HTML reader after this one finds anything but a link.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

from supplier_handbook.render.textfmt import inert_attribute, plain_html

_NOT_DIGIT = re.compile(r"[^0-9]")
_MIN_DIGITS = 3  # fewer is not a number anyone dials (an extension alone, a note)


def tel_href(phone: str) -> str | None:
    """``tel:`` and the digits of ``phone`` (a leading ``+`` kept), or None without enough."""
    text = phone.strip()
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) < _MIN_DIGITS:
        return None
    return "tel:" + ("+" if text.startswith("+") else "") + digits


@functools.lru_cache(maxsize=4096)  # the same people on many pages
def phone_link(phone: str) -> Markup:
    """A phone as a ``tel:`` link showing the number as written."""
    href = tel_href(phone)
    text = plain_html(phone)
    if href is None:
        return Markup(text)
    return Markup(f'<a class="hb-tel" href="{inert_attribute(href)}">{text}</a>')


@functools.lru_cache(maxsize=4096)
def email_link(email: str) -> Markup:
    """An e-mail address (validated by the model: no space, ``<`` or ``>``) as a ``mailto:``
    link showing the address as written."""
    address = email.strip()
    return Markup(f'<a class="hb-mail" href="{inert_attribute("mailto:" + address)}">'
                  f"{plain_html(address)}</a>")
