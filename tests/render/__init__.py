"""Tests of the pages, views, audience and calendar feeds (ARCHITECTURE.md, Tests)."""
