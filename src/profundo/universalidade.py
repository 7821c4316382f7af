"""Universalidade: degraus, ressaltos e torres feitos de neurônios sigmoides (capítulo 13).

A ideia, passo a passo:

1. Um neurônio oculto calcula σ(w·x + b). Com ``w`` grande, a curva vira um
   **degrau** que sobe em ``s = −b/w``.
2. Dois degraus com pesos de saída ``+h`` e ``−h`` formam um **ressalto**
   (*bump*): vale ``h`` entre ``s₁`` e ``s₂`` e zero fora.
3. ``N`` pares lado a lado, um em cada fatia de [0, 1], desenham uma função em
   escada; escolher as alturas é "programar" a rede. Com mais pares, a escada
   segue a função de mais perto.
4. Com duas entradas, somar um ressalto em ``x`` e um em ``y`` e passar o
   resultado por mais um degrau dá uma **torre**.

Tudo aqui é numpy puro e vetorizado: ``x`` pode ser um número ou um array.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Callable

import numpy as np

from .ativacoes import sigmoide

PESO_DEGRAU = 1000.0
"""Peso usado para que σ(w·x + b) pareça um degrau (a fonte usa w = 999)."""


# ---------------------------------------------------------------------------
# Validação
# ---------------------------------------------------------------------------

def _numero(valor, nome: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número, não {type(valor).__name__}.")
    if not np.isfinite(valor):
        raise ValueError(f"{nome} deve ser finito, não {valor}.")
    return float(valor)


def _peso(w) -> float:
    w = _numero(w, "w")
    if w == 0:
        raise ValueError("w não pode ser zero: sem peso não há degrau (s = −b/w não existe).")
    return w


def _entradas(x, nome: str = "x") -> np.ndarray:
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{nome} deve ser um número ou um array de números, não texto.")
    try:
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve ser um número ou um array de números.") from None
    if np.isnan(x).any():
        raise ValueError(f"{nome} contém NaN.")
    return x


def _alturas(alturas) -> np.ndarray:
    h = _entradas(alturas, "alturas")
    if h.ndim != 1 or h.size == 0:
        raise ValueError(f"alturas deve ser uma lista não vazia (uma dimensão), não forma {h.shape}.")
    if not np.isfinite(h).all():
        raise ValueError("alturas deve conter apenas números finitos.")
    return h


def _blas_uma_thread():
    """Contexto que limita o BLAS a uma thread durante um ajuste (se houver ``threadpoolctl``).

    Os sistemas de mínimos quadrados daqui são pequenos (no máximo umas centenas
    de colunas): várias threads não ajudam, e numa máquina com poucos núcleos
    ocupados por outros processos a disputa entre elas deixa ``lstsq`` dezenas
    de vezes mais lento. Sem ``threadpoolctl`` instalado, nada muda.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _n_pares(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n_pares deve ser um inteiro, não {type(n).__name__}.")
    if n < 1:
        raise ValueError(f"n_pares deve ser pelo menos 1, não {n}.")
    return int(n)


# ---------------------------------------------------------------------------
# Um neurônio: do sigmoide ao degrau
# ---------------------------------------------------------------------------

def neuronio(x, w: float, b: float) -> np.ndarray:
    """Saída σ(w·x + b) de um neurônio oculto com uma entrada."""
    return sigmoide(_numero(w, "w") * _entradas(x) + _numero(b, "b"))


def posicao_degrau(w: float, b: float) -> float:
    """Onde o degrau sobe: ``s = −b/w`` (ali σ vale exatamente 1/2)."""
    return -_numero(b, "b") / _peso(w)


def vies_para(s: float, w: float = PESO_DEGRAU) -> float:
    """O viés que põe o degrau de um neurônio de peso ``w`` na posição ``s``: ``b = −w·s``."""
    return -_peso(w) * _numero(s, "s")


def degrau(x, s: float, w: float = PESO_DEGRAU) -> np.ndarray:
    """Neurônio descrito pela posição do degrau: σ(w·(x − s))."""
    return neuronio(x, w, vies_para(s, w))


# ---------------------------------------------------------------------------
# Pares de neurônios: ressaltos e funções em escada
# ---------------------------------------------------------------------------

def ressalto(x, s1: float, s2: float, h: float, w: float = PESO_DEGRAU) -> np.ndarray:
    """Saída ponderada de um par: ``h·degrau(s1) − h·degrau(s2)``.

    Com ``s1 < s2`` é um ressalto de altura ``h`` entre ``s1`` e ``s2``; com
    ``s1 > s2`` o sinal se inverte (um "buraco" de profundidade ``h``).
    """
    h = _numero(h, "h")
    return h * (degrau(x, s1, w) - degrau(x, s2, w))


def bordas(n_pares: int, inicio: float = 0.0, fim: float = 1.0) -> np.ndarray:
    """As ``n_pares + 1`` posições de degrau que dividem [inicio, fim] em fatias iguais."""
    n = _n_pares(n_pares)
    inicio, fim = _numero(inicio, "inicio"), _numero(fim, "fim")
    if fim <= inicio:
        raise ValueError(f"fim ({fim}) deve ser maior que inicio ({inicio}).")
    return np.linspace(inicio, fim, n + 1)


def base_ressaltos(x, n_pares: int, w: float = PESO_DEGRAU) -> np.ndarray:
    """Matriz ``(len(x), n_pares)``: a coluna j é o ressalto de altura 1 na fatia j de [0, 1].

    Os dois degraus das pontas ficam um pouco para fora (10/w), para que a
    escada não caia pela metade em x = 0 e x = 1, onde σ valeria só 1/2.
    """
    x = _entradas(x).reshape(-1)
    w = _peso(w)
    s = bordas(n_pares)
    s[0], s[-1] = s[0] - 10 / abs(w), s[-1] + 10 / abs(w)
    degraus = sigmoide(w * (x[:, None] - s[None, :]))
    return degraus[:, :-1] - degraus[:, 1:]


def escada(x, alturas, w: float = PESO_DEGRAU, saida_sigmoide: bool = False) -> np.ndarray:
    """Saída da rede com ``N = len(alturas)`` pares, um por fatia de [0, 1].

    É Σⱼ hⱼ·ressaltoⱼ(x). Com ``saida_sigmoide=True`` o neurônio de saída
    aplica σ a essa soma (como na fonte); então as alturas devem aproximar
    σ⁻¹(f), e não f.
    """
    x = _entradas(x)
    h = _alturas(alturas)
    soma = (base_ressaltos(x, len(h), w) @ h).reshape(x.shape)
    return sigmoide(soma) if saida_sigmoide else soma


def funcao_alvo(x) -> np.ndarray:
    """A função do capítulo: f(x) = 0,2 + 0,4x² + 0,3x·sen(15x) + 0,05·cos(50x)."""
    x = _entradas(x)
    return 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)


