"""Capítulo 15: tamanho do lote, norma do gradiente e a lei da raiz quadrada."""

import itertools
import math

import numpy as np
import pytest
import torch
from torch import nn

from profundo import tamanho_lote as TL
from profundo import treino


def _modelo_e_dados(n=40, d=6, classes=3, semente=0):
    rng = np.random.default_rng(semente)
    x = rng.standard_normal((n, d))
    y = rng.integers(0, classes, n)
    torch.manual_seed(semente)
    return treino.mlp([d, 5, classes]).double(), x, y


def _gradientes_por_exemplo(modelo, x, y):
    """Um gradiente da última camada por exemplo, pelo autograd (referência lenta)."""
    grads = []
    for i in range(len(x)):
        modelo.zero_grad()
        saida = modelo(torch.tensor(x[i:i + 1], dtype=torch.float64))
        nn.functional.cross_entropy(saida, torch.tensor(y[i:i + 1]), reduction="sum").backward()
        grads.append(modelo[-1].weight.grad.detach().clone().ravel().numpy())
    return np.array(grads)


def test_numeros_do_capitulo():
    """O MLP da fonte tem 1.863.690 parâmetros; 60.000 imagens dão 938 e 59 passos por época."""
    m = treino.mlp([784, 1024, 1024, 10])
    assert sum(p.numel() for p in m.parameters()) == 1_863_690
    assert math.ceil(60_000 / 64) == 938 and math.ceil(60_000 / 1024) == 59


def test_momentos_iguais_aos_gradientes_por_exemplo():
    m, x, y = _modelo_e_dados()
    g = _gradientes_por_exemplo(m, x, y)
    mom = TL.momentos_gradiente(m, x, y)
    mu = g.mean(0)
    assert mom.n == len(x)
    assert mom.quadrado_media == pytest.approx(float(mu @ mu), rel=1e-10)
    assert mom.traco_covariancia == pytest.approx(float(((g - mu) ** 2).sum(1).mean()), rel=1e-10)
    assert mom.lote_critico == pytest.approx(mom.traco_covariancia / mom.quadrado_media)


@pytest.mark.parametrize("b", [1, 3, 7])
def test_norma_prevista_exata_ao_enumerar_todos_os_lotes(b):
    """E‖S_B‖², com a correção de população finita, é a média sobre todos os lotes possíveis."""
    m, x, y = _modelo_e_dados(n=7)
    g = _gradientes_por_exemplo(m, x, y)
    quadrados = [float(np.sum(g[list(lote)].sum(0) ** 2))
                 for lote in itertools.combinations(range(len(x)), b)]
    mom = TL.momentos_gradiente(m, x, y)
    assert mom.norma_prevista([b])[0] ** 2 == pytest.approx(np.mean(quadrados), rel=1e-10)
    assert mom.norma_prevista([b], reducao="media")[0] == pytest.approx(mom.norma_prevista([b])[0] / b)


def test_lei_da_raiz_quadrada_com_ruido_dominante():
    """Sem média (‖μ‖ = 0) e N grande, a norma prevista cresce exatamente como √B."""
    mom = TL.MomentosGradiente(quadrado_media=0.0, traco_covariancia=4.0, n=10 ** 9)
    prev = mom.norma_prevista([1, 4, 16, 64])
    np.testing.assert_allclose(prev / prev[0], [1, 2, 4, 8], rtol=1e-6)
    assert mom.lote_critico == float("inf")
    so_media = TL.MomentosGradiente(quadrado_media=1.0, traco_covariancia=0.0, n=100)
    np.testing.assert_allclose(so_media.norma_prevista([1, 10, 100]), [1, 10, 100])


def test_sorteios_concordam_com_a_previsao():
    m, x, y = _modelo_e_dados(n=300, semente=2)
    mom = TL.momentos_gradiente(m, x, y)
    medidas = TL.normas_gradiente(m, x, y, [1, 10, 100], tentativas=800, semente=1)
    previstas = mom.norma_prevista(medidas.tamanhos)
    # a norma média fica abaixo da raiz da média dos quadrados (Jensen), mas perto
    assert np.all(medidas.media <= previstas * 1.03)
    np.testing.assert_allclose(medidas.media, previstas, rtol=0.2)


