"""profundo.amostragem: gerador congruencial, transformada inversa, rejeição, classificador gaussiano e MMD."""

import math

import numpy as np
import pytest
import torch
from scipy import stats

from profundo import amostragem as A

# ---------------------------------------------------------------------------
# Gerador congruencial linear
# ---------------------------------------------------------------------------


def test_congruencial_segue_a_recorrencia():
    g = A.GeradorCongruencial(semente=7, a=5, c=3, m=16)
    esperado, x = [], 7
    for _ in range(20):
        x = (5 * x + 3) % 16
        esperado.append(x)
    assert g.inteiros(20).tolist() == esperado
    assert g.estado == esperado[-1]


def test_congruencial_continua_de_onde_parou_e_repete_com_a_mesma_semente():
    g1, g2 = A.GeradorCongruencial(123), A.GeradorCongruencial(123)
    juntos = g1.uniformes(10)
    np.testing.assert_array_equal(np.concatenate([g2.uniformes(4), g2.uniformes(6)]), juntos)
    assert not np.array_equal(A.GeradorCongruencial(124).uniformes(10), juntos)


def test_uniformes_sao_o_meio_das_fatias_e_nunca_0_ou_1():
    g = A.GeradorCongruencial(0, a=5, c=3, m=16)
    u = g.uniformes(16)
    np.testing.assert_allclose(np.sort(u), (np.arange(16) + 0.5) / 16)    # período completo: todas as fatias
    u = A.GeradorCongruencial(99).uniformes(5000)
    assert u.min() > 0 and u.max() < 1


def test_estados_grandes_sem_estouro():
    g = A.GeradorCongruencial(2**32 - 1)     # a·x passa de 2⁶³ e o resultado continua exato
    x1 = g.inteiros(1)[0]
    assert x1 == (1664525 * (2**32 - 1) + 1013904223) % 2**32


@pytest.mark.parametrize("m", [8, 12, 16, 27])
def test_hull_dobell_concorda_com_o_periodo_medido(m):
    for a in range(1, m):
        for c in range(m):
            assert A.tem_periodo_completo(a, c, m) == (A.periodo(a, c, m, semente=0) == m), (a, c, m)


def test_periodos_conhecidos():
    assert A.periodo(5, 3, 16) == 16
    assert A.periodo(5, 0, 16, semente=1) == 4       # multiplicativo com m = 2^k: período curto
    assert A.periodo(3, 0, 7, semente=1) == 6        # 3 é raiz primitiva módulo 7
    assert A.tem_periodo_completo(1664525, 1013904223, 2**32)       # Numerical Recipes
    assert not A.tem_periodo_completo(65539, 0, 2**31)               # RANDU (c = 0)


def test_randu_tem_a_relacao_linear_dos_tres_termos():
    x = A.GeradorCongruencial(1, a=65539, c=0, m=2**31).inteiros(1000).astype(object)
    for k in range(len(x) - 2):
        assert x[k + 2] == (6 * x[k + 1] - 9 * x[k]) % 2**31


@pytest.mark.parametrize("argumentos, erro", [
    (dict(m=1), ValueError), (dict(m=2**33), ValueError), (dict(a=0), ValueError),
    (dict(m=16, a=5, c=16), ValueError), (dict(semente=-1), ValueError), (dict(semente=1.5), TypeError),
    (dict(a=True), TypeError)])
def test_congruencial_valida_parametros(argumentos, erro):
    with pytest.raises(erro):
        A.GeradorCongruencial(**argumentos)


def test_congruencial_valida_n_e_periodo_valida_m():
    with pytest.raises(ValueError, match="n"):
        A.GeradorCongruencial().uniformes(0)
    with pytest.raises(ValueError, match="m"):
        A.periodo(5, 3, 2**25)


def test_distancia_ks_iguala_a_do_scipy():
    rng = np.random.default_rng(3)
    for dist, p in [("uniforme", {}), ("normal", {"media": 1.0, "desvio": 2.0}), ("exponencial", {"taxa": 3.0})]:
        x = A.amostrar(500, dist, rng, **p)
        referencia = stats.kstest(x, lambda t: A.fda(t, dist, **p)).statistic
        assert A.distancia_ks(x, dist, **p) == pytest.approx(referencia, abs=1e-14)
    assert A.distancia_ks(A.amostrar(2000, "normal", rng), "normal") < 0.05
    assert A.distancia_ks(A.amostrar(2000, "normal", rng, media=1.0), "normal") > 0.3


