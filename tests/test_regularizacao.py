"""Parte III: custos, penalidades, inicialização, momento, dropout, aumento de dados e JSON.

Cada gradiente é conferido contra o autograd do PyTorch.
"""

import numpy as np
import pytest
import torch

from profundo import custos
from profundo.regularizacao import (L1, L2, ParadaAntecipada, aumentar, deslocar,
                                    mascara_dropout, rotacionar)
from profundo.rede import Rede, um_quente


def lote(camadas, m=9, semente=0):
    rng = np.random.default_rng(semente)
    X = rng.random((m, camadas[0]))
    return X, um_quente(rng.integers(0, camadas[-1], m), camadas[-1])


def custo_torch(rede, X, Y, nome, penalidade=None, n=None):
    pesos = [torch.tensor(w, requires_grad=True) for w in rede.pesos]
    vieses = [torch.tensor(b, requires_grad=True) for b in rede.vieses]
    a = torch.tensor(X)
    for l, (w, b) in enumerate(zip(pesos, vieses)):
        z = a @ w.T + b
        ultima = l == len(pesos) - 1
        a = torch.softmax(z, dim=1) if (ultima and nome == "log_verossimilhanca") else torch.sigmoid(z)
    y = torch.tensor(Y)
    if nome == "quadratico":
        c = 0.5 * ((a - y) ** 2).sum() / len(X)
    elif nome == "entropia_cruzada":
        c = torch.nn.functional.binary_cross_entropy(a, y, reduction="sum") / len(X)
    else:
        c = -(y * torch.log(a)).sum() / len(X)
    if isinstance(penalidade, L2):
        c = c + penalidade.lmbda / (2 * n) * sum((w ** 2).sum() for w in pesos)
    elif isinstance(penalidade, L1):
        c = c + penalidade.lmbda / n * sum(w.abs().sum() for w in pesos)
    c.backward()
    return c.item(), [w.grad.numpy() for w in pesos], [b.grad.numpy() for b in vieses]


@pytest.mark.parametrize("nome", list(custos.CUSTOS))
@pytest.mark.parametrize("camadas", [[4, 3], [5, 4, 3], [6, 5, 4, 3]], ids=str)
def test_gradientes_de_cada_custo_contra_autograd(nome, camadas):
    rede = Rede(camadas, custo=nome, semente=1)
    X, Y = lote(camadas)
    valor, gw, gb = custo_torch(rede, X, Y, nome)
    assert rede.custo_total(X, Y) == pytest.approx(valor, rel=1e-10)
    meus_w, meus_b = rede.retropropagar(X, Y)
    for a, b in zip(meus_w + meus_b, gw + gb):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-13)


@pytest.mark.parametrize("penalidade", [L2(5.0), L1(2.0)], ids=repr)
def test_penalidades_contra_autograd(penalidade):
    rede = Rede([5, 4, 3], custo="entropia_cruzada", semente=2)
    X, Y = lote([5, 4, 3])
    n = 50
    valor, gw, _ = custo_torch(rede, X, Y, "entropia_cruzada", penalidade, n)
    assert rede.custo_total(X, Y, penalidade, n) == pytest.approx(valor, rel=1e-10)
    meus_w, _ = rede.retropropagar(X, Y)
    for w, meu, ref in zip(rede.pesos, meus_w, gw):
        np.testing.assert_allclose(meu + penalidade.gradiente(w, n), ref, rtol=1e-9, atol=1e-13)


def test_passo_com_l2_encolhe_os_pesos():
    """Com L2, o passo é w ← (1 − ηλ/n) w − η ∂C₀/∂w."""
    rede = Rede([3, 2], semente=0)
    X, Y = lote([3, 2], m=4)
    w0 = rede.pesos[0].copy()
    g, _ = rede.retropropagar(X, Y)
    rede._passo(X, Y, 0.5, L2(4.0), n=10)
    np.testing.assert_allclose(rede.pesos[0], (1 - 0.5 * 4.0 / 10) * w0 - 0.5 * g[0])


def test_entropia_cruzada_do_exemplo():
    # −ln 0,619 = 0,47965…: a fonte imprime 0,479 (truncado); arredondado seria 0,480
    assert custos.entropia_cruzada([0, 1, 0], [0.228, 0.619, 0.153]) == pytest.approx(0.47965, abs=1e-5)
    with pytest.raises(ValueError, match="somar 1"):
        custos.entropia_cruzada([0, 1, 0], [0.5, 0.6, 0.1])
    with pytest.raises(ValueError, match="mesmo tamanho"):
        custos.entropia_cruzada([1, 0], [0.5, 0.25, 0.25])


