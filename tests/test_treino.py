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


# ---------------------------------------------------------------------------
# Aumento de dados no dispositivo, prever e matriz de confusão
# ---------------------------------------------------------------------------

from profundo import regularizacao  # noqa: E402

DISPOSITIVOS = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


def _gerador(semente, dispositivo="cpu"):
    return torch.Generator(device=dispositivo).manual_seed(semente)


@pytest.mark.parametrize("dispositivo", DISPOSITIVOS)
@pytest.mark.parametrize("forma_lote, forma", [((7, 784), (1, 28, 28)), ((7, 1, 28, 28), (1, 28, 28)),
                                                ((5, 3 * 8 * 10), (3, 8, 10)), ((5, 3, 8, 10), (3, 8, 10))])
def test_aumento_preserva_forma_tipo_e_dispositivo(forma_lote, forma, dispositivo):
    aumento = treino.deslocamento_aleatorio(2, espelhar=True, forma=forma)
    lote = torch.rand(forma_lote, device=dispositivo)
    saida = aumento(lote, _gerador(0, dispositivo))
    assert saida.shape == lote.shape and saida.dtype == lote.dtype and saida.device == lote.device
    assert aumento(lote[:0], _gerador(0, dispositivo)).shape == lote[:0].shape


def test_aumento_e_reprodutivel_com_a_mesma_semente():
    aumento = treino.deslocamento_aleatorio(3, espelhar=True)
    lote = torch.rand(50, 784)
    copia = lote.clone()
    a = aumento(lote, _gerador(4))
    b = aumento(lote, _gerador(4))
    c = aumento(lote, _gerador(5))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)
    assert torch.equal(lote, copia)                                   # não altera o lote recebido


@pytest.mark.parametrize("dispositivo", DISPOSITIVOS)
def test_aumento_desloca_um_pixel_como_np_roll(dispositivo):
    """Um pixel aceso longe da borda: deslocar = np.roll, e todos os 25 deslocamentos aparecem."""
    imagem = np.zeros((28, 28), np.float32)
    imagem[13, 11] = 1.0
    n = 1000
    lote = torch.tensor(np.tile(imagem.reshape(1, 784), (n, 1)), device=dispositivo)
    saida = treino.deslocamento_aleatorio(2)(lote, _gerador(0, dispositivo)).cpu().numpy()
    vistos = set()
    for k in range(n):
        linha, coluna = np.argwhere(saida[k].reshape(28, 28) == 1.0)[0]
        dy, dx = int(linha) - 13, int(coluna) - 11
        assert abs(dx) <= 2 and abs(dy) <= 2
        assert np.array_equal(saida[k].reshape(28, 28), np.roll(imagem, (dy, dx), axis=(0, 1)))
        vistos.add((dx, dy))
    assert len(vistos) == 25


def test_aumento_preenche_com_zeros_como_regularizacao_deslocar():
    """Perto da borda nada dá a volta: cada saída é um deslocamento com zeros (e não um np.roll)."""
    rng = np.random.default_rng(0)
    lote = rng.random((30, 784)).astype(np.float32) + 0.5            # nenhum pixel é zero
    saida = treino.deslocamento_aleatorio(2)(torch.from_numpy(lote), _gerador(1)).numpy()
    candidatos = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3)]
    deslocadas = 0
    for k in range(len(lote)):
        iguais = [(dx, dy) for dx, dy in candidatos
                  if np.array_equal(regularizacao.deslocar(lote[k], dx, dy)[0], saida[k])]
        assert len(iguais) == 1
        dx, dy = iguais[0]
        assert (saida[k] == 0).sum() == 28 * 28 - (28 - abs(dx)) * (28 - abs(dy))
        deslocadas += (dx, dy) != (0, 0)
    assert deslocadas > 20


def test_aumento_espelha_metade_das_imagens():
    rng = np.random.default_rng(0)
    lote = torch.from_numpy(rng.random((400, 1, 28, 28)).astype(np.float32))
    saida = treino.deslocamento_aleatorio(0, espelhar=True)(lote, _gerador(2))
    iguais = (saida == lote).flatten(1).all(1)
    espelhadas = (saida == lote.flip(-1)).flatten(1).all(1)
    assert bool((iguais ^ espelhadas).all())                          # cada uma é uma das duas
    assert 0.4 < float(espelhadas.float().mean()) < 0.6
    sem_nada = treino.deslocamento_aleatorio(0)(lote, _gerador(2))
    assert torch.equal(sem_nada, lote)