# ---------------------------------------------------------------------------
# Distribuições e transformada inversa
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dist", A.DISTRIBUICOES)
def test_fda_da_inversa_e_u(dist):
    u = np.linspace(1e-6, 1 - 1e-6, 301)
    np.testing.assert_allclose(A.fda(A.transformada_inversa(u, dist), dist), u, atol=1e-12)


@pytest.mark.parametrize("dist", A.DISTRIBUICOES)
def test_densidade_e_a_derivada_da_fda(dist):
    x = A.transformada_inversa(np.linspace(0.02, 0.98, 41), dist)
    eps = 1e-6
    derivada = (A.fda(x + eps, dist) - A.fda(x - eps, dist)) / (2 * eps)
    np.testing.assert_allclose(A.densidade(x, dist), derivada, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("dist", [d for d in A.DISTRIBUICOES if d != "cauchy"])
def test_densidade_integra_1(dist):
    x = np.linspace(-30, 30, 600_001)
    assert np.trapezoid(A.densidade(x, dist), x) == pytest.approx(1.0, abs=1e-4)


def test_valores_conhecidos_da_inversa():
    assert A.transformada_inversa(0.5, "exponencial", taxa=2.0) == pytest.approx(math.log(2) / 2)
    assert A.transformada_inversa(0.975, "normal") == pytest.approx(1.959963984540054)
    assert A.transformada_inversa(0.975, "normal", media=10, desvio=2) == pytest.approx(10 + 2 * 1.959963984540054)
    assert A.transformada_inversa(0.75, "cauchy", escala=3.0) == pytest.approx(3.0)        # quartis ±γ
    assert A.transformada_inversa(1 / (1 + math.e), "logistica") == pytest.approx(-1.0)
    assert A.transformada_inversa(0.25, "uniforme", a=2.0, b=6.0) == pytest.approx(3.0)
    assert isinstance(A.transformada_inversa(0.3, "normal"), float)
    assert A.transformada_inversa([0.3, 0.6], "normal").shape == (2,)


def test_a_prova_numerica_p_de_inversa_de_u_menor_que_x_e_f():
    u = A.uniformes_abertos(200_000, 0)
    x = A.transformada_inversa(u, "mistura")
    for limite in (-3.0, -1.0, 0.5, 2.5):
        assert np.mean(x <= limite) == pytest.approx(A.fda(limite, "mistura"), abs=0.004)


def test_amostrar_tem_os_momentos_certos_e_repete_com_a_semente():
    x = A.amostrar(100_000, "exponencial", 1, taxa=2.0)
    assert x.mean() == pytest.approx(0.5, rel=0.02) and x.std() == pytest.approx(0.5, rel=0.02)
    np.testing.assert_array_equal(A.amostrar(10, "normal", 5), A.amostrar(10, "normal", np.random.default_rng(5)))
    u = A.uniformes_abertos(1000, 2)
    assert u.min() > 0 and u.max() < 1
    assert A.parametros_padrao("normal") == {"media": 0.0, "desvio": 1.0}


@pytest.mark.parametrize("u", [0.0, 1.0, 1.5, -0.2, [0.5, 1.0]])
def test_u_fora_do_intervalo_aberto_da_erro(u):
    with pytest.raises(ValueError, match=r"\(0, 1\)"):
        A.transformada_inversa(u, "normal")


@pytest.mark.parametrize("chamada, erro, trecho", [
    (lambda: A.transformada_inversa(np.nan, "normal"), ValueError, "NaN"),
    (lambda: A.transformada_inversa("0.5", "normal"), TypeError, "texto"),
    (lambda: A.transformada_inversa([], "normal"), ValueError, "vazio"),
    (lambda: A.transformada_inversa(0.5, "gama"), ValueError, "desconhecida"),
    (lambda: A.transformada_inversa(0.5, "normal", sigma=2), TypeError, "sigma"),
    (lambda: A.transformada_inversa(0.5, "normal", desvio=0), ValueError, "positivo"),
    (lambda: A.transformada_inversa(0.5, "exponencial", taxa=-1), ValueError, "positivo"),
    (lambda: A.transformada_inversa(0.5, "normal", media=np.inf), ValueError, "finito"),
    (lambda: A.fda(0.5, "uniforme", a=1, b=1), ValueError, "a < b"),
    (lambda: A.densidade(0.5, "mistura", peso=1.0), ValueError, "peso"),
    (lambda: A.amostrar(0, "normal"), ValueError, "n"),
    (lambda: A.amostrar(5, "normal", rng="x"), TypeError, "rng"),
    (lambda: A.distancia_ks([0.1, np.nan]), ValueError, "NaN"),
])
def test_entradas_ruins_tem_mensagem_clara(chamada, erro, trecho):
    with pytest.raises(erro, match=trecho):
        chamada()


def test_fda_e_densidade_aceitam_infinito():
    assert A.fda(np.inf, "normal") == 1.0 and A.fda(-np.inf, "normal") == 0.0
    assert A.densidade(np.inf, "exponencial") == 0.0


# ---------------------------------------------------------------------------
# Amostragem por rejeição
# ---------------------------------------------------------------------------

def _beta25(x):
    x = np.asarray(x, dtype=float)
    return np.where((x >= 0) & (x <= 1), 30 * x * (1 - x) ** 4, 0.0)


def test_menor_constante_de_exemplos_conhecidos():
    assert A.menor_constante(_beta25, "uniforme", np.linspace(0, 1, 10_001)) == pytest.approx(2.4576)
    normal = lambda x: A.densidade(x, "normal")   # noqa: E731
    assert A.menor_constante(normal, "cauchy", np.linspace(-10, 10, 20_001)) == pytest.approx(
        math.sqrt(2 * math.pi / math.e), rel=1e-6)
    with pytest.raises(ValueError, match="zero"):
        A.menor_constante(normal, "uniforme", np.linspace(-2, 2, 11))


@pytest.mark.parametrize("fator", [1.0, 3.0])
def test_rejeicao_taxa_e_distribuicao(fator):
    M = 2.4576 * fator
    r = A.amostrar_rejeicao(_beta25, "uniforme", M, 20_000, rng=0)
    assert len(r.amostras) == 20_000
    propostas = len(r.propostas)
    assert r.taxa_aceitacao == 20_000 / propostas
    erro_padrao = math.sqrt((1 / M) * (1 - 1 / M) / propostas)
    assert abs(r.taxa_aceitacao - 1 / M) < 4 * erro_padrao
    assert stats.kstest(r.amostras, stats.beta(2, 5).cdf).statistic < 0.015
    assert r.aceitas[-1] and r.aceitas.sum() == 20_000                 # termina na n-ésima aceita
    np.testing.assert_array_equal(r.aceitas, r.alturas <= _beta25(r.propostas))
    assert np.all(r.alturas <= M * A.densidade(r.propostas, "uniforme"))
    np.testing.assert_array_equal(r.amostras, r.propostas[r.aceitas])


def test_rejeicao_com_proposta_parametrizada():
    normal = lambda x: A.densidade(x, "normal", media=1.0)   # noqa: E731
    M = math.sqrt(2 * math.pi / math.e) * 1.001
    r = A.amostrar_rejeicao(normal, "cauchy", M, 5000, rng=np.random.default_rng(1), mediana=1.0)
    assert abs(r.amostras.mean() - 1.0) < 0.06
    assert r.taxa_aceitacao == pytest.approx(1 / M, abs=0.03)


@pytest.mark.parametrize("chamada, erro, trecho", [
    (lambda: A.amostrar_rejeicao(_beta25, "uniforme", 0.5, 10), ValueError, "≥ 1"),
    (lambda: A.amostrar_rejeicao(_beta25, "uniforme", np.nan, 10), ValueError, "finito"),
    (lambda: A.amostrar_rejeicao(_beta25, "uniforme", 1.5, 100, rng=0), ValueError, "aumente M"),
    (lambda: A.amostrar_rejeicao(_beta25, "uniforme", 3.0, 0), ValueError, "n"),
    (lambda: A.amostrar_rejeicao("f", "uniforme", 3.0, 10), TypeError, "função"),
    (lambda: A.amostrar_rejeicao(lambda x: x[:1], "uniforme", 3.0, 10), ValueError, "forma"),
    (lambda: A.amostrar_rejeicao(lambda x: -x, "uniforme", 3.0, 10), ValueError, "negativo"),
    (lambda: A.amostrar_rejeicao(_beta25, "gama", 3.0, 10), ValueError, "desconhecida"),
])
def test_rejeicao_valida_entradas(chamada, erro, trecho):
    with pytest.raises(erro, match=trecho):
        chamada()


# ---------------------------------------------------------------------------
# Classificador gaussiano (generativo)
# ---------------------------------------------------------------------------

@pytest.fixture
def duas_classes():
    rng = np.random.default_rng(0)
    x0 = rng.multivariate_normal([0, 0], [[1, 0.5], [0.5, 1]], size=300)
    x1 = rng.multivariate_normal([3, 1], [[0.5, 0], [0, 2]], size=100)
    return np.vstack([x0, x1]), np.repeat([0, 1], [300, 100])


def test_classificador_gaussiano_densidades_e_bayes(duas_classes):
    x, y = duas_classes
    m = A.ClassificadorGaussiano().ajustar(x, y)
    np.testing.assert_allclose(m.prioris_, [0.75, 0.25])
    np.testing.assert_allclose(m.medias_[1], x[y == 1].mean(axis=0))
    np.testing.assert_allclose(m.covariancias_[0], np.cov(x[y == 0].T, bias=True))
    pontos = np.array([[0.0, 0.0], [2.0, 1.0], [5.0, -3.0]])
    ref = np.column_stack([stats.multivariate_normal(m.medias_[k], m.covariancias_[k]).logpdf(pontos)
                           for k in range(2)])
    np.testing.assert_allclose(m.log_densidade_classes(pontos), ref, rtol=1e-12)
    conjunta = np.exp(ref) * m.prioris_
    np.testing.assert_allclose(m.probabilidades(pontos), conjunta / conjunta.sum(1, keepdims=True), rtol=1e-10)
    np.testing.assert_allclose(m.log_densidade(pontos), np.log(conjunta.sum(1)), rtol=1e-12)
    np.testing.assert_array_equal(m.prever(pontos), conjunta.argmax(1))
    assert (m.prever(x) == y).mean() > 0.85


def test_classificador_gaussiano_gera_pontos_da_classe(duas_classes):
    x, y = duas_classes
    m = A.ClassificadorGaussiano().ajustar(x, y + 5)           # rótulos quaisquer
    novos, classes = m.amostrar(40_000, rng=1)
    assert set(np.unique(classes)) == {5, 6}
    assert np.mean(classes == 5) == pytest.approx(0.75, abs=0.01)
    so6, c6 = m.amostrar(40_000, rng=2, classe=6)
    assert np.all(c6 == 6)
    np.testing.assert_allclose(so6.mean(0), m.medias_[1], atol=0.03)
    np.testing.assert_allclose(np.cov(so6.T, bias=True), m.covariancias_[1], atol=0.05)


def test_classificador_gaussiano_valida_entradas(duas_classes):
    x, y = duas_classes
    m = A.ClassificadorGaussiano()
    with pytest.raises(RuntimeError, match="ajuste"):
        m.probabilidades(x)
    with pytest.raises(ValueError, match="forma"):
        m.ajustar(x[:, 0], y)
    with pytest.raises(ValueError, match="rótulo"):
        m.ajustar(x, y[:-1])
    with pytest.raises(TypeError, match="inteiros"):
        m.ajustar(x, y.astype(float))
    with pytest.raises(ValueError, match="pontos"):
        m.ajustar(x[:3], np.array([0, 0, 1]))
    with pytest.raises(ValueError, match="singular"):
        m.ajustar(np.array([[0, 0], [1, 1], [2, 2.0]]), np.array([0, 0, 0]))
    m.ajustar(x, y)
    with pytest.raises(ValueError, match="forma"):
        m.log_densidade(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="classe"):
        m.amostrar(5, classe=7)
    with pytest.raises(ValueError, match="NaN"):
        m.prever(np.array([[np.nan, 0.0]]))


# ---------------------------------------------------------------------------
# MMD
# ---------------------------------------------------------------------------

def _mmd2_lacos(x, y, h, viesado):
    """Referência independente: laços duplos sobre os pares."""
    x = np.atleast_2d(np.asarray(x, float).T).T
    y = np.atleast_2d(np.asarray(y, float).T).T
    k = lambda a, b: math.exp(-np.sum((a - b) ** 2) / (2 * h * h))   # noqa: E731
    n, m = len(x), len(y)
    sxx = sum(k(x[i], x[j]) for i in range(n) for j in range(n) if viesado or i != j)
    syy = sum(k(y[i], y[j]) for i in range(m) for j in range(m) if viesado or i != j)
    sxy = sum(k(x[i], y[j]) for i in range(n) for j in range(m))
    return sxx / (n * n if viesado else n * (n - 1)) + syy / (m * m if viesado else m * (m - 1)) - 2 * sxy / (n * m)


@pytest.mark.parametrize("viesado", [False, True])
@pytest.mark.parametrize("d", [1, 2])
def test_mmd2_confere_com_lacos(viesado, d):
    rng = np.random.default_rng(d)
    x, y = rng.normal(size=(12, d)), rng.normal(0.5, 1.3, size=(9, d))
    if d == 1:
        x, y = x[:, 0], y[:, 0]
    assert A.mmd2(x, y, 0.8, viesado) == pytest.approx(_mmd2_lacos(x, y, 0.8, viesado), rel=1e-12)
    assert A.mmd2(x, y, 0.8, viesado) == pytest.approx(A.mmd2(y, x, 0.8, viesado), rel=1e-12)


def test_mmd2_viesado_de_uma_amostra_com_ela_mesma_e_zero_e_nao_viesado_pode_ser_negativo():
    x = np.random.default_rng(0).normal(size=50)
    assert A.mmd2(x, x, 1.0, viesado=True) == pytest.approx(0.0, abs=1e-14)
    rng = np.random.default_rng(1)
    valores = [A.mmd2(rng.normal(size=30), rng.normal(size=30), 1.0) for _ in range(50)]
    assert min(valores) < 0 < max(valores)


def test_mmd2_nao_viesado_acerta_o_valor_exato_em_media():
    rng = np.random.default_rng(2)
    exato = A.mmd2_gaussianas(0.0, 1.0, 1.0, 0.7, 1.5)
    estimativas = [A.mmd2(rng.normal(0, 1, 40), rng.normal(1, 0.7, 40), 1.5) for _ in range(400)]
    erro_padrao = np.std(estimativas) / math.sqrt(len(estimativas))
    assert abs(np.mean(estimativas) - exato) < 4 * erro_padrao
    # o viesado inclui os n pares k(x_i, x_i) = 1: em média, passa do exato por (1 − E k(X, X'))/n + (1 − E k(Y, Y'))/m
    viesadas = [A.mmd2(rng.normal(0, 1, 40), rng.normal(1, 0.7, 40), 1.5, viesado=True) for _ in range(400)]
    vies = (1 - 1.5 / math.sqrt(1.5**2 + 2)) / 40 + (1 - 1.5 / math.sqrt(1.5**2 + 2 * 0.7**2)) / 40
    assert abs(np.mean(viesadas) - (exato + vies)) < 4 * erro_padrao
    assert vies > 0


def test_mmd2_gaussianas_propriedades():
    assert A.mmd2_gaussianas(1.0, 2.0, 1.0, 2.0, 0.5) == pytest.approx(0.0, abs=1e-15)
    a = A.mmd2_gaussianas(0.0, 1.0, 2.0, 0.5, 1.0)
    assert a == pytest.approx(A.mmd2_gaussianas(2.0, 0.5, 0.0, 1.0, 1.0))
    assert A.mmd2_gaussianas(0, 1, 2, 1, 1e4) < 1e-7 < a            # núcleo largo demais: quase não distingue
    # integral numérica das esperanças com as densidades
    x = np.linspace(-12, 12, 2001)
    p, q = A.densidade(x, "normal"), A.densidade(x, "normal", media=2.0, desvio=0.5)
    K = np.exp(-(x[:, None] - x[None, :]) ** 2 / 2)
    dx = x[1] - x[0]
    numerico = (p @ K @ p + q @ K @ q - 2 * p @ K @ q) * dx * dx
    assert a == pytest.approx(numerico, rel=1e-6)


@pytest.mark.parametrize("viesado", [False, True])
@pytest.mark.parametrize("forma_y", [(7,), (7, 2)])
def test_gradiente_mmd2_contra_o_autograd_e_diferencas_finitas(viesado, forma_y):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(10,) + forma_y[1:])
    y = rng.normal(0.3, 1.2, size=forma_y)
    g = A.gradiente_mmd2(x, y, 0.9, viesado)
    assert g.shape == y.shape
    yt = torch.tensor(y, requires_grad=True)
    custo = A.mmd2_torch(torch.tensor(x), yt, 0.9, viesado)
    custo.backward()
    assert float(custo.detach()) == pytest.approx(A.mmd2(x, y, 0.9, viesado), rel=1e-12)
    np.testing.assert_allclose(g, yt.grad.numpy(), rtol=1e-10, atol=1e-14)
    eps, numerico = 1e-6, np.zeros_like(y)
    for i in np.ndindex(y.shape):
        mais, menos = y.copy(), y.copy()
        mais[i] += eps
        menos[i] -= eps
        numerico[i] = (A.mmd2(x, mais, 0.9, viesado) - A.mmd2(x, menos, 0.9, viesado)) / (2 * eps)
    np.testing.assert_allclose(g, numerico, rtol=1e-6, atol=1e-9)


