"""Names: the one slug function of every address, the one collation of every list of names,
and the addresses of people.

- ``slug``: every address the handbook makes from a name (a person's page and feed, an item's
  anchor) goes through python-slugify, which transliterates (``Sofía Herrera`` ->
  ``sofia-herrera``, ``Łukasz Wójcik`` -> ``lukasz-wojcik``, ``李娜`` -> ``li-na``). A supplier's
  address is its file name, which ``handbook import`` and ``handbook new`` make with the same
  function.
- ``collation_key``: every list of names sorts with it (accents and case do not move a name
  out of place: ``Ångström`` sorts under A, ``Česká`` under C, ``Øresund`` under O).
- ``person_addresses``: a person's address (``owners/<address>/``, ``calendar/owners/
  <address>.ics``) depends on their own name only, so it never moves when someone else is
  added (see the function for the one exception).
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Iterable

from slugify import slugify

_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d",
                       "Đ": "D", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "\u0131": "i"})


def fold(text: str) -> str:
    """Text without accents, for sorting (Químicas -> Quimicas, ø -> o)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def collation_key(text: str) -> tuple[str, str, str]:
    """Sort key for displayed names: letters first without accents or case (so that
    "Industrias Químicas" sorts under I, and "Érable" beside "Erable"), then the accents,
    then the exact text, so that the order is total and the same on every build."""
    return fold(text).casefold(), text.casefold(), text


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, fallback: str = "item") -> str:
    """The address form of ``text`` (python-slugify: transliterated, lower case, words joined
    by single hyphens); ``fallback`` when nothing of it is left."""
    return slugify(text) or fallback


def file_slug(name: str) -> str:
    """A supplier's file name (its address) from its name, as ``handbook new`` suggests and
    ``handbook import`` writes: ``slug``'s transliteration, cut at a word to 80 characters."""
    return str(slugify(name, max_length=80, word_boundary=True))


RESERVED = frozenset({"index"})  # owners/index.md lists every person
TAG_LENGTH = 6


def tag(name: str) -> str:
    """A few hex digits that depend on the name only (its NFC form)."""
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()
    return digest[:TAG_LENGTH]


def _guessed(name: str) -> bool:
    """Whether the name's letters are outside the Latin alphabet (with or without accents):
    transliterating them is a guess that many names share (王伟 and 汪伟 both give
    ``wang-wei``), so such a name always carries its tag."""
    return not fold(name).isascii()


def person_addresses(names: Iterable[str]) -> dict[str, str]:
    """``{name: address}``, each address unique, and fixed by the name itself:

    - a name in the Latin alphabet gets its ``slug`` (``sofia-herrera``);
    - a name in another script gets its slug and its ``tag`` (``wang-wei-1f0c3a``), so that
      two names with the same transliteration never take each other's address;
    - a name whose slug is reserved (``index``) or empty gets its tag too.

    Two Latin names differ in their slug only by accents, case or punctuation (``Lea Schäfer``
    and ``Lea Schafer``, most often one person written twice): the one written in plain
    ASCII (else the first in code-point order) keeps the slug, the others get their tag.
    Work is linear in the number of names."""
    wanted: dict[str, str] = {}
    for name in set(names):
        base = slug(name, "")
        wanted[name] = (f"{base or 'person'}-{tag(name)}"
                        if not base or base in RESERVED or _guessed(name) else base)
    groups: dict[str, list[str]] = {}
    for name, address in wanted.items():
        groups.setdefault(address, []).append(name)
    addresses: dict[str, str] = {}
    for address, members in groups.items():
        if len(members) == 1:
            addresses[members[0]] = address
            continue
        keeper = min(members, key=lambda n: (not n.isascii(), n))
        for name in members:
            addresses[name] = address if name == keeper else f"{address}-{tag(name)}"
    taken: set[str] = set()
    for name in sorted(addresses):  # a tag shared by two names: longer tags (never seen)
        if addresses[name] in taken:
            addresses[name] = f"{slug(name, 'person')}-{hashlib.sha256(name.encode()).hexdigest()}"
        taken.add(addresses[name])
    return addresses
