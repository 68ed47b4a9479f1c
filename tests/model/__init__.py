"""Tests of the supplier model, the check and links in text (ARCHITECTURE.md, Tests)."""
