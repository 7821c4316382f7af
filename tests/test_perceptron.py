"""O perceptron: exemplos das fontes, regra de Rosenblatt, separabilidade e erros."""

import itertools

import numpy as np
import pytest
import torch

from profundo.perceptron import PORTAS, Perceptron, linearmente_separavel, tabela_verdade


def test_festival_do_queijo():
    casos = np.array(list(itertools.product([0, 1], repeat=3)))
    exigente = Perceptron.com_limiar([6, 2, 2], 5)
    flexivel = Perceptron.com_limiar([6, 2, 2], 3)
    # limiar 5: só o tempo decide
    np.testing.assert_array_equal(exigente(casos), casos[:, 0])
    # limiar 3: tempo bom, ou companhia e transporte juntos
    esperado = (casos[:, 0] == 1) | ((casos[:, 1] == 1) & (casos[:, 2] == 1))
    np.testing.assert_array_equal(flexivel(casos), esperado.astype(int))


def test_nand_das_fontes():
    nand = Perceptron([-2, -2], 3)
    X, y = tabela_verdade("NAND")
    np.testing.assert_array_equal(nand.soma_ponderada(X), [3, 1, 1, -1])
    np.testing.assert_array_equal(nand(X), y)


def test_separabilidade_das_portas():
    resultado = {p: linearmente_separavel(*tabela_verdade(p)) for p in PORTAS}
    assert resultado == {"AND": True, "OR": True, "NAND": True, "NOR": True, "XOR": False,
                         "NOT": True}


@pytest.mark.parametrize("porta", ["AND", "OR", "NAND", "NOR", "NOT"])
def test_rosenblatt_converge_nas_portas_separaveis(porta):
    X, y = tabela_verdade(porta)
    p = Perceptron.aleatorio(X.shape[1], semente=3)
    erros = p.treinar(X, y, taxa_aprendizado=0.5, epocas=100)
    assert p.convergiu and erros[-1] == 0
    assert p.acuracia(X, y) == 1.0


def test_rosenblatt_nao_converge_no_xor():
    X, y = tabela_verdade("XOR")
    p = Perceptron.aleatorio(2, semente=0)
    erros = p.treinar(X, y, epocas=50)
    assert len(erros) == 50 and min(erros) > 0 and not p.convergiu
    assert p.acuracia(X, y) <= 0.75


def test_regra_igual_a_menos_gradiente_do_criterio_do_perceptron():
    """Num exemplo errado, a regra de Rosenblatt é um passo de gradiente de
    L(w, b) = max(0, −s·(w·x + b)), com s = 2y − 1 (conferido com autograd)."""
    x = np.array([0.5, -1.0, 2.0])
    p = Perceptron([0.2, 0.4, -0.3], 0.1)  # w·x + b = −0.7 → prevê 0
    y, eta = 1, 0.25
    w = torch.tensor(p.pesos, requires_grad=True)
    b = torch.tensor(p.vies, requires_grad=True, dtype=torch.float64)
    perda = torch.clamp(-(2 * y - 1) * (w @ torch.tensor(x) + b), min=0)
    perda.backward()
    p.treinar(x[None, :], [y], taxa_aprendizado=eta, epocas=1)
    np.testing.assert_allclose(p.pesos, (w - eta * w.grad).detach().numpy())
    assert p.vies == pytest.approx((b - eta * b.grad).item())


def test_treino_em_nuvens_separaveis():
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal([-2, -2], 0.5, (40, 2)), rng.normal([2, 2], 0.5, (40, 2))])
    y = np.repeat([0, 1], 40)
    p = Perceptron.aleatorio(2, semente=1)
    p.treinar(X, y, epocas=200)
    assert p.convergiu and linearmente_separavel(X, y)


@pytest.mark.parametrize("chamada, erro, msg", [
    (lambda p: p.saida([1, 2, 3]), ValueError, "2 entrada"),
    (lambda p: p.saida([[1, np.nan]]), ValueError, "NaN"),
    (lambda p: p.saida("ab"), TypeError, "numérico"),
    (lambda p: p.treinar([[0, 1]], [2]), ValueError, "0 ou 1"),
    (lambda p: p.treinar([[0, 1], [1, 1]], [1]), ValueError, "2 rótulos"),
    (lambda p: p.treinar([[0, 1]], [1], taxa_aprendizado=0), ValueError, "positiva"),
    (lambda p: p.treinar([[0, 1]], [1], taxa_aprendizado=-1), ValueError, "positiva"),
    (lambda p: p.treinar([[0, 1]], [1], epocas=0), ValueError, "epocas"),
])
def test_erros_claros(chamada, erro, msg):
    with pytest.raises(erro, match=msg):
        chamada(Perceptron([1.0, 1.0], 0.0))


def test_construcao_invalida():
    with pytest.raises(ValueError, match="pelo menos um peso"):
        Perceptron([])
    with pytest.raises(ValueError, match="finito"):
        Perceptron([1.0], float("inf"))
    with pytest.raises(ValueError, match="pelo menos 1"):
        Perceptron.aleatorio(0)
    with pytest.raises(ValueError, match="desconhecida"):
        tabela_verdade("XNORR")
    with pytest.raises(ValueError, match="forma"):
        linearmente_separavel([1, 2, 3], [0, 1, 0])
