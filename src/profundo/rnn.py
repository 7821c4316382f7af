"""Redes recorrentes: do contador de uns à LSTM e à GRU, em numpy e em PyTorch.

Parte 1 — a RNN linear de dois parâmetros que conta uns (Pereira, Unidade III,
cap. 2, a partir de Vasilev et al.): ``contador_frente``, ``contador_tras``
(retropropagação através do tempo, BPTT) e ``treinar_contador``, que avisa
com ``AvisoInstabilidade`` quando o treino diverge e aceita recorte do gradiente.

Parte 2 — a RNN simples (de Elman, com tanh) com lote, no mesmo arranjo de
pesos do ``torch.nn.RNN``: ``rnn_frente``/``rnn_tras``; ``pesos_de_torch``;
``normas_jacobianos`` (dissipação e explosão do gradiente) e o recorte do
gradiente (``recortar_por_norma``, ``recortar_por_valor``).

Parte 3 — LSTM e GRU a partir das equações, no arranjo do PyTorch
(``lstm_frente``/``lstm_tras``, ``gru_frente``/``gru_tras``); uma tarefa de
memória longa (``tarefa_memoria``), o ``ClassificadorSequencia`` em PyTorch
e ``treinar_classificador`` (Adam com recorte do gradiente).

Convenções: na parte numpy, sequências (T, N, D) — tempo, lote,
características —, como o ``torch.nn.RNN`` sem ``batch_first``, e contas em
float64; o ``ClassificadorSequencia`` recebe lotes (N, T, D).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import torch
from numpy.typing import ArrayLike
from torch import nn

from . import treino


class AvisoInstabilidade(RuntimeWarning):
    """Aviso de que o treino divergiu: o custo ou o gradiente virou inf ou NaN."""


# ---------------------------------------------------------------------------
# Validação da entrada
# ---------------------------------------------------------------------------

def _array(valor: Any, nome: str, dimensoes: int | None, formato: str = "") -> np.ndarray:
    """Converte ``valor`` num array float64 de números finitos com ``dimensoes`` eixos (None: qualquer)."""
    if isinstance(valor, torch.Tensor):
        valor = valor.detach().cpu().numpy()
    try:
        a = np.asarray(valor)
    except (ValueError, TypeError) as erro:
        raise TypeError(f"{nome}: não deu para converter num array numérico ({erro}).") from None
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{nome}: esperava números reais; recebi um array do tipo {a.dtype}.")
    if dimensoes is not None and a.ndim != dimensoes:
        raise ValueError(f"{nome}: esperava {dimensoes} eixo(s), {formato}; recebi a forma {a.shape}.")
    if a.size == 0:
        raise ValueError(f"{nome}: está vazio (forma {a.shape}).")
    a = a.astype(np.float64)
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{nome}: há NaN ou infinito entre os valores.")
    return a


def _real(valor: Any, nome: str, positivo: bool = False) -> float:
    """Confere que ``valor`` é um número real finito (e > 0, se ``positivo``)."""
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número real; recebi {valor!r} ({type(valor).__name__}).")
    v = float(valor)
    if not math.isfinite(v):
        raise ValueError(f"{nome} deve ser finito; recebi {v}.")
    if positivo and v <= 0:
        raise ValueError(f"{nome} deve ser maior que zero; recebi {v}.")
    return v


def _inteiro(valor: Any, nome: str, minimo: int) -> int:
    """Confere que ``valor`` é um inteiro ≥ ``minimo``."""
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um número inteiro; recebi {valor!r} ({type(valor).__name__}).")
    if valor < minimo:
        raise ValueError(f"{nome} deve ser pelo menos {minimo}; recebi {valor}.")
    return int(valor)


def _forma(a: np.ndarray, forma: tuple[int, ...], nome: str) -> None:
    if a.shape != forma:
        raise ValueError(f"{nome}: esperava a forma {forma}; recebi {a.shape}.")


# ---------------------------------------------------------------------------
# Parte 1 — a RNN que conta uns
# ---------------------------------------------------------------------------

# a sequência da fonte (Pereira, cap. 2, tirada de Vasilev et al.): três uns
X_CONTADOR = np.array([[0, 0, 0, 0, 1, 0, 1, 0, 1, 0]], dtype=np.float64)
Y_CONTADOR = np.array([3.0])
# a mesma sequência repetida quatro vezes (40 passos, doze uns): o treino diverge
X_CONTADOR_LONGO = np.tile(X_CONTADOR, 4)
Y_CONTADOR_LONGO = np.array([12.0])


def _contador_frente(x: np.ndarray, U: float, W: float) -> np.ndarray:
    n, T = x.shape
    s = np.zeros((n, T + 1))
    for t in range(T):
        s[:, t + 1] = s[:, t] * W + x[:, t] * U
    return s


def _contador_tras(x: np.ndarray, s: np.ndarray, y: np.ndarray, W: float) -> tuple[float, float]:
    n, T = x.shape
    g_s = 2.0 * (s[:, -1] - y) / n        # ∂C/∂s_T do custo médio
    g_U = g_W = 0.0
    for t in range(T, 0, -1):             # de s_T até s_1
        g_U += float(np.sum(g_s * x[:, t - 1]))   # ∂s_t/∂U = x_t
        g_W += float(np.sum(g_s * s[:, t - 1]))   # ∂s_t/∂W = s_{t−1}
        g_s = g_s * W                     # ∂C/∂s_{t−1} = ∂C/∂s_t · W  (dentro do laço!)
    return g_U, g_W


def _dados_contador(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = _array(x, "x", 2, "(N, T): N sequências de T passos")
    y = _array(np.atleast_1d(y), "y", 1, "(N,): um alvo por sequência")
    _forma(y, (x.shape[0],), "y (um alvo por sequência)")
    return x, y


def contador_frente(x: ArrayLike, U: float, W: float) -> np.ndarray:
    """Estados da RNN linear s_t = s_{t−1}·W + x_t·U, com s_0 = 0.

    ``x`` tem forma (N, T); devolve os estados (N, T + 1), de s_0 a s_T.
    A saída da rede é o último estado, s_T.
    """
    x = _array(x, "x", 2, "(N, T): N sequências de T passos")
    return _contador_frente(x, _real(U, "U"), _real(W, "W"))


def contador_tras(x: ArrayLike, estados: ArrayLike, y: ArrayLike, W: float) -> tuple[float, float]:
    """Gradientes (∂C/∂U, ∂C/∂W) do custo médio C = (1/N) Σ (y − s_T)², por BPTT.

    Volta de s_T a s_1 levando δ_t = ∂C/∂s_t, com δ_T = 2(s_T − y)/N e
    δ_{t−1} = δ_t·W, e acumula ∂C/∂U = Σ_t δ_t x_t e ∂C/∂W = Σ_t δ_t s_{t−1}.
    """
    x, y = _dados_contador(x, y)
    s = _array(estados, "estados", 2, "(N, T + 1), como devolvidos por contador_frente")
    _forma(s, (x.shape[0], x.shape[1] + 1), "estados")
    return _contador_tras(x, s, y, _real(W, "W"))


@dataclass
class HistoricoContador:
    """Uma entrada por época (contando de 0): custo, pesos e gradientes *antes* do passo.

    Os gradientes são os calculados, antes de um eventual recorte.
    ``pesos_finais`` são (U, W) depois do último passo; ``epoca_divergencia``
    é a primeira época com custo ou gradiente inf/NaN (ou ``None``).
    """

    custo: list[float] = field(default_factory=list)
    U: list[float] = field(default_factory=list)
    W: list[float] = field(default_factory=list)
    gU: list[float] = field(default_factory=list)
    gW: list[float] = field(default_factory=list)
    pesos_finais: tuple[float, float] = (math.nan, math.nan)
    epoca_divergencia: int | None = None

    def __len__(self) -> int:
        return len(self.custo)


def treinar_contador(x: ArrayLike, y: ArrayLike, epocas: int = 150, taxa_aprendizado: float = 0.0005,
                     pesos_iniciais: tuple[float, float] = (-2.0, 0.0), recorte: float | None = None,
                     modo_recorte: str = "norma") -> HistoricoContador:
    """Descida do gradiente em (U, W): (U, W) ← (U, W) − η·(∂C/∂U, ∂C/∂W), uma vez por época.

    Com ``recorte``, o gradiente é recortado antes de cada passo: pela norma
    (``modo_recorte="norma"``, se ‖g‖ > limite, g ← g·limite/‖g‖) ou componente
    a componente (``"valor"``, g ← limita(g, −limite, limite)). Se o custo ou o
    gradiente virar inf/NaN, emite ``AvisoInstabilidade`` e segue registrando.
    """
    x, y = _dados_contador(x, y)
    epocas = _inteiro(epocas, "epocas", 1)
    eta = _real(taxa_aprendizado, "a taxa de aprendizado", positivo=True)
    if not isinstance(pesos_iniciais, (tuple, list)) or len(pesos_iniciais) != 2:
        raise TypeError(f"pesos_iniciais deve ser um par (U, W); recebi {pesos_iniciais!r}.")
    U, W = _real(pesos_iniciais[0], "U inicial"), _real(pesos_iniciais[1], "W inicial")
    if recorte is not None:
        recorte = _real(recorte, "o limite do recorte", positivo=True)
    if modo_recorte not in ("norma", "valor"):
        raise ValueError(f"modo_recorte deve ser 'norma' ou 'valor'; recebi {modo_recorte!r}.")
    hist = HistoricoContador()
    with np.errstate(over="ignore", invalid="ignore"):   # o aviso é o nosso, não o do numpy
        for epoca in range(epocas):
            s = _contador_frente(x, U, W)
            custo = float(np.mean((y - s[:, -1]) ** 2))
            g = np.array(_contador_tras(x, s, y, W))
            hist.custo.append(custo)
            hist.U.append(float(U))
            hist.W.append(float(W))
            hist.gU.append(float(g[0]))
            hist.gW.append(float(g[1]))
            if hist.epoca_divergencia is None and not np.all(np.isfinite([custo, *g])):
                hist.epoca_divergencia = epoca
                warnings.warn(f"o treino divergiu na época {epoca} (contando de 0): o custo ou o "
                              f"gradiente virou inf/NaN. Tente uma taxa de aprendizado menor ou "
                              f"o recorte do gradiente.", AvisoInstabilidade, stacklevel=2)
            if recorte is not None and np.all(np.isfinite(g)):
                g = _recortar([g], recorte, modo_recorte)[0]
            U, W = U - eta * g[0], W - eta * g[1]
    hist.pesos_finais = (float(U), float(W))
    return hist


# ---------------------------------------------------------------------------
# Parte 2 — RNN simples (Elman) com lote
# ---------------------------------------------------------------------------

_CHAVES = ("W_ih", "W_hh", "b_ih", "b_hh")


def _pesos(pesos: Any, portoes: int) -> tuple[dict[str, np.ndarray], int, int]:
    """Valida o dicionário de pesos; devolve (pesos float64, D, H)."""
    if not isinstance(pesos, dict):
        raise TypeError(f"pesos deve ser um dict com as chaves {_CHAVES}; recebi {type(pesos).__name__}.")
    faltam = [c for c in _CHAVES if c not in pesos]
    if faltam:
        raise ValueError(f"faltam as chaves {faltam} nos pesos (esperava {_CHAVES}).")
    formatos = {"W_ih": f"({portoes}H, D)", "W_hh": f"({portoes}H, H)",
                "b_ih": f"({portoes}H,)", "b_hh": f"({portoes}H,)"}
    p = {c: _array(pesos[c], c, 2 if c.startswith("W") else 1, formatos[c]) for c in _CHAVES}
    H = p["W_hh"].shape[1]
    D = p["W_ih"].shape[1]
    for chave, forma in (("W_ih", (portoes * H, D)), ("W_hh", (portoes * H, H)),
                         ("b_ih", (portoes * H,)), ("b_hh", (portoes * H,))):
        _forma(p[chave], forma, chave)
    return p, D, H


def _entrada(x: ArrayLike, estados: dict[str, Any], D: int, H: int) -> tuple[np.ndarray, dict]:
    """Valida x (T, N, D) e os estados iniciais (N, H); ``None`` vira zeros."""
    x = _array(x, "x", 3, "(T, N, D): tempo, lote, características")
    if x.shape[2] != D:
        raise ValueError(f"x tem {x.shape[2]} características por passo, mas W_ih espera D = {D}.")
    N = x.shape[1]
    saida = {}
    for nome, valor in estados.items():
        saida[nome] = np.zeros((N, H)) if valor is None else _array(valor, nome, 2, "(N, H)")
        _forma(saida[nome], (N, H), nome)
    return x, saida


def _gradiente_saida(d: Any, forma: tuple[int, ...], nome: str) -> np.ndarray:
    """Gradiente vindo de cima; ``None`` vira zeros."""
    if d is None:
        return np.zeros(forma)
    d = _array(d, nome, len(forma), str(forma))
    _forma(d, forma, nome)
    return d


def _cache(cache: Any, chaves: Sequence[str], quem: str) -> None:
    if not isinstance(cache, dict) or any(c not in cache for c in chaves):
        raise TypeError(f"cache inválido: use o cache devolvido por {quem}.")


def rnn_frente(x: ArrayLike, h0: ArrayLike | None, pesos: dict) -> tuple[np.ndarray, dict]:
    """RNN de Elman: h_t = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh).

    ``x`` (T, N, D), ``h0`` (N, H) (``None`` = zeros), ``pesos`` com W_ih (H, D),
    W_hh (H, H), b_ih e b_hh (H,). Devolve os estados ocultos hs (T, N, H)
    (o último, hs[−1], é o estado final) e o cache para ``rnn_tras``.
    """
    p, D, H = _pesos(pesos, 1)
    x, est = _entrada(x, {"h0": h0}, D, H)
    h = est["h0"]
    hs = np.empty((x.shape[0], x.shape[1], H))
    entrada = x @ p["W_ih"].T + p["b_ih"]      # a parte da entrada, para todos os passos de uma vez
    for t in range(x.shape[0]):
        h = np.tanh(entrada[t] + h @ p["W_hh"].T + p["b_hh"])
        hs[t] = h
    return hs, {"x": x, "h0": est["h0"], "hs": hs, "pesos": p}


def rnn_tras(dhs: ArrayLike | None, cache: dict, dh_T: ArrayLike | None = None) -> dict[str, np.ndarray]:
    """BPTT da RNN de Elman: gradientes de ``x``, ``h0`` e de cada peso.

    ``dhs`` (T, N, H) é ∂C/∂h_t vindo de cima em cada passo (``None`` = zeros);
    ``dh_T`` soma-se ao último. De trás para frente, com δ = ∂C/∂h_t total:
    ∂C/∂a_t = δ ⊙ (1 − h_t²), ∂C/∂h_{t−1} = ∂C/∂a_t · W_hh (mais dhs[t−1]),
    e os gradientes dos pesos somam as contribuições de todos os passos.
    """
    _cache(cache, ("x", "h0", "hs", "pesos"), "rnn_frente")
    x, hs, p = cache["x"], cache["hs"], cache["pesos"]
    dhs = _gradiente_saida(dhs, hs.shape, "dhs")
    dh = _gradiente_saida(dh_T, hs.shape[1:], "dh_T")
    g = {c: np.zeros_like(v) for c, v in p.items()}
    dx = np.empty_like(x)
    for t in reversed(range(x.shape[0])):
        h_antes = hs[t - 1] if t > 0 else cache["h0"]
        da = (dh + dhs[t]) * (1.0 - hs[t] ** 2)       # tanh′(a) = 1 − tanh²(a)
        g["W_ih"] += da.T @ x[t]
        g["W_hh"] += da.T @ h_antes
        g["b_ih"] += da.sum(axis=0)
        dx[t] = da @ p["W_ih"]
        dh = da @ p["W_hh"]
    g["b_hh"] = g["b_ih"].copy()                     # os dois vieses entram somados
    return {"x": dx, "h0": dh, **g}


def pesos_de_torch(modulo: nn.Module) -> dict[str, np.ndarray]:
    """Lê os pesos de um ``nn.RNN``/``nn.LSTM``/``nn.GRU`` de 1 camada (ou da célula) como arrays float64.

    Chaves ``W_ih``, ``W_hh``, ``b_ih``, ``b_hh``; sem viés, os vieses são zeros.
    """
    if not isinstance(modulo, (nn.RNNBase, nn.RNNCellBase)):
        raise TypeError(f"esperava nn.RNN, nn.LSTM, nn.GRU ou uma célula deles; recebi {type(modulo).__name__}.")
    sufixo = ""
    if isinstance(modulo, nn.RNNBase):
        if modulo.num_layers != 1 or modulo.bidirectional or getattr(modulo, "proj_size", 0):
            raise ValueError("só leio redes de 1 camada, unidirecionais e sem projeção.")
        sufixo = "_l0"
    W_ih = getattr(modulo, "weight_ih" + sufixo).detach().cpu().double().numpy().copy()
    W_hh = getattr(modulo, "weight_hh" + sufixo).detach().cpu().double().numpy().copy()
    vies = [getattr(modulo, f"bias_{q}{sufixo}", None) for q in ("ih", "hh")]
    b_ih, b_hh = (np.zeros(W_ih.shape[0]) if b is None else b.detach().cpu().double().numpy().copy()
                  for b in vies)
    return {"W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh}


_DERIVADAS = {
    "tanh": (np.tanh, lambda a: 1.0 - np.tanh(a) ** 2),
    "relu": (lambda a: np.maximum(a, 0.0), lambda a: (a > 0).astype(np.float64)),
    "linear": (lambda a: a, np.ones_like),
}


def normas_jacobianos(escala: float, ativacao: str = "tanh", comprimento: int = 50,
                      ocultos: int = 32, semente: int = 0) -> np.ndarray:
    """Normas espectrais de ∂h_k/∂h_0 = J_k ⋯ J_1, para k = 1, …, ``comprimento``.

    RNN h_t = f(W h_{t−1} + u_t) com W = escala·Q (Q ortogonal sorteada), u_t
    entradas aleatórias N(0, 1) e h_0 = 0. Cada fator é J_t = diag(f′(a_t))·W,
    com ‖J_t‖ ≤ escala·max|f′|. Na linear, ‖J_k ⋯ J_1‖ = escala^k exatamente:
    abaixo de 1 o gradiente se dissipa, acima de 1 explode.
    """
    escala = _real(escala, "escala", positivo=True)
    if not isinstance(ativacao, str) or ativacao not in _DERIVADAS:
        raise ValueError(f"ativação desconhecida: {ativacao!r}; use {sorted(_DERIVADAS)}.")
    comprimento = _inteiro(comprimento, "comprimento", 1)
    H = _inteiro(ocultos, "ocultos", 1)
    rng = np.random.default_rng(_inteiro(semente, "semente", 0))
    Q, R = np.linalg.qr(rng.standard_normal((H, H)))
    W = escala * Q * np.sign(np.diag(R))          # ortogonal "uniforme" (sinais de R corrigidos)
    f, derivada = _DERIVADAS[ativacao]
    h, produto = np.zeros(H), np.eye(H)
    normas = np.empty(comprimento)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(comprimento):
            a = W @ h + rng.standard_normal(H)
            produto = (derivada(a)[:, None] * W) @ produto     # J_k · (J_{k−1} ⋯ J_1)
            h = f(a)
            normas[k] = np.linalg.norm(produto, 2) if np.all(np.isfinite(produto)) else np.inf
    return normas


def _recortar(gradientes: list[np.ndarray], limite: float, modo: str) -> list[np.ndarray]:
    if modo == "valor":
        return [np.clip(g, -limite, limite) for g in gradientes]
    norma = math.sqrt(sum(float(np.sum(g ** 2)) for g in gradientes))   # norma de todos juntos
    fator = min(1.0, limite / (norma + 1e-6))       # o mesmo 1e-6 do clip_grad_norm_ do PyTorch
    return [g * fator for g in gradientes]


def _recorte_publico(gradiente: Any, limite: float, modo: str) -> Any:
    limite = _real(limite, "o limite do recorte", positivo=True)
    if isinstance(gradiente, (list, tuple)):
        if not gradiente:
            raise ValueError("a lista de gradientes está vazia.")
        return _recortar([_array(g, f"gradiente[{i}]", None) for i, g in enumerate(gradiente)], limite, modo)
    return _recortar([_array(gradiente, "gradiente", None)], limite, modo)[0]


def recortar_por_norma(gradiente: Any, limite: float) -> Any:
    """Recorte pela norma: se ‖g‖ > limite, g ← g · limite/‖g‖ (a direção se mantém).

    Aceita um array ou uma lista de arrays; com lista, ‖g‖ é a norma global de
    todos juntos, como em ``torch.nn.utils.clip_grad_norm_``. Devolve cópias.
    """
    return _recorte_publico(gradiente, limite, "norma")


def recortar_por_valor(gradiente: Any, limite: float) -> Any:
    """Recorte por valor: cada componente vai para [−limite, limite] (a direção pode mudar).

    Aceita um array ou uma lista de arrays, como ``torch.nn.utils.clip_grad_value_``.
    """
    return _recorte_publico(gradiente, limite, "valor")


# ---------------------------------------------------------------------------
# Parte 3 — LSTM e GRU
# ---------------------------------------------------------------------------

def _sigmoide(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))           # σ(a) = 1/(1 + e^{−a}), sem estouro


def lstm_frente(x: ArrayLike, h0: ArrayLike | None, c0: ArrayLike | None,
                pesos: dict) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray], dict]:
    """LSTM, com os portões na ordem do ``nn.LSTM`` (i, f, g, o em blocos de H linhas)::

        i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)     portão de entrada
        f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)     portão de esquecimento
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)  candidata (C̃_t)
        o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)     portão de saída
        c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t                    célula de memória
        h_t = o_t ⊙ tanh(c_t)                              estado oculto

    ``x`` (T, N, D); ``h0``, ``c0`` (N, H) (``None`` = zeros); W_ih (4H, D),
    W_hh (4H, H), vieses (4H,). Devolve (hs, (h_T, c_T), cache). (Na eq. 11 de
    Silva et al., a candidata aparece como C̃_{t−1}: é C̃_t, do passo atual.)
    """
    p, D, H = _pesos(pesos, 4)
    x, est = _entrada(x, {"h0": h0, "c0": c0}, D, H)
    T, N = x.shape[:2]
    h, c = est["h0"], est["c0"]
    hs, cs, portoes = np.empty((T, N, H)), np.empty((T, N, H)), np.empty((T, N, 4 * H))
    entrada = x @ p["W_ih"].T + p["b_ih"] + p["b_hh"]
    for t in range(T):
        a = entrada[t] + h @ p["W_hh"].T                  # (N, 4H): os quatro blocos de uma vez
        i, f, o = _sigmoide(a[:, :H]), _sigmoide(a[:, H:2 * H]), _sigmoide(a[:, 3 * H:])
        g = np.tanh(a[:, 2 * H:3 * H])
        c = f * c + i * g
        h = o * np.tanh(c)
        hs[t], cs[t], portoes[t] = h, c, np.concatenate([i, f, g, o], axis=1)
    cache = {"x": x, "h0": est["h0"], "c0": est["c0"], "hs": hs, "cs": cs, "portoes": portoes, "pesos": p}
    return hs, (h.copy(), c.copy()), cache


def lstm_tras(dhs: ArrayLike | None, cache: dict, dh_T: ArrayLike | None = None,
              dc_T: ArrayLike | None = None) -> dict[str, np.ndarray]:
    """BPTT da LSTM: gradientes de ``x``, ``h0``, ``c0`` e dos pesos.

    ``dhs`` (T, N, H) vem de cima em cada passo (``None`` = zeros); ``dh_T`` e
    ``dc_T`` são os gradientes dos estados finais. A célula é a "esteira":
    ∂C/∂c_{t−1} = ∂C/∂c_t ⊙ f_t, sem multiplicar por W_hh — daí a memória longa.
    """
    _cache(cache, ("x", "h0", "c0", "hs", "cs", "portoes", "pesos"), "lstm_frente")
    x, hs, cs, portoes, p = cache["x"], cache["hs"], cache["cs"], cache["portoes"], cache["pesos"]
    H = hs.shape[2]
    dhs = _gradiente_saida(dhs, hs.shape, "dhs")
    dh = _gradiente_saida(dh_T, hs.shape[1:], "dh_T")
    dc = _gradiente_saida(dc_T, hs.shape[1:], "dc_T")
    g = {c: np.zeros_like(v) for c, v in p.items()}
    dx = np.empty_like(x)
    for t in reversed(range(x.shape[0])):
        i, f, gg, o = (portoes[t][:, k * H:(k + 1) * H] for k in range(4))
        c_antes = cs[t - 1] if t > 0 else cache["c0"]
        h_antes = hs[t - 1] if t > 0 else cache["h0"]
        dh = dh + dhs[t]
        tanh_c = np.tanh(cs[t])
        dc = dc + dh * o * (1.0 - tanh_c ** 2)
        da = np.concatenate([dc * gg * i * (1 - i),          # entrada
                             dc * c_antes * f * (1 - f),     # esquecimento
                             dc * i * (1 - gg ** 2),         # candidata
                             dh * tanh_c * o * (1 - o)],     # saída
                            axis=1)
        g["W_ih"] += da.T @ x[t]
        g["W_hh"] += da.T @ h_antes
        g["b_ih"] += da.sum(axis=0)
        dx[t] = da @ p["W_ih"]
        dh = da @ p["W_hh"]
        dc = dc * f
    g["b_hh"] = g["b_ih"].copy()
    return {"x": dx, "h0": dh, "c0": dc, **g}


def gru_frente(x: ArrayLike, h0: ArrayLike | None, pesos: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    """GRU, como no ``nn.GRU`` (portões r, z, n em blocos de H linhas)::

        r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)          portão de reinício
        z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)          portão de atualização
        n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))  candidato (h̃_t)
        h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}

    Aqui z_t é a fração do estado *antigo* que fica, como em Cho et al. (2014);
    Chung et al. (2014), Silva et al. (eq. 17) e muitos textos escrevem
    h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t: o papel de z e 1 − z se troca, e o
    modelo é o mesmo. (Na eq. 17 de Silva et al., o
    candidato aparece como h̃_{t−1}: é h̃_t.) Devolve (hs, h_T, cache).
    """
    p, D, H = _pesos(pesos, 3)
    x, est = _entrada(x, {"h0": h0}, D, H)
    T, N = x.shape[:2]
    h = est["h0"]
    hs, portoes, ocultas_n = np.empty((T, N, H)), np.empty((T, N, 3 * H)), np.empty((T, N, H))
    entrada = x @ p["W_ih"].T + p["b_ih"]
    for t in range(T):
        oculta = h @ p["W_hh"].T + p["b_hh"]
        r = _sigmoide(entrada[t][:, :H] + oculta[:, :H])
        z = _sigmoide(entrada[t][:, H:2 * H] + oculta[:, H:2 * H])
        n = np.tanh(entrada[t][:, 2 * H:] + r * oculta[:, 2 * H:])
        h = (1.0 - z) * n + z * h
        hs[t], portoes[t], ocultas_n[t] = h, np.concatenate([r, z, n], axis=1), oculta[:, 2 * H:]
    cache = {"x": x, "h0": est["h0"], "hs": hs, "portoes": portoes, "ocultas_n": ocultas_n, "pesos": p}
    return hs, h.copy(), cache


def gru_tras(dhs: ArrayLike | None, cache: dict, dh_T: ArrayLike | None = None) -> dict[str, np.ndarray]:
    """BPTT da GRU: gradientes de ``x``, ``h0`` e dos pesos.

    ``dhs`` (T, N, H) vem de cima em cada passo (``None`` = zeros); ``dh_T``
    soma-se ao último. O caminho direto h_{t−1} → h_t tem fator z_t, e não W_hh.
    """
    _cache(cache, ("x", "h0", "hs", "portoes", "ocultas_n", "pesos"), "gru_frente")
    x, hs, portoes, p = cache["x"], cache["hs"], cache["portoes"], cache["pesos"]
    H = hs.shape[2]
    dhs = _gradiente_saida(dhs, hs.shape, "dhs")
    dh = _gradiente_saida(dh_T, hs.shape[1:], "dh_T")
    g = {c: np.zeros_like(v) for c, v in p.items()}
    dx = np.empty_like(x)
    for t in reversed(range(x.shape[0])):
        r, z, n = (portoes[t][:, k * H:(k + 1) * H] for k in range(3))
        h_antes = hs[t - 1] if t > 0 else cache["h0"]
        dh = dh + dhs[t]
        dan = dh * (1.0 - z) * (1.0 - n ** 2)               # antes da tanh de n
        dar = dan * cache["ocultas_n"][t] * r * (1.0 - r)
        daz = dh * (h_antes - n) * z * (1.0 - z)
        da_entrada = np.concatenate([dar, daz, dan], axis=1)
        da_oculta = np.concatenate([dar, daz, dan * r], axis=1)   # r multiplica W_hn h + b_hn
        g["W_ih"] += da_entrada.T @ x[t]
        g["b_ih"] += da_entrada.sum(axis=0)
        g["W_hh"] += da_oculta.T @ h_antes
        g["b_hh"] += da_oculta.sum(axis=0)
        dx[t] = da_entrada @ p["W_ih"]
        dh = dh * z + da_oculta @ p["W_hh"]
    return {"x": dx, "h0": dh, **g}


# ---------------------------------------------------------------------------
# Uma tarefa de memória longa e o classificador em PyTorch
# ---------------------------------------------------------------------------

CLASSES_MEMORIA = 4                      # símbolos possíveis no 1º passo (o rótulo é um deles)
ENTRADAS_MEMORIA = CLASSES_MEMORIA + 1   # um canal por símbolo + o canal do marcador


def tarefa_memoria(n: int, comprimento: int, semente: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Lembrar o 1º símbolo: x (N, T, 5) float32 e rótulos y (N,) int64 em {0, 1, 2, 3}.

    No passo 0 chega um de 4 símbolos (vetor one-hot nos canais 0–3) e o
    marcador (canal 4) vale 1; esse símbolo é o rótulo. Nos T − 1 passos
    seguintes chega só ruído pelos mesmos canais 0–3 (valores N(0, 1)
    sorteados; marcador 0), sem relação com o rótulo. O classificador vê só o
    último estado, h_T: precisa guardar o símbolo por T − 1 passos sem deixar
    o ruído apagá-lo. O acaso acerta 25 %. Com T = 50, 2.000 sequências de
    treino e 12 épocas (``treinar_classificador``), a RNN simples fica no
    acaso e a LSTM e a GRU chegam a 100 %.
    """
    n = _inteiro(n, "n", 1)
    T = _inteiro(comprimento, "comprimento", 1)
    rng = np.random.default_rng(_inteiro(semente, "semente", 0))
    y = rng.integers(0, CLASSES_MEMORIA, n)
    x = np.zeros((n, T, ENTRADAS_MEMORIA), dtype=np.float32)
    x[:, 1:, :CLASSES_MEMORIA] = rng.standard_normal((n, T - 1, CLASSES_MEMORIA))
    x[np.arange(n), 0, y] = 1.0
    x[:, 0, CLASSES_MEMORIA] = 1.0
    return x, y.astype(np.int64)


