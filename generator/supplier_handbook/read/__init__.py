"""Read: what belongs to the project and the one reader of its files.

Owns the project boundary (no link leaves it), the one file reader (lstat, regular files,
byte limit) and YAML with the line:col of every key and value (``load``).
May import: ``base``.
"""
