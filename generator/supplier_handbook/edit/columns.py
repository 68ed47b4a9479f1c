"""The columns ``handbook import`` understands: each field of a supplier file a sheet can
fill, and the header names that mean it (``handbook import --help`` prints this table).

Kept apart from the importer so that the command's help costs no import of the checker.
"""

from __future__ import annotations

import re

PathKey = tuple[str | int, ...]

# field -> (the data path it fills in the supplier file, what it is, its header names)
COLUMNS: dict[str, tuple[PathKey, str, tuple[str, ...]]] = {
    "name": (("name",), "the supplier's name (required; gives the file name)",
             ("Name", "Supplier", "Supplier name", "Vendor", "Vendor name", "Company",
              "Company name")),
    "category": (("category",), "what they supply",
                 ("Category", "Commodity", "Material group", "What they supply")),
    "summary": (("summary",), "why they matter",
                ("Summary", "Description", "Why they matter")),
    "status": (("status",), "active, onboarding, phasing-out or inactive", ("Status",)),
    "tags": (("tags",), "words for search, separated by , or ;", ("Tags", "Keywords")),
    "impact": (("impact", "level"), "high, medium or low",
               ("Impact", "Impact level", "Strategic impact", "Criticality")),
    "sole_source": (("impact", "sole_source"), "yes or no (also true/false, 1/0, x)",
                    ("Sole source", "Single source")),
    "rationale": (("impact", "rationale"), "why a failure would hurt",
                  ("Rationale", "Impact rationale")),
    "model": (("governance", "model"), "transactional, collaborative or alliance",
              ("Model", "Governance", "Governance model")),
    "owner": (("owner", "name"), "the buyer who owns the relationship",
              ("Owner", "Owner name", "Buyer", "Buyer name", "Purchaser")),
    "owner_email": (("owner", "email"), "the owner's e-mail address",
                    ("Owner email", "Owner e-mail", "Buyer email")),
    "contact": (("contacts", 0, "name"), "the supplier's key contact",
                ("Contact", "Contact name", "Contact person", "Key contact")),
    "contact_role": (("contacts", 0, "role"), "the contact's job title",
                     ("Contact role", "Contact title", "Contact position", "Role", "Title",
                      "Job title", "Position")),
    "contact_level": (("contacts", 0, "level"),
                      "executive, relationship, operational or technical",
                      ("Contact level", "Level")),
    "contact_email": (("contacts", 0, "email"), "the contact's e-mail address",
                      ("Contact email", "Contact e-mail", "Email", "E-mail", "Mail")),
    "contact_phone": (("contacts", 0, "phone"), "the contact's phone number",
                      ("Contact phone", "Contact telephone", "Phone", "Telephone", "Tel",
                       "Mobile", "Phone number")),
}

FIELDS: dict[str, PathKey] = {name: path for name, (path, _, _) in COLUMNS.items()}


def norm(header: str) -> str:
    """A header as it is compared: lower case, punctuation as spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


HEADERS: dict[str, str] = {norm(h): name for name, (_, _, heads) in COLUMNS.items()
                           for h in heads}
"""Normalised header -> field."""


def headers_help() -> str:
    """The table of ``handbook import --help``: each field, what it is, its headers."""
    lines = ["\b", "Recognised headers (case and punctuation do not matter), by field:"]
    for name, (_, what, heads) in COLUMNS.items():
        lines.append(f"  {name}: {what}")
        lines.append(f"      {', '.join(heads)}")
    return "\n".join(lines)
