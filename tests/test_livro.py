"""O executor e os carimbos: um notebook sem carimbo, velho ou com erro não passa."""

from pathlib import Path

import nbformat
import pytest

from profundo import livro

RAIZ = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((RAIZ / "notebooks").glob("*.ipynb"))


def notebook(*fontes):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Título")]
    nb.cells += [nbformat.v4.new_code_cell(f) for f in fontes]
    return nb


def test_hash_ignora_saidas_e_markdown():
    a = notebook("x = 1", "print(x)")
    b = notebook("x = 1", "print(x)  ")
    b.cells[0].source = "# Outro título"
    b.cells[2].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    assert livro.hash_codigo(a) == livro.hash_codigo(b)
    b.cells[1].source = "x = 2"
    assert livro.hash_codigo(a) != livro.hash_codigo(b)


@pytest.fixture(scope="module")
def executado(tmp_path_factory):
    caminho = tmp_path_factory.mktemp("nb") / "exemplo.ipynb"
    nbformat.write(notebook("from profundo import ambiente\nx = 21", "print(2 * x)"), caminho)
    carimbo = livro.executar(caminho, modo="rapido")
    return caminho, carimbo


def test_executar_grava_saidas_e_carimbo(executado):
    caminho, carimbo = executado
    nb = nbformat.read(caminho, as_version=4)
    assert nb.metadata["profundo"] == carimbo
    assert carimbo["modo"] == "rapido" and carimbo["dispositivo"]
    assert carimbo["versoes"]["numpy"] and carimbo["hash_codigo"] == livro.hash_codigo(nb)
    assert nb.cells[-1].outputs[0]["text"] == "42\n" and len(nb.cells) == 3
    assert livro.problemas(caminho) == []


def test_carimbo_velho_e_detectado(executado, tmp_path):
    caminho, _ = executado
    nb = nbformat.read(caminho, as_version=4)
    nb.cells[2].source = "print(3 * x)"
    nbformat.write(nb, tmp_path / "velho.ipynb")
    assert any("carimbo velho" in p for p in livro.problemas(tmp_path / "velho.ipynb"))


def test_sem_carimbo_erro_e_fora_de_ordem(executado, tmp_path):
    caminho, _ = executado
    nb = nbformat.read(caminho, as_version=4)
    sem = nbformat.from_dict(nb)
    del sem.metadata["profundo"]
    nbformat.write(sem, tmp_path / "sem.ipynb")
    assert "sem carimbo" in livro.problemas(tmp_path / "sem.ipynb")[0]

    com_erro = nbformat.from_dict(nb)
    com_erro.cells[2].outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError",
                                                        evalue="", traceback=[])]
    nbformat.write(com_erro, tmp_path / "erro.ipynb")
    assert any("ZeroDivisionError" in p for p in livro.problemas(tmp_path / "erro.ipynb"))

    desordem = nbformat.from_dict(nb)
    desordem.cells[2].execution_count = 7
    nbformat.write(desordem, tmp_path / "desordem.ipynb")
    assert any("em ordem" in p for p in livro.problemas(tmp_path / "desordem.ipynb"))


def test_executar_falha_sem_gravar(tmp_path):
    caminho = tmp_path / "quebrado.ipynb"
    nbformat.write(notebook("1 / 0"), caminho)
    antes = caminho.read_bytes()
    with pytest.raises(livro.ErroCarimbo, match="falhou"):
        livro.executar(caminho, modo="rapido")
    assert caminho.read_bytes() == antes


def test_cli_verificar(executado, capsys):
    caminho, _ = executado
    assert livro.main(["verificar", str(caminho)]) == 0
    assert "conferem" in capsys.readouterr().out


def test_existem_notebooks():
    assert NOTEBOOKS, "nenhum notebook em notebooks/"


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_do_livro_carimbados(caminho):
    """Todo notebook do livro foi executado pelo executor, depois da última mudança no código."""
    assert livro.problemas(caminho) == []


def test_nomes_dos_notebooks():
    for caminho in NOTEBOOKS:
        numero, _, nome = caminho.stem.partition("_")
        assert numero.isdigit() and len(numero) == 2 and nome, caminho.name


def test_figuras_das_paginas_atualizadas(tmp_path):
    """As figuras de book/figuras são exatamente as que o código desenha hoje."""
    for nova in livro.figuras(tmp_path):
        guardada = RAIZ / "book" / "figuras" / nova.name
        assert guardada.is_file(), f"falta {guardada}: rode `make figuras`"
        assert nova.read_bytes() == guardada.read_bytes(), f"{guardada.name} velha: rode `make figuras`"


def test_glue_funciona_sem_myst_nb(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "myst_nb", None)  # como no Colab: o import falha
    assert livro.glue("c99_valor", "0,42", display=False) is None
    livro.glue("c99_valor", "0,42")
    assert "0,42" in capsys.readouterr().out
    with pytest.raises(ValueError, match="identificador"):
        livro.glue("c99 valor", 1)


def test_colar_contexto(monkeypatch):
    colados = {}
    monkeypatch.setattr(livro, "glue", lambda nome, valor, display=True: colados.update({nome: valor}))
    monkeypatch.setenv("PROFUNDO_MODO", "rapido")
    contexto = livro.colar_contexto("c99", dados="MNIST de teste")
    assert colados["c99_modo"] == "rápido" and colados["c99_dados"] == "MNIST de teste"
    assert set(contexto) == {"modo", "dispositivo", "data", "dados"}
