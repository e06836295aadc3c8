"""``plancheck init``: a new data repository that passes ``plancheck validate`` at once, from the
skeleton shipped in the package (an example plan with every field explained, its source, an actuals
template, the configuration, pre-commit and CI files). Existing files are never overwritten."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import IO

from plancheck import __version__
from plancheck.cli.output import write_atomic
from plancheck.errors import UsageProblem
from plancheck.exitcodes import ExitCode

EXAMPLE = "example-2026"
FILES = {
    "plan.yaml": f"plans/{EXAMPLE}.yaml",
    "source.txt": f"sources/{EXAMPLE}.txt",
    "plancheck.yaml": "plancheck.yaml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-workflow.yml": ".github/workflows/plancheck.yml",
}
"""Skeleton file → where it goes in the new repository."""
TEMPLATE = f"actuals/{EXAMPLE}.csv"


def run_init(folder: Path, out: IO[str]) -> ExitCode:
    """Create the repository in ``folder`` (made if missing); refuse, naming them, if any of its
    files exists already."""
    targets = [folder / name for name in (*FILES.values(), TEMPLATE)]
    existing = [str(p) for p in targets if p.exists() or p.is_symlink()]
    if existing:
        raise UsageProblem(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; plancheck init "
                           "writes only new files: move them away, or choose another folder")
    skeleton = resources.files("plancheck").joinpath("skeleton")
    for source, name in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, skeleton.joinpath(source).read_text("utf-8").replace("{version}", __version__))
    _write_template(folder)
    out.write(f"created a plancheck repository in {folder}:\n"
              + "".join(f"  {name}\n" for name in (*FILES.values(), TEMPLATE))
              + "next: adapt the example plan, fill in the template, then run `plancheck validate --sources sources` "
                "and `plancheck status`\n")
    return ExitCode.OK


def _write_template(folder: Path) -> None:
    """The example plan's actuals template, quarterly, values empty (not reported yet)."""
    import io

    from plancheck.load.plans import load_plan
    from plancheck.render.template import TemplateCsvReporter, rows

    plan = load_plan(folder / FILES["plan.yaml"])
    text = io.StringIO()
    TemplateCsvReporter(stream=text, lang="zh").report(list(rows(plan, every="quarter")))
    (folder / TEMPLATE).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / TEMPLATE, text.getvalue())
