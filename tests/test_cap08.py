"""Capítulo 8: o neurônio que aprende devagar, a entropia cruzada e a softmax."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from profundo import custos, widgets
from profundo.custos import treinar_neuronio


def _trajetoria_torch(w, b, eta, epocas, custo, x=1.0, y=0.0):
    """A mesma descida, com as derivadas calculadas pelo autograd do PyTorch."""
    w = torch.tensor(float(w), dtype=torch.float64, requires_grad=True)
    b = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    saidas = []
    for _ in range(epocas + 1):
        a = torch.sigmoid(w * x + b)
        saidas.append(a.item())
        if custo == "quadratico":
            c = 0.5 * (a - y) ** 2
        else:
            c = -(y * torch.log(a) + (1 - y) * torch.log(1 - a))
        gw, gb = torch.autograd.grad(c, (w, b))
        with torch.no_grad():
            w -= eta * gw
            b -= eta * gb
    return np.array(saidas)


@pytest.mark.parametrize("custo", ["quadratico", "entropia_cruzada"])
@pytest.mark.parametrize("x, y", [(1.0, 0.0), (0.7, 1.0), (-1.3, 0.25)])
def test_trajetoria_igual_ao_autograd(custo, x, y):
    r = treinar_neuronio(2.0, 2.0, 0.15, 60, custo, x=x, y=y)
    np.testing.assert_allclose(r["saida"], _trajetoria_torch(2.0, 2.0, 0.15, 60, custo, x, y),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("custo", ["quadratico", "entropia_cruzada"])
def test_primeiro_passo_usa_o_gradiente_do_autograd(custo):
    w0, b0, eta = 0.6, 0.9, 0.15
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
    a = torch.sigmoid(w + b)
    c = 0.5 * a ** 2 if custo == "quadratico" else -torch.log(1 - a)
    c.backward()
    r = treinar_neuronio(w0, b0, eta, 1, custo)
    assert r["w"][1] == pytest.approx(w0 - eta * w.grad.item(), rel=1e-12)
    assert r["b"][1] == pytest.approx(b0 - eta * b.grad.item(), rel=1e-12)
    assert r["custo"][0] == pytest.approx(c.item(), rel=1e-12)


def test_numeros_da_fonte():
    """Saídas iniciais 0,82 e 0,98; com o custo quadrático e η = 0,15, saída ≈ 0,09 após 300 épocas."""
    lento = treinar_neuronio(2.0, 2.0, 0.15, 300, "quadratico")
    bom = treinar_neuronio(0.6, 0.9, 0.15, 300, "quadratico")
    assert round(bom["saida"][0], 2) == 0.82
    assert round(lento["saida"][0], 2) == 0.98
    assert round(bom["saida"][-1], 2) == 0.09
    # a partida saturada quase não sai do lugar nas primeiras 150 épocas
    assert lento["saida"][0] - lento["saida"][150] < 0.06
    assert bom["saida"][0] - bom["saida"][150] > 0.6


def test_entropia_cruzada_aprende_mais_rapido_quando_mais_errada():
    r = treinar_neuronio(2.0, 2.0, 0.15, 50, "entropia_cruzada")
    queda = -np.diff(r["saida"])
    assert queda[0] > 0 and np.all(r["custo"][1:] < r["custo"][:-1])
    # os passos em w encolhem à medida que o erro a − y encolhe
    passos = -np.diff(r["w"])
    assert np.all(np.diff(passos) < 0)


def test_formato_e_epocas_zero():
    r = treinar_neuronio(1.0, -1.0, 0.1, 0, "entropia_cruzada")
    assert set(r) == {"epoca", "w", "b", "saida", "custo"}
    assert all(len(v) == 1 for v in r.values())


@pytest.mark.parametrize("kwargs, erro", [
    ({"taxa_aprendizado": 0.0}, ValueError),
    ({"taxa_aprendizado": -1.0}, ValueError),
    ({"epocas": -1}, ValueError),
    ({"epocas": 2.5}, TypeError),
    ({"w": "1"}, TypeError),
    ({"b": float("nan")}, ValueError),
    ({"y": 1.5}, ValueError),
    ({"custo": "log_verossimilhanca"}, ValueError),
    ({"custo": "absoluto"}, ValueError),
    ({"x": True}, TypeError),
])
def test_validacao(kwargs, erro):
    argumentos = {"w": 1.0, "b": 1.0, "taxa_aprendizado": 0.1, "epocas": 5, "custo": "quadratico"}
    argumentos.update(kwargs)
    with pytest.raises(erro):
        treinar_neuronio(**argumentos)


def test_exemplo_da_entropia_cruzada_entre_distribuicoes():
    h = custos.entropia_cruzada([0, 1, 0], [0.228, 0.619, 0.153])
    assert h == pytest.approx(-np.log(0.619))
    assert f"{h:.3f}" == "0.480"          # arredondado; a fonte trunca para 0,479
    assert int(h * 1000) / 1000 == 0.479


def test_softmax_log_verossimilhanca_delta_igual_autograd():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((4, 5))
    y = np.eye(5)[[0, 3, 2, 4]]
    zt = torch.tensor(z, requires_grad=True)
    c = -(torch.tensor(y) * torch.log_softmax(zt, dim=1)).sum()
    c.backward()
    a = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(custos.LogVerossimilhanca.delta(z, a, y), zt.grad.numpy(), rtol=1e-10)


def test_widget_neuronio_lento():
    r = widgets.neuronio_lento()
    assert r.png.startswith(b"\x89PNG")
    assert "quadratico" in r.descricao
    fig = widgets.desenhar_neuronio_lento(2.0, 2.0, 0.005, 30, "entropia_cruzada")
    assert len(fig.axes) == 2
    plt.close(fig)
    with pytest.raises(ValueError):
        widgets.neuronio_lento(taxa_aprendizado=5.0)
    with pytest.raises(ValueError):
        widgets.neuronio_lento(custo="log_verossimilhanca")
    with pytest.raises(ValueError):
        widgets.neuronio_lento(epocas=5000)
