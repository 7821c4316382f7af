"""Tamanho do lote e tamanho do gradiente (capítulo 15).

Para a última camada densa de um classificador com entropia cruzada, o
gradiente de um exemplo tem forma fechada: com h as ativações que entram na
camada e p = softmax(z) as probabilidades de saída,

    ∂ℓ/∂W = (p − y) hᵀ,

em que y é o rótulo em um-quente. O gradiente de um lote é a soma (ou a média)
desses produtos. Calculando h e p uma vez para um "reservatório" de exemplos,
sortear milhares de lotes vira só multiplicar matrizes pequenas — rápido até
na CPU. A forma fechada é conferida contra o autograd nos testes.

Três medidas:

- ``normas_gradiente``: norma do gradiente de um lote sorteado, com o custo
  somado (cresce com o lote) ou médio (encolhe com o lote);
- ``momentos_gradiente``: média e traço da covariância dos gradientes por
  exemplo, que preveem a norma esperada sem sorteio nenhum;
- ``normas_soma_passos``: o procedimento literal da fonte, com passos de SGD de
  verdade (os pesos se movem) e a soma dos gradientes de cada passo.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch
from torch import nn

REDUCOES = ("soma", "media")


def _validar_tamanhos(tamanhos: Sequence[int], n: int, quem: str = "os exemplos dados") -> list[int]:
    tamanhos = list(tamanhos)
    if not tamanhos:
        raise ValueError("informe pelo menos um tamanho de lote.")
    for b in tamanhos:
        if isinstance(b, bool) or not isinstance(b, (int, np.integer)) or not 1 <= b <= n:
            raise ValueError(f"cada tamanho de lote deve ser um inteiro entre 1 e {n} ({quem}), não {b!r}.")
    return [int(b) for b in tamanhos]


@torch.no_grad()
def fatores_ultima_camada(modelo: nn.Sequential, x, y) -> tuple[torch.Tensor, torch.Tensor]:
    """(E, H) com E = p − y (N × classes) e H = entradas da última camada (N × largura).

    O gradiente da soma dos custos de um conjunto S de exemplos em relação aos
    pesos da última camada é ``E[S].T @ H[S]``.
    """
    if not isinstance(modelo, nn.Sequential) or not isinstance(modelo[-1], nn.Linear):
        raise TypeError("modelo deve ser um nn.Sequential cuja última camada é nn.Linear.")
    parametro = next(modelo.parameters())
    x = torch.as_tensor(x, dtype=parametro.dtype, device=parametro.device)
    y = torch.as_tensor(y, dtype=torch.int64, device=parametro.device)
    if x.ndim < 2 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"x (N, ...) e y (N,) devem ter o mesmo N; recebi {tuple(x.shape)} e {tuple(y.shape)}.")
    estava_treinando = modelo.training
    modelo.eval()
    H = modelo[:-1](x)
    p = torch.softmax(modelo[-1](H), dim=1)
    modelo.train(estava_treinando)
    E = p - nn.functional.one_hot(y, p.shape[1]).to(p.dtype)
    return E, H


@dataclass
class NormasPorLote:
    """Média e desvio padrão, entre as tentativas, da norma do gradiente para cada tamanho de lote."""

    tamanhos: list[int]
    media: np.ndarray
    desvio: np.ndarray
    reducao: str

    def expoente(self, minimo: float | None = None, maximo: float | None = None) -> float:
        """Inclinação da reta log(norma média) × log(tamanho): 0,5 quer dizer norma ∝ √lote.

        ``minimo`` e ``maximo`` restringem o ajuste aos tamanhos nessa faixa
        (inclusive), para ver a inclinação só nos lotes pequenos ou só nos grandes.
        """
        tamanhos = np.asarray(self.tamanhos, dtype=float)
        dentro = np.ones(len(tamanhos), dtype=bool)
        if minimo is not None:
            dentro &= tamanhos >= minimo
        if maximo is not None:
            dentro &= tamanhos <= maximo
        if len(np.unique(tamanhos[dentro])) < 2:
            raise ValueError("a faixa pedida tem menos de dois tamanhos de lote distintos; "
                             "não dá para ajustar uma reta.")
        return float(np.polyfit(np.log(tamanhos[dentro]), np.log(self.media[dentro]), 1)[0])

    def coeficiente_variacao(self) -> np.ndarray:
        """Desvio padrão ÷ média da norma, para cada tamanho de lote."""
        return self.desvio / self.media


def normas_gradiente(modelo: nn.Sequential, x, y, tamanhos: Sequence[int], *,
                     tentativas: int = 100, reducao: str = "soma", semente: int = 0) -> NormasPorLote:
    """Norma (de Frobenius) do gradiente da última camada para lotes sorteados de cada tamanho.

    Para cada tamanho B em ``tamanhos``, sorteia ``tentativas`` lotes de B
    exemplos (sem reposição dentro do lote) de ``(x, y)`` e mede
    ‖Σᵢ ∂ℓᵢ/∂W‖ (``reducao="soma"``) ou ‖(1/B) Σᵢ ∂ℓᵢ/∂W‖ (``"media"``).
    """
    if reducao not in REDUCOES:
        raise ValueError(f"reducao deve ser uma de {REDUCOES}, não {reducao!r}.")
    if isinstance(tentativas, bool) or not isinstance(tentativas, (int, np.integer)) or tentativas < 2:
        raise ValueError(f"tentativas deve ser um inteiro ≥ 2 (para haver desvio padrão), não {tentativas!r}.")
    E, H = fatores_ultima_camada(modelo, x, y)
    n = len(E)
    tamanhos = _validar_tamanhos(tamanhos, n)
    gerador = torch.Generator(device="cpu").manual_seed(int(semente))
    medias, desvios = [], []
    for b in tamanhos:
        normas = torch.empty(int(tentativas), dtype=torch.float64)
        for t in range(int(tentativas)):
            indices = torch.randperm(n, generator=gerador)[:int(b)].to(E.device)
            g = E[indices].T @ H[indices]
            if reducao == "media":
                g = g / b
            normas[t] = float(torch.linalg.norm(g))
        medias.append(float(normas.mean()))
        desvios.append(float(normas.std()))
    return NormasPorLote([int(b) for b in tamanhos], np.array(medias), np.array(desvios), reducao)


@dataclass
class MomentosGradiente:
    """Média e espalhamento dos gradientes por exemplo gᵢ (última camada) em N exemplos.

    ``quadrado_media`` é ‖μ‖², com μ = (1/N) Σᵢ gᵢ; ``traco_covariancia`` é
    tr Σ = (1/N) Σᵢ ‖gᵢ − μ‖², a variância total de um gradiente sorteado.
    """

    quadrado_media: float
    traco_covariancia: float
    n: int

    @property
    def lote_critico(self) -> float:
        """B* = tr Σ / ‖μ‖²: abaixo dele o ruído domina a norma do gradiente somado; acima, a média."""
        return self.traco_covariancia / self.quadrado_media if self.quadrado_media > 0 else float("inf")

    def norma_prevista(self, tamanhos: Sequence[int], reducao: str = "soma") -> np.ndarray:
        """√E‖S_B‖² para lotes de B exemplos sorteados sem reposição entre os N.

        Com S_B = Σ_{i∈lote} gᵢ, E‖S_B‖² = B·tr Σ·(N − B)/(N − 1) + B²‖μ‖²; o
        fator (N − B)/(N − 1) é a correção de população finita (vale 1 se N ≫ B).
        Com ``reducao="media"``, divide por B. Pela desigualdade de Jensen, a norma
        média medida fica um pouco abaixo desta raiz da média dos quadrados.
        """
        if reducao not in REDUCOES:
            raise ValueError(f"reducao deve ser uma de {REDUCOES}, não {reducao!r}.")
        b = np.asarray(_validar_tamanhos(tamanhos, self.n, "os exemplos usados nos momentos"), dtype=float)
        correcao = (self.n - b) / (self.n - 1)
        norma = np.sqrt(b * self.traco_covariancia * correcao + b ** 2 * self.quadrado_media)
        return norma / b if reducao == "media" else norma


def momentos_gradiente(modelo: nn.Sequential, x, y) -> MomentosGradiente:
    """‖μ‖² e tr Σ dos gradientes por exemplo da última camada, calculados sem laço.

    Como gᵢ = eᵢ hᵢᵀ, ‖gᵢ‖² = ‖eᵢ‖² ‖hᵢ‖²; a média dos ‖gᵢ‖² menos ‖μ‖² dá tr Σ.
    """
    E, H = fatores_ultima_camada(modelo, x, y)
    n = len(E)
    if n < 2:
        raise ValueError("são precisos pelo menos 2 exemplos para estimar a covariância.")
    E, H = E.double(), H.double()
    media = (E.T @ H) / n
    quadrado_media = float((media ** 2).sum())
    media_quadrados = float(((E ** 2).sum(1) * (H ** 2).sum(1)).mean())
    return MomentosGradiente(quadrado_media, max(media_quadrados - quadrado_media, 0.0), n)


def normas_soma_passos(modelo: nn.Sequential, x, y, tamanhos: Sequence[int], *,
                       amostras: int = 1024, taxa_aprendizado: float = 0.01,
                       tentativas: int = 10, semente: int = 0) -> NormasPorLote:
    """O procedimento como a fonte o descreve, com passos de SGD de verdade.

    Em cada tentativa: parte dos pesos de ``modelo`` (que não é alterado),
    sorteia ``amostras`` exemplos e os percorre em k = ``amostras`` // B lotes
    de B, dando um passo de SGD (custo **médio** do lote, taxa
    ``taxa_aprendizado``) em cada um; soma os k gradientes da última camada e
    mede a norma da soma. Com ``taxa_aprendizado=0`` os pesos não se movem e a
    soma é exatamente (1/B) Σ gᵢ sobre os k·B exemplos vistos.
    """
    if not isinstance(modelo, nn.Sequential) or not isinstance(modelo[-1], nn.Linear):
        raise TypeError("modelo deve ser um nn.Sequential cuja última camada é nn.Linear.")
    for nome, valor, minimo in (("amostras", amostras, 1), ("tentativas", tentativas, 2)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < minimo:
            raise ValueError(f"{nome} deve ser um inteiro ≥ {minimo}, não {valor!r}.")
    if isinstance(taxa_aprendizado, bool) or not np.isfinite(taxa_aprendizado) or taxa_aprendizado < 0:
        raise ValueError(f"taxa_aprendizado deve ser um número ≥ 0, não {taxa_aprendizado!r}.")
    parametro = next(modelo.parameters())
    x = torch.as_tensor(x, dtype=parametro.dtype, device=parametro.device)
    y = torch.as_tensor(y, dtype=torch.int64, device=parametro.device)
    if x.ndim < 2 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"x (N, ...) e y (N,) devem ter o mesmo N; recebi {tuple(x.shape)} e {tuple(y.shape)}.")
    if amostras > len(x):
        raise ValueError(f"amostras ({amostras}) não pode passar do número de exemplos ({len(x)}).")
    tamanhos = _validar_tamanhos(tamanhos, int(amostras), "o número de amostras por tentativa")
    copia = copy.deepcopy(modelo).train()
    inicial = copy.deepcopy(modelo.state_dict())
    otimizador = torch.optim.SGD(copia.parameters(), lr=float(taxa_aprendizado))
    gerador = torch.Generator(device="cpu").manual_seed(int(semente))
    medias, desvios = [], []
    for b in tamanhos:
        k = int(amostras) // b
        normas = torch.empty(int(tentativas), dtype=torch.float64)
        for t in range(int(tentativas)):
            copia.load_state_dict(inicial)
            indices = torch.randperm(len(x), generator=gerador)[:k * b].to(x.device)
            soma = torch.zeros_like(copia[-1].weight)
            for j in range(k):
                lote = indices[j * b:(j + 1) * b]
                otimizador.zero_grad(set_to_none=True)
                nn.functional.cross_entropy(copia(x[lote]), y[lote]).backward()
                soma += copia[-1].weight.grad
                otimizador.step()
            normas[t] = float(torch.linalg.norm(soma))
        medias.append(float(normas.mean()))
        desvios.append(float(normas.std()))
    return NormasPorLote(tamanhos, np.array(medias), np.array(desvios), "media")