_REDES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class ClassificadorSequencia(nn.Module):
    """Lê uma sequência (N, T, D) com uma RNN, LSTM ou GRU e classifica pelo último estado.

    logits = V h_T + b (sem softmax: ela fica na entropia cruzada). ``tipo`` em
    {"rnn", "lstm", "gru"}; os padrões de ``entradas`` e ``classes`` servem
    para ``tarefa_memoria``.

    ``vies_memoria`` é o viés inicial do portão que decide quanto da memória
    fica de um passo para o outro: o de esquecimento f da LSTM e o de
    atualização z da GRU (no PyTorch, z é a fração do estado antigo que fica).
    Com 5, σ(5) ≈ 0,993: a rede começa guardando quase tudo e o gradiente
    atravessa dezenas de passos; com o padrão do PyTorch (``None``, viés
    ≈ 0, σ ≈ 0,5) a memória cai à metade a cada passo e, na tarefa de memória
    com T ≈ 50, LSTM e GRU ficam no acaso como a RNN. Não vale para a RNN.
    """

    def __init__(self, tipo: str = "lstm", ocultos: int = 64, entradas: int = ENTRADAS_MEMORIA,
                 classes: int = CLASSES_MEMORIA, vies_memoria: float | None = 5.0) -> None:
        super().__init__()
        if not isinstance(tipo, str) or tipo.lower() not in _REDES:
            raise ValueError(f"tipo desconhecido: {tipo!r}; use 'rnn', 'lstm' ou 'gru'.")
        self.tipo = tipo.lower()
        self.entradas = _inteiro(entradas, "entradas", 1)
        H = _inteiro(ocultos, "ocultos", 1)
        self.recorrente = _REDES[self.tipo](self.entradas, H, batch_first=True)
        self.saida = nn.Linear(H, _inteiro(classes, "classes", 2))
        if vies_memoria is not None and self.tipo != "rnn":
            vies = _real(vies_memoria, "vies_memoria")
            with torch.no_grad():        # o bloco H:2H é f na LSTM (i, f, g, o) e z na GRU (r, z, n)
                self.recorrente.bias_ih_l0[H:2 * H] = vies
                self.recorrente.bias_hh_l0[H:2 * H] = 0.0   # os dois vieses se somam

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"a entrada deve ser um torch.Tensor; recebi {type(x).__name__}.")
        if x.ndim != 3 or x.shape[2] != self.entradas or x.shape[1] == 0:
            raise ValueError(f"a entrada deve ter a forma (N, T, {self.entradas}) com T ≥ 1; "
                             f"recebi {tuple(x.shape)}.")
        estados, _ = self.recorrente(x)
        return self.saida(estados[:, -1])

    def extra_repr(self) -> str:
        return f"tipo={self.tipo!r}"


