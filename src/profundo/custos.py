"""Funções de custo de ``profundo.rede``.

Um custo mede, para um lote de exemplos, quão longe as saídas ``a`` da rede
estão das saídas desejadas ``y`` (ambas de forma ``(m, n_saida)``, um exemplo
por linha). O valor é a **média** sobre os ``m`` exemplos. Cada custo sabe
também calcular o erro da última camada, ``delta``, o ponto de partida da
retropropagação (equação BP1), e diz qual ativação a camada de saída usa
(``saida``: ``"sigmoide"`` ou ``"softmax"``).
"""

from __future__ import annotations

import numpy as np


def _log_seguro(x: np.ndarray) -> np.ndarray:
    """ln(x) com x limitado por baixo ao menor positivo representável (ln 0 não vira −∞)."""
    return np.log(np.maximum(x, np.finfo(np.result_type(x, np.float32)).tiny))


class Quadratico:
    """Custo quadrático (erro quadrático médio): C = (1/m) Σ_x ½‖y(x) − a(x)‖².

    Com saída sigmoide, ``delta = (a − y) ⊙ σ'(z)`` — o fator σ'(z) é o que
    deixa o aprendizado lento quando o neurônio de saída satura.
    """

    nome = "quadratico"
    saida = "sigmoide"

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


class EntropiaCruzada:
    """Entropia cruzada: C = −(1/m) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)].

    Com saída sigmoide, o σ'(z) some da conta e ``delta = a − y``: quanto
    maior o erro, mais rápido o neurônio aprende.
    """

    nome = "entropia_cruzada"
    saida = "sigmoide"

    @staticmethod
    def valor(a: np.ndarray, y: np.ndarray) -> float:
        """Custo médio do lote (0·ln 0 conta como 0)."""
        return float(-np.sum(y * _log_seguro(a) + (1.0 - y) * _log_seguro(1.0 - a)) / len(a))

    @staticmethod
    def delta(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """δᴸ = a − y."""
        return a - y


class LogVerossimilhanca:
    """Log-verossimilhança negativa com saída softmax: C = −(1/m) Σ_x ln a_{y(x)}.

    É a entropia cruzada entre o rótulo one-hot e a distribuição da softmax.
    Também aqui ``delta = a − y``.
    """

    nome = "log_verossimilhanca"
    saida = "softmax"

    @staticmethod
    def valor(a: np.ndarray, y: np.ndarray) -> float:
        """Custo médio do lote."""
        return float(-np.sum(y * _log_seguro(a)) / len(a))

    @staticmethod
    def delta(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """δᴸ = a − y."""
        return a - y


CUSTOS = {c.nome: c for c in (Quadratico, EntropiaCruzada, LogVerossimilhanca)}
"""Custos disponíveis pelo nome."""


def entropia_cruzada(p, q) -> float:
    """H(p, q) = −Σ_j p_j ln q_j entre duas distribuições de probabilidade (vetores).

    Ex.: ``entropia_cruzada([0, 1, 0], [0.228, 0.619, 0.153]) ≈ 0,479``.
    """
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError(f"p e q devem ser vetores de mesmo tamanho, não {p.shape} e {q.shape}.")
    if np.isnan(p).any() or np.isnan(q).any():
        raise ValueError("p e q não podem conter NaN.")
    if (p < 0).any() or (q < 0).any():
        raise ValueError("probabilidades não podem ser negativas.")
    for nome, v in (("p", p), ("q", q)):
        if not np.isclose(v.sum(), 1.0, atol=1e-6):
            soma = f"{v.sum():.4f}".replace(".", ",")
            raise ValueError(f"{nome} deve somar 1 (soma {soma}).")
    return float(-np.sum(p * _log_seguro(q)))


def obter(custo) -> type:
    """Aceita o nome (``'quadratico'``, ``'entropia_cruzada'``, ``'log_verossimilhanca'``) ou a classe."""
    if isinstance(custo, str):
        chave = custo.strip().lower().replace("á", "a").replace("-", "_").replace(" ", "_")
        if chave not in CUSTOS:
            raise ValueError(f"custo desconhecido: {custo!r}. Opções: {', '.join(CUSTOS)}.")
        return CUSTOS[chave]
    if hasattr(custo, "valor") and hasattr(custo, "delta") and getattr(custo, "saida", None) in (
            "sigmoide", "softmax"):
        return custo
    raise TypeError("custo deve ser um nome ou uma classe com valor, delta e saida "
                    "('sigmoide' ou 'softmax').")


# ---------------------------------------------------------------------------
# Capítulo 8: o neurônio único que aprende devagar
# ---------------------------------------------------------------------------

def treinar_neuronio(w: float, b: float, taxa_aprendizado: float, epocas: int,
                     custo="quadratico", x: float = 1.0, y: float = 0.0) -> dict[str, np.ndarray]:
    """Descida do gradiente num único neurônio sigmoide com uma entrada e um exemplo.

    A cada época: z = w·x + b, a = σ(z), δ = ∂C/∂z (dado por ``custo.delta``:
    (a − y)·σ'(z) no custo quadrático, a − y na entropia cruzada) e o passo
    w ← w − η·δ·x, b ← b − η·δ. As derivadas são as analíticas, sem *autograd*.

    Devolve um dicionário de arrays de tamanho ``epocas + 1`` (a posição 0 é o
    estado inicial): ``"epoca"``, ``"w"``, ``"b"``, ``"saida"`` (a) e ``"custo"``
    (C do único exemplo).

    Ex.: ``treinar_neuronio(2.0, 2.0, 0.15, 300, "quadratico")["saida"][0] ≈ 0,98``.
    """
    import numbers

    from .ativacoes import sigmoide

    for nome, valor in (("w", w), ("b", b), ("taxa_aprendizado", taxa_aprendizado),
                        ("x", x), ("y", y)):
        if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
            raise TypeError(f"{nome} deve ser um número real, não {type(valor).__name__}.")
        if not np.isfinite(valor):
            raise ValueError(f"{nome} deve ser um número finito, não {valor}.")
    if taxa_aprendizado <= 0:
        raise ValueError(f"taxa_aprendizado deve ser positiva, não {taxa_aprendizado}.")
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"a saída desejada y deve estar em [0, 1], não {y}.")
    if isinstance(epocas, bool) or not isinstance(epocas, numbers.Integral):
        raise TypeError(f"epocas deve ser um número inteiro, não {type(epocas).__name__}.")
    if epocas < 0:
        raise ValueError(f"epocas não pode ser negativo, não {epocas}.")
    classe = obter(custo)
    if classe.saida != "sigmoide":
        raise ValueError(f"o custo {getattr(classe, 'nome', classe)!r} pede saída softmax; "
                         "um neurônio sozinho precisa de um custo com saída sigmoide.")

    n = int(epocas) + 1
    pesos, vieses, saidas, valores = (np.empty(n) for _ in range(4))
    w, b, x, y = float(w), float(b), float(x), float(y)
    alvo = np.array([[y]])
    for epoca in range(n):
        z = np.array([[w * x + b]])
        a = sigmoide(z)
        pesos[epoca], vieses[epoca], saidas[epoca] = w, b, a[0, 0]
        valores[epoca] = classe.valor(a, alvo)
        if epoca < n - 1:
            delta = float(classe.delta(z, a, alvo)[0, 0])   # ∂C/∂z
            w -= taxa_aprendizado * delta * x                 # ∂C/∂w = δ·x
            b -= taxa_aprendizado * delta                     # ∂C/∂b = δ
    return {"epoca": np.arange(n), "w": pesos, "b": vieses, "saida": saidas, "custo": valores}
