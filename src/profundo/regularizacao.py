"""Regularização: penalidades L2 e L1, dropout, parada antecipada e aumento de dados.

Tudo aqui combate o sobreajuste (a rede decorar o treino em vez de aprender
a generalizar). As penalidades somam ao custo um termo que cresce com os
pesos; ``n`` é sempre o tamanho do conjunto de treino.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def _nao_negativo(valor, nome: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número, não {type(valor).__name__}.")
    if not np.isfinite(valor) or valor < 0:
        raise ValueError(f"{nome} deve ser um número finito e não negativo, não {valor}.")
    return float(valor)


def _tamanho_treino(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n (tamanho do treino) deve ser um inteiro positivo, não {n!r}.")
    return int(n)


class L2:
    """Decaimento dos pesos: C = C₀ + (λ/2n) Σ w². Cada passo encolhe w por (1 − ηλ/n)."""

    nome = "L2"

    def __init__(self, lmbda: float) -> None:
        self.lmbda = _nao_negativo(lmbda, "lmbda")

    def __repr__(self) -> str:
        return f"L2(lmbda={self.lmbda})"

    def penalidade(self, pesos: list[np.ndarray], n: int) -> float:
        """O termo (λ/2n) Σ w² somado ao custo (os vieses não entram)."""
        return self.lmbda / (2 * _tamanho_treino(n)) * sum(float(np.sum(w * w)) for w in pesos)

    def gradiente(self, w: np.ndarray, n: int) -> np.ndarray:
        """∂/∂w da penalidade: (λ/n) w."""
        return (self.lmbda / n) * w


class L1:
    """Penalidade L1: C = C₀ + (λ/n) Σ |w|. Empurra cada peso para zero por um valor fixo.

    (Uma das fontes imprime o termo como (λ/2m) Σ‖w‖; o fator ½ é da L2, não da L1.)
    """

    nome = "L1"

    def __init__(self, lmbda: float) -> None:
        self.lmbda = _nao_negativo(lmbda, "lmbda")

    def __repr__(self) -> str:
        return f"L1(lmbda={self.lmbda})"

    def penalidade(self, pesos: list[np.ndarray], n: int) -> float:
        """O termo (λ/n) Σ |w| somado ao custo."""
        return self.lmbda / _tamanho_treino(n) * sum(float(np.sum(np.abs(w))) for w in pesos)

    def gradiente(self, w: np.ndarray, n: int) -> np.ndarray:
        """∂/∂w da penalidade: (λ/n) sgn(w) (com sgn(0) = 0)."""
        return (self.lmbda / n) * np.sign(w)


def mascara_dropout(forma: tuple[int, ...], probabilidade: float,
                    rng: np.random.Generator) -> np.ndarray:
    """Máscara de dropout "invertido": zera cada neurônio com a ``probabilidade`` dada
    e multiplica os que ficam por 1/(1 − p), para que a média não mude.

    Assim, na avaliação (sem dropout) não é preciso reescalar nada.
    """
    p = _nao_negativo(probabilidade, "probabilidade")
    if p >= 1:
        raise ValueError(f"a probabilidade de dropout deve ser menor que 1, não {p}.")
    if p == 0:
        return np.ones(forma)
    return (rng.random(forma) >= p) / (1.0 - p)


class ParadaAntecipada:
    """Para o treino quando a métrica não melhora por ``paciencia`` épocas seguidas.

    ``maior_melhor=True`` para acurácias, ``False`` para custos.
    """

    def __init__(self, paciencia: int = 10, maior_melhor: bool = True) -> None:
        if isinstance(paciencia, bool) or not isinstance(paciencia, (int, np.integer)) or paciencia < 1:
            raise ValueError(f"paciencia deve ser um inteiro positivo, não {paciencia!r}.")
        self.paciencia = int(paciencia)
        self.maior_melhor = bool(maior_melhor)
        self.melhor: float | None = None
        self.melhor_epoca = 0
        self.epoca = 0

    def deve_parar(self, valor: float) -> bool:
        """Registra a métrica de mais uma época e diz se é hora de parar."""
        if not np.isfinite(valor):
            raise ValueError(f"a métrica da época não é finita: {valor}.")
        self.epoca += 1
        melhorou = (self.melhor is None or
                    (valor > self.melhor if self.maior_melhor else valor < self.melhor))
        if melhorou:
            self.melhor, self.melhor_epoca = float(valor), self.epoca
        return self.epoca - self.melhor_epoca >= self.paciencia


# ---------------------------------------------------------------------------
# Aumento de dados (imagens 28×28 guardadas como linhas de 784 valores)
# ---------------------------------------------------------------------------

def _imagens(x) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] != 784:
        raise ValueError(f"esperava imagens de forma (N, 784), não {x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError("as imagens contêm NaN ou infinito.")
    return x.reshape(-1, 28, 28)


def deslocar(x, dx: int, dy: int) -> np.ndarray:
    """Desloca as imagens ``dx`` pixels para a direita e ``dy`` para baixo (preenche com zero)."""
    for nome, v in (("dx", dx), ("dy", dy)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{nome} deve ser um inteiro, não {type(v).__name__}.")
        if abs(v) >= 28:
            raise ValueError(f"{nome} deve estar entre −27 e 27, não {v}.")
    imgs = _imagens(x)
    saida = np.zeros_like(imgs)
    origem_y = slice(max(0, -dy), 28 - max(0, dy))
    destino_y = slice(max(0, dy), 28 - max(0, -dy))
    origem_x = slice(max(0, -dx), 28 - max(0, dx))
    destino_x = slice(max(0, dx), 28 - max(0, -dx))
    saida[:, destino_y, destino_x] = imgs[:, origem_y, origem_x]
    return saida.reshape(len(imgs), 784)


def rotacionar(x, graus: float) -> np.ndarray:
    """Gira as imagens ``graus`` graus em torno do centro (interpolação bilinear)."""
    if isinstance(graus, bool) or not isinstance(graus, (int, float, np.integer, np.floating)):
        raise TypeError(f"graus deve ser um número, não {type(graus).__name__}.")
    imgs = _imagens(x)
    girada = ndimage.rotate(imgs, float(graus), axes=(2, 1), reshape=False, order=1,
                            mode="constant", cval=0.0)
    return np.clip(girada, imgs.min(), imgs.max()).reshape(len(imgs), 784).astype(imgs.dtype)


def aumentar(x, y, *, deslocamentos: tuple[tuple[int, int], ...] = ((1, 0), (-1, 0), (0, 1), (0, -1)),
             rotacoes: tuple[float, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Devolve os dados originais seguidos de cópias deslocadas e giradas (rótulos repetidos)."""
    y = np.asarray(y)
    imgs = _imagens(x).reshape(-1, 784)
    if y.shape != (len(imgs),):
        raise ValueError(f"esperava {len(imgs)} rótulos, não forma {y.shape}.")
    partes_x = [imgs] + [deslocar(imgs, dx, dy) for dx, dy in deslocamentos]
    partes_x += [rotacionar(imgs, g) for g in rotacoes]
    return np.concatenate(partes_x), np.tile(y, len(partes_x))
