"""Capítulo 14: gradientes instáveis (números da fonte, faixa de ativações, treino medido)."""

import numpy as np
import pytest

from profundo import dados
from profundo import gradientes_instaveis as G
from profundo.ativacoes import sigmoide, sigmoide_derivada
from profundo.rede import Rede
from profundo.regularizacao import L2

FONTE = {2: [0.07, 0.31], 3: [0.012, 0.060, 0.283], 4: [0.003, 0.017, 0.070, 0.285]}


def _largura_faixa(w):
    """A fórmula do texto: largura da faixa de a com |w σ'(wa + b)| ≥ 1."""
    s = np.sqrt(1 - 4 / abs(w))
    return 2 / abs(w) * np.log(abs(w) * (1 + s) / 2 - 1)


@pytest.fixture(scope="module")
def mil():
    m = dados.carregar_mnist(progresso=False).primeiros(1000)
    return m.x_treino, m.y_treino


@pytest.mark.parametrize("w", [4.5, 5.0, 8.0, 20.0, -30.0, 100.0])
def test_largura_da_faixa_confere_com_a_grade(w):
    a = np.linspace(-1, 2, 2_000_001)
    acima = np.abs(w * sigmoide_derivada(w * a - w / 2)) >= 1
    medida = acima.sum() * (a[1] - a[0])
    assert medida == pytest.approx(_largura_faixa(w), abs=1e-5)


def test_identidade_da_largura():
    """2 ln((1+s)/(1−s)) = 2 ln(|w|(1+s)/2 − 1), com s = √(1 − 4/|w|)."""
    for w in (4.2, 6.9, 13.0, 250.0):
        s = np.sqrt(1 - 4 / w)
        assert np.log((1 + s) / (1 - s)) == pytest.approx(np.log(w * (1 + s) / 2 - 1))


def test_largura_maxima_perto_de_6_9():
    """O exercício da fonte: a largura é máxima em |w| ≈ 6,9, onde vale ≈ 0,45."""
    ws = np.linspace(4, 100, 96_001)
    larguras = _largura_faixa(ws)
    assert ws[np.argmax(larguras)] == pytest.approx(6.9, abs=0.05)
    assert larguras.max() == pytest.approx(0.45, abs=0.005)


def test_fator_nunca_chega_a_1_com_w_menor_que_4():
    z = np.linspace(-20, 20, 100_001)
    for w in (0.5, 1.0, 3.0, 3.99):
        assert np.max(np.abs(w * sigmoide_derivada(z))) < 1


def test_cadeia_de_quatro_razoes_da_fonte():
    explode = G.cadeia(4, w=100.0, centrar=True, x=0.7)
    assert explode.gradientes[0] / explode.gradientes[-1] == pytest.approx(25 ** 3)
    rng = np.random.default_rng(0)
    for _ in range(2000):  # com |w| < 1, ∂C/∂b₁ é pelo menos 16 vezes menor que ∂C/∂b₃
        c = G.cadeia(4, rng.uniform(-1, 1, 4), rng.standard_normal(4), x=float(rng.random()))
        assert abs(c.gradientes[0]) < abs(c.gradientes[2]) / 16


def test_treinar_medindo_repassa_a_regularizacao():
    rng = np.random.default_rng(0)
    X, y = rng.random((30, 12)), rng.integers(0, 10, 30)
    com = Rede([12, 5, 5, 10], custo="entropia_cruzada", semente=0)
    manual = Rede([12, 5, 5, 10], custo="entropia_cruzada", semente=0)
    sem = Rede([12, 5, 5, 10], custo="entropia_cruzada", semente=0)
    m = G.treinar_medindo(com, X, y, epocas=3, tamanho_lote=30, taxa_aprendizado=0.5,
                          regularizacao=L2(50.0))
    G.treinar_medindo(sem, X, y, epocas=3, tamanho_lote=30, taxa_aprendizado=0.5)
    for epoca in range(3):
        manual.treinar(X, y, epocas=1, tamanho_lote=30, taxa_aprendizado=0.5,
                       regularizacao=L2(50.0), semente=epoca, mostrar=False)
    for a, b in zip(com.pesos, manual.pesos):
        np.testing.assert_allclose(a, b)
    assert sum(np.sum(w ** 2) for w in com.pesos) < sum(np.sum(w ** 2) for w in sem.pesos)
    assert m.por_camada().shape == (4, 2)


def test_normas_iniciais_perto_das_da_fonte(mil):
    """Média de 5 sementes nas 1.000 primeiras imagens: dentro de 35% dos valores publicados."""
    X, y = mil
    for k, fonte in FONTE.items():
        camadas = [784] + [30] * k + [10]
        media = np.mean([G.normas_delta(Rede(camadas, custo="entropia_cruzada", inicializacao="escalada",
                                             semente=s), X, y) for s in range(5)], axis=0)
        np.testing.assert_allclose(media, fonte, rtol=0.35)
        assert np.all(np.diff(media) > 0)  # a primeira camada oculta é a mais lenta


def test_fator_por_camada_acompanha_sigma_linha_tipico(mil):
    """Com pesos N(0, 1/30), ‖δˡ‖/‖δˡ⁺¹‖ ≈ raiz da média de σ'(z)² na camada."""
    X, y = mil
    razoes, tipicos = [], []
    for s in range(5):
        rede = Rede([784, 30, 30, 30, 30, 10], custo="entropia_cruzada", inicializacao="escalada", semente=s)
        n = np.array(G.normas_delta(rede, X, y))
        razoes.append(n[:-1] / n[1:])
        a = X.astype(float)
        for w, b in zip(rede.pesos[:-1], rede.vieses[:-1]):
            z = a @ w.T + b
            tipicos.append(np.sqrt(np.mean(sigmoide_derivada(z) ** 2)))
            a = sigmoide(z)
    assert np.mean(razoes) == pytest.approx(np.mean(tipicos), rel=0.1)
