"""environment.yml (conda, Binder) and pyproject.toml (pip) must agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][0-9A-Za-z.]*))?\s*$")


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> tuple[str, str | None]:
    """Split 'name>=floor' into (canonical name, floor); anything else is refused."""
    m = REQ.match(text)
    if not m:
        raise ValueError(f"not of the form 'name>=floor': {text!r}")
    return _canon(m.group(1)), m.group(2)


def pyproject_requirements(path: Path = ROOT / "pyproject.toml"):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    project = data["project"]
    python_floor = project["requires-python"].removeprefix(">=").strip()
    return python_floor, dict(parse_requirement(r) for r in project["dependencies"])


def conda_requirements(path: Path = ROOT / "environment.yml"):
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    python_floor, deps, pip_deps = None, {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_deps.extend(dep.get("pip", []))
            continue
        name, floor = parse_requirement(dep)
        if name == "python":
            python_floor = floor
        elif name != "pip":
            deps[name] = floor
    return python_floor, deps, pip_deps


def test_same_python_floor():
    assert conda_requirements()[0] == pyproject_requirements()[0] == "3.11"


def test_same_packages_and_floors():
    _, pip = pyproject_requirements()
    _, conda, _ = conda_requirements()
    assert conda == pip, (
        "environment.yml and pyproject.toml disagree: "
        f"only in pyproject {sorted(set(pip) - set(conda))}, "
        f"only in environment.yml {sorted(set(conda) - set(pip))}, "
        f"different floors {sorted(k for k in set(pip) & set(conda) if pip[k] != conda[k])}"
    )


def test_every_runtime_dependency_has_a_floor():
    _, pip = pyproject_requirements()
    assert all(floor for floor in pip.values()), pip


def test_environment_installs_the_casebook_from_the_checkout():
    _, _, pip_deps = conda_requirements()
    assert "-e ." in pip_deps


def test_constraints_satisfy_the_floors():
    """The pinned versions CI installs must not sit below a declared floor."""
    from packaging.version import Version

    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_canon(name)] = version.strip()
    _, pip = pyproject_requirements()
    for name, floor in pip.items():
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert Version(pins[name]) >= Version(floor), (name, pins[name], floor)


@pytest.mark.parametrize("bad", ["pandas", "pandas==2.2", "pandas<3"])
def test_parser_refuses_what_it_cannot_compare(bad):
    if bad == "pandas":
        assert parse_requirement(bad) == ("pandas", None)
    else:
        with pytest.raises(ValueError):
            parse_requirement(bad)
