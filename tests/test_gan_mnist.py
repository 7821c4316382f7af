"""profundo.gan, capítulo 27: as GANs no MNIST, o laço de treino e as medidas de qualidade."""

import copy

import numpy as np
import pytest
import torch
from scipy import linalg
from torch import nn

from profundo import cnn, gan


pytestmark = pytest.mark.usefixtures("uma_thread_torch")


def _imagens(n=64, semente=0):
    """Imagens falsas em [0, 1], no formato de profundo.dados: (n, 784) float32."""
    return np.random.default_rng(semente).random((n, 784)).astype(np.float32)


def _rotulos(n=64):
    return np.arange(n) % 10


# ---------------------------------------------------------------------------
# Arquiteturas
# ---------------------------------------------------------------------------

def test_gerador_mlp_da_fonte_camadas_formas_e_parametros():
    torch.manual_seed(0)
    g = gan.gerador_mlp(64)
    assert g.latente == 64
    lineares = [m for m in g.modules() if isinstance(m, nn.Linear)]
    assert [(m.in_features, m.out_features) for m in lineares] == [(64, 128), (128, 256), (256, 512),
                                                                   (512, 784)]
    tipos = [type(m).__name__ for m in g]
    assert tipos[:3] == ["Linear", "LeakyReLU", "BatchNorm1d"]     # densa → leaky ReLU → BN, como na fonte
    assert tipos[-2:] == ["Tanh", "Remodelar"]
    assert all(m.negative_slope == 0.2 for m in g.modules() if isinstance(m, nn.LeakyReLU))
    assert cnn.contagem_parametros(g) == 576_912
    buffers = sum(b.numel() for nome, b in g.named_buffers() if "running" in nome)
    assert buffers == 1_792                                          # os "não treináveis" do Keras
    with torch.no_grad():
        x = g(torch.randn(5, 64))
    assert x.shape == (5, 1, 28, 28) and float(x.abs().max()) <= 1


def test_normalizacao_do_gerador_segue_o_momentum_do_keras():
    """média_móvel ← 0,8·média_móvel + 0,2·média_do_lote, e ε = 10⁻³."""
    g = gan.gerador_mlp(8)
    bn = g.bn1
    assert bn.momentum == pytest.approx(0.2) and bn.eps == pytest.approx(1e-3)
    antes = bn.running_mean.clone()
    z = torch.randn(32, 8)
    with torch.no_grad():
        h = g.lrelu1(g.densa1(z))
        g.bn1(h)
    np.testing.assert_allclose(bn.running_mean, 0.8 * antes + 0.2 * h.mean(0), rtol=1e-5, atol=1e-6)


def test_discriminador_mlp_da_fonte():
    d = gan.discriminador_mlp()
    lineares = [(m.in_features, m.out_features) for m in d.modules() if isinstance(m, nn.Linear)]
    assert lineares == [(784, 256), (256, 128), (128, 1)]
    assert cnn.contagem_parametros(d) == 233_985
    for forma in [(3, 784), (3, 28, 28), (3, 1, 28, 28)]:
        assert d(torch.rand(forma)).shape == (3, 1)


def test_latente_invalido():
    for construtor in (gan.gerador_mlp, gan.gerador_dcgan, gan.gerador_condicional):
        with pytest.raises(ValueError, match="positivo"):
            construtor(0)
        with pytest.raises(ValueError, match="positivo"):
            construtor(-3)
        with pytest.raises(TypeError, match="inteiro"):
            construtor(2.5)


def test_dcgan_formas_e_parametros():
    torch.manual_seed(0)
    g, d = gan.gerador_dcgan(20, canais=8), gan.discriminador_dcgan(canais=8)
    with torch.no_grad():
        x = g(torch.randn(4, 20))
    assert x.shape == (4, 1, 28, 28) and float(x.abs().max()) <= 1
    assert d(x).shape == (4, 1) and d(torch.rand(4, 784)).shape == (4, 1)
    # contagem pela fórmula: projeção sem viés + BN, convoluções transpostas 4×4
    esperado_g = (20 * 16 * 49 + 2 * 16 * 49) + (16 * 8 * 16 + 2 * 8) + (8 * 1 * 16 + 1)
    assert cnn.contagem_parametros(g) == esperado_g
    esperado_d = (16 + 1) * 8 + (8 * 16 * 16 + 2 * 16) + (16 * 49 + 1)
    assert cnn.contagem_parametros(d) == esperado_d


