"""Funções de custo de ``profundo.rede``.

Um custo mede, para um lote de exemplos, quão longe as saídas ``a`` da rede
estão das saídas desejadas ``y`` (ambas de forma ``(m, n_saida)``, um exemplo
por linha). O valor é a **média** sobre os ``m`` exemplos. Cada custo sabe
também calcular o erro da última camada, ``delta``, o ponto de partida da
retropropagação (equação BP1).
"""

from __future__ import annotations

import numpy as np


class Quadratico:
    """Custo quadrático (erro quadrático médio): C = (1/m) Σ_x ½‖y(x) − a(x)‖².

    Com saída sigmoide, ``delta = (a − y) ⊙ σ'(z)`` — o fator σ'(z) é o que
    deixa o aprendizado lento quando o neurônio de saída satura.
    """

    nome = "quadratico"

    @staticmethod
    def valor(a: np.ndarray, y: np.ndarray) -> float:
        """Custo médio do lote."""
        return float(0.5 * np.sum((a - y) ** 2) / len(a))

    @staticmethod
    def delta(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Erro δᴸ = ∂C_x/∂zᴸ de cada exemplo (sem dividir por m).

        Como a = σ(z), usamos σ'(z) = a(1 − a), sem recalcular a sigmoide.
        """
        return (a - y) * a * (1.0 - a)


CUSTOS = {Quadratico.nome: Quadratico}
"""Custos disponíveis pelo nome (a Parte III acrescenta entropia cruzada e log-verossimilhança)."""


def obter(custo) -> type:
    """Aceita o nome (``'quadratico'``) ou a própria classe de custo."""
    if isinstance(custo, str):
        chave = custo.strip().lower().replace("á", "a")
        if chave not in CUSTOS:
            raise ValueError(f"custo desconhecido: {custo!r}. Opções: {', '.join(CUSTOS)}.")
        return CUSTOS[chave]
    if hasattr(custo, "valor") and hasattr(custo, "delta"):
        return custo
    raise TypeError("custo deve ser um nome ou uma classe com os métodos valor e delta.")
