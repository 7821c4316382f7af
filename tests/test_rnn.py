"""profundo.rnn: o contador de uns, a RNN, a LSTM e a GRU do zero, conferidos contra o PyTorch."""

import warnings

import numpy as np
import pytest
import torch
from torch import nn

from profundo import rnn


pytestmark = pytest.mark.usefixtures("uma_thread_torch")


def _t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


def _custo_contador(x, y, U, W):
    return float(np.mean((y - rnn.contador_frente(x, U, W)[:, -1]) ** 2))


# ---------------------------------------------------------------------------
# Parte 1 — o contador de uns
# ---------------------------------------------------------------------------

def test_contador_frente_com_U_e_W_iguais_a_1_conta_os_uns():
    s = rnn.contador_frente(rnn.X_CONTADOR, 1.0, 1.0)
    assert s.shape == (1, 11)
    np.testing.assert_array_equal(s[0], [0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3])
    assert s[0, -1] == rnn.Y_CONTADOR[0] == 3


def test_contador_frente_e_a_soma_ponderada_por_potencias_de_W():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, (4, 7)).astype(float)
    U, W = 0.7, -1.3
    esperado = U * (x * W ** np.arange(6, -1, -1)).sum(axis=1)   # s_T = U Σ_t x_t W^{T−t}
    np.testing.assert_allclose(rnn.contador_frente(x, U, W)[:, -1], esperado)


@pytest.mark.parametrize("U, W", [(-2.0, 0.0), (-2.0, -0.5), (0.5, 0.7), (1.0, 1.0), (1.2, -1.1)])
def test_contador_tras_igual_a_diferencas_finitas(U, W):
    rng = np.random.default_rng(1)
    for x, y in [(rnn.X_CONTADOR, rnn.Y_CONTADOR),
                 (rng.integers(0, 2, (5, 8)).astype(float), rng.integers(0, 9, 5).astype(float))]:
        gU, gW = rnn.contador_tras(x, rnn.contador_frente(x, U, W), y, W)
        e = 1e-6
        dU = (_custo_contador(x, y, U + e, W) - _custo_contador(x, y, U - e, W)) / (2 * e)
        dW = (_custo_contador(x, y, U, W + e) - _custo_contador(x, y, U, W - e)) / (2 * e)
        assert gU == pytest.approx(dU, rel=1e-6, abs=1e-6)
        assert gW == pytest.approx(dW, rel=1e-6, abs=1e-6)


def test_contador_tras_igual_ao_autograd():
    rng = np.random.default_rng(2)
    x = rng.integers(0, 2, (6, 12)).astype(float)
    y = x.sum(axis=1)
    U, W = _t(0.8, True), _t(0.9, True)
    s = torch.zeros(6, dtype=torch.float64)
    for t in range(12):
        s = s * W + _t(x[:, t]) * U
    ((_t(y) - s) ** 2).mean().backward()
    gU, gW = rnn.contador_tras(x, rnn.contador_frente(x, 0.8, 0.9), y, 0.9)
    assert gU == pytest.approx(U.grad.item(), rel=1e-12)
    assert gW == pytest.approx(W.grad.item(), rel=1e-12)


def test_treino_do_contador_de_menos_2_e_0():
    """150 épocas, η = 0,0005, a partir de (U, W) = (−2, 0), como na fonte.

    Com uma única sequência há uma curva inteira de soluções U·(W + W³ + W⁵) = 3,
    e a descida do gradiente, partindo de (−2, 0), acha a de W negativo, não U = W = 1.
    """
    hist = rnn.treinar_contador(rnn.X_CONTADOR, rnn.Y_CONTADOR)
    assert len(hist) == len(hist.U) == len(hist.W) == len(hist.gU) == len(hist.gW) == 150
    assert (hist.U[0], hist.W[0], hist.custo[0]) == (-2.0, 0.0, 9.0)
    assert hist.epoca_divergencia is None
    assert hist.custo[-1] == pytest.approx(0.00109, abs=1e-4)     # valor medido
    U, W = hist.pesos_finais
    assert U == pytest.approx(-2.0887, abs=1e-3)
    assert W == pytest.approx(-0.7529, abs=1e-3)
    assert U * (W + W ** 3 + W ** 5) == pytest.approx(3.0, abs=0.05)
    assert np.all(np.diff(hist.custo) < 0)                          # desce sempre