def test_largura_mediana():
    x, y = np.array([0.0, 1.0, 3.0]), np.array([6.0])
    assert A.largura_mediana(x) == pytest.approx(2.0)                 # distâncias 1, 3, 2
    assert A.largura_mediana(x, y) == pytest.approx(np.median([1, 3, 6, 2, 5, 3]))
    with pytest.raises(ValueError, match="zero"):
        A.largura_mediana(np.zeros(5))


@pytest.mark.parametrize("chamada, erro, trecho", [
    (lambda: A.mmd2([0, 1], [0, 1], 0.0), ValueError, "positivo"),
    (lambda: A.mmd2([0, 1], [0, 1], -1.0), ValueError, "positivo"),
    (lambda: A.mmd2([0, 1], [0, 1], np.nan), ValueError, "finito"),
    (lambda: A.mmd2([0, np.nan], [0, 1], 1.0), ValueError, "NaN"),
    (lambda: A.mmd2(np.zeros((3, 2)), np.zeros((3, 3)), 1.0), ValueError, "mesmo d"),
    (lambda: A.mmd2([0.0], [0, 1], 1.0), ValueError, "2 pontos"),
    (lambda: A.gradiente_mmd2([0, 1], [0, 1], 0.0), ValueError, "positivo"),
    (lambda: A.mmd2_torch(np.zeros(3), torch.zeros(3), 1.0), TypeError, "tensor"),
    (lambda: A.mmd2_torch(torch.zeros(3), torch.zeros(3, dtype=torch.long), 1.0), TypeError, "ponto flutuante"),
    (lambda: A.mmd2_torch(torch.zeros(3, 2), torch.zeros(3, 1), 1.0), ValueError, "colunas"),
    (lambda: A.mmd2_torch(torch.zeros(3), torch.full((3,), float("nan")), 1.0), ValueError, "NaN"),
    (lambda: A.mmd2_gaussianas(0, 0, 0, 1, 1), ValueError, "positivo"),
])
def test_mmd_valida_entradas(chamada, erro, trecho):
    with pytest.raises(erro, match=trecho):
        chamada()