def test_expoente_numa_faixa_e_coeficiente_de_variacao():
    tamanhos = [1, 2, 4, 8, 16, 32]
    media = np.array([1, 2 ** 0.5, 2, 8, 16, 32], dtype=float)     # √B até 4, depois ∝ B
    r = TL.NormasPorLote(tamanhos, media, 0.1 * media, "soma")
    assert r.expoente(maximo=4) == pytest.approx(0.5)
    assert r.expoente(minimo=8) == pytest.approx(1.0)
    np.testing.assert_allclose(r.coeficiente_variacao(), 0.1)
    with pytest.raises(ValueError, match="dois tamanhos"):
        r.expoente(minimo=32)


def test_soma_de_passos_sem_mover_pesos_encolhe_como_um_sobre_b():
    """Com η = 0 e todas as N amostras vistas, Σ_j ∇(custo médio do lote j) = (1/B) Σ gᵢ."""
    m, x, y = _modelo_e_dados(n=8)
    total = np.linalg.norm(_gradientes_por_exemplo(m, x, y).sum(0))
    r = TL.normas_soma_passos(m, x, y, [1, 2, 4, 8], amostras=8, taxa_aprendizado=0.0, tentativas=3)
    np.testing.assert_allclose(r.media, total / np.array([1, 2, 4, 8]), rtol=1e-10)
    np.testing.assert_allclose(r.desvio, 0, atol=1e-12)
    assert r.expoente() == pytest.approx(-1.0)


def test_soma_de_passos_nao_altera_o_modelo_e_um_passo_so_nao_depende_de_eta():
    m, x, y = _modelo_e_dados(n=16)
    antes = [p.detach().clone() for p in m.parameters()]
    a = TL.normas_soma_passos(m, x, y, [16], amostras=16, taxa_aprendizado=0.0, tentativas=2)
    b = TL.normas_soma_passos(m, x, y, [16, 2], amostras=16, taxa_aprendizado=0.5, tentativas=2)
    assert a.media[0] == pytest.approx(b.media[0])       # o gradiente é tomado antes do passo
    assert all(torch.equal(p, q) for p, q in zip(antes, m.parameters()))


@pytest.mark.parametrize("kwargs, erro, trecho", [
    ({"tamanhos": [0]}, ValueError, "entre 1 e 16"),
    ({"tamanhos": [32], "amostras": 16}, ValueError, "entre 1 e 16"),
    ({"tamanhos": [2], "amostras": 64}, ValueError, "amostras"),
    ({"tamanhos": [2], "tentativas": 1}, ValueError, "tentativas"),
    ({"tamanhos": [2], "taxa_aprendizado": -0.1}, ValueError, "taxa_aprendizado"),
    ({"tamanhos": []}, ValueError, "pelo menos um"),
])
def test_soma_de_passos_valida_argumentos(kwargs, erro, trecho):
    m, x, y = _modelo_e_dados(n=40)
    argumentos = {"amostras": 16, **kwargs}
    tamanhos = argumentos.pop("tamanhos")
    with pytest.raises(erro, match=trecho):
        TL.normas_soma_passos(m, x, y, tamanhos, **argumentos)


def test_momentos_e_previsao_validam():
    m, x, y = _modelo_e_dados(n=10)
    with pytest.raises(ValueError, match="pelo menos 2"):
        TL.momentos_gradiente(m, x[:1], y[:1])
    mom = TL.momentos_gradiente(m, x, y)
    with pytest.raises(ValueError, match="entre 1 e 10"):
        mom.norma_prevista([11])
    with pytest.raises(ValueError, match="reducao"):
        mom.norma_prevista([2], reducao="max")
    with pytest.raises(TypeError, match="nn.Linear"):
        TL.normas_soma_passos(nn.Sequential(nn.Linear(6, 3), nn.ReLU()), x, y, [2], amostras=4)
