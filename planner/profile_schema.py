"""The profile's documented format (data/profile.schema.json) checked with jsonschema, and the
`sources` map checked against the fields: every number has a source, every source names a field."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .errors import Problem, error

# Sections whose numbers need a source; a source may sit on the number's key or on a section above it.
_SOURCED_SECTIONS = ("limits", "titration", "taper", "missed_dose", "renal", "cautions")


@functools.cache
def profile_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((resources.files("planner") / "data" / "profile.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(profile_schema())


def _dotted(path: Any) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _allowed(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    return str(schema.get("description", ""))


def _describe(err: ValidationError) -> tuple[str, str]:
    """(dotted key, what is wrong and what is allowed), in the clinician's words rather than jsonschema's."""
    key = _dotted(err.absolute_path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    if err.validator == "required":
        missing = str(err.message).split("'")[1]
        props = schema.get("properties", {}).get(missing, {})
        return (f"{key}.{missing}" if err.absolute_path else missing), f"is missing: {props.get('description', 'required')}"
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = sorted(schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in known)
        where = f"{key}." if err.absolute_path else ""
        return f"{where}{extra[0] if extra else '?'}", f"is not a known key; allowed here: {', '.join(known)}"
    if err.validator in ("const", "enum"):
        return key, f"must be {_allowed(schema)}, not {err.instance!r}"
    if err.validator in ("anyOf", "type") and "$defs" not in schema:
        what = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
                "array": "a list", "object": "an object"}
        wanted = schema.get("type") or "?"
        if err.validator == "anyOf":
            return key, f"must be a number of a sensible size (an exact fraction as text, \"2/3\", is allowed), not {str(err.instance)[:40]!r}"
        names = [what.get(str(t), str(t)) for t in (wanted if isinstance(wanted, list) else [wanted])]
        return key, f"must be {' or '.join(names)}, not {err.instance!r}"
    if err.validator == "minimum":
        return key, f"must be {schema['minimum']} or more, not {err.instance!r}"
    if err.validator in ("minLength", "minItems"):
        return key, "must not be empty"
    if err.validator == "pattern":
        return key, f"{err.instance!r} is not allowed here: {schema.get('description', 'see the schema')}"
    return key, str(err.message)


def schema_problems(data: object, origin: str) -> list[Problem]:
    """Every way `data` departs from the schema, one problem each, in key order."""
    found = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = []
    seen = set()
    for err in found:
        key, what = _describe(err)
        if (key, what) not in seen:
            seen.add((key, what))
            problems.append(error("bad_profile", "profile", f"{origin} key {key}: {what}"))
    return problems


def _leaves(data: object, prefix: str = "") -> dict[str, object]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _leaves(value, f"{prefix}{key}.").items()} | ({prefix.rstrip("."): data} if prefix else {})
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in _leaves(value, f"{prefix}{i}.").items()} | {prefix.rstrip("."): data}
    return {prefix.rstrip("."): data}


def source_problems(data: dict[str, Any], origin: str) -> list[Problem]:
    """Sources that name no field, and numbers without a source (on their key or a section above)."""
    sources = data.get("sources")
    if not isinstance(sources, dict):
        return []
    fields = _leaves({k: v for k, v in data.items() if k != "sources"})
    listed = data.get("products")
    products: list[Any] = listed if isinstance(listed, list) else []  # the schema names a wrong type
    product_ids = {f"products.{p.get('id')}" for p in products if isinstance(p, dict)}
    problems = []
    for key in sorted(sources):
        if key not in fields and key not in product_ids:
            problems.append(error("bad_profile", "profile", f"{origin} key sources.{key}: names no field of this profile; "
                                  "use a dotted key that exists (limits.max_daily_mg, products.<id>, renal.bands.0.factor)"))
    for key, value in fields.items():
        if not key.startswith(_SOURCED_SECTIONS) or isinstance(value, (bool, dict, list)) or not _is_number(value):
            continue
        parts = key.split(".")
        if not any(".".join(parts[:n]) in sources for n in range(1, len(parts) + 1)):
            problems.append(error("bad_profile", "profile", f"{origin} key {key}: has no source; add sources.{key} "
                                  "(a label or paper line, or 'Clinical judgement: why')"))
    for i, product in enumerate(products):
        if isinstance(product, dict) and f"products.{product.get('id')}" not in sources and f"products.{i}" not in sources:
            problems.append(error("bad_profile", "profile", f"{origin} key products.{i}: has no source; add sources.products.{product.get('id')}"))
    return problems


def _is_number(value: object) -> bool:
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value.replace("/", "").replace(".", "").isdigit()


def key_descriptions() -> dict[str, str]:
    """Each dotted key of the format and its description, from the schema (products as products.N.key)."""
    found: dict[str, str] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, sub in node.get("properties", {}).items():
            if "description" in sub:
                found[prefix + key] = sub["description"]
            walk(sub, f"{prefix}{key}.")
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, f"{prefix}N.")

    walk(profile_schema(), "")
    return found