# ---------------------------------------------------------------------------
# Gerador treinado pelo MMD
# ---------------------------------------------------------------------------

def test_gerador_afim():
    g = A.GeradorAfim(2.0, 0.5)
    z = torch.tensor([[-1.0], [0.0], [2.0]])
    torch.testing.assert_close(g(z), torch.tensor([[1.5], [2.0], [3.0]]))
    assert g.desvio.item() == pytest.approx(0.5)
    with pytest.raises(ValueError, match="positivo"):
        A.GeradorAfim(0.0, 0.0)


def test_ajustar_gerador_mmd_acha_a_gaussiana_alvo():
    torch.set_num_threads(1)
    alvo = A.amostrar(2000, "normal", 0, media=3.0, desvio=0.5)
    g = A.GeradorAfim(0.0, 1.0)
    h = A.ajustar_gerador_mmd(g, alvo, passos=300, largura=1.0, taxa_aprendizado=0.05, semente=0)
    assert len(h) == 300 == len(h.media) == len(h.desvio)
    assert abs(g.media.item() - 3.0) < 0.15 and abs(g.desvio.item() - 0.5) < 0.1
    assert abs(h.media[-1] - 3.0) < 0.15 and h.tempo_s > 0
    assert np.mean(h.mmd2[:10]) > 10 * abs(np.mean(h.mmd2[-50:]))
    g2 = A.GeradorAfim(0.0, 1.0)
    h2 = A.ajustar_gerador_mmd(g2, alvo, passos=300, largura=1.0, taxa_aprendizado=0.05, semente=0)
    assert h2.mmd2 == h.mmd2                                            # mesma semente, mesmo treino


