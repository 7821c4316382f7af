"""Capítulo 19: normalização em lote, ELU, aumento de dados e a receita da CNN profunda."""

import math

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

from profundo import cnn, treino
from profundo.rede import agenda_cosseno


# --- normalização em lote, à mão ------------------------------------------------

def _bn_com_gama_beta(canais=5, semente=0):
    torch.manual_seed(semente)
    camada = nn.BatchNorm2d(canais).double()
    with torch.no_grad():
        camada.weight.uniform_(0.5, 1.5)
        camada.bias.uniform_(-0.5, 0.5)
    return camada


def test_normalizacao_em_lote_a_mao_no_treino_e_na_avaliacao():
    """As fórmulas do capítulo (média/variância do lote, γ, β, médias móveis) batem com o PyTorch."""
    camada = _bn_com_gama_beta()
    z = 3 + 2 * torch.randn(16, 5, 6, 7, dtype=torch.float64)
    m = 16 * 6 * 7
    mu = z.mean(dim=(0, 2, 3))
    var = z.var(dim=(0, 2, 3), unbiased=False)
    g, b = camada.weight.detach(), camada.bias.detach()
    forma = (1, -1, 1, 1)
    esperado = g.view(forma) * (z - mu.view(forma)) / torch.sqrt(var.view(forma) + camada.eps) + b.view(forma)
    obtido = camada.train()(z)
    torch.testing.assert_close(obtido, esperado, rtol=0, atol=1e-12)
    # médias móveis: começam em (0, 1), ρ = 0,1, variância sem viés
    rho = camada.momentum
    torch.testing.assert_close(camada.running_mean, rho * mu, rtol=0, atol=1e-12)
    torch.testing.assert_close(camada.running_var, (1 - rho) + rho * var * m / (m - 1), rtol=0, atol=1e-12)
    # avaliação: função afim com as médias móveis
    media, variancia = camada.running_mean.view(forma), camada.running_var.view(forma)
    esperado_aval = g.view(forma) * (z - media) / torch.sqrt(variancia + camada.eps) + b.view(forma)
    torch.testing.assert_close(camada.eval()(z), esperado_aval, rtol=0, atol=1e-12)


def test_no_treino_a_saida_depende_do_lote_e_na_avaliacao_nao():
    camada = _bn_com_gama_beta()
    torch.manual_seed(1)
    a, b = torch.randn(8, 5, 4, 4, dtype=torch.float64), 5 * torch.randn(8, 5, 4, 4, dtype=torch.float64)
    camada.train()
    so_a = camada(a)[:1]
    com_b = camada(torch.cat([a[:1], b]))[:1]
    assert not torch.allclose(so_a, com_b)          # a mesma imagem, vizinhas diferentes
    camada.eval()
    torch.testing.assert_close(camada(a)[:1], camada(torch.cat([a[:1], b]))[:1])


def test_gama_e_beta_podem_desfazer_a_normalizacao():
    """Com γ = √(σ² + ε) e β = μ do lote, a camada devolve a própria entrada (modo de treino)."""
    torch.manual_seed(2)
    z = 4 + 3 * torch.randn(32, 3, 5, 5, dtype=torch.float64)
    camada = nn.BatchNorm2d(3).double()
    with torch.no_grad():
        camada.weight.copy_(torch.sqrt(z.var(dim=(0, 2, 3), unbiased=False) + camada.eps))
        camada.bias.copy_(z.mean(dim=(0, 2, 3)))
    torch.testing.assert_close(camada.train()(z), z)


def test_parametros_treinaveis_da_normalizacao():
    assert cnn.contagem_parametros(nn.BatchNorm2d(64)) == 128          # exercício 1
    rede = cnn.cnn_profunda()
    assert cnn.contagem_parametros(nn.Sequential(rede.conv1, rede.bn1)) == 3 * 3 * 1 * 32 + 2 * 32   # exercício 5


# --- ELU -----------------------------------------------------------------------

def test_media_da_elu_e_da_relu_com_entrada_normal():
    """E[ReLU(Z)] = 1/√(2π) e E[ELU(Z)] = 1/√(2π) + e^{1/2} Φ(−1) − 1/2, conferidas por integração."""
    z = np.linspace(-12, 12, 400_001)
    phi = np.exp(-z ** 2 / 2) / math.sqrt(2 * math.pi)
    elu = np.where(z > 0, z, np.expm1(z))
    media_elu = np.trapezoid(elu * phi, z)
    media_relu = np.trapezoid(np.maximum(z, 0) * phi, z)
    Phi_menos_1 = (1 + math.erf(-1 / math.sqrt(2))) / 2
    assert media_relu == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-8)
    assert media_elu == pytest.approx(1 / math.sqrt(2 * math.pi) + math.exp(0.5) * Phi_menos_1 - 0.5, abs=1e-8)
    assert media_elu == pytest.approx(0.1605, abs=1e-4)


def test_derivada_da_elu_e_elu_mais_alfa():
    z = torch.linspace(-5, -0.01, 50, dtype=torch.float64, requires_grad=True)
    F.elu(z).sum().backward()
    torch.testing.assert_close(z.grad, F.elu(z.detach()) + 1.0)


