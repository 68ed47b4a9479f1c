"""Site: the MkDocs side of a build.

Owns the plugin's typed options (``config``), the one orchestration (``pipeline``), every
generated file of a loaded config (``generate``), staging and swapping the built site
(``staging``), where the handbook may write (``folders``), the export, serve's rebuilds and
caches, file events, MkDocs' warnings and site search.
May import: ``render``, ``history``, ``derive``, ``model``, ``read``, ``base``.
"""
