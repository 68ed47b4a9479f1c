"""Who may read what: the supplier-facing copy of a supplier, with internal fields removed.

The audience of every field is declared once, in the field itself
(``Field(..., json_schema_extra=SHARED)``, see ``fields``). ``for_supplier`` keeps only
``shared`` fields, recursively, so a template that shows a supplier-facing page cannot reach
an internal value even by mistake.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from supplier_handbook.model.fields import all_models, audience_of
from supplier_handbook.model.supplier import Supplier


def _empty(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is list:
        return []
    if type(None) in typing.get_args(annotation):
        return None
    if isinstance(annotation, type) and issubclass(annotation, bool):
        return False
    return None if isinstance(annotation, type) and issubclass(annotation, BaseModel) else ""


def _shared(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return redact(value)
    if isinstance(value, list):
        return [_shared(v) for v in value]
    return value


def redact(model: BaseModel) -> Any:
    """A copy of ``model`` whose internal fields are emptied, at every depth."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if audience_of(info) == "shared":
            update[name] = _shared(getattr(model, name))
        else:  # internal, or (should a new field lack a declaration) treated as internal
            update[name] = _empty(info.annotation)
    return model.model_copy(update=update)


def for_supplier(supplier: Supplier) -> Supplier:
    result: Supplier = redact(supplier)
    return result


def undeclared_fields(root: type[BaseModel] = Supplier) -> list[str]:
    """``Model.field`` names that declare no audience: a test keeps this list empty."""
    return [f"{model.__name__}.{name}" for model in all_models(root)
            for name, info in model.model_fields.items() if audience_of(info) is None]