def test_sequencia_longa_diverge_com_aviso():
    with pytest.warns(rnn.AvisoInstabilidade, match="época 26"):
        hist = rnn.treinar_contador(rnn.X_CONTADOR_LONGO, rnn.Y_CONTADOR_LONGO)
    assert rnn.X_CONTADOR_LONGO.shape == (1, 40) and rnn.Y_CONTADOR_LONGO[0] == 12
    assert len(hist) == 150 and hist.epoca_divergencia == 26
    assert min(hist.custo[:24]) < 40                  # o custo caía ...
    assert hist.custo[24] > 1e5                       # ... até o salto
    assert np.isnan(hist.custo[-1]) and np.isnan(hist.pesos_finais[0])


@pytest.mark.parametrize("limite, modo", [(20.0, "norma"), (5.0, "valor")])
def test_recorte_evita_a_divergencia(limite, modo):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hist = rnn.treinar_contador(rnn.X_CONTADOR_LONGO, rnn.Y_CONTADOR_LONGO,
                                    recorte=limite, modo_recorte=modo)
    assert hist.epoca_divergencia is None
    assert np.all(np.isfinite(hist.custo)) and np.all(np.isfinite(hist.pesos_finais))
    assert min(hist.custo) < hist.custo[0]
    if modo == "norma":
        assert min(hist.custo) < 0.5


@pytest.mark.parametrize("chamada, erro, texto", [
    (lambda: rnn.contador_frente(np.zeros((1, 0)), 1, 1), ValueError, "vazio"),
    (lambda: rnn.contador_frente(np.zeros(5), 1, 1), ValueError, "eixo"),
    (lambda: rnn.contador_frente([[0, np.nan]], 1, 1), ValueError, "NaN"),
    (lambda: rnn.contador_frente([[0, 1]], "a", 1), TypeError, "U"),
    (lambda: rnn.contador_tras([[0, 1]], np.zeros((1, 2)), [1], 1.0), ValueError, "estados"),
    (lambda: rnn.contador_tras([[0, 1]], np.zeros((1, 3)), [1, 2], 1.0), ValueError, "alvo"),
    (lambda: rnn.treinar_contador([[0, 1]], [1], taxa_aprendizado=0), ValueError, "taxa"),
    (lambda: rnn.treinar_contador([[0, 1]], [1], epocas=0), ValueError, "epocas"),
    (lambda: rnn.treinar_contador([[0, 1]], [1], recorte=-1), ValueError, "limite"),
    (lambda: rnn.treinar_contador([[0, 1]], [1], modo_recorte="x"), ValueError, "modo_recorte"),
    (lambda: rnn.treinar_contador([[0, 1]], [1], pesos_iniciais=1), TypeError, "par"),
])
def test_contador_valida_entrada(chamada, erro, texto):
    with pytest.raises(erro, match=texto):
        chamada()


# ---------------------------------------------------------------------------
# Parte 2 — RNN simples contra torch.nn.RNN
# ---------------------------------------------------------------------------

