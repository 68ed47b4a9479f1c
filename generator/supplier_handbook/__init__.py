"""Supplier relationship handbook: checked supplier files turned into a MkDocs site.

The stages are the subpackages, each importing only the ones below it (``lint-imports``
enforces the order, see ``[tool.importlinter]`` in ``pyproject.toml``):

``base`` -> ``read`` -> ``model`` -> ``derive`` -> ``history`` -> ``render`` -> ``site``,
with ``edit`` and ``adopt`` (the editing and adoption commands) beside ``site``, and
``commands`` (the CLI) and ``plugin`` (the MkDocs plugin) as thin adapters on top.
"""

__version__ = "0.3.1"
