"""Base: what every stage shares and nothing else imports from the handbook.

Owns the one error base of the handbook (``errors.HandbookError``), located problems and how
paths are shown (``problems``) and the English of generated sentences (``wording``).
May import: nothing from ``supplier_handbook``.
"""
