"""Tests of init, the shipped files, CI files and report formats (ARCHITECTURE.md, Tests)."""