def _comparar_com_torch(modulo, frente, tras, T=6, N=3, D=4, semente=0, finais=False):
    """Roda a versão numpy e o módulo do PyTorch (float64) e compara saídas e gradientes."""
    torch.manual_seed(semente)
    rng = np.random.default_rng(semente)
    modulo = modulo.double()
    H = modulo.hidden_size
    x = rng.standard_normal((T, N, D))
    estados = [rng.standard_normal((N, H)) for _ in range(2 if isinstance(modulo, nn.LSTM) else 1)]
    dhs = rng.standard_normal((T, N, H))
    extras = [rng.standard_normal((N, H)) for _ in estados] if finais else [None] * len(estados)
    # PyTorch
    xt = _t(x, True)
    et = [_t(e[None], True) for e in estados]
    saida, final = modulo(xt, tuple(et) if len(et) == 2 else et[0])
    final = final if isinstance(final, tuple) else (final,)
    custo = (saida * _t(dhs)).sum()
    for f, e in zip(final, extras):
        if e is not None:
            custo = custo + (f[0] * _t(e)).sum()
    custo.backward()
    # numpy
    pesos = rnn.pesos_de_torch(modulo)
    res = frente(x, *estados, pesos)
    hs, cache = res[0], res[-1]
    np.testing.assert_allclose(hs, saida.detach().numpy(), rtol=1e-12, atol=1e-12)
    g = tras(dhs, cache, *extras)
    np.testing.assert_allclose(g["x"], xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    for nome, e in zip(("h0", "c0"), et):
        np.testing.assert_allclose(g[nome], e.grad[0].numpy(), rtol=1e-10, atol=1e-12)
    for chave, nome_torch in (("W_ih", "weight_ih_l0"), ("W_hh", "weight_hh_l0"),
                              ("b_ih", "bias_ih_l0"), ("b_hh", "bias_hh_l0")):
        np.testing.assert_allclose(g[chave], getattr(modulo, nome_torch).grad.numpy(),
                                   rtol=1e-10, atol=1e-12, err_msg=chave)
    return res, final


@pytest.mark.parametrize("semente", range(3))
def test_rnn_igual_ao_torch(semente):
    _comparar_com_torch(nn.RNN(4, 5), rnn.rnn_frente, rnn.rnn_tras, semente=semente)


def test_rnn_com_dh_T_igual_ao_torch():
    _comparar_com_torch(nn.RNN(4, 5), rnn.rnn_frente, rnn.rnn_tras, T=9, N=2, finais=True)


def test_rnn_h0_none_e_passo_unico():
    pesos = rnn.pesos_de_torch(nn.RNN(2, 3))
    x = np.ones((1, 4, 2))
    hs, cache = rnn.rnn_frente(x, None, pesos)
    esperado = np.tanh(x[0] @ pesos["W_ih"].T + pesos["b_ih"] + pesos["b_hh"])
    np.testing.assert_allclose(hs[0], esperado)
    g = rnn.rnn_tras(None, cache, dh_T=np.ones((4, 3)))
    assert set(g) == {"x", "h0", "W_ih", "W_hh", "b_ih", "b_hh"}


def test_pesos_de_torch():
    modulo = nn.GRU(3, 2)
    p = rnn.pesos_de_torch(modulo)
    assert {k: v.shape for k, v in p.items()} == {"W_ih": (6, 3), "W_hh": (6, 2), "b_ih": (6,), "b_hh": (6,)}
    assert p["W_ih"].dtype == np.float64
    p["W_ih"][0, 0] = 100.0                               # é uma cópia
    assert modulo.weight_ih_l0[0, 0].item() != 100.0
    assert np.all(rnn.pesos_de_torch(nn.RNN(3, 2, bias=False))["b_hh"] == 0)
    assert rnn.pesos_de_torch(nn.LSTMCell(3, 2))["W_hh"].shape == (8, 2)
    with pytest.raises(TypeError, match="nn.RNN"):
        rnn.pesos_de_torch(nn.Linear(3, 2))
    with pytest.raises(ValueError, match="1 camada"):
        rnn.pesos_de_torch(nn.LSTM(3, 2, num_layers=2))


@pytest.mark.parametrize("chamada, erro, texto", [
    (lambda p: rnn.rnn_frente(np.zeros((0, 2, 4)), None, p), ValueError, "vazio"),
    (lambda p: rnn.rnn_frente(np.zeros((2, 4)), None, p), ValueError, "eixo"),
    (lambda p: rnn.rnn_frente(np.zeros((3, 2, 5)), None, p), ValueError, "D = 4"),
    (lambda p: rnn.rnn_frente(np.zeros((3, 2, 4)), np.zeros((3, 5)), p), ValueError, "h0"),
    (lambda p: rnn.rnn_frente(np.full((3, 2, 4), np.nan), None, p), ValueError, "NaN"),
    (lambda p: rnn.rnn_frente(np.zeros((3, 2, 4)), None, {"W_ih": p["W_ih"]}), ValueError, "faltam"),
    (lambda p: rnn.rnn_frente(np.zeros((3, 2, 4)), None, [1]), TypeError, "dict"),
    (lambda p: rnn.rnn_frente(np.zeros((3, 2, 4)), None, {**p, "b_hh": np.zeros(4)}), ValueError, "b_hh"),
    (lambda p: rnn.rnn_tras(np.zeros((3, 2, 5)), {}), TypeError, "cache"),
    (lambda p: rnn.rnn_tras(np.zeros((2, 2, 5)), rnn.rnn_frente(np.zeros((3, 2, 4)), None, p)[1]),
     ValueError, "dhs"),
])
def test_rnn_valida_entrada(chamada, erro, texto):
    pesos = rnn.pesos_de_torch(nn.RNN(4, 5))
    with pytest.raises(erro, match=texto):
        chamada(pesos)


# ---------------------------------------------------------------------------
# Recorte do gradiente e normas dos jacobianos
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("limite", [0.1, 1.0, 5.0, 1e3])
def test_recortar_por_norma_igual_ao_torch(limite):
    rng = np.random.default_rng(3)
    gs = [rng.standard_normal((4, 3)) * 2, rng.standard_normal(5), rng.standard_normal((2, 2, 2))]
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in gs]
    for p, g in zip(params, gs):
        p.grad = _t(g)
    torch.nn.utils.clip_grad_norm_(params, limite)
    recortados = rnn.recortar_por_norma(gs, limite)
    assert isinstance(recortados, list) and len(recortados) == 3
    for r, p, g in zip(recortados, params, gs):
        np.testing.assert_allclose(r, p.grad.numpy(), rtol=1e-12)
    assert not np.shares_memory(recortados[0], gs[0])
    # um array só: o mesmo que uma lista de um
    np.testing.assert_allclose(rnn.recortar_por_norma(gs[0], limite), rnn.recortar_por_norma([gs[0]], limite)[0])


