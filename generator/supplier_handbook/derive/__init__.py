"""Derive: as-of facts, pure functions of (suppliers, as-of date, settings); no I/O.

Owns health and thresholds, the attention-flag registry, the position registry, governance
fit, item anchors, the dated agenda items and the derived portfolio (``portfolio``).
May import: ``model``, ``read``, ``base``.
"""
