"""History: the git log of the supplier folder and what changed between versions.

Owns reading the log once (``gitlog``; git run by ``gitcall``, the file versions read by
``versions``), the semantic difference of two versions in words
(``changes``) and stale files (``staleness``).
May import: ``derive``, ``model``, ``read``, ``base``.
"""
