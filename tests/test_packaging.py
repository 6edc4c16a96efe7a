"""Guards for the install/run/CI foundation: pyproject.toml, environment.yml, ./pasar, .ci/run."""

import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
EXTRAS = ("course", "kit", "test")


def _norm(req: str) -> tuple[str, frozenset[str], str]:
    r = Requirement(req)
    name = re.sub(r"[-_.]+", "-", r.name).lower()
    return name, frozenset(e.lower() for e in r.extras), str(r.specifier)


def _pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def _pyproject_requirements() -> dict[str, tuple]:
    project = _pyproject()["project"]
    reqs = list(project["dependencies"])
    for extra in EXTRAS:
        reqs += project["optional-dependencies"][extra]
    out = {}
    for r in reqs:
        name, extras, spec = _norm(r)
        assert name not in out, f"{name} listed twice in pyproject.toml"
        out[name] = (extras, spec)
    return out


def _environment():
    return yaml.safe_load((REPO / "environment.yml").read_text())


def _environment_requirements() -> dict[str, tuple]:
    pip = next(d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict))
    out = {}
    for line in pip:
        if line.startswith("-"):  # -e . and other pip options
            continue
        name, extras, spec = _norm(line)
        assert name not in out, f"{name} listed twice in environment.yml"
        out[name] = (extras, spec)
    return out


def test_environment_yml_matches_pyproject():
    py, env = _pyproject_requirements(), _environment_requirements()
    only_py, only_env = sorted(py.keys() - env.keys()), sorted(env.keys() - py.keys())
    assert not only_py and not only_env, (
        f"package lists drifted: only in pyproject.toml {only_py}; only in environment.yml "
        f"{only_env}"
    )
    differ = {n: (py[n], env[n]) for n in py if py[n] != env[n]}
    assert not differ, f"extras/version bounds differ (pyproject, environment.yml): {differ}"


def test_environment_yml_installs_the_package_and_python_312():
    env = _environment()
    deps = env["dependencies"]
    assert env["name"] == "pasar"
    assert "python=3.12" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert any(line.replace(" ", "").startswith("-e.") for line in pip)


def test_python_version_at_least_312():
    text = (REPO / ".python-version").read_text().strip()
    major, minor = (int(x) for x in text.split(".")[:2])
    assert (major, minor) >= (3, 12)
    assert _pyproject()["project"]["requires-python"] == ">=3.12"


def test_core_dependencies():
    names = {_norm(r)[0]: _norm(r) for r in _pyproject()["project"]["dependencies"]}
    assert set(names) == {"mesa", "numpy", "pandas", "networkx", "scipy"}  # scipy: t quantiles
    _, extras, spec = names["mesa"]
    assert "network" in extras and "<4" in spec


def _quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [ln.strip() for ln in section.splitlines() if ln.strip().startswith("./pasar")]


def test_readme_documents_exactly_the_two_commands():
    assert _quick_start_commands() == ["./pasar course", "./pasar test"]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    commands = [
        ln.strip()
        for ln in ci.splitlines()
        if ln.strip() and not ln.strip().startswith(("#", "echo"))
    ]
    ran = [c.removeprefix("exec ").split(" <")[0] for c in commands if "./pasar" in c]
    assert ran == ["./pasar test"]
    assert "./pasar test" in _quick_start_commands()


def test_scripts_are_executable_and_offer_both_commands():
    for script in ("pasar", ".ci/run"):
        assert os.access(REPO / script, os.X_OK), f"{script} is not executable"
    pasar = (REPO / "pasar").read_text()
    for cmd in ("course)", "present)", "test)"):
        assert f"    {cmd}" in pasar


# --- the lock: every laptop gets the versions the course was checked with ----------------------

def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep and version.strip(), f"constraints.txt: '{line}' is not pinned with =="
        name = re.sub(r"[-_.]+", "-", name.strip()).lower()
        assert name not in pins, f"{name} pinned twice in constraints.txt"
        pins[name] = version.strip()
    return pins


