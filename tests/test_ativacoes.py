"""Ativações e derivadas conferidas contra o PyTorch (valores e autograd)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from profundo import ativacoes as A

Z = np.concatenate([np.linspace(-6, 6, 241), [-30.0, -1e-3, 1e-3, 30.0]])

REFERENCIAS = {
    "linear": lambda t: t,
    "sigmoide": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda t: F.leaky_relu(t, 0.01),
    "elu": lambda t: F.elu(t, 1.0),
    "gelu": lambda t: F.gelu(t),
}


@pytest.mark.parametrize("nome", REFERENCIAS)
def test_funcao_e_derivada_contra_autograd(nome):
    t = torch.tensor(Z, dtype=torch.float64, requires_grad=True)
    saida = REFERENCIAS[nome](t)
    (gradiente,) = torch.autograd.grad(saida.sum(), t)
    ativ = A.obter(nome)
    np.testing.assert_allclose(ativ(Z), saida.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ativ.derivada(Z), gradiente.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("nome", ["leaky_relu", "elu"])
def test_parametro_alfa_contra_torch(nome):
    t = torch.tensor(Z, dtype=torch.float64, requires_grad=True)
    ref = F.leaky_relu(t, 0.3) if nome == "leaky_relu" else F.elu(t, 0.3)
    (g,) = torch.autograd.grad(ref.sum(), t)
    ativ = A.obter(nome)
    np.testing.assert_allclose(ativ(Z, alfa=0.3), ref.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(ativ.derivada(Z, alfa=0.3), g.numpy(), atol=1e-12)


def test_degrau_e_derivadas_por_diferencas_finitas():
    np.testing.assert_array_equal(A.degrau([-1, 0, 2]), [0, 0, 1])
    z = np.linspace(-4, 4, 81) + 0.0123  # longe dos pontos de quebra
    h = 1e-6
    for nome in ("sigmoide", "tanh", "relu", "elu", "gelu"):
        f = A.obter(nome)
        numerica = (f(z + h) - f(z - h)) / (2 * h)
        np.testing.assert_allclose(f.derivada(z), numerica, atol=1e-6)


def test_sigmoide_sem_estouro_e_derivada_maxima():
    with np.errstate(over="raise"):
        assert A.sigmoide(-1000.0) == 0.0 and A.sigmoide(1000.0) == 1.0
    assert A.sigmoide_derivada(0.0) == pytest.approx(0.25)


def test_softmax_exemplo_das_fontes():
    np.testing.assert_allclose(A.softmax([1.2, 0.9, 0.75]), [0.42, 0.31, 0.27], atol=0.005)


def test_softmax_contra_torch_e_estavel():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 7)) * 10
    for eixo in (0, 1, -1):
        ref = torch.softmax(torch.tensor(z), dim=eixo).numpy()
        np.testing.assert_allclose(A.softmax(z, eixo=eixo), ref, rtol=1e-12)
    grande = A.softmax([1000.0, 1001.0, 1002.0])
    assert np.isfinite(grande).all() and grande.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(A.softmax([1, 2, 3]), A.softmax([101, 102, 103]))


@pytest.mark.parametrize("entrada, erro, msg", [
    ([1.0, np.nan], ValueError, "NaN"),
    ("abc", TypeError, "numérico"),
    (None, TypeError, "numérico"),
    ([[1, 2], [3]], TypeError, "numérico"),
])
def test_entradas_invalidas(entrada, erro, msg):
    with pytest.raises(erro, match=msg):
        A.relu(entrada)


def test_softmax_e_parametros_invalidos():
    with pytest.raises(ValueError, match="vetor"):
        A.softmax(3.0)
    with pytest.raises(ValueError, match="pelo menos um"):
        A.softmax([])
    with pytest.raises(ValueError, match="não negativo"):
        A.elu([1.0], alfa=-1)
    with pytest.raises(TypeError, match="número"):
        A.leaky_relu([1.0], alfa="0.1")
    with pytest.raises(ValueError, match="desconhecida"):
        A.obter("swishy")
    with pytest.raises(TypeError):
        A.obter(3)


def test_catalogo_completo():
    assert set(A.ATIVACOES) == {"degrau", "linear", "sigmoide", "tanh", "relu", "leaky_relu",
                                "elu", "gelu"}
    assert A.obter("Leaky-ReLU").nome == "leaky_relu"


def test_limiar_saturacao_resolve_derivada():
    from profundo.ativacoes import limiar_saturacao, sigmoide_derivada
    for t in (0.01, 0.1, 0.2):
        z = limiar_saturacao(t)
        assert z > 0
        assert abs(float(sigmoide_derivada(np.array(z))) - t) < 1e-12
    assert abs(limiar_saturacao(0.01) - 4.5855) < 1e-3


@pytest.mark.parametrize("ruim, erro", [(0.0, ValueError), (0.25, ValueError), (-1, ValueError),
                                        ("0,01", TypeError), (True, TypeError)])
def test_limiar_saturacao_rejeita(ruim, erro):
    from profundo.ativacoes import limiar_saturacao
    with pytest.raises(erro, match="tolerancia"):
        limiar_saturacao(ruim)
