"""Checking provenance: every quote is a byte-for-byte substring of its source and states the number."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from plancheck.errors import PlanError
from plancheck.model import Plan, Source


def number_forms(value: Decimal) -> set[str]:
    """Return the ways a number is commonly written: 1540, 1,540, 1540.0, and full-width digits."""
    plain = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    forms = {plain, format(value, "f")}
    if value == value.to_integral() and abs(value) >= 1000:
        forms.add(f"{int(value):,}")
    full = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
    return forms | {f.translate(full) for f in forms}


def check_sources(plans: list[Plan], seeds: Path) -> list[PlanError]:
    """Return one error per quote that is not in its source file or does not state its number."""
    texts: dict[str, str | None] = {}
    errors: list[PlanError] = []

    def text_of(name: str) -> str | None:
        if name not in texts:
            path = seeds / name
            texts[name] = path.read_text("utf-8") if path.is_file() else None
        return texts[name]

    def check(source: Source, line: int, column: int | None, path: str) -> None:
        text = text_of(source.file)
        if text is None:
            errors.append(PlanError(path, line, column, f"source file {source.file} is not in {seeds}"))
        elif source.quote not in text:
            errors.append(PlanError(path, line, column, f"quote not found in {source.file}: "
                                                        f"{source.quote[:40]!r}; copy it exactly from the file"))

    for plan in plans:
        for target in plan.targets:
            loc = target.location
            for source in target.sources:
                check(source, loc.line, loc.column, loc.path)
            if target.stated and not any(
                form in s.quote for s in target.sources for form in number_forms(Decimal(target.stated))
            ):
                errors.append(PlanError(loc.path, loc.line, loc.column,
                                        f"{target.indicator}: no quote states the value {target.stated}"))
            if target.baseline is not None and target.baseline.origin == "plan":
                for source in target.baseline.sources:
                    check(source, loc.line, loc.column, loc.path)
        for item in plan.inputs:
            for source in item.sources:
                check(source, 1, None, plan.path)
    # A baseline is shared by its indicator's targets: report each problem once.
    return _unique(errors)


def _unique(errors: list[PlanError]) -> list[PlanError]:
    seen: set[str] = set()
    out = []
    for e in errors:
        if str(e) not in seen:
            seen.add(str(e))
            out.append(e)
    return out
