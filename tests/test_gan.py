"""Testes de ``profundo.gan``: o núcleo (perdas de Goodfellow) e a seção do capítulo 26.

As perdas são conferidas contra a fórmula escrita à mão e contra
``torch.nn.BCELoss`` aplicada às sigmoides; as contas em grade, contra
fórmulas fechadas e contra o SciPy.
"""

import math

import numpy as np
import pytest
import torch
from scipy import stats
from scipy.spatial.distance import jensenshannon

from profundo import gan

LOG4 = math.log(4)


# ---------------------------------------------------------------------------
# Núcleo: validação e perdas
# ---------------------------------------------------------------------------

@pytest.fixture
def logits():
    torch.manual_seed(0)
    return torch.randn(7, 1, dtype=torch.float64) * 2, torch.randn(5, 1, dtype=torch.float64) * 2


def test_inteiro_positivo():
    assert gan._inteiro_positivo(3, "n") == 3
    assert gan._inteiro_positivo(np.int64(2), "n") == 2
    with pytest.raises(TypeError, match="inteiro"):
        gan._inteiro_positivo(True, "n")
    with pytest.raises(TypeError, match="inteiro"):
        gan._inteiro_positivo(2.0, "n")
    with pytest.raises(ValueError, match="positivo"):
        gan._inteiro_positivo(0, "o tamanho latente")


def test_perda_discriminador_a_mao_e_bceloss(logits):
    reais, falsos = logits
    perda = gan.perda_discriminador(reais, falsos)
    a_mao = -torch.log(torch.sigmoid(reais)).mean() - torch.log(1 - torch.sigmoid(falsos)).mean()
    bce = torch.nn.BCELoss()
    com_bce = (bce(torch.sigmoid(reais), torch.ones_like(reais))
               + bce(torch.sigmoid(falsos), torch.zeros_like(falsos)))
    assert torch.allclose(perda, a_mao) and torch.allclose(perda, com_bce)


def test_perda_discriminador_no_equilibrio_vale_log4():
    """D = 1/2 em tudo (logits nulos): −log ½ − log ½ = log 4 ≈ 1,386."""
    perda = gan.perda_discriminador(torch.zeros(10, 1), torch.zeros(3, 1))
    assert math.isclose(perda.item(), LOG4, rel_tol=1e-6)


def test_perda_gerador_variantes(logits):
    _, falsos = logits
    d = torch.sigmoid(falsos)
    bce = torch.nn.BCELoss()
    nao_saturante = gan.perda_gerador(falsos)
    assert torch.allclose(nao_saturante, -torch.log(d).mean())
    assert torch.allclose(nao_saturante, bce(d, torch.ones_like(d)))
    assert torch.allclose(gan.perda_gerador(falsos, "nao_saturante"), nao_saturante)
    minimax = gan.perda_gerador(falsos, "minimax")
    assert torch.allclose(minimax, torch.log(1 - d).mean())
    assert torch.allclose(minimax, -bce(d, torch.zeros_like(d)))
    # no equilíbrio (D = 1/2): log 2 e −log 2
    assert math.isclose(gan.perda_gerador(torch.zeros(4)).item(), math.log(2), rel_tol=1e-6)
    assert math.isclose(gan.perda_gerador(torch.zeros(4), "minimax").item(), -math.log(2), rel_tol=1e-6)


def test_gradientes_das_perdas_contra_a_formula(logits):
    """∂/∂logit: D − 1 (não saturante) e −D (minimax), divididos pelo tamanho do lote."""
    _, falsos = logits
    for variante, esperado in (("nao_saturante", lambda d: d - 1), ("minimax", lambda d: -d)):
        f = falsos.clone().requires_grad_(True)
        gan.perda_gerador(f, variante).backward()
        assert torch.allclose(f.grad, esperado(torch.sigmoid(falsos)) / falsos.numel())
    r, f = (t.clone().requires_grad_(True) for t in logits)
    gan.perda_discriminador(r, f).backward()
    assert torch.allclose(r.grad, (torch.sigmoid(r) - 1) / r.numel())
    assert torch.allclose(f.grad, torch.sigmoid(f) / f.numel())


