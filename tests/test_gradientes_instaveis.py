"""Testes do capítulo 14: ‖δˡ‖ por camada e a cadeia de neurônios."""

import numpy as np
import pytest
import torch

from profundo import gradientes_instaveis as G
from profundo.rede import Rede


def _normas_torch(rede: Rede, X: np.ndarray, rotulos: np.ndarray) -> list[float]:
    """As mesmas normas calculadas pelo autograd do PyTorch, com os mesmos pesos."""
    pesos = [torch.tensor(w, requires_grad=True) for w in rede.pesos]
    vieses = [torch.tensor(b, requires_grad=True) for b in rede.vieses]
    a = torch.tensor(X)
    for w, b in zip(pesos, vieses):
        a = torch.sigmoid(a @ w.T + b)
    y = torch.nn.functional.one_hot(torch.tensor(rotulos), 10).double()
    if rede.custo.nome == "entropia_cruzada":
        custo = -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).sum(1).mean()
    else:
        custo = 0.5 * ((a - y) ** 2).sum(1).mean()
    custo.backward()
    return [float(b.grad.norm()) for b in vieses[:-1]]


@pytest.mark.parametrize("camadas", [[20, 7, 10], [20, 6, 5, 10], [20, 4, 4, 4, 10]])
@pytest.mark.parametrize("custo", ["quadratico", "entropia_cruzada"])
def test_normas_delta_iguais_ao_autograd(camadas, custo):
    rng = np.random.default_rng(1)
    X, y = rng.random((15, camadas[0])), rng.integers(0, 10, 15)
    rede = Rede(camadas, custo=custo, semente=3)
    normas = G.normas_delta(rede, X, y)
    assert len(normas) == len(camadas) - 2
    assert np.allclose(normas, _normas_torch(rede, X, y), rtol=1e-10)


def test_treinar_medindo_guarda_uma_medida_por_epoca():
    rng = np.random.default_rng(0)
    X, y = rng.random((40, 12)), rng.integers(0, 10, 40)
    rede = Rede([12, 5, 5, 10], custo="entropia_cruzada", semente=0)
    antes = G.normas_delta(rede, X, y)
    m = G.treinar_medindo(rede, X, y, epocas=3, tamanho_lote=10, taxa_aprendizado=0.5,
                          dados_avaliacao=(X, y))
    assert m.por_camada().shape == (4, 2)
    assert m.normas[0] == antes and len(m.acuracia) == 3
    assert m.normas[-1] == G.normas_delta(rede, X, y)


def _saida_cadeia(w, b, x):
    a = x
    for wj, bj in zip(w, b):
        a = 1 / (1 + np.exp(-(wj * a + bj)))
    return a


def test_cadeia_gradientes_por_diferencas_finitas_e_autograd():
    w, b, x = np.array([1.5, -2.0, 0.7, 3.0]), np.array([0.2, -0.1, 0.5, -1.0]), 0.8
    c = G.cadeia(4, w, b, x)
    h = 1e-6
    for j in range(4):
        mais, menos = b.copy(), b.copy()
        mais[j] += h
        menos[j] -= h
        numerico = (_saida_cadeia(w, mais, x) - _saida_cadeia(w, menos, x)) / (2 * h)
        assert c.gradientes[j] == pytest.approx(numerico, rel=1e-6)
    bt = torch.tensor(b, requires_grad=True)
    a = torch.tensor(x, dtype=torch.float64)
    for j in range(4):
        a = torch.sigmoid(float(w[j]) * a + bt[j])
    a.backward()
    assert np.allclose(c.gradientes, bt.grad.numpy(), rtol=1e-10)


def test_cadeia_some_com_pesos_pequenos_e_explode_com_w_100_centrado():
    pequena = G.cadeia(6, w=1.0, b=0.0)
    assert all(abs(pequena.gradientes[j]) < abs(pequena.gradientes[j + 1]) for j in range(5))
    grande = G.cadeia(6, w=100.0, centrar=True, x=0.3)
    assert np.allclose(grande.z, 0.0)
    razoes = grande.gradientes[:-1] / grande.gradientes[1:]
    assert np.allclose(razoes, 25.0)                       # w·σ'(0) = 100/4


@pytest.mark.parametrize("chamada, erro", [
    (lambda: G.cadeia(0), ValueError),
    (lambda: G.cadeia(2.0), TypeError),
    (lambda: G.cadeia(3, w=[1.0, 2.0]), ValueError),
    (lambda: G.cadeia(3, w="um"), TypeError),
    (lambda: G.cadeia(2, b=[np.nan, 0.0]), ValueError),
    (lambda: G.cadeia(2, x=float("inf")), TypeError),
    (lambda: G.normas_delta("rede", np.zeros((1, 2)), [0]), TypeError),
    (lambda: G.normas_delta(Rede([4, 10]), np.zeros((1, 4)), [0]), ValueError),
    (lambda: G.treinar_medindo(Rede([4, 3, 10]), np.zeros((2, 4)), [0, 1], epocas=0,
                               tamanho_lote=1, taxa_aprendizado=0.1), ValueError),
    (lambda: G.treinar_medindo(Rede([4, 3, 10]), np.zeros((2, 4)), [0, 1], epocas=1,
                               tamanho_lote=1, taxa_aprendizado=0.1, x_medir=np.zeros((1, 4))),
     ValueError),
])
def test_erros_em_portugues(chamada, erro):
    with pytest.raises(erro):
        chamada()


def test_widget_da_cadeia():
    import matplotlib
    matplotlib.use("Agg")
    from profundo import widgets
    for kwargs in ({}, {"w": 100.0, "centrar": True, "profundidade": 8}):
        r = widgets.cadeia_gradiente(**kwargs)
        assert r.png.startswith(b"\x89PNG")
    for ruim in ({"profundidade": 0}, {"profundidade": 30}, {"w": 500.0}, {"b": 9.0}):
        with pytest.raises(ValueError):
            widgets.cadeia_gradiente(**ruim)
