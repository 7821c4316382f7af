"""O laço de treino compartilhado (PyTorch) e as medidas do capítulo 15."""

import numpy as np
import pytest
import torch
from torch import nn

from profundo import tamanho_lote as TL
from profundo import treino


def _dados(n=200, d=8, semente=0):
    rng = np.random.default_rng(semente)
    x = rng.standard_normal((n, d)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64)           # separável
    return x, y


def test_mlp_tem_as_camadas_pedidas():
    m = treino.mlp([784, 1024, 1024, 10])
    lineares = [c for c in m if isinstance(c, nn.Linear)]
    assert [(c.in_features, c.out_features) for c in lineares] == [(784, 1024), (1024, 1024), (1024, 10)]
    assert sum(isinstance(c, nn.ReLU) for c in m) == 2
    assert sum(p.numel() for p in m.parameters()) == 784 * 1024 + 1024 + 1024 * 1024 + 1024 + 1024 * 10 + 10


def test_treinar_aprende_problema_separavel_e_guarda_historico():
    x, y = _dados()
    torch.manual_seed(0)
    m = treino.mlp([8, 16, 2])
    h = treino.treinar(m, (x, y), epocas=15, tamanho_lote=20, dados_avaliacao=(x, y),
                       otimizador=torch.optim.SGD(m.parameters(), lr=0.5), progresso=False,
                       dispositivo="cpu")
    assert len(h) == 15 and len(h.acuracia_avaliacao) == 15
    assert h.acuracia_avaliacao[-1] > 0.95
    assert h.custo_treino[-1] < h.custo_treino[0]


def test_treinar_e_reprodutivel_com_a_mesma_semente():
    x, y = _dados()
    resultados = []
    for _ in range(2):
        torch.manual_seed(1)
        m = treino.mlp([8, 4, 2])
        h = treino.treinar(m, (x, y), epocas=2, tamanho_lote=32, progresso=False, dispositivo="cpu",
                           otimizador=torch.optim.SGD(m.parameters(), lr=0.1), semente=3)
        resultados.append(h.custo_treino)
    assert resultados[0] == resultados[1]


def test_agenda_muda_a_taxa_e_historicos_se_juntam():
    x, y = _dados()
    m = treino.mlp([8, 4, 2])
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    h1 = treino.treinar(m, (x, y), epocas=2, tamanho_lote=50, otimizador=opt, progresso=False,
                        agenda=lambda e: 0.1 * e, dispositivo="cpu")
    assert h1.taxa_aprendizado == pytest.approx([0.1, 0.2])
    h2 = treino.treinar(m, (x, y), epocas=1, tamanho_lote=50, otimizador=opt, progresso=False,
                        dispositivo="cpu")
    assert len(h1.juntar(h2)) == 3


def test_avaliar_igual_a_calculo_direto():
    x, y = _dados()
    m = treino.mlp([8, 4, 2])
    xt, yt = treino.para_tensores(x, y, "cpu")
    custo, acc = treino.avaliar(m, xt, yt, tamanho_lote=7)
    with torch.no_grad():
        saida = m(xt)
    assert custo == pytest.approx(float(nn.functional.cross_entropy(saida, yt)), rel=1e-5)
    assert acc == pytest.approx(float((saida.argmax(1) == yt).float().mean()))


@pytest.mark.parametrize("chamada, erro", [
    (lambda: treino.mlp([784]), ValueError),
    (lambda: treino.mlp([784, 0, 10]), ValueError),
    (lambda: treino.mlp([4, 2], ativacao="degrau"), ValueError),
    (lambda: treino.para_tensores(np.zeros((3, 2), np.float32), np.zeros(4, np.int64), "cpu"), ValueError),
    (lambda: treino.para_tensores(np.zeros(3, np.float32), np.zeros(3, np.int64), "cpu"), ValueError),
    (lambda: treino.para_tensores(np.full((2, 2), np.nan, np.float32), np.zeros(2, np.int64), "cpu"), ValueError),
    (lambda: treino.para_tensores(np.zeros((2, 2), np.float32), np.zeros(2), "cpu"), TypeError),
    (lambda: treino.treinar("modelo", _dados(), epocas=1, tamanho_lote=1,
                            otimizador=torch.optim.SGD(treino.mlp([8, 2]).parameters(), lr=0.1)), TypeError),
    (lambda: treino.treinar(treino.mlp([8, 2]), _dados(), epocas=0, tamanho_lote=1,
                            otimizador=torch.optim.SGD(treino.mlp([8, 2]).parameters(), lr=0.1)), ValueError),
    (lambda: treino.treinar(treino.mlp([8, 2]), _dados(), epocas=1, tamanho_lote=1, otimizador="sgd"), TypeError),
])
def test_treino_rejeita_entradas_ruins(chamada, erro):
    with pytest.raises(erro):
        chamada()


def test_fatores_da_ultima_camada_iguais_ao_autograd():
    x, y = _dados(n=30)
    torch.manual_seed(0)
    m = treino.mlp([8, 6, 3]).double()
    y3 = y + (x[:, 2] > 1)                                  # três classes
    E, H = TL.fatores_ultima_camada(m, x, y3)
    indices = [0, 4, 7, 19]
    m.zero_grad()
    xt = torch.tensor(x[indices], dtype=torch.float64)
    nn.functional.cross_entropy(m(xt), torch.tensor(y3[indices]), reduction="sum").backward()
    assert torch.allclose(E[indices].T @ H[indices], m[-1].weight.grad, atol=1e-12)


def test_normas_por_lote_soma_e_media():
    x, y = _dados(n=400)
    torch.manual_seed(0)
    m = treino.mlp([8, 16, 2])
    soma = TL.normas_gradiente(m, x, y, [1, 4, 16, 64], tentativas=50, reducao="soma")
    media = TL.normas_gradiente(m, x, y, [1, 4, 16, 64], tentativas=50, reducao="media")
    assert np.allclose(soma.media / np.array(soma.tamanhos), media.media)
    assert all(np.diff(soma.media) > 0) and all(np.diff(media.media) < 0)
    assert 0.4 < soma.expoente() < 1.05
    with pytest.raises(ValueError, match="reducao"):
        TL.normas_gradiente(m, x, y, [1], reducao="max")
    with pytest.raises(ValueError, match="entre 1 e 400"):
        TL.normas_gradiente(m, x, y, [500])
    with pytest.raises(ValueError, match="tentativas"):
        TL.normas_gradiente(m, x, y, [2], tentativas=1)
    with pytest.raises(TypeError, match="nn.Linear"):
        TL.normas_gradiente(nn.Sequential(nn.Linear(8, 2), nn.ReLU()), x, y, [2])