def test_every_pyproject_dependency_is_pinned_in_the_lock_within_its_range():
    from packaging.version import Version
    lock = _lock()
    missing = sorted(set(_pyproject_requirements()) - set(lock))
    assert not missing, f"not pinned in constraints.txt: {missing} (run tools/lock.py)"
    outside = {}
    for req in [*_pyproject()["project"]["dependencies"],
                *(r for e in EXTRAS for r in _pyproject()["project"]["optional-dependencies"][e])]:
        r = Requirement(req)
        name = _norm(req)[0]
        if not r.specifier.contains(Version(lock[name]), prereleases=True):
            outside[name] = (str(r.specifier), lock[name])
    assert not outside, f"pins outside pyproject.toml's ranges: {outside}"
    assert "pasar" not in lock  # the project itself is installed editable, never pinned


def test_the_launcher_installs_with_the_lock_and_only_course_packages_for_learners():
    pasar = (REPO / "pasar").read_text()
    assert '-c "$ROOT/constraints.txt"' in pasar
    assert "bootstrap course\n" in pasar and "bootstrap course,kit,test\n" in pasar
    body = pasar.split("cmd_course() {", 1)[1].split("\n}\n", 1)[0]
    assert "bootstrap course\n" in body and "test" not in body.replace("--lang", "")
    # the install stamp covers the lock, so a new pin reinstalls
    assert 'hash_file "$ROOT/constraints.txt"' in pasar


def test_one_name_one_meaning():
    scripts = _pyproject()["project"].get("scripts", {})
    assert "pasar" not in scripts, "the console script 'pasar' would shadow ./pasar's commands"
    assert scripts.get("pasar-sim") == "sim.cli:main"


def test_the_presenter_is_local_with_a_token_and_the_guides_use_it():
    body = (REPO / "pasar").read_text().split("cmd_present() {", 1)[1].split("\n}\n", 1)[0]
    assert "--Voila.ip=127.0.0.1" in body and '--token="$token"' in body
    assert 'token="$(new_token)"' in body and "bootstrap course\n" in body
    # the lesson runs before anyone opens it (benchmarks/first_chart.py measures the gain,
    # reading the same flags), on the course's own page
    assert 'done < "$ROOT/assets/jupyter/voila/present.args"' in body and '"${flags[@]}"' in body
    flags = [line for line in (REPO / "assets/jupyter/voila/present.args").read_text()
             .splitlines() if line and not line.startswith("#")]
    assert {"--template=pasar", "--preheat_kernel=True", "--pool_size=1"} <= set(flags)
    new_token = (REPO / "pasar").read_text().split("new_token() {", 1)[1].split("}", 1)[0]
    assert "secrets.token_urlsafe" in new_token
    guides = [REPO / "README.md", *sorted((REPO / "lessons").glob("*/*.md"))]
    for guide in guides:
        text = guide.read_text()
        assert not re.search(r"(^|[\s`/])voila\s+notebooks", text), f"bare voila in {guide}"
    assert any("./pasar present" in g.read_text() for g in guides[1:])
    assert "./pasar present" in guides[0].read_text()


def _body(command: str) -> str:
    return (REPO / "pasar").read_text().split(f"{command}() {{", 1)[1].split("\n}\n", 1)[0]


def test_the_trainer_commands_install_only_what_they_need():
    assert "bootstrap course,kit\n" in _body("cmd_kit") and "sim.course.kit" in _body("cmd_kit")
    offline = _body("cmd_offline")
    assert "bootstrap course\n" in offline and "sim.ui.offline" in offline
    assert "PASAR_CLASS" in _body("cmd_course")  # --class FOLDER: where answers are sent


@pytest.mark.parametrize("installed, asked, serves", [
    ("course,kit,test", "course", True), ("course,kit,test", "course,kit", True),
    ("course", "course,kit", False), ("course,kit", "course,kit,test", False),
    ("course,test", "course,kit,test", False), ("course", "course", True)])
def test_an_install_serves_every_command_whose_extras_it_has(installed, asked, serves):
    function = "has_extras() {" + _body("has_extras") + "\n}\n"
    done = subprocess.run(["bash", "-c", f"{function}has_extras {installed} {asked}"])
    assert (done.returncode == 0) == serves