def test_elu_aplicada_duas_vezes_nao_e_a_elu():
    """O deslize da listagem da fonte (duas ELUs seguidas) muda os negativos e satura em e⁻¹ − 1."""
    z = torch.tensor([-30.0, -1.0, -0.5, 0.5, 2.0], dtype=torch.float64)
    duas = F.elu(F.elu(z))
    assert torch.equal(duas[3:], z[3:])
    assert torch.all(duas[:3] > F.elu(z[:3]))
    assert float(duas[0]) == pytest.approx(math.exp(-1) - 1, abs=1e-9)
    assert float(F.elu(torch.tensor(-1.0))) == pytest.approx(math.exp(-1) - 1)   # exercício 2


# --- aumento de dados ------------------------------------------------------------

def test_deslocamentos_e_espelhos_dao_cinquenta_versoes():
    """max_pixels=2 com espelho: 5 × 5 deslocamentos × 2 = 50 imagens distintas (exercício 3)."""
    torch.manual_seed(0)
    imagem = torch.rand(1, 784)                      # sem simetrias: versões diferentes são distintas
    aumento = treino.deslocamento_aleatorio(max_pixels=2, espelhar=True)
    gerador = torch.Generator().manual_seed(0)
    versoes = aumento(imagem.repeat(4000, 1), gerador)
    assert len(torch.unique(versoes, dim=0)) == 50


def test_espelhar_e_o_que_separa_os_calcados():
    """Nas botas, a metade direita tem mais tinta; o espelho inverte isso."""
    bota = torch.zeros(1, 1, 28, 28)
    bota[0, 0, 5:25, 16:24] = 1.0                     # o cano, à direita
    bota[0, 0, 20:25, 4:24] = 1.0                     # o pé
    aumento = treino.deslocamento_aleatorio(max_pixels=0, espelhar=True)
    versoes = aumento(bota.repeat(200, 1, 1, 1), torch.Generator().manual_seed(0))
    direita = versoes[..., 14:].sum(dim=(1, 2, 3)) > versoes[..., :14].sum(dim=(1, 2, 3))
    assert 0.3 < float(direita.float().mean()) < 0.7
    assert torch.equal(versoes[~direita][0, 0], torch.flip(bota[0, 0], dims=[1]))


# --- a receita do capítulo ---------------------------------------------------------

def test_agenda_cosseno():
    agenda = agenda_cosseno(1e-3, 30, 1e-5)
    assert agenda(1) == pytest.approx(1e-3)
    assert agenda(16) == pytest.approx((1e-3 + 1e-5) / 2)
    assert 1e-5 < agenda(30) < 2e-5
    assert agenda(31) == pytest.approx(1e-5)
    valores = [agenda(e) for e in range(1, 31)]
    assert all(a > b for a, b in zip(valores, valores[1:]))


@pytest.mark.parametrize("args, erro", [((0.0, 10), ValueError), ((1e-3, 0), ValueError),
                                        ((1e-3, 2.5), TypeError), ((1e-3, 10, 1e-2), ValueError),
                                        ((1e-3, 10, "0"), TypeError), ((1e-3, True), TypeError)])
def test_agenda_cosseno_valida(args, erro):
    with pytest.raises(erro):
        agenda_cosseno(*args)


def test_agenda_cosseno_rejeita_epoca_invalida():
    with pytest.raises(ValueError, match="época"):
        agenda_cosseno(1e-3, 5)(0)


def test_receita_completa_treina_sem_nan_e_o_custo_cai():
    """cnn_profunda + Adam + agenda em cosseno + deslocamentos e espelho: roda e aprende um lote pequeno."""
    torch.manual_seed(0)
    x = torch.rand(64, 784)
    y = torch.arange(64) % 10
    x[torch.arange(64), y * 70] = 3.0                  # uma pista simples por classe
    torch.manual_seed(0)
    rede = cnn.cnn_profunda()
    hist = treino.treinar(rede, (x, y), epocas=6, tamanho_lote=32,
                          otimizador=torch.optim.Adam(rede.parameters(), lr=1e-3),
                          agenda=agenda_cosseno(1e-3, 6, 1e-5), dados_avaliacao=(x, y),
                          aumento=treino.deslocamento_aleatorio(max_pixels=2, espelhar=True),
                          dispositivo="cpu", progresso=False)
    assert np.all(np.isfinite(hist.custo_treino))
    assert hist.custo_treino[-1] < hist.custo_treino[0]
    assert hist.taxa_aprendizado[0] == pytest.approx(1e-3) and hist.taxa_aprendizado[-1] < 1e-4


def test_contagens_de_parametros_da_tabela():
    assert cnn.contagem_parametros(cnn.cnn_duas_camadas()) == 3_274_634
    assert cnn.contagem_parametros(cnn.cnn_duas_camadas(normalizacao_lote=True)) == 3_275_754
    assert cnn.contagem_parametros(cnn.cnn_profunda()) == 871_082
