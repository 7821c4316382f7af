"""Capítulo 22: LSTM e GRU — equações, caminho do gradiente, parâmetros, diagramas e o notebook."""

import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from torch import nn

from profundo import arquiteturas, cnn, rnn

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "22_lstm_gru.ipynb"


def _sigmoide(a):
    return 1.0 / (1.0 + np.exp(-a))


def _passo_lstm(x, h, c, p):
    """Um passo escrito direto das equações, na ordem i, f, g, o (referência independente)."""
    a = x @ p["W_ih"].T + p["b_ih"] + h @ p["W_hh"].T + p["b_hh"]
    i, f, g, o = np.split(a, 4, axis=1)
    c = _sigmoide(f) * c + _sigmoide(i) * np.tanh(g)
    return _sigmoide(o) * np.tanh(c), c


def _passo_gru(x, h, p, reinicio_depois=True):
    """Um passo da GRU; ``reinicio_depois=False`` é a forma de Cho et al. (r antes da matriz)."""
    H = h.shape[1]
    a_r, a_z, a_n = np.split(x @ p["W_ih"].T + p["b_ih"], 3, axis=1)
    b_r, b_z, b_n = np.split(h @ p["W_hh"].T + p["b_hh"], 3, axis=1)
    r, z = _sigmoide(a_r + b_r), _sigmoide(a_z + b_z)
    if reinicio_depois:
        n = np.tanh(a_n + r * b_n)
    else:
        n = np.tanh(a_n + (r * h) @ p["W_hh"][2 * H:].T + p["b_hh"][2 * H:])
    return (1 - z) * n + z * h


# ---------------------------------------------------------------------------
# As equações do capítulo contra o PyTorch
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("D, H, N, T", [(3, 5, 4, 7), (1, 2, 1, 1)])
def test_passo_das_equacoes_iguala_nn_lstm_e_o_profundo(D, H, N, T):
    torch.manual_seed(1)
    rede = nn.LSTM(D, H).double()
    p = rnn.pesos_de_torch(rede)
    g = np.random.default_rng(0)
    x, h0, c0 = g.standard_normal((T, N, D)), g.standard_normal((N, H)), g.standard_normal((N, H))
    h, c, laco = h0, c0, []
    for t in range(T):
        h, c = _passo_lstm(x[t], h, c, p)
        laco.append(h)
    hs, (hT, cT), _ = rnn.lstm_frente(x, h0, c0, p)
    with torch.no_grad():
        ths, (thT, tcT) = rede(torch.from_numpy(x), (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None]))
    np.testing.assert_allclose(np.array(laco), ths.numpy(), atol=1e-12, rtol=0)
    np.testing.assert_allclose(hs, ths.numpy(), atol=1e-12, rtol=0)
    np.testing.assert_allclose(cT, tcT[0].numpy(), atol=1e-12, rtol=0)
    np.testing.assert_allclose(c, cT, atol=1e-12, rtol=0)


def test_passo_das_equacoes_iguala_nn_gru_e_o_profundo():
    torch.manual_seed(2)
    rede = nn.GRU(3, 4).double()
    p = rnn.pesos_de_torch(rede)
    g = np.random.default_rng(1)
    x, h0 = g.standard_normal((6, 2, 3)), g.standard_normal((2, 4))
    h, laco = h0, []
    for t in range(6):
        h = _passo_gru(x[t], h, p)
        laco.append(h)
    hs, hT, _ = rnn.gru_frente(x, h0, p)
    with torch.no_grad():
        ths, _ = rede(torch.from_numpy(x), torch.from_numpy(h0)[None])
    np.testing.assert_allclose(np.array(laco), ths.numpy(), atol=1e-12, rtol=0)
    np.testing.assert_allclose(hs, ths.numpy(), atol=1e-12, rtol=0)


@pytest.mark.parametrize("tipo", ["lstm", "gru"])
def test_bptt_do_profundo_iguala_o_autograd_em_float64(tipo):
    """O que o notebook mostra: gradientes idênticos até ~1e-12 (entrada, estados e pesos)."""
    T, N, D, H = 9, 3, 2, 4
    torch.manual_seed(3)
    rede = (nn.LSTM if tipo == "lstm" else nn.GRU)(D, H).double()
    p = rnn.pesos_de_torch(rede)
    g = np.random.default_rng(4)
    x, h0, c0, d_hs = (g.standard_normal(f) for f in ((T, N, D), (N, H), (N, H), (T, N, H)))
    tx, th0, tc0 = (torch.tensor(v, requires_grad=True) for v in (x, h0, c0))
    if tipo == "lstm":
        _, _, cache = rnn.lstm_frente(x, h0, c0, p)
        grads = rnn.lstm_tras(d_hs, cache)
        ths, _ = rede(tx, (th0[None], tc0[None]))
    else:
        _, _, cache = rnn.gru_frente(x, h0, p)
        grads = rnn.gru_tras(d_hs, cache)
        ths, _ = rede(tx, th0[None])
    (ths * torch.from_numpy(d_hs)).sum().backward()
    ref = {"x": tx.grad, "h0": th0.grad, "c0": tc0.grad, "W_ih": rede.weight_ih_l0.grad,
           "W_hh": rede.weight_hh_l0.grad, "b_ih": rede.bias_ih_l0.grad, "b_hh": rede.bias_hh_l0.grad}
    assert set(grads) == ({"x", "h0", "W_ih", "W_hh", "b_ih", "b_hh"} | ({"c0"} if tipo == "lstm" else set()))
    for chave, valor in grads.items():
        np.testing.assert_allclose(valor, ref[chave].numpy(), atol=1e-12, rtol=0, err_msg=chave)


