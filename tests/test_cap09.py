"""Capítulo 9: ajuste polinomial com penalidade L2 e o widget do sobreajuste."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from profundo import widgets
from profundo.regularizacao import ajuste_polinomial
from profundo.widgets import ComFigura


def _pontos(n=10, semente=0):
    rng = np.random.default_rng(semente)
    x = np.sort(rng.uniform(0, 1, n))
    return x, 2 * x + 0.2 * rng.standard_normal(n)


def test_recupera_polinomio_exato():
    x = np.linspace(-1, 2, 7)
    c_verdadeiro = np.array([0.5, -1.0, 2.0, 3.0])
    c = ajuste_polinomial(x, np.polyval(c_verdadeiro, x), 3)
    np.testing.assert_allclose(c, c_verdadeiro, atol=1e-10)


def test_igual_ao_polyfit_sem_penalidade():
    x, y = _pontos()
    for grau in range(1, 6):
        np.testing.assert_allclose(ajuste_polinomial(x, y, grau), np.polyfit(x, y, grau),
                                   rtol=1e-6, atol=1e-8)


def test_grau_nove_interpola_os_dez_pontos():
    x, y = _pontos()
    c = ajuste_polinomial(x, y, 9)
    assert np.max(np.abs(np.polyval(c, x) - y)) < 1e-6


@pytest.mark.parametrize("lmbda", [1e-4, 1e-2, 1.0])
def test_gradiente_nulo_no_minimo_segundo_o_autograd(lmbda):
    """No mínimo, o gradiente de Σ (p(x) − y)² + λ Σ_{k≥1} c_k² (calculado pelo PyTorch) é zero."""
    x, y = _pontos()
    grau = 5
    c = torch.tensor(ajuste_polinomial(x, y, grau, lmbda), dtype=torch.float64, requires_grad=True)
    potencias = torch.tensor(np.vander(x, grau + 1), dtype=torch.float64)
    erro = ((potencias @ c - torch.tensor(y)) ** 2).sum() + lmbda * (c[:-1] ** 2).sum()
    (gradiente,) = torch.autograd.grad(erro, c)
    assert gradiente.abs().max().item() < 1e-8


def test_penalidade_encolhe_os_coeficientes_mas_nao_a_constante():
    x, y = _pontos()
    normas = [np.linalg.norm(ajuste_polinomial(x, y, 9, l)[:-1]) for l in (0.0, 1e-4, 1e-2, 1.0)]
    assert all(a > b for a, b in zip(normas, normas[1:]))
    # com λ enorme só sobra a constante, que vira a média de y
    c = ajuste_polinomial(x, y, 4, 1e9)
    assert c[-1] == pytest.approx(np.mean(y), abs=1e-5)
    assert np.max(np.abs(c[:-1])) < 1e-5


def test_erros_de_entrada():
    x, y = _pontos()
    with pytest.raises(TypeError):
        ajuste_polinomial(x, y, 2.5)
    with pytest.raises(TypeError):
        ajuste_polinomial("abc", y, 2)
    with pytest.raises(ValueError, match="grau"):
        ajuste_polinomial(x, y, -1)
    with pytest.raises(ValueError, match="lmbda"):
        ajuste_polinomial(x, y, 2, -0.1)
    with pytest.raises(ValueError, match="mesmo tamanho"):
        ajuste_polinomial(x, y[:5], 2)
    with pytest.raises(ValueError, match="NaN"):
        ajuste_polinomial(np.r_[x[:-1], np.nan], y, 2)
    with pytest.raises(ValueError, match="distintos"):
        ajuste_polinomial(x[:4], y[:4], 5)
    # com penalidade, mais coeficientes que pontos é permitido
    assert ajuste_polinomial(x[:4], y[:4], 5, 0.1).shape == (6,)


def test_widget_ajuste_polinomial():
    fig = widgets.desenhar_ajuste_polinomial(9, 0.0)
    assert len(fig.axes) == 2
    assert "grau 9" in fig.axes[0].get_title()
    plt.close(fig)
    resultado = widgets.ajuste_polinomial(grau=3, lmbda=1e-2)
    assert isinstance(resultado, ComFigura)
    assert resultado.png.startswith(b"\x89PNG")
    dados = resultado._repr_mimebundle_()
    assert "image/png" in dados and widgets.WIDGET_MIME in dados


def test_widget_ajuste_polinomial_valida():
    with pytest.raises(ValueError, match="grau"):
        widgets.ajuste_polinomial(grau=10)
    with pytest.raises(TypeError):
        widgets.ajuste_polinomial(grau=2.0)
    with pytest.raises(ValueError, match="lmbda"):
        widgets.ajuste_polinomial(lmbda=0.5)
    with pytest.raises(TypeError):
        widgets.ajuste_polinomial(lmbda="0")
