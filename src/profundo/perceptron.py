"""O perceptron de Rosenblatt: pesos, viés, saída binária e a regra de aprendizado.

Um perceptron com pesos ``w`` e viés ``b`` responde 1 quando ``w·x + b > 0``
e 0 caso contrário. A regra de Rosenblatt corrige os pesos só quando erra:
``w ← w + η (y − ŷ) x`` e ``b ← b + η (y − ŷ)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

Array = np.ndarray

# Tabelas verdade das portas lógicas de duas entradas (e do NOT, de uma).
_ENTRADAS_2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_PORTAS = {
    "AND": (_ENTRADAS_2, np.array([0, 0, 0, 1])),
    "OR": (_ENTRADAS_2, np.array([0, 1, 1, 1])),
    "NAND": (_ENTRADAS_2, np.array([1, 1, 1, 0])),
    "NOR": (_ENTRADAS_2, np.array([1, 0, 0, 0])),
    "XOR": (_ENTRADAS_2, np.array([0, 1, 1, 0])),
    "NOT": (np.array([[0.0], [1.0]]), np.array([1, 0])),
}
PORTAS = tuple(_PORTAS)
"""Nomes das portas lógicas disponíveis em ``tabela_verdade``."""


def tabela_verdade(porta: str) -> tuple[Array, Array]:
    """Entradas ``X`` (uma linha por caso) e saídas ``y`` da porta lógica pedida."""
    if not isinstance(porta, str):
        raise TypeError(f"o nome da porta deve ser texto, não {type(porta).__name__}.")
    chave = porta.strip().upper()
    if chave not in _PORTAS:
        raise ValueError(f"porta desconhecida: {porta!r}. Opções: {', '.join(PORTAS)}.")
    X, y = _PORTAS[chave]
    return X.copy(), y.copy()


def _matriz(X, nome: str = "X") -> Array:
    if isinstance(X, (str, bytes)) or X is None:
        raise TypeError(f"{nome} deve ser numérico, não {type(X).__name__}.")
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve conter apenas números.") from None
    if np.isnan(X).any():
        raise ValueError(f"{nome} contém NaN.")
    return X


def _rotulos(y, n: int) -> Array:
    y = _matriz(y, "y")
    if y.ndim != 1 or len(y) != n:
        raise ValueError(f"y deve ser um vetor com {n} rótulos (um por linha de X), não forma {y.shape}.")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("os rótulos do perceptron devem ser 0 ou 1.")
    return y


@dataclass
class Perceptron:
    """Um perceptron: ``saida(x) = 1 se pesos·x + vies > 0, senão 0``."""

    pesos: Array
    vies: float = 0.0
    historico_erros: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.pesos = _matriz(self.pesos, "pesos").astype(float).ravel()
        if self.pesos.size == 0:
            raise ValueError("o perceptron precisa de pelo menos um peso.")
        if isinstance(self.vies, bool) or not np.isscalar(self.vies):
            raise TypeError("o viés deve ser um número.")
        self.vies = float(self.vies)
        if not np.isfinite(self.vies):
            raise ValueError("o viés deve ser finito.")

    @classmethod
    def com_limiar(cls, pesos, limiar: float) -> "Perceptron":
        """Perceptron na forma original: dispara quando ``pesos·x > limiar`` (viés = −limiar)."""
        return cls(pesos, -float(limiar))

    @classmethod
    def aleatorio(cls, n_entradas: int, semente: int | None = None) -> "Perceptron":
        """Pesos e viés pequenos sorteados de uma normal (desvio 0,1)."""
        if isinstance(n_entradas, bool) or not isinstance(n_entradas, (int, np.integer)):
            raise TypeError("n_entradas deve ser um inteiro.")
        if n_entradas < 1:
            raise ValueError(f"n_entradas deve ser pelo menos 1, não {n_entradas}.")
        rng = np.random.default_rng(semente)
        return cls(rng.normal(0.0, 0.1, n_entradas), float(rng.normal(0.0, 0.1)))

    @property
    def n_entradas(self) -> int:
        return self.pesos.size

    def _entradas(self, X) -> Array:
        X = _matriz(X)
        if X.ndim not in (1, 2) or X.shape[-1] != self.n_entradas:
            raise ValueError(f"esperava {self.n_entradas} entrada(s) por exemplo "
                             f"(forma (n,) ou (m, n) com n = {self.n_entradas}), não {X.shape}.")
        return X

    def soma_ponderada(self, X) -> Array:
        """``w·x + b`` para um exemplo (forma ``(n,)``) ou vários (``(m, n)``)."""
        return self._entradas(X) @ self.pesos + self.vies

    def saida(self, X) -> Array:
        """0 ou 1 (inteiros) para cada exemplo."""
        return (self.soma_ponderada(X) > 0).astype(int)

    __call__ = saida

    def treinar(self, X, y, taxa_aprendizado: float = 1.0, epocas: int = 100,
                embaralhar: bool = True, semente: int | None = 0) -> list[int]:
        """Regra de Rosenblatt, exemplo a exemplo, até zerar os erros ou esgotar as épocas.

        Devolve (e guarda em ``historico_erros``) o número de erros em cada época.
        Se os dados forem linearmente separáveis, o teorema de convergência
        garante que os erros chegam a zero em um número finito de passos.
        """
        X = self._entradas(X)
        if X.ndim != 2:
            raise ValueError("X deve ter uma linha por exemplo (forma (m, n)).")
        y = _rotulos(y, len(X))
        if isinstance(taxa_aprendizado, bool) or not np.isscalar(taxa_aprendizado):
            raise TypeError("taxa_aprendizado deve ser um número.")
        if not np.isfinite(taxa_aprendizado) or taxa_aprendizado <= 0:
            raise ValueError(f"taxa_aprendizado deve ser positiva, não {taxa_aprendizado}.")
        if isinstance(epocas, bool) or not isinstance(epocas, (int, np.integer)) or epocas < 1:
            raise ValueError(f"epocas deve ser um inteiro positivo, não {epocas!r}.")
        rng = np.random.default_rng(semente)
        self.historico_erros = []
        for _ in range(epocas):
            ordem = rng.permutation(len(X)) if embaralhar else np.arange(len(X))
            erros = 0
            for i in ordem:
                erro = y[i] - int(X[i] @ self.pesos + self.vies > 0)
                if erro != 0:
                    self.pesos += taxa_aprendizado * erro * X[i]
                    self.vies += taxa_aprendizado * erro
                    erros += 1
            self.historico_erros.append(erros)
            if erros == 0:
                break
        return self.historico_erros

    @property
    def convergiu(self) -> bool:
        """``True`` se o último treino terminou com uma época sem erros."""
        return bool(self.historico_erros) and self.historico_erros[-1] == 0

    def acuracia(self, X, y) -> float:
        """Fração de exemplos classificados corretamente."""
        X = self._entradas(X)
        y = _rotulos(y, len(np.atleast_2d(X)))
        return float(np.mean(self.saida(X) == y))


def linearmente_separavel(X, y) -> bool:
    """Existe um hiperplano ``w·x + b = 0`` com as classes 0 e 1 em lados opostos?

    Resolve um problema de programação linear: procura ``w, b`` tais que
    ``(2y−1)(w·x + b) ≥ 1`` para todo exemplo. É exato, ao contrário de
    "treinar e ver se converge".
    """
    X = _matriz(X)
    if X.ndim != 2:
        raise ValueError(f"X deve ter forma (m, n), não {X.shape}.")
    y = _rotulos(y, len(X))
    sinais = 2 * y - 1
    # variáveis: (w_1..w_n, b); restrição −s_i (x_i·w + b) ≤ −1
    A = -sinais[:, None] * np.hstack([X, np.ones((len(X), 1))])
    resultado = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)),
                        bounds=[(None, None)] * (X.shape[1] + 1), method="highs")
    return bool(resultado.status == 0)
