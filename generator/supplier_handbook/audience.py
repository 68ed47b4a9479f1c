"""Who may read what: the supplier-facing copy of a supplier, with internal fields removed.

The audience of every field is declared once, in the models (``audience`` tables in
``model``). ``for_supplier`` keeps only ``shared`` fields, recursively, so a template that
shows a supplier-facing page cannot reach an internal value even by mistake.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from .model import Supplier


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
    table: dict[str, str] = getattr(type(model), "audience", {})
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if table.get(name) == "shared":
            update[name] = _shared(getattr(model, name))
        else:  # internal, or (should a new field lack a declaration) treated as internal
            update[name] = _empty(info.annotation)
    return model.model_copy(update=update)


def for_supplier(supplier: Supplier) -> Supplier:
    result: Supplier = redact(supplier)
    return result


def undeclared_fields(model: type[BaseModel] = Supplier, seen: set[type] | None = None
                      ) -> list[str]:
    """``Model.field`` names that have no audience: a test keeps this list empty."""
    seen = seen if seen is not None else set()
    if model in seen:
        return []
    seen.add(model)
    table: dict[str, str] = getattr(model, "audience", {})
    missing = [f"{model.__name__}.{n}" for n in model.model_fields
               if table.get(n) not in ("shared", "internal")]
    missing += [f"{model.__name__}.{n} (no such field)" for n in table
                if n not in model.model_fields]
    for info in model.model_fields.values():
        for nested in _models_in(info.annotation):
            missing += undeclared_fields(nested, seen)
    return missing


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