def test_dcgan_as_convolucoes_transpostas_dobram_o_tamanho():
    g = gan.gerador_dcgan(10, canais=4)
    formas = [forma for _, _, forma, _ in cnn.resumo(g, (10,))]
    assert (8, 7, 7) in formas and (4, 14, 14) in formas and formas[-1] == (1, 28, 28)


def test_gan_condicional_formas_e_rotulo_muda_a_saida():
    torch.manual_seed(0)
    g, d = gan.gerador_condicional(16), gan.discriminador_condicional()
    assert g.classes == 10 and d.classes == 10 and g.latente == 16
    g.eval()
    z = torch.randn(1, 16).repeat(10, 1)               # o mesmo ruído para os dez dígitos
    x = g(z, torch.arange(10))
    assert x.shape == (10, 1, 28, 28)
    assert not torch.allclose(x[0], x[1])              # só o rótulo mudou
    assert d(x, torch.arange(10)).shape == (10, 1)


def test_discriminador_condicional_e_uma_projecao():
    """logit = w·φ(x) + b + e_y·φ(x)."""
    torch.manual_seed(1)
    d = gan.discriminador_condicional(classes=3)
    x, y = torch.rand(5, 784), torch.tensor([0, 1, 2, 1, 0])
    phi = d.caracteristicas(x)
    esperado = phi @ d.saida.weight.T + d.saida.bias + (d.rotulo.weight[y] * phi).sum(1, keepdim=True)
    torch.testing.assert_close(d(x, y), esperado)


def test_gan_condicional_rotulos_errados():
    g, d = gan.gerador_condicional(8), gan.discriminador_condicional()
    with pytest.raises(ValueError, match="um rótulo por exemplo"):
        g(torch.randn(4, 8), torch.zeros(3, dtype=torch.int64))
    with pytest.raises(TypeError, match="inteiros"):
        d(torch.rand(2, 784), torch.zeros(2))
    with pytest.raises(ValueError, match="probabilidade"):
        gan.DiscriminadorCondicional(dropout=1.0)


# ---------------------------------------------------------------------------
# amostrar
# ---------------------------------------------------------------------------

def test_amostrar_formato_dos_dados_e_semente():
    torch.manual_seed(0)
    g = gan.gerador_mlp(8)
    g.train()
    a = gan.amostrar(g, 7, 8, semente=3)
    assert a.shape == (7, 784) and a.dtype == np.float32
    assert a.min() >= 0 and a.max() <= 1
    np.testing.assert_array_equal(a, gan.amostrar(g, 7, 8, semente=3))
    assert not np.array_equal(a, gan.amostrar(g, 7, 8, semente=4))
    assert g.training                                  # volta ao modo em que estava


def test_amostrar_condicional():
    torch.manual_seed(0)
    g = gan.gerador_condicional(8)
    a = gan.amostrar(g, 4, 8, rotulos=[0, 1, 2, 3], semente=0)
    assert a.shape == (4, 784)
    with pytest.raises(ValueError, match="condicional"):
        gan.amostrar(g, 4, 8)
    with pytest.raises(ValueError, match="4 rótulos"):
        gan.amostrar(g, 4, 8, rotulos=[0, 1])
    with pytest.raises(ValueError, match="fora de 0..9"):
        gan.amostrar(g, 2, 8, rotulos=[0, 10])
    with pytest.raises(TypeError, match="inteiros"):
        gan.amostrar(g, 2, 8, rotulos=[0.0, 1.0])
    with pytest.raises(TypeError, match="não é condicional"):
        gan.amostrar(gan.gerador_mlp(8), 2, 8, rotulos=[0, 1])


def test_amostrar_confere_o_latente():
    g = gan.gerador_mlp(8)
    with pytest.raises(ValueError, match="latente=8"):
        gan.amostrar(g, 2, 16)
    with pytest.raises(ValueError, match="positivo"):
        gan.amostrar(g, 0, 8)


# ---------------------------------------------------------------------------
# treinar_gan
# ---------------------------------------------------------------------------

