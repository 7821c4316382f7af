"""Capítulo 21: explosão no contador de 40 passos, produto de jacobianas, recorte e os widgets."""

import numpy as np
import pytest
import torch

from profundo import rnn, widgets

X40, Y40 = rnn.X_CONTADOR_LONGO, rnn.Y_CONTADOR_LONGO


def test_sequencia_longa():
    assert X40.shape == (1, 40) and X40.sum() == 12 and Y40[0] == 12
    assert np.flatnonzero(X40[0])[0] == 4          # o primeiro 1 no passo 5: termo U·W³⁵


def test_explosao_com_a_receita_da_fonte():
    with pytest.warns(rnn.AvisoInstabilidade, match="época 26"):
        h = rnn.treinar_contador(X40, Y40, epocas=150, taxa_aprendizado=0.0005, pesos_iniciais=(-2.0, 0.0))
    assert h.epoca_divergencia == 26
    assert len(h) == 150                                   # segue registrando, sem travar
    custos = np.array(h.custo)
    assert np.all(np.diff(custos[:24]) < 0)                # até a época 23 o custo só cai
    assert custos[23] == pytest.approx(37.93, abs=0.01)
    assert h.W[23] == pytest.approx(-0.875, abs=1e-3) and h.W[24] < -1   # o passo que cruza |W| = 1
    assert custos[24] > 1e5 and np.isinf(custos[26]) and np.isnan(custos[27])
    assert np.isnan(h.pesos_finais).all()


@pytest.mark.parametrize("U, W", [(-2.0, -0.5), (-2.1, -0.95), (1.0, 1.02)])
def test_gradiente_de_W_com_potencias(U, W):
    """∂C/∂W = 2 (s_T − y) U Σ (T − t) W^(T−t−1) x_t, com termos até 35 W³⁴."""
    T = X40.shape[1]
    t = np.arange(1, T + 1)
    s_T = rnn.contador_frente(X40, U, W)[0, -1]
    formula = 2 * (s_T - Y40[0]) * U * np.sum((T - t) * W ** (T - t - 1.0) * X40[0])
    _, gW = rnn.contador_tras(X40, rnn.contador_frente(X40, U, W), Y40, W)
    assert gW == pytest.approx(formula, rel=1e-10)


def test_recorte_conserta_o_contador():
    faixas = {}
    for limite, modo in ((5.0, "norma"), (20.0, "norma"), (5.0, "valor")):
        h = rnn.treinar_contador(X40, Y40, epocas=600, recorte=limite, modo_recorte=modo)
        assert h.epoca_divergencia is None
        fim = np.array(h.custo[-10:])
        faixas[modo, limite] = (fim.min(), fim.max())
    assert faixas["norma", 5.0][0] < 0.01 and faixas["norma", 5.0][1] < 0.2
    assert 0.05 < faixas["norma", 20.0][0] and faixas["norma", 20.0][1] < 2   # oscila mais
    assert faixas["valor", 5.0][1] < 0.05


def test_passo_recortado_tem_tamanho_maximo():
    """Longe do vale, todo passo recortado pela norma anda exatamente η·τ."""
    h = rnn.treinar_contador(X40, Y40, epocas=50, recorte=5.0)
    passos = np.hypot(np.diff(h.U), np.diff(h.W))
    np.testing.assert_allclose(passos, 0.0005 * 5.0, rtol=1e-6)


def test_normas_jacobianos_do_capitulo():
    k = np.arange(1, 51)
    for escala in (0.5, 1.1, 2.0):
        np.testing.assert_allclose(rnn.normas_jacobianos(escala, "linear", 50), escala ** k, rtol=1e-9)
        for ativacao in ("tanh", "relu"):                  # o limite (γ‖W_hh‖)^k com γ = 1
            assert np.all(rnn.normas_jacobianos(escala, ativacao, 50) <= escala ** k * (1 + 1e-9))
    assert rnn.normas_jacobianos(1.0, "tanh", 50)[-1] < 1e-6      # tanh com escala 1: dissipa
    assert rnn.normas_jacobianos(3.0, "tanh", 50)[-1] > 1e3       # escala 3: explode


def test_recortes_do_texto_e_dos_exercicios():
    np.testing.assert_allclose(rnn.recortar_por_norma(np.array([3.0, 1.0]), 2.0), np.array([3, 1]) * 2 / np.sqrt(10),
                               rtol=1e-6)
    np.testing.assert_allclose(rnn.recortar_por_valor(np.array([3.0, 1.0]), 2.0), [2, 1])
    np.testing.assert_allclose(rnn.recortar_por_norma(np.array([6.0, 8.0]), 5.0), [3, 4], rtol=1e-6)
    v = rnn.recortar_por_valor(np.array([6.0, 8.0]), 5.0)
    assert np.degrees(np.arctan2(v[1], v[0])) == pytest.approx(45)
    assert 10 ** (1 / 35) == pytest.approx(1.068, abs=1e-3)


