"""Funções de ativação e suas derivadas, em NumPy.

Cada função recebe um número ou array ``z`` e devolve um array do mesmo
formato. ``ATIVACOES`` reúne todas com as derivadas, para widgets e testes.
A softmax é diferente: transforma um vetor inteiro numa distribuição de
probabilidade (ao longo de ``eixo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.special import erf, expit

Array = np.ndarray


def _validar(z, nome: str = "z") -> Array:
    """Converte para array float e recusa tipos não numéricos e NaN."""
    if isinstance(z, (str, bytes)) or z is None:
        raise TypeError(f"{nome} deve ser numérico, não {type(z).__name__}.")
    try:
        arr = np.asarray(z)
        if arr.dtype.kind != "f":  # inteiros, booleanos etc. viram float64; float32 continua float32
            arr = arr.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve ser numérico (número ou array de números).") from None
    if np.isnan(arr).any():
        raise ValueError(f"{nome} contém NaN.")
    return arr


def _parametro(valor: float, nome: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.number)):
        raise TypeError(f"{nome} deve ser um número, não {type(valor).__name__}.")
    if not np.isfinite(valor) or valor < 0:
        raise ValueError(f"{nome} deve ser um número finito e não negativo, não {valor}.")
    return float(valor)


# --- as funções -------------------------------------------------------------

def degrau(z) -> Array:
    """Degrau de Heaviside: 1 se z > 0, senão 0 (a saída do perceptron)."""
    return (_validar(z) > 0).astype(float)


def linear(z) -> Array:
    """Identidade: f(z) = z."""
    return _validar(z).copy()


def sigmoide(z) -> Array:
    """Sigmoide logística 1/(1+e^(−z)), calculada sem estouro para |z| grande."""
    return expit(_validar(z))


def tanh(z) -> Array:
    """Tangente hiperbólica, com saída em (−1, 1)."""
    return np.tanh(_validar(z))


def relu(z) -> Array:
    """ReLU: max(0, z)."""
    return np.maximum(_validar(z), 0.0)


def leaky_relu(z, alfa: float = 0.01) -> Array:
    """Leaky ReLU: z se z > 0, senão alfa·z."""
    z, alfa = _validar(z), _parametro(alfa, "alfa")
    return np.where(z > 0, z, alfa * z)


def elu(z, alfa: float = 1.0) -> Array:
    """ELU: z se z > 0, senão alfa·(e^z − 1)."""
    z, alfa = _validar(z), _parametro(alfa, "alfa")
    return np.where(z > 0, z, alfa * np.expm1(np.minimum(z, 0.0)))


def gelu(z) -> Array:
    """GELU exata: z·Φ(z), com Φ a distribuição acumulada da normal padrão."""
    z = _validar(z)
    return z * 0.5 * (1.0 + erf(z / np.sqrt(2.0)))


# --- derivadas ----------------------------------------------------------------

def degrau_derivada(z) -> Array:
    """Zero em toda parte (exceto em z = 0, onde não existe): por isso o degrau não treina com gradiente."""
    return np.zeros_like(_validar(z))


def linear_derivada(z) -> Array:
    """Um em toda parte."""
    return np.ones_like(_validar(z))


def sigmoide_derivada(z) -> Array:
    """σ'(z) = σ(z)·(1 − σ(z)), no máximo 1/4 (em z = 0)."""
    s = sigmoide(z)
    return s * (1.0 - s)


def limiar_saturacao(tolerancia: float = 0.01) -> float:
    """O z* > 0 a partir do qual σ'(z) < ``tolerancia``: o neurônio sigmoide "satura" em |z| > z*.

    Resolve σ(z)(1 − σ(z)) = t: com s = σ(z), s = (1 + √(1 − 4t))/2 e
    z* = ln((1 + √(1 − 4t)) / (1 − √(1 − 4t))). Para t = 0,01, z* ≈ 4,585.
    """
    if isinstance(tolerancia, bool) or not isinstance(tolerancia, (int, float, np.integer, np.floating)):
        raise TypeError(f"tolerancia deve ser um número, não {type(tolerancia).__name__}.")
    if not 0 < tolerancia < 0.25:
        raise ValueError(f"tolerancia deve estar entre 0 e 0,25 (o máximo de σ'), não {tolerancia}.")
    raiz = np.sqrt(1.0 - 4.0 * float(tolerancia))
    return float(np.log((1.0 + raiz) / (1.0 - raiz)))


