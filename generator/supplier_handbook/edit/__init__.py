"""Editing commands: what a buyer runs to change supplier files.

Owns ``handbook new`` (``starter``), the handover edit (``handover``, ``handover_change``,
``handover_lines``: only the changed lines are rewritten, found with the YAML parser's marks)
and spreadsheet import (``importer``, ``import_rows``, ``columns``, ``sheets``). Every file
is written through ``base.atomic``.
May import: ``model``, ``read``, ``base``.
"""
