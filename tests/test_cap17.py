"""Capítulo 17 (pooling e arquitetura): números do capítulo e a calculadora de parâmetros."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from torch import nn

from profundo import cnn, widgets

X_MAO = np.array([[1, 3, 2, 0],
                  [4, 6, 1, 1],
                  [0, 2, 5, 7],
                  [3, 1, 8, 4]], dtype=float)[None, None]


@pytest.mark.parametrize("tipo, esperado", [
    ("max", [[6, 2], [3, 8]]),
    ("media", [[3.5, 1], [1.5, 6]]),
    ("l2", np.sqrt([[62, 6], [14, 154]])),
])
def test_exemplo_a_mao(tipo, esperado):
    saida, _ = cnn.pool_frente(X_MAO, 2, tipo=tipo)
    assert np.allclose(saida[0, 0], esperado)


def test_gradiente_do_maximo_vai_para_o_vencedor():
    _, cache = cnn.pool_frente(X_MAO, 2, tipo="max")
    dx = cnn.pool_tras(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), cache)[0, 0]
    esperado = np.zeros((4, 4))
    esperado[1, 1], esperado[0, 2], esperado[3, 0], esperado[3, 2] = 1, 2, 3, 4
    assert np.array_equal(dx, esperado)


def test_rede_da_fonte():
    """28×28 → conv 5×5 (3 mapas) 24×24 → max-pool 2×2 12×12 → densa 10: 78 + 4.330 = 4.408."""
    assert cnn.tamanho_saida(28, 5) == 24
    assert cnn.tamanho_saida(24, 2, passo=2) == 12
    assert cnn.contagem_parametros_conv(1, 3, 5) == 78
    assert cnn.contagem_parametros_densa(3 * 12 * 12, 10) == 4330
    rede = nn.Sequential(nn.Conv2d(1, 3, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(432, 10))
    assert cnn.contagem_parametros(rede) == 4408
    assert rede(torch.zeros(2, 1, 28, 28)).shape == (2, 10)


def test_formula_da_fonte_contra_a_certa():
    """Cap. 46 da fonte: (n·m·l + 1)·k (certa) contra (n·m·k + 1)·f lida com f = k."""
    certa = cnn.contagem_parametros_conv(32, 64, 3)
    assert certa == 18_496 == cnn.contagem_parametros(nn.Conv2d(32, 64, 3))
    assert (3 * 3 * 64 + 1) * 64 == 36_928 != certa
    assert cnn.contagem_parametros_conv(64, 64, 3) == (3 * 3 * 64 + 1) * 64   # coincidem só com l = k


def test_lenet5_e_comparacoes():
    lenet = cnn.lenet5()
    assert cnn.contagem_parametros(lenet) == 61_706
    # sem compartilhar pesos: cada convolução vezes o número de posições de saída
    sem_compartilhar = 156 * 28 * 28 + 2416 * 10 * 10 + 48_120 * 1 * 1 + 10_164 + 850
    assert sem_compartilhar == 423_038
    denso = nn.Sequential(nn.Linear(784, 300), nn.Linear(300, 100), nn.Linear(100, 10))
    assert cnn.contagem_parametros(denso) == 266_610


def test_contador_tem_imagem_estatica():
    resultado = widgets.contador_parametros()
    assert isinstance(resultado, widgets.ComFigura)
    assert resultado.png.startswith(b"\x89PNG")
    assert "image/png" in resultado._repr_mimebundle_()


def test_contador_mostra_as_contas():
    fig = widgets.desenhar_contador_parametros(32, 64, 3, lado=28)
    ax1, ax2 = fig.axes
    assert "18.496" in ax1.get_title()
    textos = [t.get_text() for t in ax2.texts]
    assert textos == ["18.496", "12.503.296", "1.085.450.496"]   # 18.496·26², (32·28²+1)·64·26²
    assert "32×28×28" in ax2.get_title() and "64×26×26" in ax2.get_title()


@pytest.mark.parametrize("chamada, erro", [
    (lambda: widgets.contador_parametros(canais_entrada=0), ValueError),
    (lambda: widgets.contador_parametros(filtros=600), ValueError),
    (lambda: widgets.contador_parametros(nucleo=2.5), TypeError),
    (lambda: widgets.contador_parametros(lado=8), ValueError),
    (lambda: widgets.desenhar_contador_parametros(1, 3, 9, lado=5), ValueError),
    (lambda: widgets.desenhar_contador_parametros(True, 3, 3), TypeError),
])
def test_contador_rejeita_entradas_ruins(chamada, erro):
    with pytest.raises(erro):
        chamada()