def treinar_classificador(modelo: nn.Module, dados_treino: tuple, dados_avaliacao: tuple | None = None, *,
                          epocas: int, tamanho_lote: int = 64, taxa_aprendizado: float = 3e-3,
                          recorte: float | None = 1.0, semente: int = 0, dispositivo: Any = None,
                          progresso: bool = True, rotulo: str = "treino") -> treino.HistoricoTorch:
    """Adam + entropia cruzada com recorte da norma do gradiente, pelo laço de ``treino.treinar``.

    Antes de cada passo do Adam, se ‖g‖ > ``recorte`` (norma de todos os
    gradientes juntos), g ← g·recorte/‖g‖ (``torch.nn.utils.clip_grad_norm_``);
    ``recorte=None`` desliga. Devolve o ``treino.HistoricoTorch``.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module; recebi {type(modelo).__name__}.")
    eta = _real(taxa_aprendizado, "a taxa de aprendizado", positivo=True)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=eta)
    if recorte is not None:
        limite = _real(recorte, "o limite do recorte", positivo=True)
        parametros = [p for p in modelo.parameters() if p.requires_grad]

        def recortar(*_: Any) -> None:    # roda antes de cada otimizador.step()
            nn.utils.clip_grad_norm_(parametros, limite)

        otimizador.register_step_pre_hook(recortar)
    return treino.treinar(modelo, dados_treino, epocas=epocas, tamanho_lote=tamanho_lote,
                          otimizador=otimizador, dados_avaliacao=dados_avaliacao, semente=semente,
                          dispositivo=dispositivo, progresso=progresso, rotulo=rotulo)
