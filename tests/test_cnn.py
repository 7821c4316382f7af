"""profundo.cnn: convolução e pooling do zero, conferidos contra PyTorch, SciPy e as fontes."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import signal

from profundo import cnn

# ---------------------------------------------------------------------------
# Dados das fontes
# ---------------------------------------------------------------------------

# imagem 5×5 e filtro do exemplo de convolução de carvalho-keras (fonte 004)
IMAGEM_FONTE = np.array([[35, 40, 41, 45, 50],
                         [40, 40, 42, 46, 52],
                         [42, 46, 50, 55, 55],
                         [48, 52, 56, 58, 60],
                         [56, 60, 65, 70, 75]], dtype=float)
NUCLEO_FONTE = np.array([[0, 1, 0], [0, 0, 0], [0, 0, 0]], dtype=float)

# série fictícia e filtro (1, 2, 1) de morettin-aula16 (fonte 003)
SERIE_FONTE = np.array([1.2, 0.9, -0.8, 0.7, 1.5, -1.3, -1.0, 0.7, 1.3, 1.4])
FILTRO_FONTE = np.array([1.0, 2.0, 1.0])


pytestmark = pytest.mark.usefixtures("uma_thread_torch")


def _t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


# ---------------------------------------------------------------------------
# tamanho_saida
# ---------------------------------------------------------------------------

def test_tamanho_saida_casos_conhecidos():
    assert cnn.tamanho_saida(28, 3) == 26           # MNIST com filtro 3×3
    assert cnn.tamanho_saida(28, 5, preenchimento=2) == 28  # "same" da LeNet
    assert cnn.tamanho_saida(5, 3) == 3
    assert cnn.tamanho_saida(7, 3, passo=2) == 3
    assert cnn.tamanho_saida(8, 3, passo=3) == 2     # sobra uma linha
    assert cnn.tamanho_saida(26, 2, passo=2) == 13   # pooling 2×2


@pytest.mark.parametrize("semente", range(6))
def test_tamanho_saida_igual_ao_pytorch(semente):
    rng = np.random.default_rng(semente)
    for _ in range(20):
        n, k, s, p = (int(v) for v in (rng.integers(1, 15), rng.integers(1, 6),
                                       rng.integers(1, 4), rng.integers(0, 3)))
        if k > n + 2 * p:
            with pytest.raises(ValueError, match="maior que a entrada preenchida"):
                cnn.tamanho_saida(n, k, s, p)
            continue
        forma = F.conv2d(torch.zeros(1, 1, n, n + 1), torch.zeros(1, 1, k, k),
                         stride=s, padding=p).shape
        assert cnn.tamanho_saida(n, k, s, p) == forma[2]
        assert cnn.tamanho_saida(n + 1, k, s, p) == forma[3]


# ---------------------------------------------------------------------------
# Uma série e uma imagem
# ---------------------------------------------------------------------------

def test_correlacao1d_exemplo_da_fonte():
    saida = cnn.correlacao1d(SERIE_FONTE, FILTRO_FONTE)
    assert len(saida) == 8
    assert saida[0] == pytest.approx(2.2)  # 1,2·1 + 0,9·2 + (−0,8)·1
    assert saida[1] == pytest.approx(0.0)  # 0,9·1 + (−0,8)·2 + 0,7·1
    np.testing.assert_allclose(saida, np.correlate(SERIE_FONTE, FILTRO_FONTE, "valid"))


def test_correlacao1d_com_preenchimento_da_fonte():
    """Dois zeros em cada ponta, como na fonte: 14 valores, 12 saídas."""
    saida = cnn.correlacao1d(SERIE_FONTE, FILTRO_FONTE, preenchimento=2)
    assert len(saida) == 12
    np.testing.assert_allclose(saida, np.correlate(np.pad(SERIE_FONTE, 2), FILTRO_FONTE, "valid"))
    np.testing.assert_allclose(saida[1:-1], np.correlate(np.pad(SERIE_FONTE, 1), FILTRO_FONTE))
    # pontas: (0, 0, 1,2)·(1, 2, 1) = 1,2; (0, 1,2, 0,9)·(1, 2, 1) = 3,3; ...; (1,4, 0, 0)·(1, 2, 1) = 1,4
    np.testing.assert_allclose(saida[[0, 1, 2, -2, -1]], [1.2, 3.3, 2.2, 4.1, 1.4])


@pytest.mark.parametrize("passo,preenchimento", [(1, 0), (1, 1), (2, 0), (3, 2)])
def test_correlacao_e_convolucao1d_contra_numpy(passo, preenchimento):
    rng = np.random.default_rng(passo + 10 * preenchimento)
    x, w = rng.standard_normal(11), rng.standard_normal(4)  # filtro assimétrico
    xp = np.pad(x, preenchimento)
    np.testing.assert_allclose(cnn.correlacao1d(x, w, passo, preenchimento),
                               np.correlate(xp, w, "valid")[::passo])
    np.testing.assert_allclose(cnn.convolucao1d(x, w, passo, preenchimento),
                               np.convolve(xp, w, "valid")[::passo])


def test_correlacao2d_exemplo_da_fonte():
    corr = cnn.correlacao2d(IMAGEM_FONTE, NUCLEO_FONTE)
    assert corr.shape == (3, 3)
    assert corr[1, 1] == 42  # o filtro só "enxerga" o vizinho de cima do centro
    np.testing.assert_array_equal(corr, IMAGEM_FONTE[0:3, 1:4])
    # a convolução verdadeira gira o filtro: enxerga o vizinho de baixo
    conv = cnn.convolucao2d(IMAGEM_FONTE, NUCLEO_FONTE)
    assert conv[1, 1] == 56
    np.testing.assert_array_equal(conv, IMAGEM_FONTE[2:5, 1:4])
    # com preenchimento 1 a saída tem o tamanho da imagem e o centro continua 42
    assert cnn.correlacao2d(IMAGEM_FONTE, NUCLEO_FONTE, preenchimento=1)[2, 2] == 42


def test_correlacao2d_exemplo_da_fonte_contra_scipy():
    np.testing.assert_array_equal(cnn.correlacao2d(IMAGEM_FONTE, NUCLEO_FONTE),
                                  signal.correlate2d(IMAGEM_FONTE, NUCLEO_FONTE, "valid"))
    np.testing.assert_array_equal(cnn.convolucao2d(IMAGEM_FONTE, NUCLEO_FONTE),
                                  signal.convolve2d(IMAGEM_FONTE, NUCLEO_FONTE, "valid"))


@pytest.mark.parametrize("forma_nucleo,passo,preenchimento",
                         [((3, 3), 1, 0), ((3, 3), 1, 1), ((5, 5), 2, 2), ((2, 4), 1, 0),
                          ((1, 1), 3, 1), ((4, 3), 3, 2)])
def test_correlacao_e_convolucao2d_contra_scipy(forma_nucleo, passo, preenchimento):
    rng = np.random.default_rng(sum(forma_nucleo) + passo)
    x, w = rng.standard_normal((9, 8)), rng.standard_normal(forma_nucleo)
    xp = np.pad(x, preenchimento)
    np.testing.assert_allclose(cnn.correlacao2d(x, w, passo, preenchimento),
                               signal.correlate2d(xp, w, "valid")[::passo, ::passo])
    np.testing.assert_allclose(cnn.convolucao2d(x, w, passo, preenchimento),
                               signal.convolve2d(xp, w, "valid")[::passo, ::passo])


def test_preenchimento_total_e_o_modo_full_do_scipy():
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal((6, 7)), rng.standard_normal((3, 3))
    np.testing.assert_allclose(cnn.correlacao2d(x, w, preenchimento=2),
                               signal.correlate2d(x, w, "full"))
    np.testing.assert_allclose(cnn.correlacao2d(x, w, preenchimento=1),
                               signal.correlate2d(x, w, "same"))


# ---------------------------------------------------------------------------
# Camada convolucional contra o autograd do PyTorch
# ---------------------------------------------------------------------------

# (N, C, H, W, F, kh, kw, passo, preenchimento)
CASOS_CONV = [
    (2, 3, 7, 8, 4, 3, 3, 1, 0),
    (2, 3, 9, 9, 2, 3, 3, 2, 1),
    (3, 2, 10, 11, 3, 5, 5, 3, 2),
    (1, 1, 6, 6, 1, 1, 1, 1, 0),
    (2, 4, 8, 7, 3, 1, 1, 2, 1),
    (2, 2, 9, 10, 3, 2, 4, 2, 1),   # filtro não quadrado
    (2, 3, 12, 9, 2, 5, 3, 3, 2),
    (3, 1, 5, 5, 2, 5, 5, 1, 0),    # filtro do tamanho da imagem: saída 1×1
    (2, 2, 6, 7, 3, 4, 2, 3, 0),    # sobram linhas e colunas que nenhuma janela usa
    (1, 2, 3, 3, 2, 5, 5, 1, 2),    # filtro maior que a imagem, mas não que a preenchida
]


def _casos_aleatorios(quantos, semente=2024):
    rng = np.random.default_rng(semente)
    casos = []
    while len(casos) < quantos:
        n, c, f = rng.integers(1, 4), rng.integers(1, 5), rng.integers(1, 5)
        h, w = rng.integers(3, 13, size=2)
        kh, kw = rng.choice([1, 2, 3, 5], size=2)
        s, p = rng.integers(1, 4), rng.integers(0, 3)
        if kh <= h + 2 * p and kw <= w + 2 * p:
            casos.append(tuple(int(v) for v in (n, c, h, w, f, kh, kw, s, p)))
    return casos


@pytest.mark.parametrize("caso", CASOS_CONV + _casos_aleatorios(12))
@pytest.mark.parametrize("com_vies", [True, False])
def test_conv2d_frente_e_tras_contra_pytorch(caso, com_vies):
    n, c, h, w, f, kh, kw, s, p = caso
    rng = np.random.default_rng(abs(hash(caso)) % 2 ** 32)
    x = rng.standard_normal((n, c, h, w))
    pesos = rng.standard_normal((f, c, kh, kw))
    vies = rng.standard_normal(f) if com_vies else None

    saida, cache = cnn.conv2d_frente(x, pesos, vies, passo=s, preenchimento=p)
    xt, pt = _t(x, True), _t(pesos, True)
    bt = _t(vies, True) if com_vies else None
    saida_t = F.conv2d(xt, pt, bt, stride=s, padding=p)
    assert saida.shape == tuple(saida_t.shape)
    assert saida.shape[2:] == (cnn.tamanho_saida(h, kh, s, p), cnn.tamanho_saida(w, kw, s, p))
    np.testing.assert_allclose(saida, saida_t.detach().numpy(), rtol=1e-10, atol=1e-12)

    # custo C = Σ G ⊙ saída, para um G qualquer: então ∂C/∂saída = G
    g = rng.standard_normal(saida.shape)
    (saida_t * _t(g)).sum().backward()
    dx, dpesos, dvies = cnn.conv2d_tras(g, cache)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dpesos, pt.grad.numpy(), rtol=1e-10, atol=1e-12)
    if com_vies:
        np.testing.assert_allclose(dvies, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    else:
        assert dvies is None
    assert dx.dtype == np.float64 and dx.shape == x.shape and dpesos.shape == pesos.shape


def test_conv2d_aceita_inteiros_e_listas_e_devolve_float64():
    saida, cache = cnn.conv2d_frente([[[[1, 2], [3, 4]]]], [[[[1, 0], [0, 1]]]], [1])
    assert saida.dtype == np.float64
    np.testing.assert_array_equal(saida, [[[[6.0]]]])  # 1 + 4 + viés 1
    dx, dpesos, dvies = cnn.conv2d_tras(np.ones((1, 1, 1, 1)), cache)
    np.testing.assert_array_equal(dx, [[[[1, 0], [0, 1]]]])
    np.testing.assert_array_equal(dpesos, [[[[1, 2], [3, 4]]]])
    np.testing.assert_array_equal(dvies, [1.0])


def test_conv2d_igual_a_correlacao2d_num_canal():
    rng = np.random.default_rng(7)
    x, w = rng.standard_normal((8, 9)), rng.standard_normal((3, 2))
    saida, _ = cnn.conv2d_frente(x[None, None], w[None, None], passo=2, preenchimento=1)
    np.testing.assert_allclose(saida[0, 0], cnn.correlacao2d(x, w, passo=2, preenchimento=1))


# ---------------------------------------------------------------------------
# Pooling contra o PyTorch
# ---------------------------------------------------------------------------

def _pool_torch(xt, tipo, t, s):
    if tipo == "max":
        return F.max_pool2d(xt, t, s)
    if tipo == "media":
        return F.avg_pool2d(xt, t, s)
    return F.lp_pool2d(xt, 2, t, s)  # norma 2: √(Σ x²) na janela


# (N, C, H, W, tamanho, passo); passo None = tamanho
CASOS_POOL = [
    (2, 3, 8, 8, 2, None),
    (2, 2, 9, 7, 3, None),   # sobram linhas/colunas
    (1, 3, 7, 9, 3, 2),      # janelas sobrepostas
    (2, 2, 6, 6, 2, 1),      # janelas muito sobrepostas
    (3, 1, 10, 8, 2, 3),     # passo maior que a janela
    (2, 2, 5, 5, 5, None),   # uma janela só
    (1, 2, 6, 7, 1, None),   # janela 1×1: identidade
]


@pytest.mark.parametrize("tipo", ["max", "media", "l2"])
@pytest.mark.parametrize("caso", CASOS_POOL)
def test_pool_frente_e_tras_contra_pytorch(tipo, caso):
    n, c, h, w, t, s = caso
    rng = np.random.default_rng(h * w + t)
    x = rng.standard_normal((n, c, h, w))
    saida, cache = cnn.pool_frente(x, t, s, tipo)
    xt = _t(x, True)
    saida_t = _pool_torch(xt, tipo, t, t if s is None else s)
    assert saida.shape == tuple(saida_t.shape)
    np.testing.assert_allclose(saida, saida_t.detach().numpy(), rtol=1e-10, atol=1e-12)
    g = rng.standard_normal(saida.shape)
    (saida_t * _t(g)).sum().backward()
    dx = cnn.pool_tras(g, cache)
    assert dx.shape == x.shape
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_pool_max_empate_vai_para_o_primeiro_como_no_pytorch():
    x = np.ones((1, 1, 4, 6))
    saida, cache = cnn.pool_frente(x, 2)
    xt = _t(x, True)
    F.max_pool2d(xt, 2).sum().backward()
    np.testing.assert_array_equal(cnn.pool_tras(np.ones_like(saida), cache), xt.grad.numpy())


def test_pool_exemplo_4x4():
    x = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])[None, None]
    np.testing.assert_array_equal(cnn.pool_frente(x)[0][0, 0], [[6, 8], [3, 4]])
    np.testing.assert_array_equal(cnn.pool_frente(x, tipo="media")[0][0, 0], [[3.25, 5.25], [2, 2]])
    np.testing.assert_allclose(cnn.pool_frente(x, tipo="l2")[0][0, 0, 0, 0], np.sqrt(1 + 1 + 25 + 36))


def test_pool_l2_de_janela_nula_tem_gradiente_zero():
    x = np.zeros((1, 1, 2, 2))
    saida, cache = cnn.pool_frente(x, tipo="l2")
    assert saida[0, 0, 0, 0] == 0
    np.testing.assert_array_equal(cnn.pool_tras(np.ones_like(saida), cache), np.zeros_like(x))


# ---------------------------------------------------------------------------
# Contagem de parâmetros (parte sem modelos)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("c,f,k,vies", [(1, 32, 3, True), (32, 64, 3, True), (3, 16, (2, 5), True),
                                        (6, 16, 5, False), (4, 1, (1, 1), True)])
def test_contagem_parametros_conv_igual_ao_nn_conv2d(c, f, k, vies):
    camada = torch.nn.Conv2d(c, f, k, bias=vies)
    assert cnn.contagem_parametros_conv(c, f, k, vies) == sum(p.numel() for p in camada.parameters())
    assert cnn.contagem_parametros(camada) == cnn.contagem_parametros_conv(c, f, k, vies)


def test_contagens_das_fontes_por_formula():
    assert cnn.contagem_parametros_conv(1, 32, 3) == 320
    assert cnn.contagem_parametros_conv(32, 32, 3) == 9248
    assert cnn.contagem_parametros_densa(4608, 64) == 294976
    assert cnn.contagem_parametros_densa(64, 10) == 650
    assert cnn.contagem_parametros_densa(2704, 10) == 27050
    assert cnn.contagem_parametros_densa(10, 10, vies=False) == 100
    assert cnn.contagem_parametros(torch.nn.Linear(7, 3)) == cnn.contagem_parametros_densa(7, 3)


def test_contagem_parametros_ignora_congelados():
    m = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Linear(3, 2))
    m[0].weight.requires_grad_(False)
    assert cnn.contagem_parametros(m) == 3 + 8


# ---------------------------------------------------------------------------
# Entradas ruins: erros claros, em português
# ---------------------------------------------------------------------------

def test_erros_tamanho_saida():
    with pytest.raises(ValueError, match="passo deve ser pelo menos 1"):
        cnn.tamanho_saida(5, 3, passo=0)
    with pytest.raises(ValueError, match="passo deve ser pelo menos 1"):
        cnn.tamanho_saida(5, 3, passo=-2)
    with pytest.raises(ValueError, match="preenchimento deve ser pelo menos 0"):
        cnn.tamanho_saida(5, 3, preenchimento=-1)
    with pytest.raises(ValueError, match="filtro .* pelo menos 1"):
        cnn.tamanho_saida(5, 0)
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.tamanho_saida(4, 7, preenchimento=1)
    with pytest.raises(TypeError, match="número inteiro"):
        cnn.tamanho_saida(5, 3, passo=1.5)
    with pytest.raises(TypeError, match="número inteiro"):
        cnn.tamanho_saida(5, True)


def test_erros_conv2d():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 3, 6, 6)), rng.standard_normal((4, 3, 3, 3))
    with pytest.raises(ValueError, match="x tem 2 canais, mas os pesos esperam 3"):
        cnn.conv2d_frente(x[:, :2], w)
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.conv2d_frente(x[:, :, :2, :2], w)
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.conv2d_frente(x, rng.standard_normal((4, 3, 9, 1)), preenchimento=1)
    with pytest.raises(ValueError, match="passo deve ser pelo menos 1"):
        cnn.conv2d_frente(x, w, passo=0)
    with pytest.raises(ValueError, match="x: esperava um array com 4 dimensões"):
        cnn.conv2d_frente(x[0], w)
    with pytest.raises(ValueError, match="pesos: esperava um array com 4 dimensões"):
        cnn.conv2d_frente(x, w[0])
    with pytest.raises(ValueError, match="viés deve ter forma \\(4,\\)"):
        cnn.conv2d_frente(x, w, np.zeros(3))
    x_nan = x.copy()
    x_nan[0, 0, 0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN ou infinito"):
        cnn.conv2d_frente(x_nan, w)
    with pytest.raises(TypeError, match="números reais"):
        cnn.conv2d_frente(np.full((1, 3, 4, 4), "a"), w)
    with pytest.raises(TypeError, match="números reais"):
        cnn.conv2d_frente(x, w.astype(complex))
    _, cache = cnn.conv2d_frente(x, w)
    with pytest.raises(ValueError, match="dsaida deve ter a forma da saída"):
        cnn.conv2d_tras(np.zeros((2, 4, 3, 3)), cache)
    with pytest.raises(TypeError, match="cache inválido"):
        cnn.conv2d_tras(np.zeros((2, 4, 4, 4)), {"x": x})


def test_erros_pooling():
    x = np.zeros((1, 2, 4, 4))
    with pytest.raises(ValueError, match="tipo de pooling desconhecido"):
        cnn.pool_frente(x, tipo="mediana")
    with pytest.raises(TypeError, match="tipo de pooling deve ser um texto"):
        cnn.pool_frente(x, tipo=2)
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.pool_frente(x, 5)
    with pytest.raises(ValueError, match="passo deve ser pelo menos 1"):
        cnn.pool_frente(x, 2, passo=0)
    with pytest.raises(ValueError, match="x: esperava um array com 4 dimensões"):
        cnn.pool_frente(x[0])
    with pytest.raises(ValueError, match="NaN ou infinito"):
        cnn.pool_frente(np.full((1, 1, 2, 2), np.inf))
    saida, cache = cnn.pool_frente(x)
    with pytest.raises(ValueError, match="dsaida deve ter a forma da saída"):
        cnn.pool_tras(np.zeros((1, 2, 4, 4)), cache)
    with pytest.raises(TypeError, match="cache inválido"):
        cnn.pool_tras(saida, None)
    assert cnn.pool_frente(x, tipo="média")[1]["tipo"] == "media"  # acento aceito


def test_erros_correlacao():
    with pytest.raises(ValueError, match="imagem: esperava um array com 2 dimensões"):
        cnn.correlacao2d(np.zeros(5), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.correlacao2d(np.zeros((3, 3)), np.zeros((4, 4)))
    with pytest.raises(ValueError, match="série: esperava um array com 1 dimensão"):
        cnn.correlacao1d(np.zeros((2, 2)), [1, 2])
    with pytest.raises(ValueError, match="NaN ou infinito"):
        cnn.correlacao1d([1.0, np.nan, 2.0], [1, 1])
    with pytest.raises(ValueError, match="maior que a entrada preenchida"):
        cnn.correlacao1d([1, 2], [1, 2, 3])
    with pytest.raises(TypeError, match="números reais"):
        cnn.correlacao1d(["a", "b", "c"], [1, 2])
    with pytest.raises(ValueError, match="não tem elementos"):
        cnn.correlacao1d([], [1])


def test_erros_contagem():
    with pytest.raises(ValueError, match="filtros deve ser pelo menos 1"):
        cnn.contagem_parametros_conv(3, 0, 3)
    with pytest.raises(ValueError, match="par \\(kh, kw\\)"):
        cnn.contagem_parametros_conv(3, 2, (3, 3, 3))
    with pytest.raises(TypeError, match="True ou False"):
        cnn.contagem_parametros_densa(3, 2, vies="sim")
    with pytest.raises(TypeError, match="torch.nn.Module"):
        cnn.contagem_parametros([1, 2, 3])


# ---------------------------------------------------------------------------
# Modelos PyTorch
# ---------------------------------------------------------------------------

MODELOS = {
    "cnn_pereira": cnn.cnn_pereira,
    "cnn_silva": cnn.cnn_silva,
    "cnn_morettin": cnn.cnn_morettin,
    "lenet5": cnn.lenet5,
    "cnn_duas_camadas": cnn.cnn_duas_camadas,
    "cnn_duas_camadas_bn": lambda: cnn.cnn_duas_camadas(normalizacao_lote=True),
    "cnn_profunda": cnn.cnn_profunda,
    "cnn_profunda_relu_sem_bn": lambda: cnn.cnn_profunda(False, "relu", 0.5),
}


def test_contagens_das_fontes():
    assert cnn.contagem_parametros(cnn.cnn_pereira()) == 305_194   # fonte 000
    assert cnn.contagem_parametros(cnn.cnn_silva()) == 34_826      # fonte 001, §4.5
    assert cnn.contagem_parametros(cnn.cnn_morettin()) == 27_320   # fonte 003
    assert cnn.contagem_parametros(cnn.lenet5()) == 61_706         # documentado na docstring


def test_contagens_documentadas_das_cnns_do_fashion_mnist():
    assert cnn.contagem_parametros(cnn.cnn_duas_camadas()) == 3_274_634
    assert cnn.contagem_parametros(cnn.cnn_duas_camadas(True)) == 3_275_754
    assert cnn.contagem_parametros(cnn.cnn_profunda()) == 871_082
    assert cnn.contagem_parametros(cnn.cnn_profunda(normalizacao_lote=False)) == 870_634


@pytest.mark.parametrize("nome", MODELOS)
def test_formulas_batem_camada_a_camada(nome):
    """Somando as fórmulas de cada camada chega-se ao total do PyTorch."""
    modelo = MODELOS[nome]()
    total = 0
    for camada in modelo.modules():
        if isinstance(camada, torch.nn.Conv2d):
            total += cnn.contagem_parametros_conv(camada.in_channels, camada.out_channels,
                                                  camada.kernel_size, camada.bias is not None)
        elif isinstance(camada, torch.nn.Linear):
            total += cnn.contagem_parametros_densa(camada.in_features, camada.out_features,
                                                   camada.bias is not None)
        elif isinstance(camada, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            total += 2 * camada.num_features  # γ e β
    assert total == cnn.contagem_parametros(modelo)


@pytest.mark.parametrize("nome", MODELOS)
def test_modelos_aceitam_imagens_e_vetores(nome):
    torch.manual_seed(0)
    modelo = MODELOS[nome]().eval()
    x = torch.rand(3, 1, 28, 28)
    with torch.no_grad():
        saida = modelo(x)
        assert saida.shape == (3, 10)
        torch.testing.assert_close(modelo(x.reshape(3, 784)), saida)
        torch.testing.assert_close(modelo(x.reshape(3, 28, 28)), saida)
    with pytest.raises(ValueError, match="784 valores por exemplo"):
        modelo(torch.rand(3, 783))
    with pytest.raises(ValueError, match="784 valores por exemplo"):
        modelo(torch.rand(784))
    with pytest.raises(TypeError, match="torch.Tensor"):
        modelo(np.zeros((3, 784), dtype=np.float32))


@pytest.mark.parametrize("nome", MODELOS)
def test_modelos_aprendem_um_lote(nome):
    """Três passos de Adam num lote fixo reduzem o custo nesse lote."""
    torch.manual_seed(0)
    modelo = MODELOS[nome]()
    x, y = torch.rand(10, 784), torch.arange(10)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=1e-3)

    def custo():
        modelo.eval()
        with torch.no_grad():
            return F.cross_entropy(modelo(x), y).item()

    antes = custo()
    modelo.train()
    for _ in range(3):
        otimizador.zero_grad()
        F.cross_entropy(modelo(x), y).backward()
        otimizador.step()
    assert custo() < antes


@pytest.mark.filterwarnings("ignore:MNIST completo indisponível")
def test_cnn_silva_aprende_mnist_em_uma_epoca():
    """Uma época em 512 dígitos já põe a acurácia bem acima do acaso (10 %)."""
    from profundo import dados

    conjunto = dados.carregar_mnist(baixar=False)  # offline: cache, sistema ou a amostra
    torch.manual_seed(0)
    modelo = cnn.cnn_silva()
    x = torch.tensor(conjunto.x_treino[:512], dtype=torch.float32)
    y = torch.tensor(conjunto.y_treino[:512], dtype=torch.int64)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=1e-3)
    modelo.train()
    for i in range(0, 512, 32):
        otimizador.zero_grad()
        F.cross_entropy(modelo(x[i:i + 32]), y[i:i + 32]).backward()
        otimizador.step()
    modelo.eval()
    with torch.no_grad():
        previsto = modelo(torch.tensor(conjunto.x_teste[:500], dtype=torch.float32)).argmax(1)
    acuracia = (previsto.numpy() == conjunto.y_teste[:500]).mean()
    assert acuracia > 0.3


def test_opcoes_de_cnn_profunda():
    m = cnn.cnn_profunda(normalizacao_lote=False, ativacao="relu", dropout=0.1)
    tipos = {type(c) for c in m.modules()}
    assert torch.nn.ReLU in tipos and torch.nn.ELU not in tipos
    assert not any(isinstance(c, torch.nn.BatchNorm2d) for c in m.modules())
    assert all(c.p == 0.1 for c in m.modules() if isinstance(c, torch.nn.Dropout))
    m = cnn.cnn_profunda()
    assert sum(isinstance(c, torch.nn.BatchNorm2d) for c in m.modules()) == 4
    assert sum(isinstance(c, torch.nn.ELU) for c in m.modules()) == 5
    assert all(c.bias is None for c in m.modules() if isinstance(c, torch.nn.Conv2d))
    with pytest.raises(ValueError, match="ativação desconhecida"):
        cnn.cnn_profunda(ativacao="sigmoide")
    with pytest.raises(ValueError, match="dropout deve ser uma probabilidade"):
        cnn.cnn_profunda(dropout=1.0)
    with pytest.raises(TypeError, match="True ou False"):
        cnn.cnn_profunda(normalizacao_lote="sim")
    with pytest.raises(TypeError, match="True ou False"):
        cnn.cnn_duas_camadas(normalizacao_lote=1)


def test_forma_intermediaria_da_cnn_pereira_pelas_formulas():
    """28 → 26 → 24 → 12: as 4.608 entradas da densa da fonte 000."""
    lado = cnn.tamanho_saida(cnn.tamanho_saida(28, 3), 3)
    lado = cnn.tamanho_saida(lado, 2, passo=2)
    assert 32 * lado * lado == 4608
    with torch.no_grad():
        assert cnn.cnn_pereira()[:7](torch.zeros(1, 784)).shape == (1, 4608)


def test_resumo_lista_camadas_formas_e_parametros():
    linhas = cnn.resumo(cnn.cnn_pereira())
    assert sum(p for *_, p in linhas) == 305_194
    nomes = [nome for nome, *_ in linhas]
    assert nomes[0] == "remodelar" and nomes[-1] == "saida"
    assert linhas[0][2] == (1, 28, 28) and linhas[-1][2] == (10,)
    assert all(isinstance(m, torch.nn.Module) for _, m, _, _ in linhas)


def test_resumo_preserva_modo_e_valida_entrada():
    modelo = cnn.cnn_profunda()
    modelo.train()
    linhas = cnn.resumo(modelo)
    assert modelo.training
    assert sum(p for *_, p in linhas) == cnn.contagem_parametros(modelo)
    with pytest.raises(TypeError, match="torch.nn.Module"):
        cnn.resumo("modelo")
    with pytest.raises(ValueError):
        cnn.resumo(cnn.lenet5(), forma_entrada=(0, 28, 28))
    with pytest.raises(TypeError, match="forma_entrada"):
        cnn.resumo(cnn.lenet5(), forma_entrada=28)
