"""Adoption: ``handbook init`` for a team's repository.

Owns the scaffold (``scaffold``), the files shipped once (``shipped``) and the tool pin
(``toolpin``). May import: ``model``, ``read``, ``base``.
"""
