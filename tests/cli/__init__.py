"""Tests of the handbook commands (ARCHITECTURE.md, Tests)."""