def test_perdas_estaveis_com_logits_extremos():
    extremos = torch.tensor([[-200.0], [200.0]])
    assert torch.isfinite(gan.perda_discriminador(extremos, extremos))
    for variante in gan.VARIANTES_GERADOR:
        assert torch.isfinite(gan.perda_gerador(extremos, variante))


def test_perdas_erros_com_entrada_ruim():
    bom = torch.zeros(3, 1)
    with pytest.raises(TypeError, match="torch.Tensor"):
        gan.perda_discriminador(np.zeros((3, 1)), bom)
    with pytest.raises(TypeError, match="ponto flutuante"):
        gan.perda_discriminador(bom, torch.zeros(3, 1, dtype=torch.long))
    with pytest.raises(ValueError, match="vazio"):
        gan.perda_gerador(torch.zeros(0))
    with pytest.raises(ValueError, match="NaN"):
        gan.perda_discriminador(torch.tensor([0.0, float("nan")]), bom)
    with pytest.raises(ValueError, match="variante desconhecida"):
        gan.perda_gerador(bom, "wasserstein")


# ---------------------------------------------------------------------------
# Capítulo 26: discriminadores ótimos, divergências e valores dos jogos
# ---------------------------------------------------------------------------

@pytest.fixture
def duas_normais():
    x = np.linspace(-10, 12, 4001)
    return x, gan.normal(0, 1).densidade(x), gan.normal(1.5, 1).densidade(x)


def test_discriminador_otimo_formula_e_pontos_vazios():
    p_t = np.array([0.2, 0.0, 0.0, 0.3, 1.0])
    p_g = np.array([0.2, 0.5, 0.0, 0.1, 0.0])
    assert np.allclose(gan.discriminador_otimo(p_t, p_g), [0.5, 0.0, 0.5, 0.75, 1.0])
    assert np.array_equal(gan.discriminador_degrau(p_t, p_g), [0.5, 0.0, 0.5, 1.0, 1.0])


def test_discriminador_otimo_maximiza_a_log_y_mais_b_log_1_menos_y():
    """Ponto a ponto, y ↦ a log y + b log(1 − y) tem máximo em a / (a + b)."""
    y = np.linspace(1e-4, 1 - 1e-4, 200001)
    for a, b in ((0.3, 0.1), (1.0, 1.0), (0.05, 2.0)):
        melhor = y[np.argmax(a * np.log(y) + b * np.log1p(-y))]
        assert abs(melhor - gan.discriminador_otimo([a], [b])[0]) < 1e-4


def test_otimos_vencem_qualquer_outro_discriminador(duas_normais):
    x, p_t, p_g = duas_normais
    rng = np.random.default_rng(0)
    d_log, d_degrau = gan.discriminador_otimo(p_t, p_g), gan.discriminador_degrau(p_t, p_g)
    v_otimo = gan.valor_jogo(p_t, p_g, x, d_log)
    e_otimo = gan.erro_absoluto_esperado(p_t, p_g, x, d_degrau)
    for _ in range(20):
        outro = rng.uniform(0.01, 0.99, x.size)
        assert gan.valor_jogo(p_t, p_g, x, outro) < v_otimo
        assert gan.erro_absoluto_esperado(p_t, p_g, x, outro) > e_otimo
        perturbado = np.clip(d_log + rng.normal(0, 0.02, x.size), 1e-9, 1 - 1e-9)
        assert gan.valor_jogo(p_t, p_g, x, perturbado) < v_otimo
    # o degrau é péssimo no jogo log (log 0 onde há dados), e o D* suave é pior que o degrau no erro absoluto
    assert gan.valor_jogo(p_t, p_g, x, d_degrau) == -np.inf
    assert gan.erro_absoluto_esperado(p_t, p_g, x, d_log) > e_otimo


