"""Descida do gradiente, vales, mínimos quadrados e o widget do vale."""

import base64

import numpy as np
import pytest
import torch

from profundo import gradiente as G
from profundo import widgets

PNG = b"\x89PNG\r\n\x1a\n"
PONTOS = np.array([[-2.0, 1.5], [0.3, -0.7], [1.2, 0.4], [0.0, 0.0], [-1.1, -1.9]])


def _dados_regressao(n=200, semente=3):
    rng = np.random.default_rng(semente)
    x = rng.uniform(0, 2, n)
    return x, 1.5 + 2.0 * x + rng.normal(0, 0.5, n)


# --- vales ------------------------------------------------------------------

@pytest.mark.parametrize("nome", G.VALES)
def test_gradiente_dos_vales_contra_autograd(nome):
    vale = G.VALES[nome]
    x = torch.tensor(PONTOS[:, 0], dtype=torch.float64, requires_grad=True)
    y = torch.tensor(PONTOS[:, 1], dtype=torch.float64, requires_grad=True)
    valor = vale.expressao(x, y)
    gx, gy = torch.autograd.grad(valor.sum(), (x, y))
    np.testing.assert_allclose(vale.funcao(PONTOS), valor.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(vale.gradiente(PONTOS), np.column_stack([gx, gy]), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("nome", G.VALES)
def test_gradiente_dos_vales_contra_diferencas_finitas(nome):
    vale, h = G.VALES[nome], 1e-6
    for p in PONTOS:
        numerico = [(vale.funcao(p + h * e) - vale.funcao(p - h * e)) / (2 * h) for e in np.eye(2)]
        np.testing.assert_allclose(vale.gradiente(p), numerico, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("nome", G.VALES)
def test_minimos_dos_vales_tem_gradiente_nulo(nome):
    vale = G.VALES[nome]
    for m in vale.minimos:
        np.testing.assert_allclose(vale.gradiente(m), 0.0, atol=1e-12)


def test_dois_minimos_global_a_esquerda():
    vale = G.VALES["dois_minimos"]
    esquerda, direita = vale.minimos
    assert esquerda[0] < 0 < direita[0]
    assert vale.funcao(esquerda) < vale.funcao(direita)


# --- descida do gradiente -----------------------------------------------------

def test_descida_converge_na_tigela():
    trajetoria = G.descida_gradiente(G.VALES["tigela"].gradiente, [2.0, -1.5], 0.1, 100)
    assert trajetoria.shape == (101, 2)
    np.testing.assert_array_equal(trajetoria[0], [2.0, -1.5])
    np.testing.assert_allclose(trajetoria[-1], 0.0, atol=1e-8)
    custos = G.VALES["tigela"].funcao(trajetoria)
    assert np.all(np.diff(custos) < 0)  # na tigela, com η pequeno, o custo sempre cai


def test_um_passo_e_a_regra_de_atualizacao():
    trajetoria = G.descida_gradiente(G.VALES["alongada"].gradiente, [1.0, 1.0], 0.1, 1)
    np.testing.assert_allclose(trajetoria[1], [0.9, 0.0])


def test_taxa_grande_demais_diverge_na_alongada():
    # Curvatura 10 em y: a descida só converge com η < 2/10.
    grad = G.VALES["alongada"].gradiente
    assert abs(G.descida_gradiente(grad, [1.0, 1.0], 0.19, 300)[-1, 1]) < 1e-6
    assert abs(G.descida_gradiente(grad, [1.0, 1.0], 0.21, 300)[-1, 1]) > 1e6


def test_momento_acelera_na_direcao_plana():
    grad = G.VALES["alongada"].gradiente
    sem = G.descida_gradiente(grad, [-2.0, 1.5], 0.02, 100)
    com = G.descida_gradiente(grad, [-2.0, 1.5], 0.02, 100, momento=0.8)
    assert np.linalg.norm(com[-1]) < 0.01 * np.linalg.norm(sem[-1])


def test_momento_igual_a_formula():
    grad = G.VALES["tigela"].gradiente
    t = G.descida_gradiente(grad, [1.0, 0.0], 0.1, 2, momento=0.5)
    # v1 = −0,1·2 = −0,2 → x1 = 0,8; v2 = 0,5·(−0,2) − 0,1·1,6 = −0,26 → x2 = 0,54
    np.testing.assert_allclose(t[:, 0], [1.0, 0.8, 0.54])


def test_descida_em_qualquer_dimensao():
    alvo = np.arange(5.0)
    t = G.descida_gradiente(lambda x: x - alvo, np.zeros(5), 0.5, 60)
    np.testing.assert_allclose(t[-1], alvo, atol=1e-12)
    assert G.descida_gradiente(lambda x: x, [1.0], 0.1, 0).shape == (1, 1)


def test_descida_erros_claros():
    grad = G.VALES["tigela"].gradiente
    with pytest.raises(ValueError, match="positivo"):
        G.descida_gradiente(grad, [1.0, 1.0], 0.0, 10)
    with pytest.raises(ValueError, match="positivo"):
        G.descida_gradiente(grad, [1.0, 1.0], -0.1, 10)
    with pytest.raises(ValueError, match="finito"):
        G.descida_gradiente(grad, [1.0, 1.0], float("nan"), 10)
    with pytest.raises(ValueError, match="NaN"):
        G.descida_gradiente(grad, [np.nan, 1.0], 0.1, 10)
    with pytest.raises(TypeError, match="real"):
        G.descida_gradiente(grad, [1.0, 1.0], "0,1", 10)
    with pytest.raises(TypeError, match="função"):
        G.descida_gradiente("gradiente", [1.0, 1.0], 0.1, 10)
    with pytest.raises(TypeError, match="inteiro"):
        G.descida_gradiente(grad, [1.0, 1.0], 0.1, 2.5)
    with pytest.raises(ValueError, match="pelo menos"):
        G.descida_gradiente(grad, [1.0, 1.0], 0.1, -1)
    with pytest.raises(ValueError, match="momento"):
        G.descida_gradiente(grad, [1.0, 1.0], 0.1, 10, momento=1.0)
    with pytest.raises(ValueError, match="vetor"):
        G.descida_gradiente(grad, [[1.0, 1.0]], 0.1, 10)
    with pytest.raises(ValueError, match="forma"):
        G.descida_gradiente(lambda x: np.zeros(3), [1.0, 1.0], 0.1, 10)


def test_vales_erros_claros():
    with pytest.raises(ValueError, match="desconhecido"):
        G.obter_vale("montanha")
    with pytest.raises(TypeError):
        G.obter_vale(3)
    assert G.obter_vale("Dois mínimos".replace("í", "i")) is G.VALES["dois_minimos"]
    with pytest.raises(ValueError, match="2 coordenadas"):
        G.VALES["tigela"].funcao([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="NaN"):
        G.VALES["tigela"].gradiente([np.nan, 0.0])


# --- mínimos quadrados e SGD ------------------------------------------------

def test_minimos_quadrados_confere_com_polyfit_e_sklearn():
    from sklearn.linear_model import LinearRegression

    x, y = _dados_regressao()
    b, w = G.minimos_quadrados(x, y)
    inclinacao, intercepto = np.polyfit(x, y, 1)
    np.testing.assert_allclose([b, w], [intercepto, inclinacao], rtol=1e-10)

    rng = np.random.default_rng(1)
    X = rng.normal(size=(100, 3))
    alvo = X @ np.array([1.0, -2.0, 0.5]) + 0.7 + rng.normal(0, 0.1, 100)
    modelo = LinearRegression().fit(X, alvo)
    beta = G.minimos_quadrados(X, alvo)
    np.testing.assert_allclose(beta, [modelo.intercept_, *modelo.coef_], rtol=1e-10)
    # As equações normais (XᵀX)β = Xᵀy valem na solução.
    A = np.hstack([np.ones((100, 1)), X])
    np.testing.assert_allclose(A.T @ A @ beta, A.T @ alvo, rtol=1e-9)


def test_custo_quadratico_e_minimo_na_solucao_fechada():
    x, y = _dados_regressao()
    beta = G.minimos_quadrados(x, y)
    otimo = G.custo_quadratico(x, y, beta)
    residuo = y - beta[0] - beta[1] * x
    assert otimo == pytest.approx(np.mean(residuo**2) / 2)
    for delta in ([0.01, 0.0], [0.0, -0.01], [0.05, 0.05]):
        assert G.custo_quadratico(x, y, beta + delta) > otimo


@pytest.mark.parametrize("lote, eta, epocas", [(200, 0.5, 200), (20, 0.1, 60), (1, 0.01, 30)])
def test_sgd_aproxima_a_solucao_fechada(lote, eta, epocas):
    x, y = _dados_regressao()
    otimo = G.custo_quadratico(x, y, G.minimos_quadrados(x, y))
    pesos, hist = G.regressao_linear_sgd(x, y, lote, eta, epocas, semente=0)
    np.testing.assert_allclose(pesos, G.minimos_quadrados(x, y), atol=0.1)
    assert hist.custo[-1] == pytest.approx(otimo, rel=0.02)
    assert hist.custo[-1] == pytest.approx(G.custo_quadratico(x, y, pesos))
    assert hist.custo[0] == pytest.approx(G.custo_quadratico(x, y, np.zeros(2)))


def test_historico_do_sgd():
    x, y = _dados_regressao(n=50)
    _, hist = G.regressao_linear_sgd(x, y, 16, 0.1, 3)  # 4 lotes por época (16+16+16+2)
    assert len(hist.custo) == 3 * 4 + 1
    assert hist.exemplos_vistos[0] == 0 and hist.exemplos_vistos[-1] == 150
    np.testing.assert_array_equal(hist.exemplos_vistos[:5], [0, 16, 32, 48, 50])
    np.testing.assert_allclose(hist.custo_epoca, hist.custo[::4])
    assert hist.trajetoria.shape == (13, 2)
    np.testing.assert_array_equal(hist.atualizacoes, np.arange(13))


def test_sgd_reprodutivel_e_lote_inteiro_deterministico():
    x, y = _dados_regressao(n=60)
    a, _ = G.regressao_linear_sgd(x, y, 1, 0.05, 2, semente=7)
    b, _ = G.regressao_linear_sgd(x, y, 1, 0.05, 2, semente=7)
    c, _ = G.regressao_linear_sgd(x, y, 1, 0.05, 2, semente=8)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    d, _ = G.regressao_linear_sgd(x, y, 60, 0.05, 2, semente=1)
    e, _ = G.regressao_linear_sgd(x, y, 60, 0.05, 2, semente=2)
    np.testing.assert_allclose(d, e)  # em lote, a ordem dos exemplos não importa


def test_regressao_erros_claros():
    x, y = _dados_regressao(n=20)
    with pytest.raises(ValueError, match="positivo"):
        G.regressao_linear_sgd(x, y, 5, 0.0, 3)
    with pytest.raises(ValueError, match="passar"):
        G.regressao_linear_sgd(x, y, 21, 0.1, 3)
    with pytest.raises(ValueError, match="pelo menos"):
        G.regressao_linear_sgd(x, y, 0, 0.1, 3)
    with pytest.raises(TypeError, match="inteiro"):
        G.regressao_linear_sgd(x, y, 5, 0.1, 2.0)
    with pytest.raises(ValueError, match="NaN"):
        G.minimos_quadrados(np.r_[x[:-1], np.nan], y)
    with pytest.raises(ValueError, match="20 valores"):
        G.minimos_quadrados(x, y[:-1])
    with pytest.raises(ValueError, match="forma"):
        G.minimos_quadrados(np.zeros((2, 3, 4)), np.zeros(2))
    with pytest.raises(TypeError):
        G.minimos_quadrados("x", y)
    with pytest.raises(ValueError, match="linearmente dependentes"):
        G.minimos_quadrados(np.column_stack([x, 2 * x]), y)
    with pytest.raises(ValueError, match="pesos"):
        G.custo_quadratico(x, y, [1.0, 2.0, 3.0])


# --- widget do vale ---------------------------------------------------------

@pytest.mark.parametrize("nome", G.VALES)
def test_desenhar_vale(nome):
    fig = widgets.desenhar_vale(nome, 0.1, -2.0, 1.5, 0.5, 20)
    titulo = fig.axes[0].get_title()
    assert "custo final" in titulo and "η = 0,100" in titulo and "20 passos" in titulo


def test_desenhar_vale_avisa_divergencia():
    fig = widgets.desenhar_vale("alongada", 0.9, -2.0, 1.5, 0.0, 200)
    assert "divergiu" in fig.axes[0].get_title()


def test_widget_do_vale_tem_imagem_estatica():
    pacote = widgets.vale_gradiente()._repr_mimebundle_()
    assert widgets.WIDGET_MIME in pacote
    assert base64.b64decode(pacote["image/png"]).startswith(PNG)
    assert "vale" in pacote["text/plain"].lower()
    with pytest.raises(ValueError, match="desconhecido"):
        widgets.vale_gradiente("montanha")
    with pytest.raises(ValueError, match="fora"):
        widgets.vale_gradiente(taxa_aprendizado=5.0)
    with pytest.raises(ValueError, match="passos"):
        widgets.vale_gradiente(passos=0)


def test_vale_regressao_confere_com_o_custo():
    x, y = _dados_regressao()
    vale = G.vale_regressao(x, y)
    for pesos in ([0.0, 0.0], [1.0, 2.5], list(G.minimos_quadrados(x, y))):
        assert vale.funcao(pesos) == pytest.approx(G.custo_quadratico(x, y, pesos))
    np.testing.assert_allclose(vale.gradiente(vale.minimos[0]), 0.0, atol=1e-10)
    b = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    w = torch.tensor(-0.4, dtype=torch.float64, requires_grad=True)
    gb, gw = torch.autograd.grad(vale.expressao(b, w), (b, w))
    np.testing.assert_allclose(vale.gradiente([0.3, -0.4]), [gb.item(), gw.item()])
    with pytest.raises(ValueError, match="única"):
        G.vale_regressao(np.zeros((5, 2)), np.zeros(5))


def test_desenhar_trajetorias():
    t = G.descida_gradiente(G.VALES["tigela"].gradiente, [2.0, 1.0], 0.1, 10)
    ax = G.desenhar_trajetorias("tigela", {"η = 0,1": t, "cópia": t + 0.1})
    rotulos = [l.get_label() for l in ax.get_lines()]
    assert "η = 0,1" in rotulos and "cópia" in rotulos
    with pytest.raises(ValueError, match="nenhuma"):
        G.desenhar_trajetorias("tigela", {})
    with pytest.raises(ValueError, match="janela"):
        G.desenhar_trajetorias("tigela", {"a": t}, janela=(1, 0, 0, 1))
    with pytest.raises(ValueError, match="forma"):
        G.desenhar_trajetorias("tigela", {"a": np.zeros(3)})
