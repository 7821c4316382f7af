"""Contagem de parâmetros e descrição de arquiteturas em camadas.

Uma camada totalmente conectada de ``n_entrada`` para ``n_saida`` neurônios tem
``n_entrada · n_saida`` pesos e ``n_saida`` vieses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class ContagemCamada:
    """Pesos e vieses de uma camada densa."""

    entrada: int
    saida: int

    @property
    def pesos(self) -> int:
        return self.entrada * self.saida

    @property
    def vieses(self) -> int:
        return self.saida

    @property
    def total(self) -> int:
        return self.pesos + self.vieses


def _camadas(camadas: Sequence[int]) -> list[int]:
    if isinstance(camadas, (str, bytes)) or not hasattr(camadas, "__len__"):
        raise TypeError("camadas deve ser uma lista de inteiros, como [784, 30, 10].")
    if len(camadas) < 2:
        raise ValueError("uma rede precisa de pelo menos duas camadas (entrada e saída).")
    resultado = []
    for c in camadas:
        if isinstance(c, bool) or not isinstance(c, (int, np.integer)):
            raise TypeError(f"o tamanho de cada camada deve ser inteiro, não {c!r}.")
        if c < 1:
            raise ValueError(f"toda camada precisa de pelo menos um neurônio (recebi {c}).")
        resultado.append(int(c))
    return resultado


def contagem_por_camada(camadas: Sequence[int]) -> list[ContagemCamada]:
    """Uma ``ContagemCamada`` para cada par de camadas vizinhas."""
    c = _camadas(camadas)
    return [ContagemCamada(a, b) for a, b in zip(c[:-1], c[1:])]


def contar_parametros(camadas: Sequence[int]) -> int:
    """Número total de pesos e vieses de uma rede densa, p. ex. ``[784, 30, 10] → 23.860``."""
    return sum(cc.total for cc in contagem_por_camada(camadas))


def tabela_parametros(camadas: Sequence[int]) -> str:
    """Tabela em texto (Markdown) com pesos, vieses e total por camada."""
    linhas = ["| camada | pesos | vieses | total |", "|---|---:|---:|---:|"]
    for i, cc in enumerate(contagem_por_camada(camadas), start=1):
        linhas.append(f"| {i}: {cc.entrada} → {cc.saida} | {cc.pesos:_} | {cc.vieses:_} | {cc.total:_} |")
    linhas.append(f"| **total** | | | **{contar_parametros(camadas):_}** |")
    return "\n".join(linhas).replace("_", ".")