def test_valor_no_otimo_e_menos_log4_mais_2_js(duas_normais):
    x, p_t, p_g = duas_normais
    js = gan.divergencia_js(p_t, p_g, x)
    assert math.isclose(gan.valor_jogo(p_t, p_g, x, gan.discriminador_otimo(p_t, p_g)), -LOG4 + 2 * js,
                        rel_tol=1e-9)
    # com p_g = p_t: D* = 1/2, V = −log 4, JS = 0
    assert np.allclose(gan.discriminador_otimo(p_t, p_t), 0.5)
    assert math.isclose(gan.valor_jogo(p_t, p_t, x, np.full(x.size, 0.5)), -LOG4, rel_tol=1e-9)
    assert abs(gan.divergencia_js(p_t, p_t, x)) < 1e-12


def test_erro_absoluto_no_degrau_e_meio_de_um_menos_tv(duas_normais):
    x, p_t, p_g = duas_normais
    tv = gan.variacao_total(p_t, p_g, x)
    assert math.isclose(tv, 2 * stats.norm.cdf(0.75) - 1, rel_tol=1e-5)   # TV de N(0,1) e N(1,5;1)
    e = gan.erro_absoluto_esperado(p_t, p_g, x, gan.discriminador_degrau(p_t, p_g))
    assert math.isclose(e, 0.5 * (1 - tv), rel_tol=1e-9)
    # com p_g = p_t todo discriminador erra metade das vezes (a frase da fonte)
    for d in (np.zeros(x.size), np.full(x.size, 0.3), gan.discriminador_degrau(p_t, p_t)):
        assert math.isclose(gan.erro_absoluto_esperado(p_t, p_t, x, d), 0.5, rel_tol=1e-9)


def test_js_contra_scipy_e_limites():
    x = np.linspace(-8, 8, 3201)
    p, q = gan.normal(-1, 1).densidade(x), gan.normal(1, 0.7).densidade(x)
    dx = x[1] - x[0]
    assert math.isclose(gan.divergencia_js(p, q, x), jensenshannon(p * dx, q * dx) ** 2, rel_tol=1e-6)
    # suportes disjuntos: JS = log 2 e TV = 1
    caixa_a = ((x > -5) & (x < -3)).astype(float) / 2
    caixa_b = ((x > 3) & (x < 5)).astype(float) / 2
    assert math.isclose(gan.divergencia_js(caixa_a, caixa_b, x), math.log(2), rel_tol=1e-2)
    assert math.isclose(gan.variacao_total(caixa_a, caixa_b, x), 1.0, rel_tol=1e-2)


def test_kl_de_normais_formula_fechada():
    x = np.linspace(-15, 15, 6001)
    m1, s1, m2, s2 = 0.5, 0.8, -0.3, 1.3
    kl = gan.divergencia_kl(gan.normal(m1, s1).densidade(x), gan.normal(m2, s2).densidade(x), x)
    assert math.isclose(kl, math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5, rel_tol=1e-6)
    assert gan.divergencia_kl([1.0, 1.0], [1.0, 0.0], [0.0, 1.0]) == np.inf


def test_integrar_e_grade():
    x = np.linspace(0, 2, 11)
    assert math.isclose(gan.integrar(x ** 2, x), np.trapezoid(x ** 2, x))
    with pytest.raises(ValueError, match="crescente"):
        gan.integrar([1.0, 2.0, 3.0], [0.0, 2.0, 1.0])
    with pytest.raises(ValueError, match="2 pontos"):
        gan.integrar([1.0], [0.0])


