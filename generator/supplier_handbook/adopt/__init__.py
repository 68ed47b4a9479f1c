"""Adoption: ``handbook init`` for a team's repository.

Owns the scaffold (``scaffold``), the files shipped once (``shipped``), the tool pin
(``toolpin``) and the repository's edit links (``repolink``). May import: ``model``,
``read``, ``base``.
"""