def test_recortes_conferem_com_torch():
    rng = np.random.default_rng(0)
    gradientes = [rng.standard_normal(f) * 10 for f in ((4, 3), (4,), (2, 4))]
    for funcao, nossa in ((torch.nn.utils.clip_grad_norm_, rnn.recortar_por_norma),
                          (torch.nn.utils.clip_grad_value_, rnn.recortar_por_valor)):
        parametros = [torch.nn.Parameter(torch.zeros(*g.shape, dtype=torch.float64)) for g in gradientes]
        for p, g in zip(parametros, gradientes):
            p.grad = torch.tensor(g)
        funcao(parametros, 5.0)
        for p, n in zip(parametros, nossa(gradientes, 5.0)):
            np.testing.assert_allclose(p.grad.numpy(), n, atol=1e-12)


# ---------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------

def test_widgets_tem_imagem_estatica():
    for resultado in (widgets.produto_jacobianos(), widgets.recorte_gradiente()):
        assert isinstance(resultado, widgets.ComFigura)
        assert resultado.png.startswith(b"\x89PNG")
        assert "image/png" in resultado._repr_mimebundle_()


def test_produto_jacobianos_desenha_as_normas():
    fig = widgets.desenhar_produto_jacobianos(1.5, "relu", 40)
    ax = fig.axes[0]
    linhas = {l.get_label().split(" ")[0]: l for l in ax.get_lines() if not l.get_label().startswith("_")}
    assert set(linhas) == {"tanh", "relu", "linear"}
    np.testing.assert_allclose(linhas["relu"].get_ydata(), rnn.normas_jacobianos(1.5, "relu", 40))
    np.testing.assert_allclose(linhas["linear"].get_ydata(), 1.5 ** np.arange(1, 41))
    assert linhas["relu"].get_linewidth() > linhas["tanh"].get_linewidth()     # a escolhida em destaque
    assert ax.get_yscale() == "log"
    assert "relu, escala 1,50" in ax.get_title()
    assert "dissipa" in widgets.desenhar_produto_jacobianos(1.0, "tanh", 50).axes[0].get_title()
    assert "explode" in widgets.desenhar_produto_jacobianos(3.0, "linear", 50).axes[0].get_title()


def test_produto_jacobianos_valores_fora_da_faixa_ficam_na_borda():
    ax = widgets.desenhar_produto_jacobianos(4.0, "linear", 200).axes[0]
    linear = next(l for l in ax.get_lines() if l.get_label().startswith("linear"))
    assert linear.get_ydata().max() == 1e30


def test_recorte_gradiente_desenha_os_tres_vetores():
    fig = widgets.desenhar_recorte_gradiente(3.0, 1.0, 2.0)
    ax = fig.axes[0]
    setas = [c for c in ax.collections if hasattr(c, "U")]
    assert len(setas) == 3
    vetores = {s.get_label().split(":")[0]: np.array([float(s.U[0]), float(s.V[0])]) for s in setas}
    np.testing.assert_allclose(vetores["original"], [3, 1])
    np.testing.assert_allclose(vetores["por norma"], np.array([3, 1]) * 2 / np.sqrt(10), rtol=1e-6)
    np.testing.assert_allclose(vetores["por valor"], [2, 1])
    rotulos = [s.get_label() for s in setas]
    assert "original: norma 3,16, ângulo 18,4°" in rotulos
    assert "por norma: norma 2,00, ângulo 18,4°" in rotulos
    assert "por valor: norma 2,24, ângulo 26,6°" in rotulos


def test_recorte_gradiente_nulo_e_dentro_do_limite():
    ax = widgets.desenhar_recorte_gradiente(0.0, 0.0, 1.0).axes[0]
    assert any("indefinido" in c.get_label() for c in ax.collections if hasattr(c, "U"))
    ax = widgets.desenhar_recorte_gradiente(0.5, -0.5, 2.0).axes[0]
    for seta in (c for c in ax.collections if hasattr(c, "U")):     # dentro dos dois limites: nada muda
        np.testing.assert_allclose([float(seta.U[0]), float(seta.V[0])], [0.5, -0.5])


@pytest.mark.parametrize("chamada, erro", [
    (lambda: widgets.produto_jacobianos(escala=0.0), ValueError),
    (lambda: widgets.produto_jacobianos(escala=5.0), ValueError),
    (lambda: widgets.produto_jacobianos(escala="1"), TypeError),
    (lambda: widgets.produto_jacobianos(ativacao="sigmoide"), ValueError),
    (lambda: widgets.produto_jacobianos(comprimento=1), ValueError),
    (lambda: widgets.produto_jacobianos(comprimento=2.5), TypeError),
    (lambda: widgets.desenhar_produto_jacobianos(-1.0, "tanh", 10), ValueError),
    (lambda: widgets.desenhar_produto_jacobianos(1.0, "seno", 10), ValueError),
    (lambda: widgets.recorte_gradiente(gx=11.0), ValueError),
    (lambda: widgets.recorte_gradiente(limite=0.0), ValueError),
    (lambda: widgets.recorte_gradiente(gy=None), TypeError),
    (lambda: widgets.recorte_gradiente(gx=True), TypeError),
    (lambda: widgets.desenhar_recorte_gradiente(1.0, float("nan"), 1.0), ValueError),
    (lambda: widgets.desenhar_recorte_gradiente(1.0, 1.0, -2.0), ValueError),
])
def test_widgets_rejeitam_entradas_ruins(chamada, erro):
    with pytest.raises(erro):
        chamada()
