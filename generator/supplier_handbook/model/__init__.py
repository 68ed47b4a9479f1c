"""Model and rules: the supplier format as a contract.

Owns the pydantic models of the spec (``supplier``), scalar types, each field's audience,
the cross-field rules (one function each), links in text, the starter's placeholders, and
``check``: every problem of every file, located.
May import: ``read``, ``base``.
"""
