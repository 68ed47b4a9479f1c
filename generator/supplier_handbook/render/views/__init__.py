"""View models of single pages: a supplier, an owner, the history of a file."""