def _par_pequeno(condicional=False, semente=0):
    torch.manual_seed(semente)
    if condicional:
        return gan.gerador_condicional(8), gan.discriminador_condicional()
    return gan.gerador_mlp(8), gan.discriminador_mlp()


def test_treinar_gan_historico_e_instantaneos():
    g, d = _par_pequeno()
    h = gan.treinar_gan(g, d, _imagens(64), epocas=3, tamanho_lote=16, latente=8, semente=0,
                        instantaneos=[0, 2, 3], progresso=False, dispositivo="cpu")
    assert len(h) == 3
    for serie in (h.perda_d, h.perda_g, h.d_real, h.d_falso, h.tempo_s):
        assert len(serie) == 3 and np.all(np.isfinite(serie))
    assert all(0 < v < 1 for v in h.d_real + h.d_falso)
    assert sorted(h.instantaneos) == [0, 2, 3]
    for amostras in h.instantaneos.values():
        assert amostras.shape == (100, 784) and amostras.min() >= 0 and amostras.max() <= 1
    assert h.rotulos_grade is None
    assert not np.array_equal(h.instantaneos[0], h.instantaneos[3])   # o gerador mudou


def test_treinar_gan_e_reprodutivel():
    g, d = _par_pequeno()
    g2, d2 = copy.deepcopy(g), copy.deepcopy(d)
    g3, d3 = copy.deepcopy(g), copy.deepcopy(d)
    args = dict(epocas=2, tamanho_lote=16, latente=8, progresso=False, dispositivo="cpu")
    h1 = gan.treinar_gan(g, d, _imagens(48), semente=5, **args)
    h2 = gan.treinar_gan(g2, d2, _imagens(48), semente=5, **args)
    h3 = gan.treinar_gan(g3, d3, _imagens(48), semente=6, **args)
    assert h1.perda_d == h2.perda_d and h1.perda_g == h2.perda_g
    np.testing.assert_array_equal(h1.instantaneos[2], h2.instantaneos[2])
    assert h1.perda_d != h3.perda_d


def test_treinar_gan_condicional_uma_linha_por_digito():
    g, d = _par_pequeno(condicional=True)
    h = gan.treinar_gan(g, d, _imagens(40), _rotulos(40), epocas=1, tamanho_lote=20, latente=8, semente=0,
                        progresso=False, dispositivo="cpu")
    np.testing.assert_array_equal(h.rotulos_grade, np.repeat(np.arange(10), 10))
    assert h.instantaneos[1].shape == (100, 784)


def test_treinar_gan_instantaneos_inteiro():
    g, d = _par_pequeno()
    h = gan.treinar_gan(g, d, _imagens(32), epocas=4, tamanho_lote=16, latente=8, semente=0,
                        instantaneos=3, progresso=False, dispositivo="cpu")
    assert sorted(h.instantaneos) == [0, 2, 4]


def test_treinar_gan_aprende_uma_imagem_so():
    """Com um só "dígito" (uma barra) repetido, o gerador aprende a desenhá-lo."""
    barra = np.zeros((28, 28), dtype=np.float32)
    barra[4:24, 12:16] = 1
    dados = np.repeat(barra.reshape(1, 784), 256, axis=0)
    g, d = _par_pequeno()
    antes = np.abs(gan.amostrar(g, 50, 8) - barra.ravel()).mean()
    h = gan.treinar_gan(g, d, dados, epocas=80, tamanho_lote=64, latente=8, semente=0, progresso=False,
                        dispositivo="cpu", taxa_aprendizado=1e-3)
    depois = np.abs(gan.amostrar(g, 50, 8) - barra.ravel()).mean()
    assert antes > 0.3 and depois < 0.1
    # no equilíbrio o discriminador não distingue mais nada: D(x) ≈ D(G(z)) ≈ 1/2
    assert abs(h.d_real[-1] - 0.5) < 0.1 and abs(h.d_falso[-1] - 0.5) < 0.1