def test_inicializacao_escalada():
    rede = Rede([1000, 500, 10], inicializacao="escalada", semente=0)
    assert rede.pesos[0].std() == pytest.approx(1 / np.sqrt(1000), rel=0.02)
    assert Rede([1000, 50, 10], semente=0).pesos[0].std() == pytest.approx(1.0, rel=0.02)
    with pytest.raises(ValueError, match="inicializacao"):
        Rede([3, 2], inicializacao="xavier")


def test_momento_igual_ao_sgd_do_pytorch():
    rede = Rede([4, 3, 2], custo="entropia_cruzada", semente=3)
    X, Y = lote([4, 3, 2], m=8)
    params = [torch.tensor(p.copy(), requires_grad=True) for p in rede.pesos + rede.vieses]
    otimizador = torch.optim.SGD(params, lr=0.3, momentum=0.9)
    for _ in range(5):
        rede._passo(X, Y, 0.3, momento=0.9)
        a = torch.tensor(X)
        for w, b in zip(params[:2], params[2:]):
            a = torch.sigmoid(a @ w.T + b)
        perda = torch.nn.functional.binary_cross_entropy(a, torch.tensor(Y), reduction="sum") / len(X)
        otimizador.zero_grad()
        perda.backward()
        otimizador.step()
    for meu, ref in zip(rede.pesos + rede.vieses, params):
        np.testing.assert_allclose(meu, ref.detach().numpy(), rtol=1e-9, atol=1e-12)


def test_dropout_escala_no_treino_e_nada_na_avaliacao():
    rng = np.random.default_rng(0)
    mascara = mascara_dropout((2000, 50), 0.5, rng)
    assert set(np.unique(mascara)) == {0.0, 2.0}
    assert mascara.mean() == pytest.approx(1.0, abs=0.02)  # a média da ativação não muda
    assert (mascara_dropout((3, 4), 0.0, rng) == 1).all()
    rede = Rede([4, 6, 2], semente=0)
    X, _ = lote([4, 6, 2])
    antes = rede.alimentar(X)
    rede.treinar(X, np.zeros(len(X), int), epocas=1, tamanho_lote=3, taxa_aprendizado=1e-9,
                 dropout=0.5, mostrar=False)
    np.testing.assert_allclose(rede.alimentar(X), antes, atol=1e-6)  # avaliação sem dropout
    with pytest.raises(ValueError, match="menor que 1"):
        mascara_dropout((2, 2), 1.0, rng)


def test_gradiente_com_dropout_contra_autograd():
    rede = Rede([5, 4, 3], custo="log_verossimilhanca", semente=4)
    X, Y = lote([5, 4, 3])
    mascara = mascara_dropout((len(X), 4), 0.5, np.random.default_rng(1))
    gw, gb = rede._gradientes(X, Y, 1 / len(X), [mascara])
    w = [torch.tensor(p, requires_grad=True) for p in rede.pesos]
    b = [torch.tensor(p, requires_grad=True) for p in rede.vieses]
    oculta = torch.sigmoid(torch.tensor(X) @ w[0].T + b[0]) * torch.tensor(mascara)
    saida = torch.softmax(oculta @ w[1].T + b[1], dim=1)
    (-(torch.tensor(Y) * torch.log(saida)).sum() / len(X)).backward()
    for meu, ref in zip(gw + gb, w + b):
        np.testing.assert_allclose(meu, ref.grad.numpy(), rtol=1e-9, atol=1e-13)


def test_parada_antecipada_e_agenda():
    parada = ParadaAntecipada(paciencia=2)
    assert [parada.deve_parar(v) for v in (0.5, 0.6, 0.6, 0.55)] == [False, False, False, True]
    assert parada.melhor == 0.6 and parada.melhor_epoca == 2
    X, Y = lote([4, 3, 2], m=20)
    rotulos = Y.argmax(1)
    hist = Rede([4, 3, 2], semente=0).treinar(
        X, rotulos, epocas=50, tamanho_lote=5, taxa_aprendizado=lambda e: 1.0 / e,
        dados_avaliacao=(X, rotulos), parada=ParadaAntecipada(3), mostrar=False)
    assert hist.taxa_aprendizado[:3] == [1.0, 0.5, 1 / 3]
    assert hist.parou_na_epoca is not None and len(hist) == hist.parou_na_epoca < 50
    with pytest.raises(ValueError, match="paciencia"):
        ParadaAntecipada(0)
    with pytest.raises(ValueError, match="dados_avaliacao"):
        Rede([4, 2]).treinar(X, rotulos, epocas=1, tamanho_lote=2, taxa_aprendizado=1.0,
                             parada=ParadaAntecipada(2))


