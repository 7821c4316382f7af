"""Gradientes instáveis: medir quanto cada camada aprende (capítulo 14).

Duas ferramentas:

* ``normas_delta``: o tamanho ‖δˡ‖ = ‖∂C/∂bˡ‖ do gradiente de cada camada
  oculta de uma ``Rede``. Como ∂C/∂bˡ = δˡ, ele mede a "velocidade" com que a
  camada aprende; ``treinar_medindo`` repete a medida a cada época.
* ``cadeia``: a rede mais simples possível, um neurônio por camada. Ali o
  gradiente do viés da camada j é um produto de fatores wₖ·σ'(zₖ), e dá para
  ver de perto por que ele some (|w·σ'| < 1) ou explode (|w·σ'| > 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .ativacoes import sigmoide
from .rede import Rede


# ---------------------------------------------------------------------------
# ‖δˡ‖ numa rede de verdade
# ---------------------------------------------------------------------------

def normas_delta(rede: Rede, X, y) -> list[float]:
    """‖∂C/∂bˡ‖ de cada camada **oculta** (da primeira à última), com C a média no lote ``X``.

    A camada de saída fica de fora, como na fonte: para [784, 30, 30, 10]
    saem dois números.
    """
    if not isinstance(rede, Rede):
        raise TypeError(f"rede deve ser uma profundo.rede.Rede, não {type(rede).__name__}.")
    if len(rede.camadas) < 3:
        raise ValueError("a rede precisa de pelo menos uma camada oculta.")
    _, grad_b = rede.retropropagar(X, y)
    return [float(np.linalg.norm(g)) for g in grad_b[:-1]]


@dataclass
class MedidasTreino:
    """``normas[e][l]``: ‖δˡ‖ da camada oculta l depois de e épocas (e = 0: na inicialização)."""

    normas: list[list[float]] = field(default_factory=list)
    acuracia: list[float] = field(default_factory=list)

    def por_camada(self) -> np.ndarray:
        """As normas como array ``(épocas + 1, camadas ocultas)``."""
        return np.array(self.normas)


def treinar_medindo(rede: Rede, x_treino, y_treino, *, epocas: int, tamanho_lote: int,
                    taxa_aprendizado: float, x_medir=None, y_medir=None,
                    dados_avaliacao: tuple | None = None, regularizacao=None,
                    semente: int = 0) -> MedidasTreino:
    """Treina ``rede`` época a época e mede ``normas_delta`` em ``(x_medir, y_medir)`` a cada uma.

    Sem ``x_medir``, mede nos próprios dados de treino. Com
    ``dados_avaliacao=(x, rótulos)``, guarda também a acurácia de cada época.
    ``regularizacao`` (p. ex. ``L2(5.0)``) vai direto para ``Rede.treinar``;
    com ``tamanho_lote`` igual ao número de exemplos, cada época é um único
    passo de descida em lote, como no experimento da fonte.
    """
    if isinstance(epocas, bool) or not isinstance(epocas, (int, np.integer)) or epocas < 1:
        raise ValueError(f"epocas deve ser um inteiro positivo, não {epocas!r}.")
    if (x_medir is None) != (y_medir is None):
        raise ValueError("informe x_medir e y_medir juntos (ou nenhum dos dois).")
    if x_medir is None:
        x_medir, y_medir = x_treino, y_treino
    medidas = MedidasTreino([normas_delta(rede, x_medir, y_medir)])
    for epoca in range(int(epocas)):
        historico = rede.treinar(x_treino, y_treino, epocas=1, tamanho_lote=tamanho_lote,
                                 taxa_aprendizado=taxa_aprendizado, dados_avaliacao=dados_avaliacao,
                                 regularizacao=regularizacao, semente=semente + epoca, mostrar=False)
        medidas.normas.append(normas_delta(rede, x_medir, y_medir))
        if dados_avaliacao is not None:
            medidas.acuracia.append(historico.acuracia_avaliacao[-1])
    return medidas


# ---------------------------------------------------------------------------
# A cadeia de neurônios: um por camada
# ---------------------------------------------------------------------------

def _vetor(valor, profundidade: int, nome: str) -> np.ndarray:
    if isinstance(valor, (str, bytes, bool)):
        raise TypeError(f"{nome} deve ser um número ou uma lista de números.")
    try:
        v = np.asarray(valor, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve ser um número ou uma lista de números.") from None
    if v.ndim == 0:
        v = np.full(profundidade, float(v))
    if v.shape != (profundidade,):
        raise ValueError(f"{nome} deve ter {profundidade} valores (um por camada), não forma {v.shape}.")
    if not np.isfinite(v).all():
        raise ValueError(f"{nome} deve conter apenas números finitos.")
    return v


@dataclass
class Cadeia:
    """Resultado de ``cadeia``: pesos, vieses, z e ativações de cada camada, e os gradientes."""

    pesos: np.ndarray
    vieses: np.ndarray
    z: np.ndarray
    ativacoes: np.ndarray
    gradientes: np.ndarray
    """``gradientes[j] = ∂a_L/∂b_j``: quanto a saída muda quando o viés da camada j muda."""


def cadeia(profundidade: int, w=1.0, b=0.0, x: float = 1.0, centrar: bool = False) -> Cadeia:
    """Uma rede de ``profundidade`` neurônios sigmoides em fila: a_j = σ(w_j·a_{j−1} + b_j), a_0 = x.

    ``w`` e ``b`` são números (iguais em toda camada) ou listas, uma entrada por
    camada. Devolve, para cada camada j, ∂a_L/∂b_j = σ'(z_j) · Π_{k>j} w_k·σ'(z_k)
    — a regra da cadeia escrita como produto.

    Com ``centrar=True`` os vieses são escolhidos para que todo z_j seja 0
    (b_j = −w_j·a_{j−1}); aí σ'(z_j) = 1/4, o maior valor possível, e cada fator
    vale w_j/4: com w = 100 o gradiente **explode** (fator 25 por camada).
    """
    if isinstance(profundidade, bool) or not isinstance(profundidade, (int, np.integer)):
        raise TypeError(f"profundidade deve ser um inteiro, não {type(profundidade).__name__}.")
    if profundidade < 1:
        raise ValueError(f"profundidade deve ser pelo menos 1, não {profundidade}.")
    n = int(profundidade)
    pesos = _vetor(w, n, "w")
    vieses = _vetor(b, n, "b")
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)) or not np.isfinite(x):
        raise TypeError(f"x deve ser um número finito, não {x!r}.")
    a = float(x)
    z = np.empty(n)
    ativacoes = np.empty(n)
    for j in range(n):
        if centrar:
            vieses[j] = -pesos[j] * a
        z[j] = pesos[j] * a + vieses[j]
        a = float(sigmoide(z[j]))
        ativacoes[j] = a
    derivadas = ativacoes * (1.0 - ativacoes)       # σ'(z_j)
    gradientes = np.empty(n)
    acumulado = 1.0                                  # Π_{k>j} w_k σ'(z_k)
    for j in range(n - 1, -1, -1):
        gradientes[j] = derivadas[j] * acumulado
        acumulado *= pesos[j] * derivadas[j]
    return Cadeia(pesos, vieses, z, ativacoes, gradientes)
