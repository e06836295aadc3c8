"""Reading the accepted results (``plancheck-accepted.yaml``): where the file is, and its entries
checked at file:line:column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plancheck.errors import ConfigError
from plancheck.load.files import InputErrors, read_bytes, utf8_text
from plancheck.model import Location, Status
from plancheck.model.acceptance import Acceptance

NAME = "plancheck-accepted.yaml"


def accepted_path(explicit: Path | None, config: Path | None) -> Path:
    """The accepted file: the one named, else beside the configuration file, else in this folder."""
    if explicit is not None:
        return explicit
    return (config.parent if config is not None else Path.cwd()) / NAME


def load_accepted(path: Path, *, required: bool = False) -> list[Acceptance]:
    """The acceptances in ``path`` (none when it does not exist, unless ``required``); raise
    InputErrors for a file that is not valid."""
    if not path.exists():
        if not required:
            return []
        raise ConfigError(str(path), None, None, "the accepted file does not exist: write it with `plancheck accept`, "
                                                 "or name the right one with --accepted")
    from plancheck.load.schema import check
    from plancheck.load.yaml import load_yaml

    doc = load_yaml(utf8_text(str(path), read_bytes(path, ConfigError), ConfigError), str(path), ConfigError,
                    empty="the accepted file is empty; write `accepted: []` or remove it")
    check(doc, "accepted")
    out: list[Acceptance] = []
    seen: dict[tuple[str, str, date], int] = {}
    errors = []
    for i, (entry, mark) in enumerate(zip(doc.data["accepted"], doc.item_marks(("accepted",)), strict=True)):
        try:
            deadline, day = date.fromisoformat(entry["deadline"]), date.fromisoformat(entry["date"])
        except ValueError as e:
            errors.append(doc.error(("accepted", i), f"accepted[{i}]: not a valid date ({e})"))
            continue
        a = Acceptance(plan=entry["plan"], indicator=entry["indicator"], deadline=deadline,
                       status=Status(entry["status"]), reason=entry["reason"], date=day,
                       location=Location(str(path), mark.line, mark.column))
        if a.key in seen:
            errors.append(doc.error(("accepted", i), f"accepted[{i}]: {a.plan}/{a.indicator} {a.deadline} is "
                                                     f"accepted twice (first at accepted[{seen[a.key]}]); keep one"))
            continue
        seen[a.key] = i
        out.append(a)
    if errors:
        raise InputErrors(errors)
    return out