@pytest.mark.parametrize("limite", [0.1, 0.5, 3.0])
def test_recortar_por_valor_igual_ao_torch(limite):
    rng = np.random.default_rng(4)
    gs = [rng.standard_normal((4, 3)), rng.standard_normal(6)]
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in gs]
    for p, g in zip(params, gs):
        p.grad = _t(g)
    torch.nn.utils.clip_grad_value_(params, limite)
    for r, p in zip(rnn.recortar_por_valor(gs, limite), params):
        np.testing.assert_array_equal(r, p.grad.numpy())
    assert rnn.recortar_por_valor(gs[1], limite).shape == (6,)


def test_recorte_valida_entrada():
    with pytest.raises(ValueError, match="maior que zero"):
        rnn.recortar_por_norma(np.ones(3), 0)
    with pytest.raises(ValueError, match="maior que zero"):
        rnn.recortar_por_valor(np.ones(3), -1.0)
    with pytest.raises(ValueError, match="NaN"):
        rnn.recortar_por_norma([np.ones(3), np.array([np.nan])], 1.0)
    with pytest.raises(ValueError, match="vazia"):
        rnn.recortar_por_valor([], 1.0)
    with pytest.raises(TypeError, match="número real"):
        rnn.recortar_por_norma(np.ones(3), "1")


@pytest.mark.parametrize("escala", [0.5, 0.9, 1.0, 1.1, 2.0])
def test_normas_jacobianos_linear_e_escala_elevada_a_k(escala):
    normas = rnn.normas_jacobianos(escala, "linear", comprimento=30, ocultos=16)
    np.testing.assert_allclose(normas, escala ** np.arange(1, 31), rtol=1e-9)


def test_normas_jacobianos_tanh_dissipa():
    normas = rnn.normas_jacobianos(0.9, "tanh", comprimento=50)
    assert normas.shape == (50,)
    assert np.all(np.diff(normas) < 0)
    assert np.all(normas <= 0.9 ** np.arange(1, 51) + 1e-12)   # tanh′ ≤ 1
    assert normas[-1] < 1e-6
    # escala grande com tanh: cresce (explosão) enquanto a tanh não satura tudo
    assert rnn.normas_jacobianos(3.0, "tanh", comprimento=20)[-1] > 1e3
    np.testing.assert_array_equal(normas, rnn.normas_jacobianos(0.9, "tanh", comprimento=50))


def test_normas_jacobianos_valida_entrada():
    with pytest.raises(ValueError, match="ativação desconhecida"):
        rnn.normas_jacobianos(1.0, "sigmoide")
    with pytest.raises(ValueError, match="maior que zero"):
        rnn.normas_jacobianos(0.0)
    with pytest.raises(ValueError, match="comprimento"):
        rnn.normas_jacobianos(1.0, comprimento=0)
    with pytest.raises(TypeError, match="ocultos"):
        rnn.normas_jacobianos(1.0, ocultos=2.5)


