"""Render: view models, safe HTML and the generated pages; no MkDocs import here.

Owns supplier text to safe HTML (``textfmt``), view models (``views``), listing rows and
pages (``listing``), the dashboard, the brief, pictures, paging, the supplier-facing copy,
iCalendar feeds and the ``Renderer`` that turns a derived portfolio into pages.
May import: ``history``, ``derive``, ``model``, ``read``, ``base``.
"""
