"""Capítulo 24: gerando variáveis aleatórias — números do capítulo, widget, figura de rejeição e o notebook."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from profundo import amostragem, graficos, widgets

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "24_variaveis_aleatorias.ipynb"


def _f_beta(x):
    x = np.asarray(x, dtype=float)
    return np.where((x >= 0) & (x <= 1), 30 * x * (1 - x) ** 4, 0.0)


# ---------------------------------------------------------------------------
# Os números e as respostas dos exercícios
# ---------------------------------------------------------------------------

def test_tabela_de_periodos_do_capitulo():
    esperado = {(5, 3, 16): (16, True), (5, 0, 16): (4, False), (3, 3, 16): (8, False), (5, 4, 16): (2, False),
                (13, 7, 64): (64, True), (21, 1, 100): (100, True), (11, 1, 100): (50, False)}
    for (a, c, m), (periodo, completo) in esperado.items():
        assert amostragem.periodo(a, c, m, semente=1) == periodo
        assert amostragem.tem_periodo_completo(a, c, m) is completo


def test_gerador_de_brinquedo_do_texto_percorre_os_16_estados():
    x = amostragem.GeradorCongruencial(semente=7, a=5, c=3, m=16).inteiros(17)
    assert sorted(x[:16]) == list(range(16)) and x[16] == x[0] == 6


def test_gerador_de_256_estados_tem_256_pares_distintos_e_e_uniforme_demais():
    u = amostragem.GeradorCongruencial(semente=1, a=37, c=1, m=256).uniformes(10_000)
    assert len(set(zip(u[:-1], u[1:]))) == 256
    assert amostragem.distancia_ks(u) < 0.87 / math.sqrt(len(u)) / 2


def test_beta25_com_proposta_uniforme():
    M = amostragem.menor_constante(_f_beta, "uniforme", np.linspace(0, 1, 10_001))
    assert M == pytest.approx(30 * 0.2 * 0.8**4)              # f(1/5) = 2,4576
    r = amostragem.amostrar_rejeicao(_f_beta, "uniforme", M, 20_000, rng=0)
    assert r.taxa_aceitacao == pytest.approx(1 / M, abs=0.01)
    with pytest.raises(ValueError, match="aumente M"):
        amostragem.amostrar_rejeicao(_f_beta, "uniforme", 2.0, 1000, rng=0)


def test_constante_em_784_dimensoes():
    assert 1.1**784 == pytest.approx(2.8e32, rel=0.02)


def test_gerador_da_mistura_escrito_a_mao():
    z = amostragem.amostrar(50_000, "normal", 3)
    x = amostragem.transformada_inversa(amostragem.fda(z, "normal"), "mistura")
    assert amostragem.distancia_ks(x, "mistura") < 0.01


def test_respostas_dos_exercicios():
    assert amostragem.periodo(9, 5, 32) == 32 and amostragem.tem_periodo_completo(9, 5, 32)
    assert amostragem.transformada_inversa(0.9, "exponencial", taxa=0.5) == pytest.approx(-math.log(0.1) / 0.5)
    f22 = lambda x: np.where((x >= 0) & (x <= 1), 6 * x * (1 - x), 0.0)   # noqa: E731
    M = amostragem.menor_constante(f22, "uniforme", np.linspace(0, 1, 10_001))
    assert 1 / M == pytest.approx(2 / 3)
    a, m = 65539, 2**31
    assert (a * a) % m == (6 * a - 9) % m
    x = amostragem.GeradorCongruencial(1, a=a, c=0, m=m).inteiros(100).astype(object)
    assert all(x[k + 2] == (6 * x[k + 1] - 9 * x[k]) % m for k in range(98))


def test_inversa_generalizada_da_fda_empirica_e_o_quantil_invertido():
    rng = np.random.default_rng(0)
    valores = rng.integers(0, 5, size=37).astype(float)      # distribuição discreta, com empates
    ordenados = np.sort(valores)
    u = amostragem.uniformes_abertos(500, rng)
    nossa = ordenados[np.ceil(u * len(valores)).astype(int) - 1]
    np.testing.assert_array_equal(nossa, np.quantile(valores, u, method="inverted_cdf"))


# ---------------------------------------------------------------------------
# Widget da transformada inversa e figura da rejeição
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dist", amostragem.DISTRIBUICOES)
def test_desenhar_transformada_inversa_em_todas_as_distribuicoes(dist):
    fig = widgets.desenhar_transformada_inversa(dist, u=0.3, n=500)
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    titulo = fig.axes[1].get_title()
    x = amostragem.transformada_inversa(0.3, dist)
    assert "0,30" in titulo and graficos.formatar_numero(x, 2) in titulo


def test_transformada_inversa_avisa_quando_x_sai_do_grafico():
    assert "fora do gráfico" in widgets.desenhar_transformada_inversa("cauchy", u=0.99, n=200).axes[1].get_title()
    assert "fora" not in widgets.desenhar_transformada_inversa("normal", u=0.99, n=200).axes[1].get_title()


def test_faixa_da_cauchy_e_limitada():
    inicio, fim = widgets.faixa_distribuicao("cauchy")
    assert (inicio, fim) == pytest.approx((-12.0, 12.0))          # mediana ± 6 IQR, IQR = 2
    inicio, fim = widgets.faixa_distribuicao("normal")
    assert fim == pytest.approx(amostragem.transformada_inversa(0.995, "normal"))


def test_widget_transformada_inversa_tem_imagem_estatica():
    w = widgets.transformada_inversa("mistura", u=0.4)
    assert isinstance(w, widgets.ComFigura) and w.png.startswith(b"\x89PNG")
    assert "mistura" in repr(w)


@pytest.mark.parametrize("argumentos, erro", [
    (dict(distribuicao="gama"), ValueError), (dict(u=0.0), ValueError), (dict(u=1.2), ValueError),
    (dict(u="0,5"), TypeError), (dict(n=0), ValueError)])
def test_widget_transformada_inversa_valida_entradas(argumentos, erro):
    with pytest.raises(erro):
        widgets.transformada_inversa(**argumentos)


def test_desenhar_rejeicao():
    r = amostragem.amostrar_rejeicao(_f_beta, "uniforme", 2.4576, 2000, rng=1)
    fig = graficos.desenhar_rejeicao(r, _f_beta, "uniforme", n_pontos=300, grade=np.linspace(0, 1, 101))
    ax, ax_h = fig.axes
    assert "300 primeiras propostas" in ax.get_title()
    assert graficos.formatar_numero(r.taxa_aceitacao, 4) in ax_h.get_title()


# ---------------------------------------------------------------------------
# O notebook
# ---------------------------------------------------------------------------

def _notebook():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _fontes(nb, tipo):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == tipo)


def test_notebook_cola_todas_as_chaves_que_a_prosa_usa():
    nb = _notebook()
    codigo, prosa = _fontes(nb, "code"), _fontes(nb, "markdown")
    usadas = set(re.findall(r"\{glue:text\}`(c24_\w+)`", prosa))
    coladas = set(re.findall(r'glue\(f?"(c24_\w+)"', codigo))
    for prefixo in re.findall(r'glue\(f"(c24_\w+?)_\{nome\}"', codigo):
        coladas |= {f"{prefixo}_{nome}" for nome in ("cong", "brinquedo", "numpy")}
    coladas |= {f"c24_{k}" for k in ("modo", "dispositivo", "data")}
    assert 'livro.colar_contexto("c24"' in codigo
    assert usadas and usadas <= coladas, sorted(usadas - coladas)


def test_notebook_estrutura_e_notas_sobre_as_fontes():
    prosa = _fontes(_notebook(), "markdown")
    assert prosa.startswith("(c24-variaveis-aleatorias)=")
    for secao in ("## Resumo", "## Exercícios", "## Para saber mais"):
        assert secao in prosa
    assert prosa.count("```{note}") == 2
    assert "mesma distribuição" in prosa and "0{,}159" in prosa
    assert "{cite:t}`dlbook`" in prosa and "{cite:t}`morettin-aula16`" in prosa
    assert "P\\bigl(U \\le F(x)\\bigr) = F(x)" in prosa          # a prova


def test_notebook_usa_o_pacote_e_nao_redefine():
    codigo = _fontes(_notebook(), "code")
    assert "widgets.transformada_inversa(" in codigo and "amostragem.amostrar_rejeicao(" in codigo
    assert codigo.count("exercicios.conferir(") >= 3
    for nome in ("transformada_inversa", "amostrar_rejeicao", "menor_constante", "GeradorCongruencial",
                 "periodo", "tem_periodo_completo", "distancia_ks", "desenhar_rejeicao"):
        assert not re.search(rf"^\s*(def|class)\s+{nome}\b", codigo, re.M), nome
    assert "cuda" not in codigo


def test_notebook_gravado_sem_erros():
    nb = _notebook()
    erros = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
             if o.get("output_type") == "error"]
    assert not erros
    assert "hash_codigo" in nb["metadata"]["profundo"]


def test_notebook_escreve_numeros_com_virgula():
    """Nada de ``:.1e``/``:.3f`` nas células: os números passam por ``graficos.formatar_*``."""
    codigo = _fontes(_notebook(), "code")
    assert not re.search(r"\{[^{}]*:[,.]?\d*[eEfg]\}", codigo)
    assert "graficos.formatar_cientifico(np.abs(x_mao - x_pacote).max(), 1)" in codigo