def tanh_derivada(z) -> Array:
    """1 − tanh²(z)."""
    return 1.0 - tanh(z) ** 2


def relu_derivada(z) -> Array:
    """1 se z > 0, senão 0 (convenção: 0 em z = 0, como no PyTorch)."""
    return (_validar(z) > 0).astype(float)


def leaky_relu_derivada(z, alfa: float = 0.01) -> Array:
    """1 se z > 0, senão alfa."""
    z, alfa = _validar(z), _parametro(alfa, "alfa")
    return np.where(z > 0, 1.0, alfa)


def elu_derivada(z, alfa: float = 1.0) -> Array:
    """1 se z > 0, senão alfa·e^z."""
    z, alfa = _validar(z), _parametro(alfa, "alfa")
    return np.where(z > 0, 1.0, alfa * np.exp(np.minimum(z, 0.0)))


def gelu_derivada(z) -> Array:
    """Φ(z) + z·φ(z), com φ a densidade da normal padrão."""
    z = _validar(z)
    phi = np.exp(-0.5 * z**2) / np.sqrt(2.0 * np.pi)
    return 0.5 * (1.0 + erf(z / np.sqrt(2.0))) + z * phi


# --- softmax ----------------------------------------------------------------

def softmax(z, eixo: int = -1) -> Array:
    """Softmax ao longo de ``eixo``: e^(z_i) / Σ_j e^(z_j).

    Subtrai o máximo antes da exponencial (o resultado não muda e não há
    estouro). Cada fatia ao longo de ``eixo`` soma 1.
    """
    z = _validar(z)
    if z.ndim == 0:
        raise ValueError("a softmax precisa de um vetor, não de um número isolado.")
    if z.shape[eixo] == 0:
        raise ValueError("a softmax precisa de pelo menos um valor.")
    deslocado = z - z.max(axis=eixo, keepdims=True)
    exps = np.exp(deslocado)
    return exps / exps.sum(axis=eixo, keepdims=True)


# --- catálogo ---------------------------------------------------------------

@dataclass(frozen=True)
class Ativacao:
    """Uma função de ativação com sua derivada e uma descrição curta."""

    nome: str
    funcao: Callable[..., Array]
    derivada: Callable[..., Array]
    faixa: str
    descricao: str

    def __call__(self, z, **kwargs) -> Array:
        return self.funcao(z, **kwargs)


ATIVACOES: dict[str, Ativacao] = {
    a.nome: a
    for a in (
        Ativacao("degrau", degrau, degrau_derivada, "{0, 1}",
                 "a do perceptron: liga ou desliga, sem meio-termo"),
        Ativacao("linear", linear, linear_derivada, "(−∞, ∞)",
                 "não muda nada; camadas lineares empilhadas continuam lineares"),
        Ativacao("sigmoide", sigmoide, sigmoide_derivada, "(0, 1)",
                 "versão suave do degrau; satura nas pontas"),
        Ativacao("tanh", tanh, tanh_derivada, "(−1, 1)",
                 "sigmoide centrada em zero"),
        Ativacao("relu", relu, relu_derivada, "[0, ∞)",
                 "barata e não satura para z > 0; o padrão nas redes profundas"),
        Ativacao("leaky_relu", leaky_relu, leaky_relu_derivada, "(−∞, ∞)",
                 "ReLU com pequena inclinação para z < 0, evita neurônios mortos"),
        Ativacao("elu", elu, elu_derivada, "(−α, ∞)",
                 "suave em zero e com média de saída mais próxima de zero"),
        Ativacao("gelu", gelu, gelu_derivada, "≈[−0,17, ∞)",
                 "z ponderado pela probabilidade normal; usada nos transformers"),
    )
}


def obter(nome: str) -> Ativacao:
    """Procura uma ativação pelo nome (``'relu'``, ``'sigmoide'``, ...)."""
    if not isinstance(nome, str):
        raise TypeError(f"o nome da ativação deve ser texto, não {type(nome).__name__}.")
    chave = nome.strip().lower().replace("-", "_").replace(" ", "_")
    if chave not in ATIVACOES:
        raise ValueError(f"ativação desconhecida: {nome!r}. Opções: {', '.join(ATIVACOES)}.")
    return ATIVACOES[chave]
