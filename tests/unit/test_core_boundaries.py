"""The planner stays a functional core: no UI, calendar or PDF library, no clock, no I/O."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from exports import ExportError

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_PLANNER = {"textual", "ics", "reportlab", "tui", "exports", "os", "subprocess", "socket", "shutil", "tempfile", "pathlib", "time"}


def _imports(folder):
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module.split(".")[0]


def test_planner_imports_no_ui_export_or_io_module():
    bad = [(p.name, m) for p, m in _imports("planner") if m in FORBIDDEN_IN_PLANNER]
    assert bad == []


def test_planner_never_reads_the_clock():
    for path in (ROOT / "planner").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time(", "utcnow(", "open("):
            assert call not in text, f"{path.name} calls {call}"


def test_exports_import_no_textual():
    assert [(p.name, m) for p, m in _imports("exports") if m in {"textual", "tui"}] == []


def test_importing_planner_loads_none_of_the_heavy_libraries():
    code = "import sys, planner, planner.build; print(sorted(m for m in ('textual', 'ics', 'reportlab') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_import_contracts_in_pyproject_hold():
    """The contracts in pyproject.toml ([tool.importlinter]) checked by import-linter itself."""
    out = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "6 kept, 0 broken" in out.stdout


@pytest.mark.parametrize(("package", "surface"), [
    ("exports.handout", ["HandoutError", "HandoutOptions", "handout_bytes"]),
    ("exports.calendar", ["CalendarError", "CalendarOptions", "calendar_bytes"]),
])
def test_each_export_package_offers_one_function_one_options_type_and_one_narrow_error(package, surface):
    module = importlib.import_module(package)
    assert sorted(module.__all__) == surface
    error = getattr(module, surface[0])
    assert issubclass(error, ExportError) and error is not ExportError


def test_no_module_shadows_a_library_it_or_the_app_imports():
    paths = [path for folder in ("planner", "exports", "tui", "tests", "benchmarks") for path in (ROOT / folder).rglob("*.py")]
    names = {path.stem for path in paths} | {path.parent.name for path in paths if path.name == "__init__.py"}
    assert "handout" in names and "calendar" in names
    assert not names & {"ics", "reportlab", "textual", "dateutil", "babel", "icalendar"}


def test_the_shells_use_the_planner_through_its_public_surface_and_the_phrase_catalogue():
    import planner

    reached = {}
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("planner"):
                reached.setdefault(node.module, []).append(path.name)
                if node.module == "planner":
                    assert {alias.name for alias in node.names} <= set(planner.__all__), path
    assert "planner" in reached
    assert {module for module in reached if module != "planner" and not module.startswith("planner.phrases")} == set(), reached