# ---------------------------------------------------------------------------
# Parte 3 — LSTM e GRU contra torch.nn.LSTM e torch.nn.GRU
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("semente", range(3))
@pytest.mark.parametrize("finais", [False, True])
def test_lstm_igual_ao_torch(semente, finais):
    (hs, (h_T, c_T), _), (h_torch, c_torch) = _comparar_com_torch(
        nn.LSTM(4, 5), rnn.lstm_frente, rnn.lstm_tras, T=7, semente=semente, finais=finais)
    np.testing.assert_allclose(h_T, h_torch[0].detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(c_T, c_torch[0].detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(h_T, hs[-1])


@pytest.mark.parametrize("semente", range(3))
@pytest.mark.parametrize("finais", [False, True])
def test_gru_igual_ao_torch(semente, finais):
    (hs, h_T, _), (h_torch,) = _comparar_com_torch(
        nn.GRU(4, 5), rnn.gru_frente, rnn.gru_tras, T=7, semente=semente, finais=finais)
    np.testing.assert_allclose(h_T, h_torch[0].detach().numpy(), rtol=1e-12, atol=1e-12)


def test_lstm_e_gru_so_com_o_estado_final():
    """Gradiente só do estado final (dhs = None), como num classificador de sequência."""
    rng = np.random.default_rng(5)
    x = rng.standard_normal((5, 2, 3))
    lstm = nn.LSTM(3, 4).double()
    _, _, cache = rnn.lstm_frente(x, None, None, rnn.pesos_de_torch(lstm))
    dc = rng.standard_normal((2, 4))
    g = rnn.lstm_tras(None, cache, dc_T=dc)
    xt = _t(x, True)
    _, (_, c) = lstm(xt)
    (c[0] * _t(dc)).sum().backward()
    np.testing.assert_allclose(g["x"], xt.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("chamada, erro, texto", [
    (lambda: rnn.lstm_frente(np.zeros((2, 1, 3)), None, None, rnn.pesos_de_torch(nn.GRU(3, 4))), ValueError, "W_ih"),
    (lambda: rnn.lstm_frente(np.zeros((2, 1, 3)), None, np.zeros((1, 5)), rnn.pesos_de_torch(nn.LSTM(3, 4))),
     ValueError, "c0"),
    (lambda: rnn.gru_frente(np.zeros((0, 1, 3)), None, rnn.pesos_de_torch(nn.GRU(3, 4))), ValueError, "vazio"),
    (lambda: rnn.gru_tras(None, {"x": 1}), TypeError, "gru_frente"),
    (lambda: rnn.lstm_tras(None, rnn.lstm_frente(np.zeros((2, 1, 3)), None, None,
                                                 rnn.pesos_de_torch(nn.LSTM(3, 4)))[2], dc_T=np.zeros(4)),
     ValueError, "dc_T"),
])
def test_lstm_gru_validam_entrada(chamada, erro, texto):
    with pytest.raises(erro, match=texto):
        chamada()


# ---------------------------------------------------------------------------
# Tarefa de memória e classificador de sequências
# ---------------------------------------------------------------------------

def test_tarefa_memoria_formas_e_conteudo():
    x, y = rnn.tarefa_memoria(400, 30, semente=3)
    K = rnn.CLASSES_MEMORIA
    assert x.shape == (400, 30, rnn.ENTRADAS_MEMORIA) == (400, 30, K + 1) and x.dtype == np.float32
    assert y.shape == (400,) and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(K))
    np.testing.assert_array_equal(x[:, 0, :K], np.eye(K)[y])          # passo 0: o rótulo em one-hot
    assert np.all(x[:, 0, K] == 1) and np.all(x[:, 1:, K] == 0)       # o marcador só no passo 0
    ruido = x[:, 1:, :K]                                              # depois, ruído N(0, 1)
    assert abs(ruido.mean()) < 0.02 and abs(ruido.std() - 1) < 0.02
    # o ruído não diz nada do rótulo: a média por classe é ≈ 0 em todos os canais
    for classe in range(K):
        assert np.all(np.abs(ruido[y == classe].mean(axis=(0, 1))) < 0.05)


def test_tarefa_memoria_reprodutivel_e_validada():
    a, b = rnn.tarefa_memoria(10, 5, semente=1), rnn.tarefa_memoria(10, 5, semente=1)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], rnn.tarefa_memoria(10, 5, semente=2)[0])
    assert rnn.tarefa_memoria(3, 1)[0].shape == (3, 1, rnn.ENTRADAS_MEMORIA)
    with pytest.raises(ValueError, match="comprimento"):
        rnn.tarefa_memoria(10, 0)
    with pytest.raises(TypeError, match="n deve ser"):
        rnn.tarefa_memoria(2.5, 10)


@pytest.mark.parametrize("tipo", ["rnn", "lstm", "gru", "LSTM"])
def test_classificador_formas(tipo):
    torch.manual_seed(0)
    modelo = rnn.ClassificadorSequencia(tipo, ocultos=8)
    x, _ = rnn.tarefa_memoria(5, 12)
    logits = modelo(torch.from_numpy(x))
    assert logits.shape == (5, rnn.CLASSES_MEMORIA)
    assert modelo.tipo == tipo.lower()
    assert tipo.lower() in repr(modelo)
    # outras dimensões
    outro = rnn.ClassificadorSequencia(tipo, ocultos=3, entradas=2, classes=7)
    assert outro(torch.zeros(4, 9, 2)).shape == (4, 7)


