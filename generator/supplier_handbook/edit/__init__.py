"""Editing commands: what a buyer runs to change supplier files.

Owns ``handbook new`` (``starter``), the handover edit (``handover``, a ruamel.yaml round
trip) and spreadsheet import (``importer``, ``sheets``).
May import: ``model``, ``read``, ``base``.
"""