def _grade(pontos: int) -> np.ndarray:
    if isinstance(pontos, bool) or not isinstance(pontos, (int, np.integer)) or pontos < 10:
        raise ValueError(f"pontos deve ser um inteiro de pelo menos 10, não {pontos!r}.")
    return np.linspace(0.0, 1.0, int(pontos))


def erro_medio(alturas, f: Callable = funcao_alvo, w: float = PESO_DEGRAU,
               saida_sigmoide: bool = False, pontos: int = 1001) -> float:
    """Erro médio absoluto |rede(x) − f(x)| numa grade de ``pontos`` valores em [0, 1].

    É a "nota" do widget: quanto menor, melhor a rede imita ``f``.
    """
    if not callable(f):
        raise TypeError("f deve ser uma função de x.")
    x = _grade(pontos)
    return float(np.mean(np.abs(escada(x, alturas, w, saida_sigmoide) - f(x))))


def ajustar_alturas(n_pares: int, f: Callable = funcao_alvo, w: float = PESO_DEGRAU,
                    saida_sigmoide: bool = False, pontos: int = 2001) -> np.ndarray:
    """As alturas que fazem a rede de ``n_pares`` pares seguir ``f`` (mínimos quadrados).

    Como a saída ponderada é linear nas alturas, o melhor ajuste é um problema
    de mínimos quadrados. Com degraus bem íngremes, cada altura sai igual à
    média de ``f`` na sua fatia. Com ``saida_sigmoide=True`` ajusta-se σ⁻¹(f)
    (``f`` precisa ficar estritamente entre 0 e 1).
    """
    if not callable(f):
        raise TypeError("f deve ser uma função de x.")
    n = _n_pares(n_pares)
    x = _grade(pontos)
    alvo = _entradas(f(x), "f(x)")
    if saida_sigmoide:
        if not ((alvo > 0) & (alvo < 1)).all():
            raise ValueError("com saída sigmoide, f(x) deve ficar estritamente entre 0 e 1.")
        alvo = np.log(alvo / (1 - alvo))
    with _blas_uma_thread():
        alturas, *_ = np.linalg.lstsq(base_ressaltos(x, n, w), alvo, rcond=None)
    return alturas


def melhor_erro_por_n(ns, f: Callable = funcao_alvo, w: float = PESO_DEGRAU) -> list[float]:
    """Para cada N em ``ns``, o erro médio da rede com as alturas ajustadas."""
    return [erro_medio(ajustar_alturas(_n_pares(n), f, w), f, w) for n in ns]


# ---------------------------------------------------------------------------
# Duas entradas: a torre
# ---------------------------------------------------------------------------

def soma_ressaltos_2d(x, y, intervalo_x: tuple[float, float], intervalo_y: tuple[float, float],
                      w: float = PESO_DEGRAU) -> np.ndarray:
    """Ressalto de altura 1 em ``x`` mais ressalto de altura 1 em ``y``.

    Vale 2 dentro do retângulo, 1 nas duas "faixas em cruz" e 0 no resto: ainda
    não é uma torre, pois as faixas vazam para fora do retângulo.
    """
    (x1, x2), (y1, y2) = intervalo_x, intervalo_y
    x, y = _entradas(x, "x"), _entradas(y, "y")
    return ressalto(x, x1, x2, 1.0, w) + ressalto(y, y1, y2, 1.0, w)


def torre(x, y, intervalo_x: tuple[float, float], intervalo_y: tuple[float, float],
          altura: float = 1.0, w: float = PESO_DEGRAU, limiar: float = 1.5) -> np.ndarray:
    """Torre de altura ``altura`` sobre o retângulo ``intervalo_x × intervalo_y``.

    Um neurônio a mais recebe a soma dos dois ressaltos e dispara só quando ela
    passa de ``limiar`` (entre 1 e 2): isto é, só dentro do retângulo.
    """
    altura, limiar = _numero(altura, "altura"), _numero(limiar, "limiar")
    if not 1 < limiar < 2:
        raise ValueError(f"limiar deve ficar entre 1 e 2 para separar o retângulo das faixas, não {limiar}.")
    soma = soma_ressaltos_2d(x, y, intervalo_x, intervalo_y, w)
    return altura * degrau(soma, limiar, w)
