"""O motor de diferenciação automática ``profundo.grafo`` contra o autograd do PyTorch."""

import math

import numpy as np
import pytest
import torch
from matplotlib.axes import Axes

from profundo.grafo import (Valor, caminhos, derivadas_modo_direto, desenhar_grafo,
                            gradiente_modo_direto, ordem_topologica)


def exemplo_da_fonte(a=2.0, b=1.0):
    a, b = Valor(a, rotulo="a"), Valor(b, rotulo="b")
    c = a + b
    d = b + 1
    e = c * d
    return a, b, c, d, e


def test_exemplo_e_igual_a_c_vezes_d():
    a, b, c, d, e = exemplo_da_fonte()
    e.retropropagar()
    assert (c.dado, d.dado, e.dado) == (3.0, 2.0, 6.0)
    assert a.gradiente == 2.0 and b.gradiente == 5.0
    assert c.gradiente == 2.0 and d.gradiente == 3.0   # ∂e/∂c = d, ∂e/∂d = c
    assert e.derivadas_locais == (2.0, 3.0)


def test_modo_direto_concorda_com_o_reverso():
    a, b, c, d, e = exemplo_da_fonte()
    e.retropropagar()
    direto_b = derivadas_modo_direto(e, b)
    assert direto_b[e] == 5.0 and direto_b[c] == 1.0 and direto_b[d] == 1.0 and direto_b[a] == 0.0
    assert gradiente_modo_direto(e, [a, b]) == [a.gradiente, b.gradiente]


def test_soma_sobre_caminhos():
    a, b, c, d, e = exemplo_da_fonte()
    lista = caminhos(e, b)
    assert sorted(p for _, p in lista) == [2.0, 3.0]
    assert all(t[0] is b and t[-1] is e for t, _ in lista)
    assert sum(p for _, p in caminhos(e, a)) == 2.0


# Expressões escritas uma vez e avaliadas com Valor e com tensores do PyTorch:
# as funções recebem uma "biblioteca" com sigmoide, tanh, exp e log.
class _OpsValor:
    sigmoide = staticmethod(lambda x: x.sigmoide())
    tanh = staticmethod(lambda x: x.tanh())
    exp = staticmethod(lambda x: x.exp())
    log = staticmethod(lambda x: x.log())
    relu = staticmethod(lambda x: x.relu())


class _OpsTorch:
    sigmoide = staticmethod(torch.sigmoid)
    tanh = staticmethod(torch.tanh)
    exp = staticmethod(torch.exp)
    log = staticmethod(torch.log)
    relu = staticmethod(torch.relu)


EXPRESSOES = {
    "polinomio": (lambda o, x, y, z: x * y + z ** 2 - 3 * x + 1.5, (0.7, -1.2, 2.0)),
    "divisao": (lambda o, x, y, z: (x + y) / (z * z + 1) - 2 / z, (1.5, -0.5, 0.8)),
    "potencias": (lambda o, x, y, z: x ** 3 + y ** -2 + z ** 0.5, (-1.1, 0.9, 2.5)),
    "transcendentes": (lambda o, x, y, z: o.exp(x * y) + o.tanh(z - x) * o.log(y * y + 1),
                       (0.3, -0.8, 1.7)),
    "reutilizacao": (lambda o, x, y, z: (x * x) * (x + y) - o.sigmoide(x * z) * x,
                     (1.3, 0.4, -2.2)),
    "relu": (lambda o, x, y, z: o.relu(x - y) + o.relu(y - x) * z, (0.2, 1.0, 3.0)),
    "neuronio_sigmoide": (lambda o, x, y, z: 0.5 * (o.sigmoide(0.8 * x - 0.3 * y + z) - 1.0) ** 2,
                          (1.0, 2.0, 0.1)),
}


