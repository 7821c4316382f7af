"""Capítulo 27: os números da GAN da fonte, a tradução Keras → PyTorch e as grades de amostras."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from torch import nn

from profundo import cnn, gan, graficos

# A GAN de MLPs de pereira-unidade3 (fonte 000, de Vasilev et al., 2019)
LATENTE_FONTE = 64
PASSOS_FONTE, LOTE_FONTE, MNIST_TREINO = 15_000, 128, 60_000


def test_contagem_de_parametros_da_gan_da_fonte():
    g, d = gan.gerador_mlp(LATENTE_FONTE), gan.discriminador_mlp()
    densas_g = sum(cnn.contagem_parametros_densa(e, s) for e, s in [(64, 128), (128, 256), (256, 512),
                                                                     (512, 784)])
    escalas_g = 2 * (128 + 256 + 512)                  # γ e β de cada normalização em lote
    assert cnn.contagem_parametros(g) == densas_g + escalas_g == 576_912
    # o Keras soma as médias móveis (média e variância) como "não treináveis"
    assert cnn.contagem_parametros(g) + 2 * (128 + 256 + 512) == 578_704
    densas_d = sum(cnn.contagem_parametros_densa(e, s) for e, s in [(784, 256), (256, 128), (128, 1)])
    assert cnn.contagem_parametros(d) == densas_d == 233_985


def test_resumo_do_gerador_como_o_summary_do_keras():
    linhas = cnn.resumo(gan.gerador_mlp(LATENTE_FONTE), (LATENTE_FONTE,))
    saidas = [forma for _, _, forma, _ in linhas]
    assert saidas[0] == (128,) and (256,) in saidas and (512,) in saidas
    assert saidas[-1] == (1, 28, 28)
    assert sum(n for *_, n in linhas) == 576_912


def test_passos_da_fonte_em_epocas():
    """15.000 passos com lotes de 128 são 1,92 milhão de imagens: 32 passagens pelas 60.000."""
    assert PASSOS_FONTE * LOTE_FONTE / MNIST_TREINO == 32


def test_momentum_do_keras_vira_um_menos_momentum_no_pytorch():
    """Com a média do lote sempre igual a μ, depois de k passos: Keras 0,8 → μ(1 − 0,8ᵏ)."""
    torch.manual_seed(0)
    bn = gan.gerador_mlp(LATENTE_FONTE).bn3
    lote = torch.randn(64, 512)
    mu = lote.mean(0)
    for _ in range(5):
        bn(lote)
    np.testing.assert_allclose(bn.running_mean, mu * (1 - 0.8 ** 5), rtol=1e-5, atol=1e-6)
    assert bn.eps == pytest.approx(1e-3)              # o ε padrão do Keras, não o do PyTorch (10⁻⁵)


def test_perdas_no_equilibrio_e_a_escala_da_fonte():
    """Com D = 1/2 em tudo: perda de D = 2·log 2 e perda de G = log 2.

    A fonte imprime a média das perdas real e falsa (0,5·(real + falso)), que é
    também a J⁽ᴰ⁾ de morettin-aula16 (eq. 1): a metade da ``perda_discriminador``.
    """
    zeros = torch.zeros(128, 1)
    assert float(gan.perda_discriminador(zeros, zeros)) == pytest.approx(2 * math.log(2))
    assert float(gan.perda_gerador(zeros)) == pytest.approx(math.log(2))
    torch.manual_seed(0)
    reais, falsos = torch.randn(128, 1), torch.randn(128, 1)
    bce = nn.functional.binary_cross_entropy_with_logits
    da_fonte = 0.5 * (bce(reais, torch.ones_like(reais)) + bce(falsos, torch.zeros_like(falsos)))
    assert float(gan.perda_discriminador(reais, falsos)) == pytest.approx(2 * float(da_fonte))


@pytest.mark.parametrize("n, k, s, p", [(7, 4, 2, 1), (14, 4, 2, 1), (7, 3, 2, 1), (4, 5, 1, 0)])
def test_tamanho_da_saida_da_convolucao_transposta(n, k, s, p):
    """Saída de uma convolução transposta: (n − 1)·s − 2p + k (o caminho inverso da convolução)."""
    camada = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p)
    assert camada(torch.zeros(1, 1, n, n)).shape[-1] == (n - 1) * s - 2 * p + k
    # e a convolução com os mesmos k, s, p leva o tamanho de volta
    assert cnn.tamanho_saida((n - 1) * s - 2 * p + k, k, s, p) == n


# ---------------------------------------------------------------------------
# Grades de amostras (graficos)
# ---------------------------------------------------------------------------

def test_mosaico_forma_margens_e_posicoes():
    imagens = np.arange(12 * 784, dtype=float).reshape(12, 784) / (12 * 784)
    tela = graficos.mosaico(imagens, ncolunas=5)
    assert tela.shape == (3 * 29 - 1, 5 * 29 - 1)
    np.testing.assert_array_equal(tela[:28, :28], imagens[0].reshape(28, 28))
    np.testing.assert_array_equal(tela[29:57, 29:57], imagens[6].reshape(28, 28))    # linha 1, coluna 1
    assert np.isnan(tela[28]).all() and np.isnan(tela[:, 28]).all()                   # margens
    assert np.isnan(tela[58:, 2 * 29:]).all()                                         # fim da última linha
    assert graficos.mosaico(np.zeros((100, 1, 28, 28)), margem=0).shape == (280, 280)


@pytest.mark.parametrize("imagens, kwargs, trecho", [
    (np.zeros((3, 5)), {}, "forma"),
    (np.zeros(784), {}, "forma"),
    (np.zeros((0, 784)), {}, "forma"),
    (np.zeros((3, 784)), {"ncolunas": 0}, "ncolunas"),
    (np.zeros((3, 784)), {"margem": -1}, "margem"),
])
def test_mosaico_erros(imagens, kwargs, trecho):
    with pytest.raises(ValueError, match=trecho):
        graficos.mosaico(imagens, **kwargs)


def test_grade_amostras_um_so_imshow_e_rotulos_das_linhas():
    ax = graficos.grade_amostras(np.random.default_rng(0).random((100, 784)), rotulos_linhas=range(10),
                                 titulo="amostras")
    assert len(ax.images) == 1 and ax.get_title() == "amostras"
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(i) for i in range(10)]
    with pytest.raises(ValueError, match="10 linhas"):
        graficos.grade_amostras(np.zeros((100, 784)), rotulos_linhas=range(9))


def test_evolucao_amostras_um_painel_por_epoca():
    inst = {10: np.zeros((100, 784)), 0: np.ones((100, 784)), 3: np.zeros((100, 784))}
    fig = graficos.evolucao_amostras(inst, titulo="treino")
    assert [ax.get_title() for ax in fig.axes] == ["antes do treino", "época 3", "época 10"]
    assert fig._suptitle.get_text() == "treino"
    plt.close(fig)
    with pytest.raises(ValueError, match="instantâneos"):
        graficos.evolucao_amostras({})


def test_curvas_gan_dois_paineis_com_o_equilibrio():
    h = gan.HistoricoGAN(perda_d=[1.0, 1.2], perda_g=[1.5, 0.9], d_real=[0.8, 0.6], d_falso=[0.2, 0.4],
                         tempo_s=[0.1, 0.1])
    fig = graficos.curvas_gan(h, titulo="teste")
    ax_perda, ax_d = fig.axes
    np.testing.assert_allclose(ax_perda.lines[0].get_ydata(), [1.0, 1.2])
    horizontais = [float(l.get_ydata()[0]) for l in ax_perda.lines[2:]]
    assert horizontais == pytest.approx([2 * math.log(2), math.log(2)])
    assert float(ax_d.lines[-1].get_ydata()[0]) == 0.5 and ax_d.get_ylim() == (0, 1)
    with pytest.raises(ValueError, match="vazio"):
        graficos.curvas_gan(gan.HistoricoGAN())
    with pytest.raises(TypeError, match="HistoricoGAN"):
        graficos.curvas_gan({"perda_d": [1.0]})