def test_aumento_espelha_e_desloca_juntos():
    imagem = np.zeros((28, 28), np.float32)
    imagem[10, 5] = 1.0                                               # espelhado: coluna 22
    lote = torch.tensor(np.tile(imagem.reshape(1, 784), (300, 1)))
    saida = treino.deslocamento_aleatorio(1, espelhar=True)(lote, _gerador(3)).numpy()
    colunas = {int(np.argwhere(s.reshape(28, 28))[0][1]) for s in saida}
    assert colunas == {4, 5, 6, 21, 22, 23}


def test_treinar_com_aumento_roda_e_so_toca_o_treino():
    rng = np.random.default_rng(0)
    x = rng.random((60, 36)).astype(np.float32)
    y = (x[:, :18].sum(1) > x[:, 18:].sum(1)).astype(np.int64)
    chamadas = []

    def espiao(lote, gerador):
        chamadas.append(len(lote))
        return treino.deslocamento_aleatorio(1, forma=(1, 6, 6))(lote, gerador)

    torch.manual_seed(0)
    m = treino.mlp([36, 8, 2])
    h = treino.treinar(m, (x, y), epocas=3, tamanho_lote=25, dados_avaliacao=(x, y), progresso=False,
                       otimizador=torch.optim.SGD(m.parameters(), lr=0.1), dispositivo="cpu",
                       aumento=espiao)
    assert len(h) == 3 and np.isfinite(h.custo_treino).all()
    assert chamadas == [25, 25, 10] * 3                               # só os lotes de treino


def test_aumento_nao_muda_a_ordem_dos_lotes():
    """Com um aumento que não faz nada, o treino é idêntico ao treino sem aumento."""
    x, y = _dados()
    custos = []
    for aumento in (None, lambda lote, gerador: lote):
        torch.manual_seed(1)
        m = treino.mlp([8, 4, 2])
        h = treino.treinar(m, (x, y), epocas=2, tamanho_lote=32, progresso=False, dispositivo="cpu",
                           otimizador=torch.optim.SGD(m.parameters(), lr=0.1), semente=3, aumento=aumento)
        custos.append(h.custo_treino)
    assert custos[0] == custos[1]


def test_treinar_com_aumento_e_reprodutivel():
    rng = np.random.default_rng(0)
    x = rng.random((64, 1, 6, 6)).astype(np.float32)
    y = rng.integers(0, 3, 64)
    custos = []
    for _ in range(2):
        torch.manual_seed(0)
        m = nn.Sequential(nn.Flatten(), nn.Linear(36, 3))
        h = treino.treinar(m, (x, y), epocas=2, tamanho_lote=16, progresso=False, dispositivo="cpu",
                           otimizador=torch.optim.SGD(m.parameters(), lr=0.1), semente=7,
                           aumento=treino.deslocamento_aleatorio(2, espelhar=True, forma=(1, 6, 6)))
        custos.append(h.custo_treino)
    assert custos[0] == custos[1]


def test_prever_bate_com_a_conta_a_mao_e_restaura_o_modo():
    linear = nn.Linear(2, 3)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
        linear.bias.zero_()
    m = nn.Sequential(linear, nn.Dropout(0.9))                        # em modo treino, o dropout sortearia
    m.train()
    x = np.array([[2.0, 1.0], [0.0, 3.0], [-1.0, -2.0], [0.5, 0.4]], np.float32)
    # logits: (2; 1; −3), (0; 3; −3), (−1; −2; 3), (0,5; 0,4; −0,9) → classes 0, 1, 2, 0
    for tamanho_lote in (1, 3, 4096):
        previsto = treino.prever(m, x, tamanho_lote=tamanho_lote)
        assert previsto.dtype == torch.int64 and previsto.device.type == "cpu"
        assert previsto.tolist() == [0, 1, 2, 0]
    assert m.training
    m.eval()
    assert treino.prever(m, torch.tensor(x)).tolist() == [0, 1, 2, 0]
    assert not m.training


def test_prever_concorda_com_avaliar():
    x, y = _dados()
    m = treino.mlp([8, 4, 2])
    xt, yt = treino.para_tensores(x, y, "cpu")
    _, acc = treino.avaliar(m, xt, yt)
    assert float((treino.prever(m, x, tamanho_lote=7) == yt).float().mean()) == pytest.approx(acc)


