"""Testes da matemática do capítulo 13 (universalidade)."""

import numpy as np
import pytest
import torch

from profundo import universalidade as U


def test_neuronio_igual_ao_pytorch():
    x = np.linspace(-2, 2, 41)
    esperado = torch.sigmoid(7.5 * torch.tensor(x) - 3.0).numpy()
    assert np.allclose(U.neuronio(x, 7.5, -3.0), esperado, atol=1e-12)


@pytest.mark.parametrize("w, b", [(1000.0, -400.0), (8.0, -4.0), (-50.0, 10.0), (3.0, 1.5)])
def test_degrau_fica_em_menos_b_sobre_w(w, b):
    s = U.posicao_degrau(w, b)
    assert s == pytest.approx(-b / w)
    assert U.neuronio(s, w, b) == pytest.approx(0.5)
    assert U.vies_para(s, w) == pytest.approx(b)


def test_peso_grande_vira_degrau():
    x = np.array([0.39, 0.41])
    assert np.allclose(U.degrau(x, 0.4, w=1000.0), [0.0, 1.0], atol=1e-4)
    # com peso pequeno a curva é suave: longe de 0 e de 1 perto do degrau
    assert 0.3 < U.degrau(0.39, 0.4, w=10.0) < 0.5


def test_ressalto_tem_altura_h_entre_os_degraus():
    x = np.array([0.1, 0.5, 0.9])
    assert np.allclose(U.ressalto(x, 0.4, 0.6, 0.8), [0.0, 0.8, 0.0], atol=1e-6)
    # degraus trocados: buraco de profundidade h
    assert U.ressalto(0.5, 0.6, 0.4, 0.8) == pytest.approx(-0.8, abs=1e-6)


def test_escada_soma_os_ressaltos_de_cada_fatia():
    alturas = [0.1, -0.3, 0.7, 0.2, 0.5]
    centros = (np.arange(5) + 0.5) / 5
    assert np.allclose(U.escada(centros, alturas), alturas, atol=1e-6)
    manual = sum(U.ressalto(0.5, j / 5, (j + 1) / 5, h) for j, h in enumerate(alturas))
    assert U.escada(0.5, alturas) == pytest.approx(manual)
    assert U.escada(centros, alturas, saida_sigmoide=True) == pytest.approx(
        1 / (1 + np.exp(-np.array(alturas))), abs=1e-6)


def test_funcao_alvo_da_fonte():
    x = 0.3
    esperado = 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)
    assert U.funcao_alvo(x) == pytest.approx(esperado)


def test_alturas_ajustadas_sao_as_medias_de_cada_fatia():
    n = 5
    alturas = U.ajustar_alturas(n)
    for j, h in enumerate(alturas):
        xs = np.linspace(j / n, (j + 1) / n, 20_001)
        assert h == pytest.approx(U.funcao_alvo(xs).mean(), abs=5e-3)


def test_erro_cai_quando_n_cresce():
    erros = U.melhor_erro_por_n([1, 2, 5, 10, 20, 50])
    assert all(b < a for a, b in zip(erros, erros[1:]))
    assert erros[-1] < 0.01


def test_solucao_e_melhor_que_alturas_ao_acaso():
    rng = np.random.default_rng(0)
    melhor = U.erro_medio(U.ajustar_alturas(5))
    for _ in range(20):
        assert U.erro_medio(rng.uniform(0, 1, 5)) > melhor


def test_ajuste_com_saida_sigmoide():
    alturas = U.ajustar_alturas(10, saida_sigmoide=True)
    erro_sig = U.erro_medio(alturas, saida_sigmoide=True)
    assert erro_sig < 0.06                       # como a saída linear com 10 pares (≈ 0,055)
    with pytest.raises(ValueError, match="entre 0 e 1"):
        U.ajustar_alturas(5, f=lambda x: 2 * x, saida_sigmoide=True)


def test_torre_so_dentro_do_retangulo():
    pontos = {(0.5, 0.5): 1.0, (0.5, 0.1): 0.0, (0.1, 0.5): 0.0, (0.9, 0.9): 0.0}
    for (x, y), esperado in pontos.items():
        assert U.torre(x, y, (0.4, 0.6), (0.3, 0.7), altura=1.0) == pytest.approx(esperado, abs=1e-6)
    assert U.soma_ressaltos_2d(0.5, 0.1, (0.4, 0.6), (0.3, 0.7)) == pytest.approx(1.0, abs=1e-6)
    grade = np.meshgrid(np.linspace(0, 1, 50), np.linspace(0, 1, 50))
    assert U.torre(*grade, (0.2, 0.4), (0.6, 0.8), altura=0.7).max() == pytest.approx(0.7, abs=1e-6)


@pytest.mark.parametrize("chamada, erro, trecho", [
    (lambda: U.posicao_degrau(0.0, 1.0), ValueError, "zero"),
    (lambda: U.neuronio("x", 1.0, 0.0), TypeError, "texto"),
    (lambda: U.neuronio([0.1, np.nan], 1.0, 0.0), ValueError, "NaN"),
    (lambda: U.neuronio(0.1, "1", 0.0), TypeError, "w deve ser um número"),
    (lambda: U.ressalto(0.1, 0.2, 0.3, float("inf")), ValueError, "finito"),
    (lambda: U.escada(0.5, []), ValueError, "não vazia"),
    (lambda: U.escada(0.5, [[1, 2]]), ValueError, "uma dimensão"),
    (lambda: U.bordas(0), ValueError, "pelo menos 1"),
    (lambda: U.bordas(2.5), TypeError, "inteiro"),
    (lambda: U.bordas(3, 1.0, 0.0), ValueError, "maior"),
    (lambda: U.erro_medio([0.1], f=3), TypeError, "função"),
    (lambda: U.erro_medio([0.1], pontos=3), ValueError, "pontos"),
    (lambda: U.torre(0.5, 0.5, (0, 1), (0, 1), limiar=2.5), ValueError, "limiar"),
])
def test_erros_em_portugues(chamada, erro, trecho):
    with pytest.raises(erro, match=trecho):
        chamada()
