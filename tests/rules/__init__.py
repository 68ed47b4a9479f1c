"""Tests of the cross-field rules (ARCHITECTURE.md, Tests)."""
