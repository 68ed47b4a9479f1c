"""Tests of MkDocs builds, the plugin, serve and export (ARCHITECTURE.md, Tests)."""
