"""Tamanho do lote e tamanho do gradiente (capítulo 15).

Para a última camada densa de um classificador com entropia cruzada, o
gradiente de um exemplo tem forma fechada: com h as ativações que entram na
camada e p = softmax(z) as probabilidades de saída,

    ∂ℓ/∂W = (p − y) hᵀ,

em que y é o rótulo em um-quente. O gradiente de um lote é a soma (ou a média)
desses produtos. Calculando h e p uma vez para um "reservatório" de exemplos,
sortear milhares de lotes vira só multiplicar matrizes pequenas — rápido até
na CPU. A forma fechada é conferida contra o autograd nos testes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch
from torch import nn

REDUCOES = ("soma", "media")


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

    def expoente(self) -> float:
        """Inclinação da reta log(norma média) × log(tamanho): 0,5 quer dizer norma ∝ √lote."""
        return float(np.polyfit(np.log(self.tamanhos), np.log(self.media), 1)[0])


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
    tamanhos = list(tamanhos)
    if not tamanhos:
        raise ValueError("informe pelo menos um tamanho de lote.")
    for b in tamanhos:
        if isinstance(b, bool) or not isinstance(b, (int, np.integer)) or not 1 <= b <= n:
            raise ValueError(f"cada tamanho de lote deve ser um inteiro entre 1 e {n} (os exemplos dados), não {b!r}.")
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