def test_ajustar_gerador_mmd_valida_entradas():
    alvo = np.random.default_rng(0).normal(size=100)
    with pytest.raises(TypeError, match="Module"):
        A.ajustar_gerador_mmd(lambda z: z, alvo, passos=5, largura=1.0)
    with pytest.raises(ValueError, match="forma"):
        A.ajustar_gerador_mmd(torch.nn.Linear(1, 2), alvo, passos=5, largura=1.0)
    with pytest.raises(ValueError, match="passos"):
        A.ajustar_gerador_mmd(A.GeradorAfim(), alvo, passos=0, largura=1.0)
    with pytest.raises(ValueError, match="positivo"):
        A.ajustar_gerador_mmd(A.GeradorAfim(), alvo, passos=5, largura=0.0)
    with pytest.raises(ValueError, match="NaN"):
        A.ajustar_gerador_mmd(A.GeradorAfim(), [0.0, np.nan], passos=5, largura=1.0)
    with pytest.raises(ValueError, match="tamanho_lote"):
        A.ajustar_gerador_mmd(A.GeradorAfim(), alvo, passos=5, largura=1.0, tamanho_lote=1)


# ---------------------------------------------------------------------------
# Revisão: período por Brent, rejeição em rodadas limitadas, MMD sem o array (n, m, d)
# ---------------------------------------------------------------------------

