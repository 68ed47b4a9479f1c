"""Commands: the ``handbook`` CLI, a thin layer of click commands.

Owns the commands (the group in ``cli``; by kind in ``reading``, ``publish``, ``writing``,
``start``), their shared options, the output formats of check and diff (``reporter``) and
the one error boundary (``errors``).
May import: every stage below it; nothing imports it but ``__main__``.
"""