def test_classificador_reprodutivel_e_le_o_ultimo_estado():
    x = torch.from_numpy(rnn.tarefa_memoria(6, 10)[0])
    saidas = []
    for _ in range(2):
        torch.manual_seed(1)
        saidas.append(rnn.ClassificadorSequencia("gru", 6)(x))
    torch.testing.assert_close(saidas[0], saidas[1])
    modelo = rnn.ClassificadorSequencia("lstm", 6)
    estados, _ = modelo.recorrente(x)
    torch.testing.assert_close(modelo(x), modelo.saida(estados[:, -1]))


def test_classificador_valida():
    with pytest.raises(ValueError, match="tipo desconhecido"):
        rnn.ClassificadorSequencia("transformer")
    with pytest.raises(ValueError, match="ocultos"):
        rnn.ClassificadorSequencia("rnn", ocultos=0)
    modelo = rnn.ClassificadorSequencia("rnn", 4)
    with pytest.raises(ValueError, match="forma"):
        modelo(torch.zeros(3, 10, 7))
    with pytest.raises(ValueError, match="forma"):
        modelo(torch.zeros(10, rnn.ENTRADAS_MEMORIA))
    with pytest.raises(TypeError, match="torch.Tensor"):
        modelo(np.zeros((3, 10, rnn.ENTRADAS_MEMORIA), dtype=np.float32))


@pytest.mark.parametrize("tipo", ["lstm", "gru"])
def test_classificador_vies_memoria(tipo):
    H = 6
    modelo = rnn.ClassificadorSequencia(tipo, H)                        # padrão: 5
    b_ih, b_hh = modelo.recorrente.bias_ih_l0.detach(), modelo.recorrente.bias_hh_l0.detach()
    assert torch.all(b_ih[H:2 * H] == 5.0) and torch.all(b_hh[H:2 * H] == 0.0)
    assert torch.all(b_ih[:H].abs() <= 1 / np.sqrt(H))                   # os outros ficam como no PyTorch
    torch.manual_seed(3)
    sem = rnn.ClassificadorSequencia(tipo, H, vies_memoria=None)
    torch.manual_seed(3)
    puro = {"lstm": nn.LSTM, "gru": nn.GRU}[tipo](rnn.ENTRADAS_MEMORIA, H, batch_first=True)
    torch.testing.assert_close(sem.recorrente.bias_ih_l0, puro.bias_ih_l0)
    with pytest.raises(TypeError, match="vies_memoria"):
        rnn.ClassificadorSequencia(tipo, H, vies_memoria="alto")


def test_treinar_classificador_recorta_e_aprende(monkeypatch):
    """Treino curtíssimo (T = 20): a LSTM aprende; o recorte roda uma vez por lote."""
    chamadas = []
    original = torch.nn.utils.clip_grad_norm_

    def contar(parametros, limite, *args, **kwargs):
        chamadas.append(limite)
        return original(parametros, limite, *args, **kwargs)

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", contar)
    torch.manual_seed(0)
    x_tr, y_tr = rnn.tarefa_memoria(640, 20, semente=0)
    x_te, y_te = rnn.tarefa_memoria(300, 20, semente=1)
    modelo = rnn.ClassificadorSequencia("lstm", 32)
    hist = rnn.treinar_classificador(modelo, (x_tr, y_tr), (x_te, y_te), epocas=8, tamanho_lote=64,
                                     taxa_aprendizado=1e-2, recorte=1.0, progresso=False, dispositivo="cpu")
    assert chamadas == [1.0] * (8 * 10)
    assert len(hist) == 8
    assert hist.acuracia_avaliacao[-1] > 0.9
    with pytest.raises(ValueError, match="taxa"):
        rnn.treinar_classificador(modelo, (x_tr, y_tr), epocas=1, taxa_aprendizado=0)
    with pytest.raises(ValueError, match="limite"):
        rnn.treinar_classificador(modelo, (x_tr, y_tr), epocas=1, recorte=0.0)
    with pytest.raises(TypeError, match="modelo"):
        rnn.treinar_classificador("lstm", (x_tr, y_tr), epocas=1)
