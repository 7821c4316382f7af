"""Descida do gradiente: vales de exemplo, momento e regressão linear.

A descida do gradiente procura o mínimo de uma função dando passos contra o
gradiente: ``x ← x − η ∇f(x)``. Com momento ``μ``, o passo acumula uma
"velocidade": ``v ← μ v − η ∇f(x)`` e ``x ← x + v``.

O módulo traz:

* ``descida_gradiente``: a trajetória da descida para qualquer gradiente;
* ``VALES``: superfícies de duas variáveis com gradiente analítico, para ver a
  descida em curvas de nível (usadas pelo widget ``widgets.vale_gradiente``),
  e ``desenhar_trajetorias`` para comparar várias descidas num mesmo vale;
* ``vale_regressao``: o custo de uma regressão linear simples como um vale;
* ``minimos_quadrados``: a solução fechada da regressão linear;
* ``regressao_linear_sgd``: a mesma regressão por descida do gradiente em
  lote, estocástica (lote 1) ou em mini-lotes, com o histórico do custo.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real
from typing import Callable

import numpy as np

Array = np.ndarray

# ---------------------------------------------------------------------------
# Validação de argumentos
# ---------------------------------------------------------------------------


def _real(valor, nome: str) -> float:
    """Um número real finito (``bool`` não conta como número)."""
    if isinstance(valor, bool) or not isinstance(valor, (Real, np.floating, np.integer)):
        raise TypeError(f"{nome} deve ser um número real, não {type(valor).__name__}.")
    valor = float(valor)
    if not np.isfinite(valor):
        raise ValueError(f"{nome} deve ser um número finito, não {valor}.")
    return valor


def _positivo(valor, nome: str) -> float:
    valor = _real(valor, nome)
    if valor <= 0:
        raise ValueError(f"{nome} deve ser positivo, não {valor}.")
    return valor


def _inteiro(valor, nome: str, minimo: int) -> int:
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um número inteiro, não {type(valor).__name__}.")
    if valor < minimo:
        raise ValueError(f"{nome} deve ser pelo menos {minimo}, não {valor}.")
    return int(valor)


def _momento(valor) -> float:
    valor = _real(valor, "momento")
    if not 0.0 <= valor < 1.0:
        raise ValueError(f"o momento deve estar em [0, 1), não {valor}.")
    return valor


def _array(valor, nome: str) -> Array:
    """Converte para ``float`` e recusa textos, valores não numéricos e NaN/infinito."""
    if valor is None or isinstance(valor, (str, bytes)):
        raise TypeError(f"{nome} deve ser numérico, não {type(valor).__name__}.")
    try:
        valor = np.asarray(valor, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve conter apenas números.") from None
    if not np.isfinite(valor).all():
        raise ValueError(f"{nome} contém NaN ou infinito.")
    return valor


def _dados(X, y) -> tuple[Array, Array]:
    """``X`` como matriz ``(n, d)`` (um vetor vira uma coluna) e ``y`` como vetor ``(n,)``."""
    X = _array(X, "X")
    y = _array(y, "y")
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(f"X deve ter forma (n,) ou (n, d), não {X.shape}.")
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"y deve ser um vetor com {len(X)} valores (um por linha de X), "
                         f"não forma {y.shape}.")
    if len(X) == 0:
        raise ValueError("não há exemplos: X e y estão vazios.")
    return X, y


def _com_uns(X: Array) -> Array:
    """Acrescenta à esquerda a coluna de uns que multiplica o intercepto."""
    return np.hstack([np.ones((len(X), 1)), X])


# ---------------------------------------------------------------------------
# A descida do gradiente
# ---------------------------------------------------------------------------


def descida_gradiente(gradiente: Callable[[Array], Array], inicio, taxa_aprendizado: float,
                      passos: int, momento: float = 0.0) -> Array:
    """Trajetória da descida do gradiente a partir de ``inicio``.

    Cada passo calcula ``v ← μ v − η ∇f(x)`` e ``x ← x + v`` (com ``v`` começando
    em zero); com ``momento=0`` é a descida simples ``x ← x − η ∇f(x)``.
    Devolve uma matriz ``(passos + 1, d)`` cuja primeira linha é o ponto de
    partida. Se a descida divergir, as últimas linhas podem ficar infinitas ou NaN.
    """
    if not callable(gradiente):
        raise TypeError("gradiente deve ser uma função que recebe um ponto e devolve um vetor.")
    x = _array(inicio, "inicio")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"inicio deve ser um vetor não vazio, não forma {x.shape}.")
    eta = _positivo(taxa_aprendizado, "a taxa de aprendizado")
    passos = _inteiro(passos, "passos", minimo=0)
    mu = _momento(momento)
    trajetoria = np.empty((passos + 1, x.size))
    trajetoria[0] = x
    velocidade = np.zeros_like(x)
    with np.errstate(over="ignore", invalid="ignore"):  # uma descida divergente é resultado, não erro
        for k in range(1, passos + 1):
            g = np.asarray(gradiente(x), dtype=float)
            if g.shape != x.shape:
                raise ValueError(f"o gradiente devolveu forma {g.shape}; esperava {x.shape}.")
            velocidade = mu * velocidade - eta * g
            x = x + velocidade
            trajetoria[k] = x
    return trajetoria


# ---------------------------------------------------------------------------
# Vales de exemplo (funções de duas variáveis)
# ---------------------------------------------------------------------------


class Vale:
    """Uma superfície ``f(x, y)`` com gradiente analítico e mínimos conhecidos.

    ``expressao(x, y)`` e ``derivadas(x, y)`` usam só operações aritméticas,
    por isso funcionam com arrays NumPy e também com tensores do PyTorch (é
    assim que os testes conferem o gradiente contra o autograd).
    """

    def __init__(self, nome: str, descricao: str, expressao: Callable, derivadas: Callable,
                 minimos: tuple[tuple[float, float], ...], formula: str) -> None:
        self.nome = nome
        self.descricao = descricao
        self.expressao = expressao
        self.derivadas = derivadas
        self.minimos = minimos
        self.formula = formula

    @staticmethod
    def _ponto(ponto) -> Array:
        p = _array(ponto, "o ponto")
        if p.ndim == 0 or p.shape[-1] != 2:
            raise ValueError(f"o ponto deve ter 2 coordenadas na última dimensão, não forma {p.shape}.")
        return p

    def funcao(self, ponto) -> Array | float:
        """Valor de ``f`` num ponto ``(2,)`` ou numa grade ``(..., 2)``."""
        p = self._ponto(ponto)
        valor = self.expressao(p[..., 0], p[..., 1])
        return float(valor) if p.ndim == 1 else valor

    def gradiente(self, ponto) -> Array:
        """Gradiente ``(∂f/∂x, ∂f/∂y)`` num ponto ``(2,)`` ou numa grade ``(..., 2)``."""
        p = self._ponto(ponto)
        dx, dy = self.derivadas(p[..., 0], p[..., 1])
        return np.stack(np.broadcast_arrays(dx, dy), axis=-1).astype(float)

    def __call__(self, ponto) -> Array | float:
        return self.funcao(ponto)

    def __repr__(self) -> str:
        return f"Vale({self.nome!r}: {self.formula})"


# f(x, y) = (x² − 1)²/4 + x/10 + y²: dois mínimos em x³ − x + 0,1 = 0 (raízes das pontas).
_RAIZES = np.sort(np.roots([1.0, 0.0, -1.0, 0.1]).real)

VALES: dict[str, Vale] = {
    "tigela": Vale(
        "tigela", "tigela redonda: o gradiente aponta sempre para o centro",
        lambda x, y: x**2 + y**2,
        lambda x, y: (2 * x, 2 * y),
        ((0.0, 0.0),), "f(x, y) = x² + y²"),
    "alongada": Vale(
        "alongada", "tigela alongada (mal condicionada): íngreme em y, quase plana em x",
        lambda x, y: 0.5 * x**2 + 5 * y**2,
        lambda x, y: (x, 10 * y),
        ((0.0, 0.0),), "f(x, y) = x²/2 + 5y²"),
    "dois_minimos": Vale(
        "dois_minimos", "dois vales: um mínimo global (x < 0) e um local (x > 0)",
        lambda x, y: (x**2 - 1) ** 2 / 4 + x / 10 + y**2,
        lambda x, y: (x**3 - x + 0.1, 2 * y),
        ((float(_RAIZES[0]), 0.0), (float(_RAIZES[2]), 0.0)),
        "f(x, y) = (x² − 1)²/4 + x/10 + y²"),
}
"""Os vales de exemplo, pelo nome."""


def obter_vale(vale: str | Vale) -> Vale:
    """Aceita o nome de um vale de ``VALES`` ou o próprio ``Vale``."""
    if isinstance(vale, Vale):
        return vale
    if not isinstance(vale, str):
        raise TypeError(f"o vale deve ser um nome ou um Vale, não {type(vale).__name__}.")
    chave = vale.strip().lower().replace(" ", "_")
    if chave not in VALES:
        raise ValueError(f"vale desconhecido: {vale!r}. Opções: {', '.join(VALES)}.")
    return VALES[chave]


def desenhar_trajetorias(vale: str | Vale, trajetorias: dict[str, Array], ax=None,
                         janela: tuple[float, float, float, float] = (-2.5, 2.5, -2.0, 2.0),
                         rotulos_eixos: tuple[str, str] = ("parâmetro $x$", "parâmetro $y$")):
    """Curvas de nível de ``vale`` e várias trajetórias ``{rótulo: (passos + 1, 2)}``.

    Cada trajetória ganha cor, marcador e estilo de linha próprios (legíveis
    em tons de cinza). ``janela = (xmin, xmax, ymin, ymax)``. Devolve os eixos.
    """
    from . import graficos

    v = obter_vale(vale)
    if not trajetorias:
        raise ValueError("nenhuma trajetória para desenhar.")
    xmin, xmax, ymin, ymax = (_real(c, "janela") for c in janela)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError(f"janela inválida {janela!r}: use (xmin, xmax, ymin, ymax).")
    if ax is None:
        _, ax = graficos.figura(figsize=(5.6, 4.4))
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, 241), np.linspace(ymin, ymax, 201))
    alturas = v.expressao(gx, gy)
    niveis = alturas.min() + (alturas.max() - alturas.min()) * np.linspace(0, 1, 16)[1:] ** 2
    ax.contour(gx, gy, alturas, levels=niveis, colors="0.6", linewidths=0.6)
    marcadores = ("o", "s", "^", "D", "v")
    for i, (rotulo, t) in enumerate(trajetorias.items()):
        t = np.asarray(t, dtype=float)
        if t.ndim != 2 or t.shape[1] != 2:
            raise ValueError(f"a trajetória {rotulo!r} deve ter forma (passos + 1, 2), não {t.shape}.")
        ax.plot(t[:, 0], t[:, 1], graficos.ESTILOS_LINHA[i % 4], marker=marcadores[i % 5],
                color=graficos.CORES[i % len(graficos.CORES)], markersize=3.5, lw=1.3, label=rotulo)
    minimos = np.array(v.minimos)
    ax.scatter(minimos[:, 0], minimos[:, 1], marker="*", s=200, color="white", edgecolor="black",
               zorder=5, label="mínimo")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel(rotulos_eixos[0])
    ax.set_ylabel(rotulos_eixos[1])
    ax.grid(False)
    graficos.virgula(ax)
    return ax


# ---------------------------------------------------------------------------
# Regressão linear: solução fechada e descida do gradiente
# ---------------------------------------------------------------------------


def minimos_quadrados(X, y) -> Array:
    """Coeficientes de mínimos quadrados ``(b, w₁, …, w_d)``, com o intercepto primeiro.

    Resolve as equações normais ``(AᵀA) β = Aᵀy``, em que ``A`` é ``X`` com uma
    coluna de uns à esquerda (por ``np.linalg.lstsq``, numericamente estável).
    """
    X, y = _dados(X, y)
    A = _com_uns(X)
    beta, _, posto, _ = np.linalg.lstsq(A, y, rcond=None)
    if posto < A.shape[1]:
        raise ValueError("as colunas de X (com a coluna de uns) são linearmente dependentes: "
                         "a solução de mínimos quadrados não é única.")
    return beta


def custo_quadratico(X, y, pesos) -> float:
    """Custo quadrático médio ``C = (1/2n) Σ (y − b − X·w)²`` para ``pesos = (b, w₁, …)``."""
    X, y = _dados(X, y)
    pesos = _array(pesos, "pesos")
    if pesos.shape != (X.shape[1] + 1,):
        raise ValueError(f"pesos deve ter forma ({X.shape[1] + 1},): o intercepto e um peso "
                         f"por coluna de X; recebi {pesos.shape}.")
    residuo = y - _com_uns(X) @ pesos
    return float(residuo @ residuo / (2 * len(y)))


@dataclass(frozen=True)
class Historico:
    """O que aconteceu numa regressão por descida do gradiente.

    Cada posição corresponde a um momento do treino: a primeira é o ponto de
    partida (pesos zero) e as demais vêm depois de cada atualização.
    """

    exemplos_vistos: Array
    """Quantos exemplos já tinham sido usados em gradientes até ali."""
    custo: Array
    """Custo quadrático em todo o conjunto de dados."""
    trajetoria: Array
    """Os pesos ``(b, w₁, …)``, um vetor por linha."""
    custo_epoca: Array
    """Custo no fim de cada época (posição 0: antes de treinar)."""

    @property
    def atualizacoes(self) -> Array:
        """Número de atualizações dos pesos até cada posição (0, 1, 2, …)."""
        return np.arange(len(self.custo))


def regressao_linear_sgd(X, y, tamanho_lote: int, taxa_aprendizado: float, epocas: int,
                         semente: int = 0) -> tuple[Array, Historico]:
    """Ajusta ``y ≈ b + X·w`` por descida do gradiente em mini-lotes.

    Em cada época os exemplos são embaralhados e percorridos em lotes de
    ``tamanho_lote`` (o último pode ser menor). Para cada lote, os pesos dão
    um passo contra o gradiente do custo médio do lote. ``tamanho_lote = n``
    é a descida em lote (batch); ``tamanho_lote = 1`` é a estocástica.
    Os pesos começam em zero. Devolve os pesos finais ``(b, w₁, …)`` e o
    ``Historico`` do custo medido em todo o conjunto após cada atualização.
    """
    X, y = _dados(X, y)
    n = len(y)
    tamanho_lote = _inteiro(tamanho_lote, "tamanho_lote", minimo=1)
    if tamanho_lote > n:
        raise ValueError(f"tamanho_lote ({tamanho_lote}) não pode passar do número de exemplos ({n}).")
    eta = _positivo(taxa_aprendizado, "a taxa de aprendizado")
    epocas = _inteiro(epocas, "epocas", minimo=1)
    semente = _inteiro(semente, "semente", minimo=0)

    rng = np.random.default_rng(semente)
    A = _com_uns(X)
    pesos = np.zeros(A.shape[1])
    lotes_por_epoca = -(-n // tamanho_lote)
    total = epocas * lotes_por_epoca + 1
    trajetoria = np.empty((total, len(pesos)))
    vistos = np.zeros(total, dtype=int)
    trajetoria[0] = pesos
    k = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epocas):
            ordem = rng.permutation(n)
            for inicio in range(0, n, tamanho_lote):
                lote = ordem[inicio:inicio + tamanho_lote]
                residuo = A[lote] @ pesos - y[lote]
                pesos = pesos - eta * (A[lote].T @ residuo) / len(lote)
                k += 1
                trajetoria[k] = pesos
                vistos[k] = vistos[k - 1] + len(lote)
        # ‖Aβ − y‖² = βᵀ(AᵀA)β − 2βᵀ(Aᵀy) + yᵀy: o custo de toda a trajetória de uma vez.
        G, h = A.T @ A, A.T @ y
        custo = (np.einsum("ij,jk,ik->i", trajetoria, G, trajetoria)
                 - 2 * trajetoria @ h + y @ y) / (2 * n)
    historico = Historico(exemplos_vistos=vistos, custo=custo, trajetoria=trajetoria,
                          custo_epoca=custo[::lotes_por_epoca].copy())
    return pesos, historico


def vale_regressao(x, y) -> Vale:
    """O custo quadrático da regressão ``y ≈ b + w·x`` visto como um vale em ``(b, w)``.

    Com as médias de ``x``, ``x²``, ``y``, ``x·y`` e ``y²``, o custo
    ``C(b, w) = (1/2n) Σ (yᵢ − b − w xᵢ)²`` é um polinômio do segundo grau
    (uma tigela) e pode ser avaliado numa grade inteira de uma vez.
    """
    x, y = _dados(x, y)
    if x.shape[1] != 1:
        raise ValueError(f"vale_regressao aceita uma única variável x, não {x.shape[1]}.")
    x = x[:, 0]
    mx, mxx, my, mxy, myy = x.mean(), (x * x).mean(), y.mean(), (x * y).mean(), (y * y).mean()
    b, w = minimos_quadrados(x, y)
    return Vale(
        "regressao", "custo quadrático de uma regressão linear simples",
        lambda b, w: (b * b + 2 * b * w * mx + w * w * mxx - 2 * b * my - 2 * w * mxy + myy) / 2,
        lambda b, w: (b + w * mx - my, b * mx + w * mxx - mxy),
        ((float(b), float(w)),), "C(b, w) = (1/2n) Σ (yᵢ − b − w xᵢ)²")
