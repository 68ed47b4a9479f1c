"""Listing pages that grow with the portfolio: their rows and their paged parts."""
