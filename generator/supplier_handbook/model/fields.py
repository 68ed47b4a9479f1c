"""How a field of the format is declared beyond its type: who may read it, and the walk over
the models that the fields' annotations hold.

Every field states its audience in its own ``Field``: ``json_schema_extra=SHARED`` (it may
go on the page shared with the supplier, ``handbook build --audience supplier SLUG``) or
``json_schema_extra=INTERNAL`` (it never leaves the handbook). The same key appears in the
JSON Schema as the annotation ``"audience"``, which validators ignore.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, Final, Literal

from pydantic import BaseModel
from pydantic.config import JsonDict
from pydantic.fields import FieldInfo

Audience = Literal["shared", "internal"]
AUDIENCES: Final = ("shared", "internal")
SHARED: Final[JsonDict] = {"audience": "shared"}
INTERNAL: Final[JsonDict] = {"audience": "internal"}


def audience_of(info: FieldInfo) -> Audience | None:
    """The audience a field declares, or None when it declares none."""
    extra = info.json_schema_extra
    value = extra.get("audience") if isinstance(extra, dict) else None
    return "shared" if value == "shared" else "internal" if value == "internal" else None


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (``Owner``, ``list[Contact]``, ``Review | None``...),
    in the order written."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in models_in(arg)]


def all_models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``root`` and every model its fields hold, at any depth, each once."""
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop(0)
        if model in seen:
            continue
        seen.add(model)
        yield model
        for info in model.model_fields.values():
            todo.extend(models_in(info.annotation))
