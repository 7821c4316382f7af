"""Capítulo 20: RNN e BPTT (o contador de uns da fonte e a RNN com tanh contra o PyTorch)."""

import numpy as np
import pytest
import torch
from torch import nn

from profundo import rnn

X = np.array([[0, 0, 0, 0, 1, 0, 1, 0, 1, 0]], dtype=float)   # a sequência de Pereira (Unidade III)
Y = np.array([3.0])


def _custo(x, y, U, W):
    return float(np.mean((y - rnn.contador_frente(x, U, W)[:, -1]) ** 2))


def test_sequencia_da_fonte_e_a_do_pacote():
    np.testing.assert_array_equal(rnn.X_CONTADOR, X)
    np.testing.assert_array_equal(rnn.Y_CONTADOR, Y)


def test_passo_a_mao():
    """(U, W) = (1, 1) conta os uns; (−2, 0) só olha o último elemento: saída 0, custo 9."""
    np.testing.assert_array_equal(rnn.contador_frente(X, 1.0, 1.0)[0], [0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3])
    estados = rnn.contador_frente(X, -2.0, 0.0)
    assert estados[0, -1] == 0
    assert _custo(X, Y, -2.0, 0.0) == 9.0
    assert rnn.contador_tras(X, estados, Y, 0.0) == (0.0, 12.0)     # δ₁₀ = −6, s₉ = −2


@pytest.mark.parametrize("U, W", [(0.5, 0.8), (-2.0, -0.3), (1.3, 1.05), (1.0, 1.0)])
def test_forma_fechada_do_texto(U, W):
    """s_T = U Σ W^(T−t) x_t (o np.polyval da superfície) e ∂C/∂U = δ_T Σ W^(T−t) x_t."""
    soma = np.polyval(X[0], W)
    s_T = rnn.contador_frente(X, U, W)[0, -1]
    assert s_T == pytest.approx(U * soma)
    gU, _ = rnn.contador_tras(X, rnn.contador_frente(X, U, W), Y, W)
    assert gU == pytest.approx(2 * (s_T - 3) * soma)
    # a forma fechada de s_10 para esta sequência: U (W⁵ + W³ + W)
    assert s_T == pytest.approx(U * (W ** 5 + W ** 3 + W))


@pytest.mark.parametrize("semente", [0, 1, 2])
def test_bptt_confere_com_diferencas_finitas(semente):
    rng = np.random.default_rng(semente)
    x = rng.integers(0, 2, (4, 7)).astype(float)      # várias sequências: custo médio
    y = x.sum(axis=1)
    U, W = rng.uniform(-1.5, 1.5, 2)
    g = rnn.contador_tras(x, rnn.contador_frente(x, U, W), y, W)
    eps = 1e-6
    finitas = ((_custo(x, y, U + eps, W) - _custo(x, y, U - eps, W)) / (2 * eps),
               (_custo(x, y, U, W + eps) - _custo(x, y, U, W - eps)) / (2 * eps))
    np.testing.assert_allclose(g, finitas, rtol=1e-6, atol=1e-7)


def test_treino_da_fonte():
    """η = 0,0005, 150 épocas de (−2, 0): acerta a sequência, mas longe de (1, 1)."""
    h = rnn.treinar_contador(X, Y, epocas=150, taxa_aprendizado=0.0005, pesos_iniciais=(-2.0, 0.0))
    assert len(h) == 150 and h.epoca_divergencia is None
    U, W = h.pesos_finais
    assert U == pytest.approx(-2.089, abs=2e-3)
    assert W == pytest.approx(-0.753, abs=2e-3)
    assert h.custo[0] == 9.0
    assert _custo(X, Y, U, W) < 2e-3
    assert np.all(np.diff(h.custo) < 0)                 # o custo só cai
    assert max(abs(u + 2) for u in h.U) < 0.1          # U mal sai de −2
    # não aprendeu a contar: dez uns dão uma saída negativa
    assert rnn.contador_frente(np.ones((1, 10)), U, W)[0, -1] == pytest.approx(-1.12, abs=0.01)


def test_respostas_dos_exercicios():
    assert rnn.contador_frente([[1, 0, 0, 1]], 1.0, 0.5)[0, -1] == pytest.approx(1.125)
    U = 3 / (0.5 ** 5 + 0.5 ** 3 + 0.5)
    assert rnn.contador_frente(X, U, 0.5)[0, -1] == pytest.approx(3)
    s_T = 0.5 ** 5 + 0.5 ** 3 + 0.5
    gU, _ = rnn.contador_tras(X, rnn.contador_frente(X, 1.0, 0.5), Y, 0.5)
    assert gU == pytest.approx(2 * (s_T - 3) * s_T)
    assert sum(p.numel() for p in nn.RNN(10, 20).parameters()) == 640
    assert sum(p.numel() for p in nn.RNN(3, 4).parameters()) == 36


def test_rnn_tanh_confere_com_torch():
    """A conferência do capítulo: estados e todos os gradientes iguais aos do autograd."""
    T, N, D, H = 6, 3, 4, 5
    torch.manual_seed(0)
    modulo = nn.RNN(D, H, nonlinearity="tanh").double()
    x = torch.randn(T, N, D, dtype=torch.float64, requires_grad=True)
    h0 = torch.randn(1, N, H, dtype=torch.float64, requires_grad=True)
    R = torch.randn(T, N, H, dtype=torch.float64)
    saida, ultimo = modulo(x, h0)
    (saida * R).sum().backward()
    hs, cache = rnn.rnn_frente(x.detach().numpy(), h0.detach().numpy()[0], rnn.pesos_de_torch(modulo))
    g = rnn.rnn_tras(R.numpy(), cache)
    np.testing.assert_allclose(hs, saida.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(hs[-1], ultimo.detach().numpy()[0], atol=1e-12)
    referencia = {"x": x.grad, "h0": h0.grad[0], "W_ih": modulo.weight_ih_l0.grad,
                  "W_hh": modulo.weight_hh_l0.grad, "b_ih": modulo.bias_ih_l0.grad, "b_hh": modulo.bias_hh_l0.grad}
    for chave, valor in referencia.items():
        np.testing.assert_allclose(g[chave], valor.numpy(), atol=1e-12, err_msg=chave)


def test_mesmos_pesos_para_qualquer_comprimento():
    modulo = nn.RNN(3, 4)
    pesos = rnn.pesos_de_torch(modulo)
    rng = np.random.default_rng(0)
    for T in (1, 5, 500):
        hs, _ = rnn.rnn_frente(rng.standard_normal((T, 2, 3)), None, pesos)
        assert hs.shape == (T, 2, 4)
        assert np.all(np.abs(hs) < 1)