# ---------------------------------------------------------------------------
# O caminho do gradiente pela memória
# ---------------------------------------------------------------------------

def test_jacobiano_da_celula_em_relacao_a_celula_anterior_e_diag_f():
    """∂c_t/∂c_{t−1} = diag(f_t) com x_t e h_{t−1} fixos (autograd do PyTorch)."""
    torch.manual_seed(5)
    celula = nn.LSTMCell(3, 6).double()
    x, h, c = torch.randn(1, 3, dtype=torch.float64), torch.randn(1, 6, dtype=torch.float64), \
        torch.randn(1, 6, dtype=torch.float64)
    J = torch.autograd.functional.jacobian(lambda c_ant: celula(x, (h, c_ant))[1][0], c)[:, 0, :]
    a = x @ celula.weight_ih.T + celula.bias_ih + h @ celula.weight_hh.T + celula.bias_hh
    f = torch.sigmoid(a[0, 6:12])
    torch.testing.assert_close(J, torch.diag(f), atol=1e-14, rtol=0)


def test_caminho_direto_da_gru_tem_jacobiano_diag_z_quando_o_candidato_nao_depende_de_h():
    """Com W_hh = 0 os portões e o candidato não dependem de h_{t−1}: ∂h_t/∂h_{t−1} = diag(z_t)."""
    torch.manual_seed(6)
    celula = nn.GRUCell(2, 4).double()
    with torch.no_grad():
        celula.weight_hh.zero_()
    x, h = torch.randn(1, 2, dtype=torch.float64), torch.randn(1, 4, dtype=torch.float64)
    J = torch.autograd.functional.jacobian(lambda h_ant: celula(x, h_ant)[0], h)[:, 0, :]
    z = torch.sigmoid(x @ celula.weight_ih[4:8].T + celula.bias_ih[4:8] + celula.bias_hh[4:8])[0]
    torch.testing.assert_close(J, torch.diag(z), atol=1e-14, rtol=0)


def test_convencao_do_pytorch_z_igual_a_1_mantem_o_estado():
    torch.manual_seed(7)
    celula = nn.GRUCell(3, 5).double()
    with torch.no_grad():
        celula.bias_ih[5:10] = 60.0            # z = σ(60) = 1 em precisão dupla
    x, h = torch.randn(2, 3, dtype=torch.float64), torch.randn(2, 5, dtype=torch.float64)
    with torch.no_grad():
        torch.testing.assert_close(celula(x, h), h, atol=1e-15, rtol=0)


def test_reinicio_antes_e_depois_da_matriz_sao_modelos_diferentes():
    """A forma de Cho et al. (r ⊙ h dentro da matriz) só coincide com a do PyTorch com r = 1."""
    torch.manual_seed(8)
    p = rnn.pesos_de_torch(nn.GRUCell(3, 4).double())
    g = np.random.default_rng(2)
    x, h = g.standard_normal((5, 3)), g.standard_normal((5, 4))
    assert not np.allclose(_passo_gru(x, h, p), _passo_gru(x, h, p, reinicio_depois=False))
    aberto = {k: v.copy() for k, v in p.items()}
    aberto["b_ih"][:4] = 60.0                  # r = σ(60) = 1: o portão de reinício não corta nada
    np.testing.assert_allclose(_passo_gru(x, h, aberto), _passo_gru(x, h, aberto, reinicio_depois=False),
                               atol=1e-14)


# ---------------------------------------------------------------------------
# Parâmetros
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("D, H", [(5, 64), (10, 20), (1, 1), (300, 7)])
def test_lstm_tem_4_vezes_e_gru_3_vezes_os_parametros_da_rnn(D, H):
    rnn_simples = cnn.contagem_parametros(nn.RNN(D, H))
    assert rnn_simples == H * D + H * H + 2 * H
    assert cnn.contagem_parametros(nn.LSTM(D, H)) == 4 * rnn_simples
    assert cnn.contagem_parametros(nn.GRU(D, H)) == 3 * rnn_simples