def _periodo_por_dicionario(a, c, m, semente):
    """Referência: guarda o passo em que viu cada estado até um se repetir."""
    vistos, x, k = {}, semente, 0
    while x not in vistos:
        vistos[x] = k
        x, k = (a * x + c) % m, k + 1
    return k - vistos[x]


def test_periodo_de_brent_confere_com_o_dicionario_inclusive_com_cauda():
    rng = np.random.default_rng(0)
    for _ in range(300):
        m = int(rng.integers(2, 3000))
        a, c, semente = (int(v) for v in rng.integers([1, 0, 0], [m, m, m]))
        assert A.periodo(a, c, m, semente) == _periodo_por_dicionario(a, c, m, semente), (a, c, m, semente)
    # a = 6, m = 12: a sequência passa por estados que não voltam (cauda) antes de cair no ciclo
    assert A.periodo(6, 1, 12, semente=0) == _periodo_por_dicionario(6, 1, 12, 0)


def test_periodo_recusa_m_grande_demais_com_mensagem_clara():
    with pytest.raises(ValueError, match="2²⁴.*tem_periodo_completo"):
        A.periodo(1664525, 1013904223, 2**32)
    with pytest.raises(ValueError, match="m"):
        A.periodo(5, 3, 1)


def test_rejeicao_sorteia_em_rodadas_limitadas(monkeypatch):
    lotes = []
    amostrar_original = A.amostrar

    def amostrar_espiao(n, *args, **kwargs):
        lotes.append(n)
        return amostrar_original(n, *args, **kwargs)

    monkeypatch.setattr(A, "LOTE_MAXIMO_REJEICAO", 500)
    monkeypatch.setattr(A, "amostrar", amostrar_espiao)
    r = A.amostrar_rejeicao(_beta25, "uniforme", 2.4576, 3000, rng=0)
    assert max(lotes) <= 500 and len(lotes) >= 3000 * 2.4576 / 500
    assert len(r.amostras) == 3000 and r.aceitas[-1] and r.aceitas.sum() == 3000
    assert r.taxa_aceitacao == pytest.approx(1 / 2.4576, abs=0.03)
    assert A.LOTE_MAXIMO_REJEICAO == 500
    monkeypatch.undo()
    assert A.LOTE_MAXIMO_REJEICAO == 1_000_000