@pytest.mark.parametrize("nome", EXPRESSOES)
def test_contra_o_autograd_do_pytorch(nome):
    f, pontos = EXPRESSOES[nome]
    entradas = [Valor(p) for p in pontos]
    saida = f(_OpsValor, *entradas)
    saida.retropropagar()
    tensores = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in pontos]
    saida_t = f(_OpsTorch, *tensores)
    saida_t.backward()
    assert saida.dado == pytest.approx(saida_t.item(), rel=1e-12)
    for v, t in zip(entradas, tensores):
        assert v.gradiente == pytest.approx(t.grad.item(), rel=1e-10, abs=1e-12)
    # o modo direto dá os mesmos números, uma passada por entrada
    assert gradiente_modo_direto(saida, entradas) == pytest.approx(
        [v.gradiente for v in entradas], rel=1e-12, abs=1e-14)


def test_neuronio_com_pesos_e_vies_contra_pytorch():
    rng = np.random.default_rng(0)
    x, w, b, y = rng.normal(size=4), rng.normal(size=4), 0.3, 1.0
    xs, ws = [Valor(v) for v in x], [Valor(v) for v in w]
    bv = Valor(b)
    a = (sum(wi * xi for wi, xi in zip(ws, xs)) + bv).sigmoide()
    custo = 0.5 * (a - y) ** 2
    custo.retropropagar()
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    at = torch.sigmoid(wt @ torch.tensor(x) + bt)
    (0.5 * (at - y) ** 2).backward()
    np.testing.assert_allclose([v.gradiente for v in ws], wt.grad.numpy(), rtol=1e-12)
    assert bv.gradiente == pytest.approx(bt.grad.item(), rel=1e-12)
    # BP1 para um só neurônio: ∂C/∂b = (a − y) σ'(z)
    assert bv.gradiente == pytest.approx((a.dado - y) * a.dado * (1 - a.dado), rel=1e-12)


def test_sigmoide_estavel_para_entradas_grandes():
    assert Valor(800.0).sigmoide().dado == 1.0
    assert Valor(-800.0).sigmoide().dado == 0.0


def test_retropropagar_duas_vezes_nao_acumula():
    a, b, c, d, e = exemplo_da_fonte()
    e.retropropagar()
    e.retropropagar()
    assert (a.gradiente, b.gradiente) == (2.0, 5.0)


def test_ordem_topologica_e_profunda_sem_recursao():
    x = Valor(0.0)
    y = x
    for _ in range(5000):
        y = y + 1
    ordem = ordem_topologica(y)
    assert ordem[0] is x and ordem[-1] is y
    y.retropropagar()
    assert x.gradiente == 1.0 and y.dado == 5000.0


def test_erros_claros():
    with pytest.raises(TypeError, match="número real"):
        Valor("2")
    with pytest.raises(TypeError):
        Valor(True)
    with pytest.raises(ValueError, match="finito"):
        Valor(math.nan)
    with pytest.raises(TypeError, match="expoente"):
        Valor(2.0) ** Valor(3.0)
    with pytest.raises(TypeError):
        Valor(1.0) + "a"
    with pytest.raises(ValueError):
        Valor(-2.0) ** 0.5
    with pytest.raises(ValueError, match="positivos"):
        Valor(0.0).log()
    with pytest.raises(ZeroDivisionError):
        Valor(1.0) / 0
    a, b, *_ = exemplo_da_fonte()
    with pytest.raises(ValueError, match="não faz parte"):
        derivadas_modo_direto(a + 1, b)
    with pytest.raises(TypeError):
        ordem_topologica(3.0)


def test_desenhar_grafo():
    a, b, c, d, e = exemplo_da_fonte()
    e.retropropagar()
    ax = desenhar_grafo(e, titulo="exemplo")
    assert isinstance(ax, Axes) and ax.get_title() == "exemplo"
    textos = " ".join(t.get_text() for t in ax.texts)
    assert "valor 6,00" in textos and "grad 5,00" in textos
    # 5 nós visíveis + 5 rótulos de aresta (a constante 1 de b + 1 fica oculta)
    assert sum(1 for t in ax.texts if t.get_text()) == 5 + 5
    ax2 = desenhar_grafo(e, derivadas=derivadas_modo_direto(e, b), nome_derivada="∂/∂b",
                         mostrar_constantes=True)
    assert "∂/∂b 5,00" in " ".join(t.get_text() for t in ax2.texts)
    with pytest.raises(TypeError):
        desenhar_grafo(e, derivadas=[1, 2])
