"""Tests of reading supplier files (ARCHITECTURE.md, Tests)."""
