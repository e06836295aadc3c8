"""Rendering: one module per output format, each taking the same results.

The registries map a format's name to ``module:Class``, so that choosing a format imports only that
format's module (and its library: rich, tabulate...), keeping start-up cheap. Their keys fill the
command line's ``--format`` choices."""

from __future__ import annotations

import importlib
from typing import IO, Any, Protocol

STATUS_REPORTERS: dict[str, str] = {
    "table": "plancheck.render.table:TableReporter",
    "plain": "plancheck.render.text:PlainReporter",
    "markdown": "plancheck.render.text:MarkdownReporter",
    "json": "plancheck.render.json:JsonReporter",
    "csv": "plancheck.render.csv:CsvReporter",
    "junit": "plancheck.render.junit:JunitReporter",
    "github": "plancheck.render.github:GithubReporter",
    "xlsx": "plancheck.render.xlsx:XlsxReporter",
}

TARGET_REPORTERS: dict[str, str] = {
    "table": "plancheck.render.table:TargetsTableReporter",
    "plain": "plancheck.render.text:TargetsPlainReporter",
    "markdown": "plancheck.render.text:TargetsMarkdownReporter",
    "json": "plancheck.render.json:TargetsJsonReporter",
    "csv": "plancheck.render.csv:TargetsCsvReporter",
}

DIFF_REPORTERS: dict[str, str] = {
    "plain": "plancheck.render.text:PlainDiffReporter",
    "markdown": "plancheck.render.text:MarkdownDiffReporter",
    "json": "plancheck.render.json:DiffJsonReporter",
}

TEMPLATE_REPORTERS: dict[str, str] = {
    "csv": "plancheck.render.template:TemplateCsvReporter",
    "xlsx": "plancheck.render.template:TemplateXlsxReporter",
}

REPORT_REPORTERS: dict[str, str] = {
    "html": "plancheck.render.html:HtmlReporter",
    "markdown": "plancheck.render.report_md:MarkdownReportReporter",
    "xlsx": "plancheck.render.xlsx:XlsxReportReporter",
}


class Reporter(Protocol):
    """Renders one kind of report to a text stream, or, for a class whose ``binary`` is true (a
    workbook), to a byte stream that the command writes to a file."""

    def __init__(self, *, stream: IO[Any], lang: str = "zh", **options: Any) -> None: ...

    def report(self, data: Any) -> None: ...


def is_binary(reporter: type[Reporter]) -> bool:
    """Whether ``reporter`` writes bytes (to a file only)."""
    return bool(getattr(reporter, "binary", False))


def load(registry: dict[str, str], name: str) -> type[Reporter]:
    """The reporter class registered under ``name``."""
    module, _, cls = registry[name].partition(":")
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return,unused-ignore]
