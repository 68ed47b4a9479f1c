"""Supplier relationship handbook: checked supplier files turned into a MkDocs site.

Stages, each knowing only the ones before it:
``load`` -> ``model`` + ``rules`` (via ``check``) -> ``derive`` -> ``render`` -> ``site``,
with ``cli`` and ``plugin`` as thin adapters on top.
"""

__version__ = "0.2.1"
