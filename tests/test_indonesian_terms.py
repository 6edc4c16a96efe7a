"""One Indonesian name per concept, and "Anda" throughout (issue 12 §4).

``lessons/id/istilah.md`` holds the terminology table: concept, English term, the one Indonesian
term, and the rejected variants in backticks. Every Indonesian text a learner sees is checked
against it: the catalogue's values, the facilitator guides, the quizzes, the glossary and the
notebooks' Markdown cells.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sim.i18n import t

ROOT = Path(__file__).resolve().parents[1]
TABLE = Path("lessons/id/istilah.md")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Words ending in "mu" that are not the familiar "-mu" ("your"): the course says "Anda" instead.
NOT_MU = {"bertemu", "ketemu", "temu", "ilmu", "jamu", "tamu", "ramu", "semu", "jemu", "kemu"}


def variants(root: Path = ROOT) -> dict[str, str]:
    """Rejected variant -> the Indonesian term to use instead, from the table's rows."""
    found = {}
    for line in (root / TABLE).read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not line.startswith("|") or set(cells[0]) <= {"-"}:
            continue
        for variant in re.findall(r"`([^`]+)`", cells[3]):
            found[variant] = cells[2]
    return found


def strings(value) -> list[str]:
    """Every string value in a JSON document (its keys are ids, not text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in strings(item)] if isinstance(value, list) else []


def texts(root: Path = ROOT) -> list[tuple[str, str]]:
    """(where, text) of every Indonesian text a learner sees."""
    out = []
    catalogue = json.loads((root / "sim/locales/id.json").read_text("utf-8"))
    out += [(f"id.json {key}", PLACEHOLDER.sub("", value)) for key, value in catalogue.items()]
    lessons = root / "lessons/id"
    out += [(str(p.relative_to(root)), p.read_text("utf-8"))
            for p in sorted(lessons.glob("*.md")) if p.name != TABLE.name]
    for path in sorted([*lessons.glob("quiz/*.json"), lessons / "glossary.json"]):
        out += [(str(path.relative_to(root)), text)
                for text in strings(json.loads(path.read_text("utf-8")))]
    for path in sorted((root / "notebooks/id").glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        out += [(f"{path.relative_to(root)} cell {n}", "".join(cell["source"]))
                for n, cell in enumerate(cells) if cell["cell_type"] == "markdown"]
    return out


def pattern(variant: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(variant) + r"(?!\w)", re.I)


def rejected(root: Path = ROOT) -> list[str]:
    """Every rejected variant (and every familiar "-mu" form) found, with where and what to use."""
    table = {variant: (pattern(variant), term) for variant, term in variants(root).items()}
    hits = []
    for where, text in texts(root):
        for variant, (regex, term) in table.items():
            if regex.search(text):
                hits.append(f"{where}: '{variant}' (use '{term}')")
        for word in re.findall(r"\b\w+mu\b", text):
            if word.lower() not in NOT_MU and word.lower() not in table:
                hits.append(f"{where}: '{word}' (use 'Anda')")
    return hits


def test_the_table_names_one_term_per_concept():
    table = variants()
    assert len(table) >= 30
    for variant, term in table.items():
        assert term and variant.lower() not in term.lower().split(" ("), (variant, term)
    for must in ("kamu", "potensial", "loyal", "kesetiaan", "porsi", "pasar musiman", "sapuan",
                 "kebisingan", "dengan tangan", "huruf besar", "lihat kata model", "menyewa jasa",
                 "setengah kompetisi", "agen terikat"):
        assert must in table, must


def test_no_rejected_variant_in_indonesian_learner_text():
    assert rejected() == []


def test_a_planted_variant_is_found(tmp_path):
    """The check can fail: plant variants in a copy of the course and it names each one."""
    for part in ("sim/locales", "lessons/id", "notebooks/id"):
        shutil.copytree(ROOT / part, tmp_path / part)
    assert rejected(tmp_path) == []

    catalogue = tmp_path / "sim/locales/id.json"
    strings = json.loads(catalogue.read_text("utf-8"))
    strings["ui.quiz.title"] = "Uji pemahamanmu"
    strings["stage.potential"] = "Potensial"
    strings["ui.sum.stages"] += " {loyal}"  # a placeholder is code, not a word
    catalogue.write_text(json.dumps(strings, ensure_ascii=False), "utf-8")
    notebook = tmp_path / "notebooks/id/05_produk_vs_pelanggan.ipynb"
    nb = json.loads(notebook.read_text("utf-8"))
    markdown = next(cell for cell in nb["cells"] if cell["cell_type"] == "markdown")
    code = next(cell for cell in nb["cells"] if cell["cell_type"] == "code")
    markdown["source"].append("\nDi pasar musiman, kesetiaan tumbuh pelan.")
    code["source"].append("\n# sapuan")  # code cells are not learner prose
    notebook.write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
    guide = tmp_path / "lessons/id/07_kapan_beralih.md"
    guide.write_text(guide.read_text("utf-8") + "\nSelisih itu di dalam kebisingan.\n", "utf-8")

    hits = rejected(tmp_path)
    assert len(hits) == 5, hits
    for expected in ("id.json ui.quiz.title: 'pemahamanmu'", "id.json stage.potential: 'potensial'",
                     "'pasar musiman' (use 'pasar tren sesaat')", "'kesetiaan' (use 'loyalitas')",
                     "07_kapan_beralih.md: 'kebisingan'"):
        assert any(expected in hit for hit in hits), (expected, hits)


@pytest.mark.parametrize("variant", sorted(variants()))
def test_every_variant_would_be_caught(variant):
    sentence = f"Lalu {variant.upper()} di sini."
    assert pattern(variant).search(sentence)
    assert not pattern(variant).search(f"Lalu x{variant}x di sini.") or not variant[0].isalnum()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_no_data_hint_names_the_real_buttons(lang):
    hint = t("ui.sum.no_data", lang)
    assert t("ui.run.step", lang) in hint and t("ui.run.run", lang) in hint, hint
