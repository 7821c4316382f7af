"""A rede do zero: gradientes contra diferenças finitas e contra o autograd do PyTorch."""

import numpy as np
import pytest
import torch

from profundo import custos
from profundo.rede import Historico, Rede, um_quente

TAMANHOS = [[3, 2], [4, 5, 3], [6, 4, 4, 2], [784, 30, 10]]


def lote(camadas, m=7, semente=0):
    rng = np.random.default_rng(semente)
    X = rng.random((m, camadas[0]))
    Y = um_quente(rng.integers(0, camadas[-1], m), camadas[-1])
    return X, Y


@pytest.mark.parametrize("camadas", TAMANHOS[:3], ids=str)
def test_gradientes_contra_diferencas_finitas(camadas):
    rede = Rede(camadas, semente=1)
    X, Y = lote(camadas)
    grad_w, grad_b = rede.retropropagar(X, Y)
    h = 1e-6
    for parametros, gradientes in ((rede.pesos, grad_w), (rede.vieses, grad_b)):
        for p, g in zip(parametros, gradientes):
            numerico = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                original = p[idx]
                p[idx] = original + h
                mais = rede.custo_total(X, Y)
                p[idx] = original - h
                menos = rede.custo_total(X, Y)
                p[idx] = original
                numerico[idx] = (mais - menos) / (2 * h)
            np.testing.assert_allclose(g, numerico, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("camadas", TAMANHOS, ids=str)
def test_gradientes_contra_autograd(camadas):
    rede = Rede(camadas, semente=2)
    X, Y = lote(camadas, m=11, semente=3)
    grad_w, grad_b = rede.retropropagar(X, Y)
    pesos = [torch.tensor(w, requires_grad=True) for w in rede.pesos]
    vieses = [torch.tensor(b, requires_grad=True) for b in rede.vieses]
    a = torch.tensor(X)
    for w, b in zip(pesos, vieses):
        a = torch.sigmoid(a @ w.T + b)
    custo = 0.5 * ((a - torch.tensor(Y)) ** 2).sum() / len(X)
    custo.backward()
    assert rede.custo_total(X, Y) == pytest.approx(custo.item(), rel=1e-12)
    for g, t in zip(grad_w + grad_b, pesos + vieses):
        np.testing.assert_allclose(g, t.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_float64_por_padrao_e_float32_opcional():
    assert Rede([2, 3, 1]).pesos[0].dtype == np.float64
    r32 = Rede([2, 3, 1], dtype=np.float32)
    assert r32.alimentar([[0.1, 0.2]]).dtype == np.float32
    with pytest.raises(TypeError, match="ponto flutuante"):
        Rede([2, 1], dtype=np.int32)


def test_passo_de_gradiente_diminui_o_custo():
    rede = Rede([5, 4, 3], semente=0)
    X, Y = lote([5, 4, 3], m=20)
    antes = rede.custo_total(X, Y)
    rede.atualizar_mini_lote(X, Y, 0.5)
    assert rede.custo_total(X, Y) < antes


def test_aprende_problema_separavel_ate_100_por_cento():
    rng = np.random.default_rng(0)
    centros = np.array([[0.2, 0.2], [0.8, 0.8], [0.2, 0.8]])
    rotulos = rng.integers(0, 3, 300)
    X = centros[rotulos] + rng.normal(0, 0.05, (300, 2))
    rede = Rede([2, 8, 3], semente=0)
    hist = rede.treinar(X, rotulos, epocas=60, tamanho_lote=10, taxa_aprendizado=3.0,
                        dados_avaliacao=(X, rotulos), monitorar_treino=True, mostrar=False)
    assert isinstance(hist, Historico) and len(hist) == 60
    assert hist.acuracia_avaliacao[-1] == 1.0 and hist.acuracia_treino[-1] == 1.0
    assert hist.custo_treino[-1] < hist.custo_treino[0]


def test_treino_reprodutivel_com_semente():
    X, Y = lote([4, 3, 2], m=30)
    r1, r2 = Rede([4, 3, 2], semente=5), Rede([4, 3, 2], semente=5)
    for r in (r1, r2):
        r.treinar(X, Y, epocas=3, tamanho_lote=4, taxa_aprendizado=1.0, semente=9, mostrar=False)
    np.testing.assert_array_equal(r1.pesos[0], r2.pesos[0])


def test_mostra_progresso_em_portugues(capsys):
    X, Y = lote([4, 3, 2], m=10)
    Rede([4, 3, 2]).treinar(X, Y, epocas=1, tamanho_lote=5, taxa_aprendizado=1.0,
                            dados_avaliacao=(X, Y.argmax(1)))
    assert "Época 1/1:" in capsys.readouterr().out


@pytest.mark.parametrize("chamada, erro, msg", [
    (lambda: Rede([784]), ValueError, "duas camadas"),
    (lambda: Rede([784, 0, 10]), ValueError, "pelo menos um neurônio"),
    (lambda: Rede([784, 2.5, 10]), TypeError, "inteiro"),
    (lambda: Rede([2, 2], custo="absoluto"), ValueError, "custo desconhecido"),
    (lambda: Rede([3, 2]).alimentar(np.zeros((4, 5))), ValueError, r"\(m, 3\)"),
    (lambda: Rede([3, 2]).alimentar([[0, np.nan, 0]]), ValueError, "NaN"),
    (lambda: Rede([3, 2]).alimentar("abc"), TypeError, "array numérico"),
    (lambda: Rede([3, 2]).retropropagar(np.zeros((4, 3)), np.zeros(5, int)), ValueError, "4 rótulos"),
    (lambda: Rede([3, 2]).retropropagar(np.zeros((2, 3)), np.zeros((2, 3))), ValueError, r"\(2, 2\)"),
    (lambda: Rede([3, 2]).retropropagar(np.zeros((1, 3)), [[np.nan, 0]]), ValueError, "NaN"),
    (lambda: Rede([3, 2]).treinar(np.zeros((2, 3)), [0, 1], epocas=1, tamanho_lote=1,
                                  taxa_aprendizado=0), ValueError, "positiva"),
    (lambda: Rede([3, 2]).treinar(np.zeros((2, 3)), [0, 1], epocas=1, tamanho_lote=1,
                                  taxa_aprendizado=-3.0), ValueError, "positiva"),
    (lambda: Rede([3, 2]).treinar(np.zeros((2, 3)), [0, 1], epocas=0, tamanho_lote=1,
                                  taxa_aprendizado=1.0), ValueError, "epocas"),
    (lambda: Rede([3, 2]).treinar(np.zeros((2, 3)), [0, 1], epocas=1, tamanho_lote=0,
                                  taxa_aprendizado=1.0), ValueError, "tamanho_lote"),
    (lambda: Rede([3, 2]).treinar(np.zeros((2, 3)), [0, 5], epocas=1, tamanho_lote=1,
                                  taxa_aprendizado=1.0), ValueError, "fora de 0..1"),
    (lambda: um_quente([0.5, 1.0]), ValueError, "inteiros"),
])
def test_entradas_invalidas(chamada, erro, msg):
    with pytest.raises(erro, match=msg):
        chamada()


def test_custo_quadratico_por_nome_e_classe():
    assert custos.obter("quadrático") is custos.Quadratico
    assert custos.obter(custos.Quadratico) is custos.Quadratico
    with pytest.raises(TypeError):
        custos.obter(3)
    a = np.array([[0.2, 0.8]])
    y = np.array([[0.0, 1.0]])
    assert custos.Quadratico.valor(a, y) == pytest.approx(0.5 * (0.04 + 0.04))