@pytest.mark.parametrize("funcao", [gan.divergencia_js, gan.variacao_total, gan.divergencia_kl])
def test_divergencias_erros_com_entrada_ruim(funcao):
    x = np.linspace(0, 1, 5)
    bom = np.ones(5)
    with pytest.raises(ValueError, match="negativos"):
        funcao(np.array([1, -1, 1, 1, 1.0]), bom, x)
    with pytest.raises(ValueError, match="NaN"):
        funcao(np.array([1, np.nan, 1, 1, 1.0]), bom, x)
    with pytest.raises(ValueError, match="mesmo tamanho"):
        funcao(np.ones(4), bom, x)
    with pytest.raises(ValueError, match="1-D"):
        funcao(np.ones((5, 1)), bom, x)
    with pytest.raises(TypeError, match="vetor de números"):
        funcao("abc", bom, x)


def test_discriminadores_erros_com_entrada_ruim():
    x = np.linspace(0, 1, 3)
    with pytest.raises(ValueError, match="negativos"):
        gan.discriminador_otimo([-0.1, 1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="NaN"):
        gan.discriminador_degrau([np.nan, 1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="mesmo tamanho"):
        gan.discriminador_otimo([1.0, 1.0], [1.0])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        gan.valor_jogo(np.ones(3), np.ones(3), x, [0.5, 1.2, 0.5])
    with pytest.raises(ValueError, match="mesmo tamanho"):
        gan.erro_absoluto_esperado(np.ones(3), np.ones(3), x, [0.5, 0.5])


def test_gradiente_perda_gerador_contra_a_formula():
    d = np.array([1e-3, 0.1, 0.5, 0.9, 0.999])
    assert np.allclose(gan.gradiente_perda_gerador(d, "nao_saturante"), d - 1)
    assert np.allclose(gan.gradiente_perda_gerador(d, "minimax"), -d)
    assert np.allclose(gan.gradiente_perda_gerador(d, "erro_absoluto"), -d * (1 - d))
    with pytest.raises(ValueError, match="aberto"):
        gan.gradiente_perda_gerador([0.0, 0.5])
    with pytest.raises(ValueError, match="variante desconhecida"):
        gan.gradiente_perda_gerador([0.5], "quadratica")


def test_perdas_erro_absoluto_num_lote(logits):
    reais, falsos = logits
    r = reais[:5]                       # lotes do mesmo tamanho: o dobro do erro absoluto médio |y − D|
    y = torch.cat([torch.ones(5, 1), torch.zeros(5, 1)]).double()
    erro_medio = (y - torch.sigmoid(torch.cat([r, falsos]))).abs().mean()
    assert torch.allclose(gan.perda_discriminador_erro_absoluto(r, falsos), 2 * erro_medio)
    assert torch.allclose(gan.perda_gerador_erro_absoluto(falsos), 1 - torch.sigmoid(falsos).mean())
    assert math.isclose(gan.perda_discriminador_erro_absoluto(torch.zeros(3), torch.zeros(4)).item(), 1.0)
    with pytest.raises(ValueError, match="NaN"):
        gan.perda_gerador_erro_absoluto(torch.tensor([float("nan")]))


# ---------------------------------------------------------------------------
# Capítulo 26: alvo, KDE, Wasserstein e a GAN em 1-D
# ---------------------------------------------------------------------------

def test_mistura_normal_densidade_e_amostras():
    mistura = gan.MisturaNormal((-1.0, 2.0), (0.5, 1.0), (1.0, 3.0))
    assert mistura.pesos == (0.25, 0.75)
    x = mistura.grade(4001, margem=8)
    assert math.isclose(gan.integrar(mistura.densidade(x), x), 1.0, rel_tol=1e-6)
    torch.manual_seed(0)
    a = mistura.amostrar(40000)
    assert a.shape == (40000, 1) and a.dtype == torch.float32
    assert abs(a.mean().item() - (0.25 * -1 + 0.75 * 2)) < 0.03
    um = gan.normal(2.0, 0.5)
    assert um.medias == (2.0,) and um.pesos == (1.0,)
    assert np.allclose(um.densidade([2.0, 3.0]), stats.norm(2, 0.5).pdf([2.0, 3.0]))
    assert um.grade(11, incluir=(-2.0,))[0] == -2.0


def test_mistura_normal_erros():
    with pytest.raises(ValueError, match="positivos"):
        gan.MisturaNormal((0.0,), (0.0,))
    with pytest.raises(ValueError, match="mesmo tamanho"):
        gan.MisturaNormal((0.0, 1.0), (1.0,))
    with pytest.raises(ValueError, match="zero"):
        gan.MisturaNormal((0.0, 1.0), (1.0, 1.0), (0.0, 0.0))
    with pytest.raises(ValueError, match="NaN"):
        gan.MisturaNormal((np.nan,), (1.0,))
    with pytest.raises(ValueError, match="positivo"):
        gan.normal().amostrar(0)


def test_kde_contra_scipy():
    rng = np.random.default_rng(0)
    amostras = rng.normal(1, 2, 500)
    x = np.linspace(-8, 10, 301)
    assert np.allclose(gan.densidade_kde(amostras, x), stats.gaussian_kde(amostras, "silverman")(x), rtol=1e-10)
    assert math.isclose(gan.integrar(gan.densidade_kde(amostras, x), x), 1.0, rel_tol=1e-3)
    colapsado = gan.densidade_kde(np.full(100, 0.5), x)        # gerador colapsado: ainda uma densidade
    assert np.isfinite(colapsado).all() and math.isclose(gan.integrar(colapsado, x), 1.0, rel_tol=1e-2)
    with pytest.raises(ValueError, match="largura"):
        gan.densidade_kde(amostras, x, largura=0.0)


def test_wasserstein_contra_scipy():
    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 1, 300), rng.exponential(1, 170)
    assert math.isclose(gan.wasserstein_1d(a, b), stats.wasserstein_distance(a, b), rel_tol=1e-10)
    c = rng.normal(0, 1, 300)
    assert math.isclose(gan.wasserstein_1d(a, c), np.mean(np.abs(np.sort(a) - np.sort(c))), rel_tol=1e-10)
    assert math.isclose(gan.wasserstein_1d(a, a + 2.5), 2.5, rel_tol=1e-10)   # deslocar custa o deslocamento
    with pytest.raises(ValueError, match="vazio"):
        gan.wasserstein_1d([], a)


def test_redes_1d_formas_e_erros():
    g, d = gan.Gerador1D(latente=3, ocultos=8), gan.Discriminador1D(ocultos=8)
    assert g(torch.randn(5, 3)).shape == (5, 1) and d(torch.randn(5, 1)).shape == (5, 1)
    with pytest.raises(ValueError, match="forma"):
        g(torch.randn(5, 4))
    with pytest.raises(ValueError, match="forma"):
        d(torch.randn(5))
    with pytest.raises(ValueError, match="latente"):
        gan.Gerador1D(latente=0)
    with pytest.raises(TypeError, match="inteiro"):
        gan.Discriminador1D(ocultos=8.5)


def test_passos_mexem_so_na_rede_certa():
    torch.manual_seed(0)
    g, d = gan.Gerador1D(2, 8), gan.Discriminador1D(8)
    otim_g, otim_d = torch.optim.SGD(g.parameters(), lr=0.1), torch.optim.SGD(d.parameters(), lr=0.1)
    antes_g = [p.clone() for p in g.parameters()]
    antes_d = [p.clone() for p in d.parameters()]
    gan.passo_discriminador(d, otim_d, torch.randn(16, 1) + 2, g(torch.randn(16, 2)))
    assert all(torch.equal(a, p) for a, p in zip(antes_g, g.parameters()))
    assert not all(torch.equal(a, p) for a, p in zip(antes_d, d.parameters()))
    antes_d = [p.clone() for p in d.parameters()]
    perda = gan.passo_gerador(g, d, otim_g, torch.randn(16, 2), "minimax", "log")
    assert all(torch.equal(a, p) for a, p in zip(antes_d, d.parameters()))
    assert not all(torch.equal(a, p) for a, p in zip(antes_g, g.parameters()))
    assert not perda.requires_grad
    with pytest.raises(ValueError, match="perda desconhecida"):
        gan.passo_gerador(g, d, otim_g, torch.randn(4, 2), perda="quadratica")


def test_normas_gradiente_gerador_seguem_as_formulas():
    """Com D(G(z)) = d constante, as normas ficam na razão (1 − d) : d : d(1 − d)."""
    torch.manual_seed(0)
    g = gan.Gerador1D(2, 8)
    d = torch.nn.Sequential(torch.nn.Linear(1, 1))
    with torch.no_grad():
        d[0].weight.fill_(1e-3)
        d[0].bias.fill_(math.log(0.1 / 0.9))        # D ≈ 0,1 em toda parte
    normas = gan.normas_gradiente_gerador(g, d, torch.randn(64, 2))
    assert math.isclose(normas["nao_saturante"] / normas["minimax"], 9.0, rel_tol=1e-2)
    assert math.isclose(normas["erro_absoluto"] / normas["minimax"], 0.9, rel_tol=1e-2)
    assert all(p.grad is None or not p.grad.any() for p in g.parameters())


def test_treinar_gan_1d_historico_e_reprodutibilidade():
    kwargs = dict(passos=60, a_cada=25, tamanho_lote=32, n_amostras=200, ocultos=8, dispositivo="cpu")
    h = gan.treinar_gan_1d(**kwargs)
    assert h.passos == [0, 25, 50, 60] and len(h) == 4
    assert h.perda_d.shape == (60,) and h.perda_g.shape == (60,)
    assert all(a.shape == (200,) for a in h.amostras)
    assert all(v.shape == h.grade.shape for v in (*h.densidades, *h.d, h.densidade_alvo))
    assert all(((v >= 0) & (v <= 1)).all() for v in h.d)
    assert h.discriminador_otimo(0).shape == h.grade.shape
    assert isinstance(h.gerador, gan.Gerador1D) and h.piso_wasserstein > 0
    h2 = gan.treinar_gan_1d(**kwargs)
    assert np.array_equal(h.perda_d, h2.perda_d) and np.array_equal(h.amostras[-1], h2.amostras[-1])
    h3 = gan.treinar_gan_1d(**kwargs, perda="erro_absoluto", variante="minimax")
    assert h3.perda == "erro_absoluto" and np.all((h3.perda_d >= 0) & (h3.perda_d <= 2))


@pytest.mark.parametrize("kwargs, erro, mensagem", [
    (dict(passos=0), ValueError, "positivo"),
    (dict(latente=-1), ValueError, "latente"),
    (dict(tamanho_lote=2.5), TypeError, "inteiro"),
    (dict(variante="wgan"), ValueError, "variante desconhecida"),
    (dict(perda="quadratica"), ValueError, "perda desconhecida"),
    (dict(taxa_aprendizado=0.0), ValueError, "taxa de aprendizado"),
    (dict(n_amostras=1), ValueError, "n_amostras"),
    (dict(grade=[0.0, 1.0, 0.5]), ValueError, "crescente"),
    (dict(alvo="normal"), TypeError, "MisturaNormal"),
])
def test_treinar_gan_1d_erros(kwargs, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        gan.treinar_gan_1d(**{"passos": 5, **kwargs})


def test_valor_jogo_sem_d_e_estavel_nas_caudas():
    """Longe do centro, D* em ponto flutuante arredonda para 1; sem ``d``, o valor continua certo."""
    x = np.linspace(-16, 16, 6401)
    p_t, p_g = gan.normal(0, 1).densidade(x), gan.normal(-3, 1).densidade(x)
    js = gan.divergencia_js(p_t, p_g, x)
    assert math.isclose(gan.valor_jogo(p_t, p_g, x), -LOG4 + 2 * js, rel_tol=1e-9)
    assert gan.valor_jogo(p_t, p_g, x, gan.discriminador_otimo(p_t, p_g)) == -np.inf   # o arredondamento
    assert math.isclose(gan.erro_absoluto_esperado(p_t, p_g, x),
                        gan.erro_absoluto_esperado(p_t, p_g, x, gan.discriminador_degrau(p_t, p_g)))


# --- validação de margem, incluir, largura e taxa de aprendizado (revisão do cap. 26) ----------

def test_grade_margem_e_incluir():
    alvo = gan.normal(2.0, 0.5)
    assert np.allclose(alvo.grade(5, margem=np.float32(1.0)), np.linspace(1.5, 2.5, 5))
    assert np.allclose(alvo.grade(5, margem=2, incluir=np.array([-2.0, 9.0])), np.linspace(-2, 9, 5))
    assert np.allclose(alvo.grade(3, margem=1.0, incluir=2.2), [1.5, 2.0, 2.5])   # um número só
    assert np.allclose(alvo.grade(3, margem=1.0, incluir=[]), [1.5, 2.0, 2.5])


@pytest.mark.parametrize("kwargs, erro, mensagem", [
    (dict(margem=0.0), ValueError, "margem"),
    (dict(margem=-1), ValueError, "margem"),
    (dict(margem=float("nan")), ValueError, "margem"),
    (dict(margem=True), TypeError, "margem"),
    (dict(margem="4"), TypeError, "margem"),
    (dict(incluir=(0.0, float("nan"))), ValueError, "incluir contém NaN"),
    (dict(incluir=(0.0, math.inf)), ValueError, "incluir contém valores infinitos"),
    (dict(incluir=[[0.0, 1.0]]), ValueError, "incluir deve ser um vetor"),
    (dict(incluir="abc"), TypeError, "incluir"),
    (dict(incluir=None), TypeError, "incluir"),
    (dict(incluir=("a", 1.0)), TypeError, "incluir"),
])
def test_grade_erros(kwargs, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        gan.normal().grade(11, **kwargs)


def test_kde_largura_aceita_reais_numpy():
    a, x = np.array([-1.0, 0.0, 2.0]), np.linspace(-3, 3, 7)
    assert np.allclose(gan.densidade_kde(a, x, largura=np.float32(0.5)), gan.densidade_kde(a, x, largura=0.5))
    assert np.allclose(gan.densidade_kde(a, x, largura=1), gan.densidade_kde(a, x, largura=1.0))


@pytest.mark.parametrize("largura, erro", [
    (True, TypeError), (np.bool_(True), TypeError), ("0.5", TypeError), ([0.5], TypeError),
    (0.0, ValueError), (-0.1, ValueError), (float("nan"), ValueError), (math.inf, ValueError),
])
def test_kde_largura_erros(largura, erro):
    with pytest.raises(erro, match="largura do núcleo"):
        gan.densidade_kde([0.0, 1.0], [0.0, 0.5], largura=largura)


def test_treinar_gan_1d_taxa_aprendizado_numpy():
    kwargs = dict(passos=3, a_cada=3, tamanho_lote=8, n_amostras=20, ocultos=4, dispositivo="cpu")
    h32 = gan.treinar_gan_1d(taxa_aprendizado=np.float32(1e-3), **kwargs)
    h = gan.treinar_gan_1d(taxa_aprendizado=float(np.float32(1e-3)), **kwargs)
    assert np.array_equal(h32.perda_d, h.perda_d)
    assert len(gan.treinar_gan_1d(taxa_aprendizado=np.float64(1e-3), **kwargs)) == 2


@pytest.mark.parametrize("taxa, erro", [
    (True, TypeError), ("1e-3", TypeError), (None, TypeError), (torch.tensor(1e-3), TypeError),
    (0, ValueError), (-1e-3, ValueError), (float("nan"), ValueError), (np.float32("nan"), ValueError),
    (math.inf, ValueError),
])
def test_treinar_gan_1d_taxa_aprendizado_erros(taxa, erro):
    with pytest.raises(erro, match="taxa de aprendizado"):
        gan.treinar_gan_1d(passos=2, taxa_aprendizado=taxa)
