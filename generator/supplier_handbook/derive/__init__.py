"""Derive: as-of facts, pure functions of (suppliers, as-of date, settings); no I/O.

Owns health and thresholds, the attention-flag registry, the position registry, governance
fit, item anchors, the dated agenda items, the derived portfolio (``portfolio``), the one
slug function and collation of names (``naming``), and the book of a build (``people``:
every person on our side and their roles, every change of owner and ownership interval,
every dated item), from which every view selects. Settings are required, never defaulted.
May import: ``model``, ``read``, ``base``.
"""