def test_matriz_confusao_bate_com_a_conta_a_mao():
    verdadeiro = [0, 0, 1, 2, 2, 2]
    previsto = [0, 1, 1, 2, 0, 2]
    esperado = np.array([[1, 1, 0],
                         [0, 1, 0],
                         [1, 0, 2]])
    assert np.array_equal(treino.matriz_confusao(verdadeiro, previsto, n_classes=3), esperado)
    assert np.array_equal(treino.matriz_confusao(torch.tensor(verdadeiro), torch.tensor(previsto), 3), esperado)
    m10 = treino.matriz_confusao(np.array(verdadeiro), np.array(previsto))
    assert m10.shape == (10, 10) and m10.sum() == 6 and np.trace(m10) == 4
    assert treino.matriz_confusao([], [], 3).sum() == 0


@pytest.mark.parametrize("chamada, erro", [
    (lambda: treino.deslocamento_aleatorio(-1), ValueError),
    (lambda: treino.deslocamento_aleatorio(28), ValueError),
    (lambda: treino.deslocamento_aleatorio(1.5), TypeError),
    (lambda: treino.deslocamento_aleatorio(2, espelhar="sim"), TypeError),
    (lambda: treino.deslocamento_aleatorio(2, forma=(28, 28)), ValueError),
    (lambda: treino.deslocamento_aleatorio(2, forma=(1, 0, 28)), ValueError),
    (lambda: treino.deslocamento_aleatorio(3, forma=(1, 3, 28)), ValueError),
    (lambda: treino.deslocamento_aleatorio()(torch.zeros(4, 100), _gerador(0)), ValueError),
    (lambda: treino.deslocamento_aleatorio()(torch.zeros(4, 3, 28, 28), _gerador(0)), ValueError),
    (lambda: treino.deslocamento_aleatorio()(np.zeros((4, 784), np.float32), _gerador(0)), TypeError),
    (lambda: treino.deslocamento_aleatorio()(torch.zeros(4, 784), 0), TypeError),
    (lambda: treino.treinar(treino.mlp([8, 2]), _dados(), epocas=1, tamanho_lote=8, progresso=False,
                            otimizador=torch.optim.SGD(treino.mlp([8, 2]).parameters(), lr=0.1),
                            dispositivo="cpu", aumento="deslocar"), TypeError),
    (lambda: treino.treinar(treino.mlp([8, 2]), _dados(), epocas=1, tamanho_lote=8, progresso=False,
                            otimizador=torch.optim.SGD(treino.mlp([8, 2]).parameters(), lr=0.1),
                            dispositivo="cpu", aumento=lambda lote, g: lote[:, :4]), ValueError),
    (lambda: treino.prever("modelo", np.zeros((2, 8), np.float32)), TypeError),
    (lambda: treino.prever(treino.mlp([8, 2]), np.zeros(8, np.float32)), ValueError),
    (lambda: treino.prever(treino.mlp([8, 2]), np.zeros((0, 8), np.float32)), ValueError),
    (lambda: treino.prever(treino.mlp([8, 2]), np.zeros((2, 8), np.int64)), TypeError),
    (lambda: treino.prever(treino.mlp([8, 2]), np.full((2, 8), np.nan, np.float32)), ValueError),
    (lambda: treino.prever(treino.mlp([8, 2]), np.zeros((2, 8), np.float32), tamanho_lote=0), ValueError),
    (lambda: treino.matriz_confusao([0, 1], [0, 1, 1], 3), ValueError),
    (lambda: treino.matriz_confusao([0, 3], [0, 1], 3), ValueError),
    (lambda: treino.matriz_confusao([0, -1], [0, 1], 3), ValueError),
    (lambda: treino.matriz_confusao([0.0, 1.0], [0, 1], 3), TypeError),
    (lambda: treino.matriz_confusao([[0, 1]], [[0, 1]], 3), ValueError),
    (lambda: treino.matriz_confusao([0, 1], [0, 1], 0), ValueError),
])
def test_aumento_prever_e_matriz_rejeitam_entradas_ruins(chamada, erro):
    with pytest.raises(erro):
        chamada()


def test_avaliar_usa_o_custo_dado():
    """Com outro custo (aqui, erro quadrático sobre as saídas), a avaliação mede esse custo."""
    torch.manual_seed(0)
    modelo = torch.nn.Linear(3, 2)
    x, y = torch.randn(10, 3), torch.randint(0, 2, (10,))
    quadratico = lambda s, a: ((s - torch.nn.functional.one_hot(a, 2).float()) ** 2).mean()
    c, _ = treino.avaliar(modelo, x, y, custo=quadratico)
    with torch.no_grad():
        assert abs(c - float(quadratico(modelo(x), y))) < 1e-6
    c_ce, _ = treino.avaliar(modelo, x, y)
    with torch.no_grad():
        assert abs(c_ce - float(torch.nn.functional.cross_entropy(modelo(x), y))) < 1e-6
