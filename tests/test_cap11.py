"""Capítulo 11: inicialização de pesos (desvio de z, sorteios e o widget)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from profundo import widgets
from profundo import rede as rede_mod
from profundo.rede import Rede


def test_numeros_da_fonte():
    """1.000 entradas, metade acesas: √501 ≈ 22,4 com N(0, 1) e √1,5 ≈ 1,22 com N(0, 1/n)."""
    antigo = rede_mod.desvio_entrada_ponderada(1000, 0.5, 1.0)
    novo = rede_mod.desvio_entrada_ponderada(1000, 0.5, rede_mod.desvio_pesos_para("escalada", 1000))
    assert antigo == pytest.approx(np.sqrt(501))
    assert round(antigo, 1) == 22.4
    assert novo == pytest.approx(np.sqrt(1.5))
    assert round(novo, 2) == 1.22


def test_desvio_pesos_para():
    assert rede_mod.desvio_pesos_para("normal", 400) == 1.0
    assert rede_mod.desvio_pesos_para("escalada", 400) == pytest.approx(0.05)
    assert rede_mod.desvio_pesos_para("personalizada", 400, 0.3) == 0.3
    with pytest.raises(ValueError, match="inicializacao"):
        rede_mod.desvio_pesos_para("xavier", 400)


@pytest.mark.parametrize("n, fracao, s", [(1000, 0.5, 1.0), (1000, 0.5, 1000 ** -0.5), (50, 0.2, 0.7)])
def test_sorteios_seguem_a_teoria(n, fracao, s):
    z = rede_mod.sortear_entrada_ponderada(n, fracao, s, n_sorteios=20_000, semente=1)
    teorico = rede_mod.desvio_entrada_ponderada(n, fracao, s)
    assert z.shape == (20_000,)
    assert abs(z.mean()) < 4 * teorico / np.sqrt(len(z))
    assert z.std() == pytest.approx(teorico, rel=0.03)


def test_sorteios_iguais_ao_produto_completo():
    """Sortear só os pesos das entradas acesas equivale a fazer w·x + b com o vetor inteiro."""
    n, fracao = 40, 0.25
    z = rede_mod.sortear_entrada_ponderada(n, fracao, 1.0, n_sorteios=7, semente=3, bloco=7)
    rng = np.random.default_rng(3)
    acesas = round(fracao * n)
    pesos = np.zeros((7, n))
    pesos[:, :acesas] = rng.standard_normal((7, acesas))
    vies = rng.standard_normal(7)
    x = np.r_[np.ones(acesas), np.zeros(n - acesas)]
    np.testing.assert_allclose(z, pesos @ x + vies)


def test_semente_reproduz_e_blocos_nao_mudam_a_distribuicao():
    a = rede_mod.sortear_entrada_ponderada(100, 0.5, 1.0, n_sorteios=500, semente=5)
    b = rede_mod.sortear_entrada_ponderada(100, 0.5, 1.0, n_sorteios=500, semente=5)
    np.testing.assert_array_equal(a, b)
    c = rede_mod.sortear_entrada_ponderada(100, 0.5, 1.0, n_sorteios=501, semente=5, bloco=100)
    assert c.shape == (501,)


def test_rede_escalada_usa_o_mesmo_desvio():
    """A inicialização 'escalada' da Rede tem pesos com desvio 1/√n_entrada."""
    rede = Rede([1000, 200, 10], inicializacao="escalada", semente=0)
    assert rede.pesos[0].std() == pytest.approx(rede_mod.desvio_pesos_para("escalada", 1000), rel=0.02)
    x = np.r_[np.ones(500), np.zeros(500)]
    z = rede.pesos[0] @ x + rede.vieses[0]
    assert z.std() == pytest.approx(rede_mod.desvio_entrada_ponderada(1000, 0.5, 1000 ** -0.5), rel=0.15)


@pytest.mark.parametrize("args, erro", [
    ((0, 0.5, 1.0), ValueError), ((10.5, 0.5, 1.0), TypeError), ((True, 0.5, 1.0), TypeError),
    ((10, 1.5, 1.0), ValueError), ((10, 0.5, -1.0), ValueError), ((10, "metade", 1.0), TypeError),
    ((10, 0.5, float("nan")), ValueError),
])
def test_validacao(args, erro):
    with pytest.raises(erro):
        rede_mod.desvio_entrada_ponderada(*args)
    with pytest.raises(erro):
        rede_mod.sortear_entrada_ponderada(*args, n_sorteios=10)


def test_n_sorteios_invalido():
    with pytest.raises(ValueError, match="n_sorteios"):
        rede_mod.sortear_entrada_ponderada(10, 0.5, 1.0, n_sorteios=0)


def test_desenho_e_widget():
    fig = widgets.desenhar_histograma_inicializacao(200, 0.5, "escalada", n_sorteios=1000)
    assert len(fig.axes) == 2
    assert "desvio teórico" in fig._suptitle.get_text()
    assert "1,22" in fig._suptitle.get_text()  # √(100 · 1/200 + 1) = √1,5
    plt.close(fig)
    painel = widgets.histograma_inicializacao(1000, 0.5, "escalada")
    assert painel.png.startswith(b"\x89PNG")
    assert "escalada" in painel.descricao
    dados = painel._repr_mimebundle_()
    assert "image/png" in dados and widgets.WIDGET_MIME in dados
    plt.close("all")


def test_widget_valida_argumentos():
    with pytest.raises(ValueError, match="inicializacao"):
        widgets.histograma_inicializacao(inicializacao="grande")
    with pytest.raises(ValueError, match="n_entradas"):
        widgets.histograma_inicializacao(n_entradas=5000)
    with pytest.raises(ValueError, match="desvio"):
        widgets.histograma_inicializacao(inicializacao="personalizada", desvio=5.0)
