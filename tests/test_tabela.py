"""As páginas do livro só colam (glue) números que os notebooks de fato guardaram.

Sem este teste, uma chave que sumiu de um notebook só aparece como aviso no
build do livro; aqui a mensagem diz qual página, qual notebook e qual chave.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
REFERENCIA = re.compile(r"\{glue:[a-z]+\}`/?(notebooks/[^`:]+\.ipynb)::([A-Za-z_][A-Za-z0-9_]*)(?::[^`]*)?`")


def _chaves_coladas(caminho: Path) -> set[str]:
    nb = json.loads(caminho.read_text(encoding="utf-8"))
    return {saida.get("metadata", {}).get("scrapbook", {}).get("name")
            for celula in nb["cells"] if celula["cell_type"] == "code"
            for saida in celula.get("outputs", [])} - {None}


def _referencias() -> list[tuple[str, str, str]]:
    achadas = []
    for pagina in sorted((RAIZ / "book").glob("*.md")):
        for nb, chave in REFERENCIA.findall(pagina.read_text(encoding="utf-8")):
            achadas.append((pagina.name, nb, chave))
    return achadas


def test_ha_referencias_na_tabela():
    assert any(p == "tabela_reproducao.md" for p, _, _ in _referencias())


@pytest.mark.parametrize("nb", sorted({nb for _, nb, _ in _referencias()}))
def test_chaves_coladas_existem(nb):
    caminho = RAIZ / nb
    assert caminho.is_file(), f"a tabela cita {nb}, que não existe."
    guardadas = _chaves_coladas(caminho)
    faltam = sorted({(p, c) for p, n, c in _referencias() if n == nb and c not in guardadas})
    assert not faltam, f"{nb} não guarda as chaves coladas em: " + ", ".join(
        f"{p} → {c}" for p, c in faltam)


def test_paginas_sem_caracteres_de_controle():
    """Um "\\t" ou "\\b" escrito sem string crua vira TAB/backspace e estraga o LaTeX."""
    import re
    raiz = Path(__file__).resolve().parents[1]
    ruins = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
    achados = [f"{p.relative_to(raiz)}:{n}" for p in sorted(raiz.glob("book/*.md"))
               for n, linha in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
               if ruins.search(linha)]
    assert not achados, f"caracteres de controle em: {achados}"
