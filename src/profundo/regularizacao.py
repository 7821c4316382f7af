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


# ---------------------------------------------------------------------------
# Capítulo 10: acurácia contra o tamanho do conjunto de treino
# ---------------------------------------------------------------------------

def epocas_proporcionais(n: int, *, epocas_base: int = 30, n_base: int = 50_000,
                         passos_max: int | None = None) -> int:
    """Número de épocas que mantém fixo o total de exemplos vistos: ⌈epocas_base · n_base / n⌉.

    É a regra da comparação por tamanho de treino: com menos dados, mais
    épocas, para que toda rede receba o mesmo número de passos de SGD.
    ``passos_max`` (opcional) limita o total de exemplos vistos ``n · épocas``,
    para caber num orçamento de tempo; o resultado é sempre pelo menos 1.
    """
    for nome, valor in (("n", n), ("epocas_base", epocas_base), ("n_base", n_base)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
            raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
        if valor < 1:
            raise ValueError(f"{nome} deve ser um inteiro positivo, não {valor}.")
    total = int(epocas_base) * int(n_base)
    if passos_max is not None:
        if isinstance(passos_max, bool) or not isinstance(passos_max, (int, np.integer)):
            raise TypeError(f"passos_max deve ser um inteiro, não {type(passos_max).__name__}.")
        if passos_max < 1:
            raise ValueError(f"passos_max deve ser um inteiro positivo, não {passos_max}.")
        total = min(total, int(passos_max))
    return max(1, -(-total // int(n)))


def acuracia_por_tamanho(avaliar, x, y, tamanhos, *, semente: int = 0) -> list[float]:
    """Acurácia de um método para cada tamanho do conjunto de treino.

    Sorteia uma única ordem dos exemplos e usa os ``n`` primeiros para cada
    ``n`` de ``tamanhos`` (crescentes), de modo que cada conjunto contém o
    anterior. ``avaliar(x_sub, y_sub)`` treina o método nesses exemplos e
    devolve a acurácia (entre 0 e 1) medida em dados de teste que ele conhece.
    """
    if not callable(avaliar):
        raise TypeError("avaliar deve ser uma função (x, y) → acurácia.")
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or y.ndim != 1 or len(x) != len(y):
        raise ValueError(f"esperava x de forma (N, d) e y de forma (N,), não {x.shape} e {y.shape}.")
    tamanhos = list(tamanhos)
    if not tamanhos:
        raise ValueError("a lista de tamanhos está vazia.")
    for n in tamanhos:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(f"cada tamanho deve ser um inteiro, não {type(n).__name__}.")
        if not 1 <= n <= len(x):
            raise ValueError(f"cada tamanho deve estar entre 1 e {len(x)}, não {n}.")
    if any(b <= a for a, b in zip(tamanhos, tamanhos[1:])):
        raise ValueError(f"os tamanhos devem ser estritamente crescentes, não {tamanhos}.")
    ordem = np.random.default_rng(semente).permutation(len(x))
    acuracias = []
    for n in tamanhos:
        escolhidos = ordem[:int(n)]
        acuracia = float(avaliar(x[escolhidos], y[escolhidos]))
        if not 0.0 <= acuracia <= 1.0:
            raise ValueError(f"avaliar devolveu {acuracia} para n = {n}; esperava uma fração em [0, 1].")
        acuracias.append(acuracia)
    return acuracias


# ---------------------------------------------------------------------------
# Capítulo 9: ajuste polinomial por mínimos quadrados, com penalidade L2 opcional
# ---------------------------------------------------------------------------

def ajuste_polinomial(x, y, grau: int, lmbda: float = 0.0) -> np.ndarray:
    """Coeficientes do polinômio de grau ``grau`` que minimiza Σ (p(xᵢ) − yᵢ)² + λ Σ_{k≥1} c_k².

    Com ``lmbda = 0`` é o ajuste de mínimos quadrados comum; com ``lmbda > 0``
    os coeficientes c₁, …, c_grau (não o termo constante c₀, assim como a L2 da
    rede não penaliza os vieses) pagam uma penalidade quadrática, que os
    encolhe. Os coeficientes saem do grau mais alto para o mais baixo, na ordem
    que ``numpy.polyval`` espera: ``np.polyval(c, x)`` avalia o polinômio.
    Com ``grau + 1`` pontos distintos e ``lmbda = 0``, o polinômio passa
    exatamente por todos eles.
    """
    if isinstance(grau, bool) or not isinstance(grau, (int, np.integer)):
        raise TypeError(f"grau deve ser um inteiro, não {type(grau).__name__}.")
    if grau < 0:
        raise ValueError(f"grau deve ser um inteiro não negativo, não {grau}.")
    lmbda = _nao_negativo(lmbda, "lmbda")
    for nome, v in (("x", x), ("y", y)):
        if isinstance(v, (str, bytes)) or v is None:
            raise TypeError(f"{nome} deve ser um vetor de números, não {type(v).__name__}.")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.shape != x.shape:
        raise ValueError(f"x e y devem ser vetores do mesmo tamanho, não formas {x.shape} e {y.shape}.")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("x ou y contêm NaN ou infinito.")
    if lmbda == 0 and len(np.unique(x)) < grau + 1:
        raise ValueError(f"um polinômio de grau {grau} precisa de pelo menos {grau + 1} valores "
                         f"distintos de x sem penalidade; há {len(np.unique(x))}.")
    V = np.vander(x, grau + 1)                     # colunas x^grau, ..., x, 1
    if lmbda > 0:
        # mínimos quadrados "aumentados": as linhas √λ·e_k somam λ c_k² ao erro
        penal = np.sqrt(lmbda) * np.eye(grau + 1)[:grau]
        V = np.vstack([V, penal])
        y = np.concatenate([y, np.zeros(grau)])
    coeficientes, *_ = np.linalg.lstsq(V, y, rcond=None)
    return coeficientes


def erro_quadratico_medio(coeficientes, x, y) -> float:
    """Erro quadrático médio (1/n) Σ (p(xᵢ) − yᵢ)² do polinômio ``coeficientes`` (ordem de ``polyval``)."""
    for nome, v in (("coeficientes", coeficientes), ("x", x), ("y", y)):
        if isinstance(v, (str, bytes)) or v is None:
            raise TypeError(f"{nome} deve ser um vetor de números, não {type(v).__name__}.")
    c, x, y = (np.asarray(v, dtype=float) for v in (coeficientes, x, y))
    if c.ndim != 1 or c.size == 0:
        raise ValueError(f"coeficientes deve ser um vetor não vazio, não forma {c.shape}.")
    if x.ndim != 1 or y.shape != x.shape or x.size == 0:
        raise ValueError(f"x e y devem ser vetores não vazios do mesmo tamanho, não formas {x.shape} e {y.shape}.")
    return float(np.mean((np.polyval(c, x) - y) ** 2))
