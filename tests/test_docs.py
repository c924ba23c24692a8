"""docs/ontology.md is generated from the ontology and kept up to date."""

import shutil
from pathlib import Path

import pytest

from kg import docs, vocab
from kg.namespaces import ONTOLOGY_DIR

DATA = Path(__file__).parent / "data" / "ontology"


@pytest.fixture(scope="module")
def markdown() -> str:
    return docs.render_markdown()


def test_docs_file_is_up_to_date():
    assert docs.main(["--check"]) == 0, "run: python -m kg.docs"


@pytest.mark.parametrize("name", vocab.CLASSES + vocab.PROPERTIES + vocab.INDIVIDUALS)
def test_docs_have_a_section_per_term(markdown, name):
    assert f"### `pow:{name}`" in markdown


def test_docs_show_union_domains(markdown):
    assert "- Domain: `pow:Exchange` or `pow:Stage`" in markdown


def test_docs_show_shape_messages(markdown):
    assert "  - `pow:evidence` (required): Every extracted fact needs pow:evidence" in markdown


def test_docs_list_categories_from_scheme(tmp_path):
    for name in ("pow.ttl", "shapes.ttl"):
        shutil.copy(ONTOLOGY_DIR / name, tmp_path)
    shutil.copy(DATA / "categories.ttl", tmp_path)
    markdown = docs.render_markdown(tmp_path)
    assert "| `pow:Remains` | remains | bodies |  |" in markdown


def test_docs_check_flags_stale_file(tmp_path):
    output = tmp_path / "ontology.md"
    output.write_text("# stale\n", encoding="utf-8")
    assert docs.main(["--check", "-o", str(output)]) == 1


def test_docs_check_passes_after_writing(tmp_path):
    output = tmp_path / "docs" / "ontology.md"
    assert docs.main(["-o", str(output)]) == 0
    assert docs.main(["--check", "-o", str(output)]) == 0
