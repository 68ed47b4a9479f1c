"""Render: view models, safe HTML and the generated pages; no MkDocs import here.

Owns supplier text to safe HTML (``textfmt``), view models (``views``), listing rows and
pages (``listing``), the dashboard, the brief, pictures, paging, the supplier-facing copy,
iCalendar feeds and the ``Renderer`` that turns a derived portfolio into pages. Two leaves
that every page module may import: ``markup`` (escaping, Markdown fields, badges, links)
and ``memo`` (what serve keeps between rebuilds). No module here imports ``renderer``.
May import: ``history``, ``derive``, ``model``, ``read``, ``base``.
"""