@pytest.mark.parametrize("mudanca, erro, trecho", [
    (dict(latente=0), ValueError, "positivo"),
    (dict(latente=16), ValueError, "latente=8"),
    (dict(epocas=0), ValueError, "positivo"),
    (dict(tamanho_lote=0), ValueError, "positivo"),
    (dict(taxa_aprendizado=-1.0), ValueError, "taxa_aprendizado"),
    (dict(betas=(0.5, 1.0)), ValueError, "betas"),
    (dict(variante="wgan"), ValueError, "variante"),
    (dict(semente=-1), ValueError, "semente"),
    (dict(instantaneos=[5]), ValueError, "entre 0"),
    (dict(imagens=np.zeros((10, 28 * 27), dtype=np.float32)), ValueError, "forma"),
    (dict(imagens=np.zeros((10, 3, 28, 28), dtype=np.float32)), ValueError, "forma"),
    (dict(imagens=np.zeros((10, 784), dtype=np.int64)), TypeError, "ponto flutuante"),
    (dict(imagens=np.full((10, 784), np.nan, dtype=np.float32)), ValueError, "NaN"),
    (dict(imagens=np.full((10, 784), 255.0, dtype=np.float32)), ValueError, r"\[0, 1\]"),
    (dict(rotulos=np.arange(10)), TypeError, "não são condicionais"),
])
def test_treinar_gan_erros(mudanca, erro, trecho):
    g, d = _par_pequeno()
    args = dict(imagens=_imagens(10), rotulos=None, epocas=1, latente=8, semente=0, progresso=False,
                dispositivo="cpu")
    args.update(mudanca)
    imagens, rotulos = args.pop("imagens"), args.pop("rotulos")
    with pytest.raises(erro, match=trecho):
        gan.treinar_gan(g, d, imagens, rotulos, **args)


@pytest.mark.parametrize("rotulos, erro, trecho", [
    (None, ValueError, "precisa dos rótulos"),
    (np.arange(9), ValueError, "10 rótulos"),
    (np.arange(10) + 1, ValueError, "fora de 0..9"),
    (np.arange(10) - 1, ValueError, "fora de 0..9"),
    (np.arange(10).astype(float), TypeError, "inteiros"),
])
def test_treinar_gan_condicional_erros(rotulos, erro, trecho):
    g, d = _par_pequeno(condicional=True)
    with pytest.raises(erro, match=trecho):
        gan.treinar_gan(g, d, _imagens(10), rotulos, epocas=1, latente=8, semente=0, progresso=False)


def test_treinar_gan_par_misturado():
    g, _ = _par_pequeno(condicional=True)
    with pytest.raises(TypeError, match="ambos condicionais"):
        gan.treinar_gan(g, gan.discriminador_mlp(), _imagens(10), _rotulos(10), epocas=1, latente=8,
                        semente=0, progresso=False)
    with pytest.raises(TypeError, match="nn.Module"):
        gan.treinar_gan("gerador", gan.discriminador_mlp(), _imagens(10), epocas=1, latente=8, semente=0)


# ---------------------------------------------------------------------------
# Medidas: características, distância de Fréchet, acurácia condicional
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("construtor, dim", [(cnn.cnn_pereira, 64), (cnn.cnn_silva, 1600)])
def test_caracteristicas_sao_a_entrada_da_ultima_densa(construtor, dim):
    torch.manual_seed(0)
    modelo = construtor()
    modelo.train()
    x = _imagens(30)
    c = gan.caracteristicas(modelo, x, tamanho_lote=7)      # lotes que não dividem 30
    assert c.shape == (30, dim) and c.dtype == np.float64
    modelo.eval()
    with torch.no_grad():
        esperado = modelo[:-1](torch.as_tensor(x)).double().numpy()
    np.testing.assert_allclose(c, esperado, rtol=1e-5, atol=1e-6)
    modelo.train()
    gan.caracteristicas(modelo, x.reshape(-1, 28, 28))
    assert modelo.training                                   # volta ao modo de treino


def test_caracteristicas_erros():
    with pytest.raises(ValueError, match="densa"):
        gan.caracteristicas(nn.Sequential(nn.Flatten()), _imagens(2))
    with pytest.raises(TypeError, match="nn.Module"):
        gan.caracteristicas(lambda x: x, _imagens(2))
    with pytest.raises(ValueError, match="forma"):
        gan.caracteristicas(cnn.cnn_pereira(), np.zeros((2, 10), dtype=np.float32))