def test_numeros_do_capitulo():
    assert cnn.contagem_parametros(nn.LSTM(5, 64)) == 18_176
    assert cnn.contagem_parametros(nn.GRU(5, 64)) == 13_632
    assert cnn.contagem_parametros(nn.LSTM(10, 20)) == 2_560      # exercício 1
    assert cnn.contagem_parametros(nn.GRU(10, 20)) == 1_920
    assert 0.9 ** 50 == pytest.approx(0.005154, rel=1e-3)           # exercício 2


# ---------------------------------------------------------------------------
# Diagramas
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("tipo, rotulos", [
    ("lstm", {"$f_t$", "$i_t$", "$g_t$", "$o_t$", "$c_{t-1}$", "$c_t$", "$h_{t-1}$", "$h_t$", "$x_t$"}),
    ("GRU", {"$r_t$", "$z_t$", "$n_t$", "$h_{t-1}$", "$h_t$", "$x_t$"}),
])
def test_desenhar_celula_tem_os_rotulos_das_equacoes(tipo, rotulos):
    ax = arquiteturas.desenhar_celula(tipo)
    textos = {t.get_text() for t in ax.texts}
    assert rotulos <= textos
    assert tipo.lower().upper() in ax.get_title()
    assert not ax.axison


def test_desenhar_celula_usa_o_eixo_dado():
    fig, eixos = plt.subplots(1, 2)
    ax = arquiteturas.desenhar_celula("gru", ax=eixos[1])
    assert ax is eixos[1] and len(eixos[0].texts) == 0


@pytest.mark.parametrize("tipo, erro", [("rnn", ValueError), ("", ValueError), (3, TypeError), (None, TypeError)])
def test_desenhar_celula_recusa_tipo_invalido(tipo, erro):
    with pytest.raises(erro, match="lstm"):
        arquiteturas.desenhar_celula(tipo)


# ---------------------------------------------------------------------------
# O notebook
# ---------------------------------------------------------------------------

def _notebook():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _fontes(nb, tipo):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == tipo)


def test_notebook_cola_todas_as_chaves_que_a_prosa_usa():
    nb = _notebook()
    codigo, prosa = _fontes(nb, "code"), _fontes(nb, "markdown")
    usadas = set(re.findall(r"\{glue:text\}`(c22_\w+)`", prosa))
    assert usadas, "a prosa deveria usar chaves c22_"
    coladas = set(re.findall(r'glue\(f?"(c22_\w+)"', codigo))
    redes = ("rnn", "lstm", "gru", "lstm_padrao")
    for prefixo in re.findall(r'glue\(f"(c22_\w+?)_\{(?:tipo|chave)\}"', codigo):
        coladas |= {f"{prefixo}_{t}" for t in redes}
    for rede in redes:
        coladas |= {f"c22_razao_{rede}_{q}" for q in ("inicio", "fim")}
    coladas |= {f"c22_{k}" for k in ("modo", "dispositivo", "data", "dados")}   # colar_contexto
    assert 'livro.colar_contexto("c22"' in codigo
    assert usadas <= coladas, f"chaves usadas na prosa e nunca coladas: {sorted(usadas - coladas)}"


def test_notebook_treina_em_celula_gpu_que_le_o_modo():
    nb = _notebook()
    gpu = ["".join(c["source"]) for c in nb["cells"]
           if c["cell_type"] == "code" and "gpu" in c.get("metadata", {}).get("tags", [])]
    assert len(gpu) == 1
    assert "vies_memoria" in gpu[0]
    # rnn.treinar_classificador é o laço compartilhado treino.treinar com Adam e recorte
    assert "rnn.treinar_classificador" in gpu[0] and "ambiente.conforme_modo" in gpu[0]
    assert "rnn.ClassificadorSequencia" in gpu[0] and "rnn.tarefa_memoria" in gpu[0]
    codigo = _fontes(nb, "code")
    assert "cuda" not in codigo          # o dispositivo vem de profundo.ambiente, nunca fixo
    assert "rnn.pesos_de_torch" in codigo and "rnn.lstm_tras" in codigo and "rnn.gru_tras" in codigo


def test_notebook_corrige_as_equacoes_da_fonte_numa_nota():
    prosa = _fontes(_notebook(), "markdown")
    nota = prosa[prosa.index("```{note}"):]
    nota = nota[:nota.index("```", 3)]
    assert r"\tilde C_{t-1}" in nota and r"\tilde C_t" in nota
    assert r"\tilde h_{t-1}" in nota and r"\tilde h_t" in nota
    assert "(c22-lstm-gru)=" in prosa
    for secao in ("## Resumo", "## Exercícios", "## Para saber mais"):
        assert secao in prosa


def test_notebook_nao_redefine_o_que_o_profundo_tem():
    codigo = _fontes(_notebook(), "code")
    for nome in ("lstm_frente", "lstm_tras", "gru_frente", "gru_tras", "pesos_de_torch", "tarefa_memoria",
                 "ClassificadorSequencia", "sigmoide", "desenhar_celula", "contagem_parametros"):
        assert not re.search(rf"^\s*(def|class)\s+{nome}\b", codigo, re.M), nome