def test_rejeicao_mensagens_usam_o_nome_do_parametro_e_a_virgula():
    import re
    with pytest.raises(TypeError, match="densidade_alvo deve ser uma função"):
        A.amostrar_rejeicao("f", "uniforme", 3.0, 10)
    with pytest.raises(ValueError, match="densidade_alvo\\(x\\) deve ter a forma"):
        A.amostrar_rejeicao(lambda x: x[:1], "uniforme", 3.0, 10)
    with pytest.raises(ValueError) as erro:
        A.amostrar_rejeicao(_beta25, "uniforme", 1.5, 100, rng=0)
    texto = str(erro.value)
    assert re.search(r"x = \d,\d{4} \(f = \d,\d{4}, M·g = 1,5000\)", texto), texto


def test_menor_constante_recusa_proposta_nula_em_todos_os_pontos():
    with pytest.raises(ValueError, match="densidade zero em todos os pontos"):
        A.menor_constante(_beta25, "uniforme", np.linspace(2, 3, 11))       # fora do suporte de g e de f
    with pytest.raises(ValueError, match="densidade zero em todos os pontos"):
        A.menor_constante(_beta25, "exponencial", [-3.0, -1.0])


def test_classificador_gaussiano_amostrar_antes_de_ajustar():
    with pytest.raises(RuntimeError, match="ajuste"):
        A.ClassificadorGaussiano().amostrar(5)
    with pytest.raises(RuntimeError, match="ajuste"):
        A.ClassificadorGaussiano().log_densidade(np.zeros((2, 2)))


@pytest.mark.parametrize("d, deslocamento", [(1, 0.0), (3, 0.0), (2, 1000.0)])
def test_nucleo_gaussiano_confere_com_as_diferencas_mesmo_longe_da_origem(d, deslocamento):
    rng = np.random.default_rng(d)
    a = deslocamento + rng.normal(size=(15, d))
    b = deslocamento + rng.normal(0.5, 1.5, size=(11, d))
    h = 0.7
    referencia = np.exp(-((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2) / (2 * h * h))
    K = A.nucleo_gaussiano(a[:, 0] if d == 1 else a, b[:, 0] if d == 1 else b, h)
    assert K.shape == (15, 11)
    np.testing.assert_allclose(K, referencia, rtol=1e-9, atol=1e-15)
    Kaa = A.nucleo_gaussiano(a, a, h)
    assert np.all(Kaa <= 1.0) and np.allclose(np.diag(Kaa), 1.0, rtol=0, atol=1e-12)
    assert np.all(A.nucleo_gaussiano(np.zeros((4, d)), np.zeros((3, d)), h) == 1.0)   # pontos iguais: sem NaN


def test_mmd_nao_monta_o_array_de_diferencas():
    import tracemalloc
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(200, 400)), rng.normal(0.1, 1.0, size=(150, 400))
    tracemalloc.start()
    try:
        A.mmd2(x, y, 20.0)
        A.gradiente_mmd2(x, y, 20.0)
        _, pico = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pico < 200 * 150 * 400 * 8 / 10          # o array (n, m, d) teria 96 MB; aqui, poucos MB