def _frechet_scipy(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.atleast_2d(np.cov(a, rowvar=False)), np.atleast_2d(np.cov(b, rowvar=False))
    raiz = linalg.sqrtm(s1 @ s2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1 + s2 - 2 * np.real(raiz)))


@pytest.mark.parametrize("d", [2, 5, 12])
def test_distancia_frechet_contra_scipy(d):
    rng = np.random.default_rng(d)
    a = rng.normal(size=(200, d)) @ rng.normal(size=(d, d))
    b = rng.normal(loc=0.5, size=(150, d)) @ rng.normal(size=(d, d))
    assert gan.distancia_frechet(a, b) == pytest.approx(_frechet_scipy(a, b), rel=1e-6)


def test_distancia_frechet_em_uma_dimensao_tem_formula_fechada():
    """Em 1-D: d² = (μ₁ − μ₂)² + (σ₁ − σ₂)²."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(1.0, 2.0, 500), rng.normal(-0.5, 0.7, 300)
    esperado = (a.mean() - b.mean()) ** 2 + (a.std(ddof=1) - b.std(ddof=1)) ** 2
    assert gan.distancia_frechet(a, b) == pytest.approx(esperado, rel=1e-9)
    assert gan.distancia_frechet(a[:, None], b[:, None]) == pytest.approx(esperado, rel=1e-9)


def test_distancia_frechet_covariancias_diagonais():
    """Com covariâncias diagonais, a raiz é a dos elementos: Σᵢ (σ₁ᵢ − σ₂ᵢ)² + |μ₁ − μ₂|²."""
    rng = np.random.default_rng(1)
    base = rng.normal(size=(400, 3))
    base = (base - base.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(base, rowvar=False))).T
    a = base * [1.0, 2.0, 3.0] + [0.0, 1.0, 0.0]      # covariância exatamente diag(1, 4, 9)
    b = base * [2.0, 2.0, 1.0]                         # covariância exatamente diag(4, 4, 1)
    esperado = 1.0 + (1 - 2) ** 2 + (2 - 2) ** 2 + (3 - 1) ** 2
    assert gan.distancia_frechet(a, b) == pytest.approx(esperado, rel=1e-9)


def test_distancia_frechet_propriedades():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(100, 4)), rng.normal(size=(80, 4))
    assert gan.distancia_frechet(a, a) == pytest.approx(0, abs=1e-8)
    assert gan.distancia_frechet(a, b) == pytest.approx(gan.distancia_frechet(b, a), rel=1e-8)
    deslocamento = np.array([1.0, -2.0, 0.5, 0.0])
    assert gan.distancia_frechet(a, a + deslocamento) == pytest.approx(np.sum(deslocamento ** 2), rel=1e-8)
    # covariância singular (menos exemplos que características): ainda finita e ≥ 0
    assert 0 <= gan.distancia_frechet(rng.normal(size=(5, 10)), rng.normal(size=(6, 10))) < np.inf


@pytest.mark.parametrize("a, b, erro, trecho", [
    (np.zeros((10, 3)), np.zeros((10, 4)), ValueError, "mesmo número"),
    (np.zeros((1, 3)), np.zeros((10, 3)), ValueError, "N ≥ 2"),
    (np.zeros((10, 3, 2)), np.zeros((10, 3)), ValueError, "matriz"),
    (np.full((10, 3), np.nan), np.zeros((10, 3)), ValueError, "NaN"),
    (np.array([["a", "b"], ["c", "d"]]), np.zeros((2, 2)), TypeError, "números"),
])
def test_distancia_frechet_erros(a, b, erro, trecho):
    with pytest.raises(erro, match=trecho):
        gan.distancia_frechet(a, b)


class _GeradorMarcador(nn.Module):
    """Gerador condicional de brinquedo: acende o pixel (y + deslocamento) mod 10."""

    def __init__(self, deslocamento=0):
        super().__init__()
        self.latente, self.classes, self.deslocamento = 4, 10, deslocamento
        self.peso = nn.Parameter(torch.zeros(1))

    def forward(self, z, y):
        x = -torch.ones(len(z), 784) + 0 * self.peso
        x[torch.arange(len(z)), (y + self.deslocamento) % 10] = 1
        return x.reshape(-1, 1, 28, 28)


def _leitor_de_pixels():
    """Classificador de brinquedo: os logits são os 10 primeiros pixels."""
    leitor = nn.Sequential(nn.Flatten(), nn.Linear(784, 10, bias=False))
    with torch.no_grad():
        leitor[1].weight.zero_()
        leitor[1].weight[:, :10] = torch.eye(10)
    return leitor


def test_acuracia_condicional():
    fracao, matriz = gan.acuracia_condicional(_GeradorMarcador(), _leitor_de_pixels(), latente=4,
                                              n_por_digito=3)
    assert fracao == 1.0
    np.testing.assert_array_equal(matriz, 3 * np.eye(10, dtype=int))
    fracao, matriz = gan.acuracia_condicional(_GeradorMarcador(1), _leitor_de_pixels(), latente=4,
                                              n_por_digito=2)
    assert fracao == 0.0 and matriz[3, 4] == 2 and matriz[9, 0] == 2


def test_acuracia_condicional_exige_gerador_condicional():
    with pytest.raises(TypeError, match="condicional"):
        gan.acuracia_condicional(gan.gerador_mlp(4), _leitor_de_pixels(), latente=4)


# ---------------------------------------------------------------------------
# Validação (revisão do capítulo 27)
# ---------------------------------------------------------------------------

def _treino_rapido(condicional=False, **mudanca):
    """Uma época de 16 imagens em lotes de 8: só para conferir a validação."""
    g, d = _par_pequeno(condicional)
    args = dict(epocas=1, tamanho_lote=8, latente=8, semente=0, progresso=False, dispositivo="cpu")
    args.update(mudanca)
    imagens = args.pop("imagens", _imagens(16))
    rotulos = args.pop("rotulos", _rotulos(len(imagens)) if condicional else None)
    return gan.treinar_gan(g, d, imagens, rotulos, **args)


def test_treinar_gan_aceita_numeros_do_numpy():
    h = _treino_rapido(taxa_aprendizado=1e-3, betas=(0.5, 0.999), semente=3)
    h32 = _treino_rapido(taxa_aprendizado=np.float32(1e-3), betas=[np.float32(0.5), np.float64(0.999)],
                         semente=np.int64(3))
    h_igual = _treino_rapido(taxa_aprendizado=float(np.float32(1e-3)), betas=(0.5, float(np.float32(0.999))),
                             semente=3)
    assert h32.perda_d == h_igual.perda_d and h32.perda_g == h_igual.perda_g
    assert np.isfinite(h.perda_d).all()
    assert len(_treino_rapido(taxa_aprendizado=1)) == 1          # um inteiro também é um real


@pytest.mark.parametrize("mudanca, erro, trecho", [
    (dict(taxa_aprendizado="0.001"), TypeError, "taxa_aprendizado"),
    (dict(taxa_aprendizado=True), TypeError, "taxa_aprendizado"),
    (dict(taxa_aprendizado=None), TypeError, "taxa_aprendizado"),
    (dict(taxa_aprendizado=0.0), ValueError, "taxa_aprendizado"),
    (dict(taxa_aprendizado=float("nan")), ValueError, "taxa_aprendizado"),
    (dict(taxa_aprendizado=np.float32(-1e-3)), ValueError, "taxa_aprendizado"),
    (dict(semente=1.5), TypeError, "semente"),
    (dict(semente="0"), TypeError, "semente"),
    (dict(semente=True), TypeError, "semente"),
    (dict(semente=None), TypeError, "semente"),
    (dict(semente=2**63), ValueError, "semente"),
    (dict(betas=0.5), TypeError, "betas"),
    (dict(betas="ab"), TypeError, "betas"),
    (dict(betas=(0.5, "0.9")), TypeError, "betas"),
    (dict(betas=(True, 0.9)), TypeError, "betas"),
    (dict(betas=(0.5,)), ValueError, "par"),
    (dict(betas=(0.5, 0.9, 0.99)), ValueError, "par"),
    (dict(betas=(float("nan"), 0.9)), ValueError, r"\[0, 1\)"),
    (dict(betas=(-0.1, 0.9)), ValueError, r"\[0, 1\)"),
    (dict(tamanho_lote=1), ValueError, "pelo menos 2"),
    (dict(imagens=_imagens(1)), ValueError, "pelo menos 2"),
])
def test_treinar_gan_erros_de_tipo_e_de_lote(mudanca, erro, trecho):
    with pytest.raises(erro, match=trecho):
        _treino_rapido(**mudanca)


def test_treinar_gan_lote_de_dois_basta():
    h = _treino_rapido(imagens=_imagens(2), tamanho_lote=128)     # lote = min(128, 2) = 2
    assert len(h) == 1 and np.isfinite(h.perda_g).all()


def test_historico_guarda_a_variante():
    assert gan.HistoricoGAN().variante == "nao_saturante"           # o padrão não quebra quem já o usa
    assert _treino_rapido().variante == "nao_saturante"
    h = _treino_rapido(variante="minimax")
    assert h.variante == "minimax" and all(p < 0 for p in h.perda_g)   # log(1 − D) < 0


def test_discriminador_condicional_dropout():
    for p in (np.float32(0.25), np.float64(0.25), 0.25):
        d = gan.DiscriminadorCondicional(dropout=p)
        camadas = [m for m in d.modules() if isinstance(m, nn.Dropout)]
        assert len(camadas) == 2 and all(m.p == pytest.approx(0.25) for m in camadas)
        assert isinstance(camadas[0].p, float)
    assert not any(isinstance(m, nn.Dropout) for m in gan.DiscriminadorCondicional(dropout=0).modules())
    for ruim in ("0.1", True, None, [0.1]):
        with pytest.raises(TypeError, match="dropout"):
            gan.DiscriminadorCondicional(dropout=ruim)
    for ruim in (float("nan"), -0.1, 1.0, np.float32(1.5)):
        with pytest.raises(ValueError, match="probabilidade"):
            gan.DiscriminadorCondicional(dropout=ruim)


def test_amostrar_valida_a_semente():
    torch.manual_seed(0)
    g = gan.gerador_mlp(8)
    np.testing.assert_array_equal(gan.amostrar(g, 3, 8, semente=np.int64(2)), gan.amostrar(g, 3, 8, semente=2))
    for ruim in (1.0, "1", True, None):
        with pytest.raises(TypeError, match="semente"):
            gan.amostrar(g, 3, 8, semente=ruim)
    for ruim in (-1, 2**63):
        with pytest.raises(ValueError, match="semente"):
            gan.amostrar(g, 3, 8, semente=ruim)


def test_conferir_rotulos_renomeado():
    assert hasattr(gan, "_conferir_rotulos") and not hasattr(gan, "_rotulos_tensor")
    gan._conferir_rotulos(torch.arange(10), 10, 10)
    with pytest.raises(ValueError, match="fora de 0..9"):
        gan._conferir_rotulos(torch.arange(11), 10, 11)


@pytest.mark.parametrize("rotulos, trecho", [
    (["a", "b", "c", "d"], "textos"),
    (np.array(["1", "2", "3", "4"]), "textos"),
    ("0123", "textos"),
    ([object()] * 4, "inteiros"),
    ([[0, 1], [2]], "inteiros"),                  # lista irregular
    ([0.0, 1.0, 2.0, 3.0], "inteiros"),
    (np.array([True, False, True, False]), "inteiros"),
])
def test_rotulos_nao_inteiros_dao_type_error(rotulos, trecho):
    with pytest.raises(TypeError, match=trecho):
        gan._rotulos_de(rotulos, 4, 10)
    torch.manual_seed(0)
    with pytest.raises(TypeError, match=trecho):
        gan.amostrar(gan.gerador_condicional(8), 4, 8, rotulos)


def test_rotulos_inteiros_de_varios_tipos():
    esperado = torch.tensor([0, 3, 9, 1])
    for r in ([0, 3, 9, 1], np.array([0, 3, 9, 1], dtype=np.uint16), np.array([0, 3, 9, 1], dtype=np.int8),
              torch.tensor([0, 3, 9, 1], dtype=torch.int32), (0, 3, 9, 1)):
        y = gan._rotulos_de(r, 4, 10)
        assert y.dtype == torch.int64
        torch.testing.assert_close(y, esperado)
    with pytest.raises(TypeError, match="textos"):
        _treino_rapido(condicional=True, rotulos=["x"] * 16)