def test_aumento_de_dados_mantem_rotulos_e_formas():
    rng = np.random.default_rng(0)
    x = np.zeros((3, 784))
    x[:, 14 * 28 + 14] = 1.0  # um pixel aceso no centro
    y = np.array([7, 1, 4])
    d = deslocar(x, 2, -1).reshape(-1, 28, 28)
    assert d[0, 13, 16] == 1.0 and d.sum() == 3
    assert np.allclose(deslocar(deslocar(x, 3, 0), -3, 0), x)
    girada = rotacionar(rng.random((2, 784)), 10)
    assert girada.shape == (2, 784) and 0 <= girada.min() and girada.max() <= 1
    xa, ya = aumentar(x, y, rotacoes=(-10.0, 10.0))
    assert xa.shape == (3 * 7, 784) and ya.tolist() == y.tolist() * 7
    with pytest.raises(ValueError, match="784"):
        deslocar(np.zeros((2, 10)), 1, 0)
    with pytest.raises(ValueError, match="rótulos"):
        aumentar(x, y[:2])
    with pytest.raises(TypeError):
        deslocar(x, 1.5, 0)


def test_json_ida_e_volta(tmp_path):
    rede = Rede([6, 5, 3], custo="log_verossimilhanca", inicializacao="escalada", semente=0)
    X, _ = lote([6, 5, 3])
    caminho = rede.salvar(tmp_path / "rede.json")
    copia = Rede.carregar(caminho)
    assert copia.camadas == rede.camadas and copia.custo is custos.LogVerossimilhanca
    np.testing.assert_array_equal(copia.alimentar(X), rede.alimentar(X))
    assert caminho.read_text().startswith("{")  # texto JSON, não pickle


def test_json_invalido(tmp_path):
    (tmp_path / "lixo.json").write_text("{nada")
    with pytest.raises(ValueError, match="JSON válido"):
        Rede.carregar(tmp_path / "lixo.json")
    (tmp_path / "outro.json").write_text('{"formato": "outra coisa"}')
    with pytest.raises(ValueError, match="Rede.salvar"):
        Rede.carregar(tmp_path / "outro.json")
    with pytest.raises(ValueError, match="não encontrado"):
        Rede.carregar(tmp_path / "nada.json")


@pytest.mark.parametrize("kwargs, erro, msg", [
    ({"regularizacao": "L2"}, TypeError, "L1"),
    ({"momento": 1.0}, ValueError, "momento"),
    ({"momento": -0.1}, ValueError, "momento"),
    ({"dropout": 1.0}, ValueError, "dropout"),
    ({"taxa_aprendizado": lambda e: -1.0}, ValueError, "positiva"),
])
def test_treinar_recusa_opcoes_invalidas(kwargs, erro, msg):
    X, Y = lote([4, 2], m=4)
    opcoes = {"epocas": 1, "tamanho_lote": 2, "taxa_aprendizado": 1.0, "mostrar": False} | kwargs
    with pytest.raises(erro, match=msg):
        Rede([4, 2]).treinar(X, Y, **opcoes)


def test_penalidades_validam():
    with pytest.raises(ValueError, match="não negativo"):
        L2(-1)
    with pytest.raises(TypeError):
        L1("5")
    with pytest.raises(ValueError, match="tamanho do treino"):
        L2(1.0).penalidade([np.ones(2)], 0)


def test_erro_quadratico_medio():
    from profundo.regularizacao import erro_quadratico_medio
    assert erro_quadratico_medio([2.0, 1.0], [0.0, 1.0], [1.0, 3.0]) == 0.0      # p(x) = 2x + 1
    assert erro_quadratico_medio([0.0], [0.0, 1.0], [1.0, 3.0]) == 5.0
    with pytest.raises(ValueError, match="mesmo tamanho"):
        erro_quadratico_medio([1.0], [0.0, 1.0], [1.0])
    with pytest.raises(TypeError, match="coeficientes"):
        erro_quadratico_medio("12", [0.0], [1.0])