def test_gradiente_mmd2_longe_da_origem_confere_com_diferencas_finitas():
    rng = np.random.default_rng(7)
    x, y = 50 + rng.normal(size=12), 50 + rng.normal(0.4, 1.0, size=9)
    g = A.gradiente_mmd2(x, y, 0.8)
    eps, numerico = 1e-6, np.zeros_like(y)
    for j in range(len(y)):
        mais, menos = y.copy(), y.copy()
        mais[j] += eps
        menos[j] -= eps
        numerico[j] = (A.mmd2(x, mais, 0.8) - A.mmd2(x, menos, 0.8)) / (2 * eps)
    np.testing.assert_allclose(g, numerico, rtol=1e-5, atol=1e-9)


def test_largura_mediana_em_2d_e_com_subamostra():
    from scipy.spatial.distance import pdist
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 2))
    assert A.largura_mediana(x) == pytest.approx(np.median(pdist(x)))
    grande = rng.normal(size=(6000, 1))
    completa = A.largura_mediana(grande[:3000], n_maximo=3000)
    sub = A.largura_mediana(grande, n_maximo=1500)
    assert sub == A.largura_mediana(grande, n_maximo=1500)                # a semente fixa a subamostra
    assert sub != A.largura_mediana(grande, n_maximo=1500, semente=1)
    assert sub == pytest.approx(completa, rel=0.05)
    assert sub == pytest.approx(math.sqrt(2) * stats.norm.ppf(0.75), rel=0.05)   # |X − X'| ~ |N(0, 2)|
    with pytest.raises(ValueError, match="n_maximo"):
        A.largura_mediana(x, n_maximo=1)
    with pytest.raises(ValueError, match="2 pontos"):
        A.largura_mediana([1.0])
    with pytest.raises(ValueError, match="mesmo d"):
        A.largura_mediana(np.zeros((3, 2)), np.zeros((3, 1)))


def test_mmd2_torch_recusa_infinitos_e_dispositivos_diferentes():
    with pytest.raises(ValueError, match="infinitos"):
        A.mmd2_torch(torch.zeros(3), torch.tensor([0.0, float("inf"), 1.0]), 1.0)
    with pytest.raises(ValueError, match="infinitos"):
        A.mmd2_torch(torch.tensor([[-float("inf")], [0.0]]), torch.zeros(3, 1), 1.0)
    with pytest.raises(ValueError, match="mesmo dispositivo"):
        A.mmd2_torch(torch.zeros(3), torch.zeros(3, device="meta"), 1.0)


def test_mmd2_torch_em_float32_e_com_tipos_misturados():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=200), rng.normal(0.3, 1.1, size=150)
    ref = A.mmd2(x, y, 0.5)
    em32 = A.mmd2_torch(torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32), 0.5)
    assert em32.dtype == torch.float32 and float(em32) == pytest.approx(ref, abs=1e-6)
    misto = A.mmd2_torch(torch.tensor(x, dtype=torch.float32), torch.tensor(y), 0.5)
    assert misto.dtype == torch.float64 and float(misto) == pytest.approx(ref, abs=1e-6)


def test_historico_mmd_guarda_o_desvio_com_ddof_0():
    torch.manual_seed(0)
    g = A.GeradorAfim(0.0, 1.0)
    alvo = np.random.default_rng(0).normal(size=100)
    hist = A.ajustar_gerador_mmd(g, alvo, passos=2, largura=1.0, tamanho_lote=8, n_avaliacao=5, semente=3)
    z_aval = torch.randn(5, 1, generator=torch.Generator().manual_seed(3))    # o mesmo ruído fixo da avaliação
    with torch.no_grad():
        saida = g(z_aval).numpy().ravel()
    assert hist.desvio[-1] == pytest.approx(np.std(saida, ddof=0), rel=1e-6)
    assert hist.desvio[-1] != pytest.approx(np.std(saida, ddof=1), rel=1e-3)
    assert hist.media[-1] == pytest.approx(saida.mean(), rel=1e-6)
