"""Small supplier texts shared by several test tiers."""

MINIMAL_SUPPLIER = """\
name: Acme Castings GmbH
category: Aluminium housings
summary: Sole source of housings.
impact:
  level: low
governance:
  model: transactional
owner:
  name: Dana Okafor
contacts:
  - name: Maria Schmidt
    side: supplier
    level: executive
    role: Managing Director
"""
"""A minimal valid transactional supplier file (15 lines, no optional section)."""
