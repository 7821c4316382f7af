"""Capítulo 26 (a matemática das GANs): as contas do capítulo, a GAN em 1-D e os widgets."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from profundo import ambiente, gan, widgets

LOG2, LOG4 = math.log(2), math.log(4)
X = np.linspace(-16, 16, 6401)
P_T = gan.normal(0, 1).densidade(X)


def _valores(media_gerada: float) -> dict[str, float]:
    p_g = gan.normal(media_gerada, 1).densidade(X)
    return {
        "log": gan.valor_jogo(P_T, p_g, X),
        "abs": gan.erro_absoluto_esperado(P_T, p_g, X),
        "js": gan.divergencia_js(P_T, p_g, X),
        "tv": gan.variacao_total(P_T, p_g, X),
    }


def test_o_melhor_gerador_e_p_g_igual_a_p_t():
    """Goodfellow: min_G max_D V = −log 4 em p_g = p_t; fonte: max_G min_D erro = ½ no mesmo ponto."""
    medias = np.linspace(-3, 3, 13)
    valores = [_valores(m) for m in medias]
    assert medias[np.argmin([v["log"] for v in valores])] == 0.0
    assert medias[np.argmax([v["abs"] for v in valores])] == 0.0
    assert math.isclose(valores[6]["log"], -LOG4, abs_tol=1e-9)
    assert math.isclose(valores[6]["abs"], 0.5, abs_tol=1e-9)
    for v in valores:
        assert math.isclose(v["log"], -LOG4 + 2 * v["js"], abs_tol=1e-9)
        assert math.isclose(v["abs"], 0.5 * (1 - v["tv"]), abs_tol=1e-9)
        assert -LOG4 - 1e-9 <= v["log"] <= 1e-9 and -1e-9 <= v["abs"] <= 0.5 + 1e-9


def test_escolha_do_empate_nao_importa():
    """A fonte põe D* = 1 onde p_t = p_g; nós pomos ½. O erro esperado é o mesmo."""
    x = np.linspace(0, 1, 5)
    p_t = np.array([1.0, 1.0, 1.0, 0.5, 0.5])
    p_g = np.array([0.5, 1.0, 1.0, 1.0, 1.5])
    nosso = gan.discriminador_degrau(p_t, p_g)
    da_fonte = np.where(p_t >= p_g, 1.0, 0.0)
    assert math.isclose(gan.erro_absoluto_esperado(p_t, p_g, x, nosso),
                        gan.erro_absoluto_esperado(p_t, p_g, x, da_fonte))


def test_js_e_tv_saturam_e_wasserstein_nao():
    longe, muito_longe = _valores(8.0), _valores(10.0)
    assert math.isclose(longe["js"], LOG2, rel_tol=1e-3) and math.isclose(muito_longe["js"], LOG2, rel_tol=1e-3)
    assert math.isclose(longe["tv"], 1.0, rel_tol=1e-4) and math.isclose(muito_longe["tv"], 1.0, rel_tol=1e-4)
    rng = np.random.default_rng(0)
    a = rng.normal(0, 1, 1000)
    assert math.isclose(gan.wasserstein_1d(a, a + 8), 8.0) and math.isclose(gan.wasserstein_1d(a, a + 10), 10.0)


def test_saturacao_com_discriminador_confiante():
    """Com D treinado sozinho até rejeitar os falsos, o gradiente minimax some e o não saturante cresce."""
    ambiente.semear(0)
    alvo, g, d = gan.normal(2.0, 0.5), gan.Gerador1D(), gan.Discriminador1D()
    otim = torch.optim.Adam(d.parameters(), lr=5e-4, betas=(0.5, 0.999))
    z = torch.randn(1000, 4)
    inicio = gan.normas_gradiente_gerador(g, d, z)
    for _ in range(400):
        with torch.no_grad():
            falsos = g(torch.randn(128, 4))
        gan.passo_discriminador(d, otim, alvo.amostrar(128), falsos)
    with torch.no_grad():
        d_falso = torch.sigmoid(d(g(z))).mean().item()
    fim = gan.normas_gradiente_gerador(g, d, z)
    assert d_falso < 0.05
    assert fim["minimax"] < 0.2 * fim["nao_saturante"]
    assert fim["nao_saturante"] > 10 * inicio["nao_saturante"]
    assert fim["erro_absoluto"] < 0.2 * fim["nao_saturante"]


@pytest.fixture(scope="module")
def historico():
    return gan.treinar_gan_1d(passos=1500, a_cada=100, dispositivo="cpu")


def test_gan_1d_converge(historico):
    w = historico.wasserstein
    assert w[-1] < 0.15 * w[0]
    assert abs(historico.perda_d[-300:].mean() - LOG4) < 0.05
    assert abs(historico.perda_g[-300:].mean() - LOG2) < 0.05
    no_alvo = historico.densidade_alvo > 0.1 * historico.densidade_alvo.max()
    assert np.all(np.abs(historico.d[-1][no_alvo] - 0.5) < 0.2)
    assert abs(historico.amostras[-1].mean() - 2.0) < 0.2 and abs(historico.amostras[-1].std() - 0.5) < 0.15


def test_gan_1d_com_erro_absoluto_empaca():
    h = gan.treinar_gan_1d(passos=800, a_cada=200, perda="erro_absoluto", dispositivo="cpu")
    assert h.wasserstein[-1] > 0.5 * h.wasserstein[0]
    assert h.wasserstein[-1] == pytest.approx(h.wasserstein[-2], abs=0.05)   # parado
    assert h.d[-1].max() > 0.99                                               # D saturado


def test_widgets_do_capitulo(historico):
    fig = widgets.desenhar_discriminadores_otimos(2.0, 0.8)
    assert len(fig.axes) == 2
    fig = widgets.desenhar_treino_gan_1d(historico, (0, 2, -1))
    assert len(fig.axes) == 6
    assert len(widgets.desenhar_instantaneo_gan_1d(historico, 3).axes) == 3
    painel = widgets.treino_gan_1d(historico)
    assert painel.png.startswith(b"\x89PNG")
    assert widgets.discriminadores_otimos().png.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="índice"):
        widgets.desenhar_instantaneo_gan_1d(historico, len(historico))
    with pytest.raises(TypeError, match="HistoricoGAN1D"):
        widgets.treino_gan_1d({"passos": [0]})
    with pytest.raises(ValueError, match="média gerada"):
        widgets.discriminadores_otimos(media_gerada=9.0)
    with pytest.raises(ValueError, match="ao menos"):
        widgets.desenhar_treino_gan_1d(historico, [])
