"""Reporters by name: each renders a whole run (or the list of targets) to a stream.

The registry maps a name to ``module:Class`` so that choosing a format imports only that format's
module (and its library: rich, tabulate...), keeping start-up cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from plancheck.model import Result, Status

STATUS_REPORTERS: dict[str, str] = {
    "table": "plancheck.reporters.table:TableReporter",
    "plain": "plancheck.reporters.text:PlainReporter",
    "markdown": "plancheck.reporters.text:MarkdownReporter",
    "json": "plancheck.reporters.json:JsonReporter",
    "csv": "plancheck.reporters.csv:CsvReporter",
    "junit": "plancheck.reporters.ci:JunitReporter",
    "github": "plancheck.reporters.ci:GithubReporter",
}

TARGET_REPORTERS: dict[str, str] = {
    "table": "plancheck.reporters.table:TargetsTableReporter",
    "plain": "plancheck.reporters.text:TargetsPlainReporter",
    "markdown": "plancheck.reporters.text:TargetsMarkdownReporter",
    "json": "plancheck.reporters.json:TargetsJsonReporter",
    "csv": "plancheck.reporters.csv:TargetsCsvReporter",
}


DIFF_REPORTERS: dict[str, str] = {
    "plain": "plancheck.reporters.text:PlainDiffReporter",
    "markdown": "plancheck.reporters.text:MarkdownDiffReporter",
    "json": "plancheck.reporters.json:DiffJsonReporter",
}

REPORT_REPORTERS: dict[str, str] = {
    "html": "plancheck.reporters.html:HtmlReporter",
    "markdown": "plancheck.reporters.report_md:MarkdownReportReporter",
}


class Reporter(Protocol):
    """Renders one kind of report to a text stream."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **options: Any) -> None: ...

    def report(self, data: Any) -> None: ...


@runtime_checkable
class RendersApart(Reporter, Protocol):
    """A status reporter whose output is a head and one text per result, each made from that result
    alone (JSON, CSV, GitHub's workflow commands). A run over many files can then render results in
    the process that evaluated them (see ``plancheck.commands.run_status``)."""

    def render(self, result: Result) -> str:
        """One result's text, made apart from the others (and from the stream)."""

    def write(self, as_of: date, counts: dict[Status, int], rendered: Iterable[str]) -> None:
        """Write a run from the ``counts`` of the results shown and their ``render`` texts, in order."""


def batches(texts: Iterable[str], n: int = 512) -> Iterator[list[str]]:
    """``texts`` in lists of ``n``. Reporters write a few hundred texts per call: an unbuffered stream
    (PYTHONUNBUFFERED, which many CI runners set) makes a system call of every write."""
    it = iter(texts)
    while batch := list(islice(it, n)):
        yield batch


def load(registry: dict[str, str], name: str) -> type[Reporter]:
    """Return the reporter class registered under ``name``."""
    module, _, cls = registry[name].partition(":")
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return,unused-ignore]
