"""Redes adversárias generativas (GANs): a matemática em 1-D e as GANs no MNIST.

Uma GAN tem duas redes: o **gerador** ``G`` transforma ruído ``z`` em dados
falsos e o **discriminador** ``D`` dá a probabilidade de um dado ser real. As
duas treinam uma contra a outra. Este módulo segue o livro:

* o núcleo (aqui em cima): as perdas de Goodfellow sobre *logits*;
* capítulo 26: o discriminador ótimo, a variante do erro absoluto da fonte e
  uma GAN em uma dimensão cuja densidade gerada dá para acompanhar;
* capítulo 27: a GAN de MLPs da fonte, a DCGAN e a GAN condicional no MNIST,
  com o laço de treino e as medidas de qualidade (classificador e distância
  de Fréchet).

Os *logits* são os números antes da sigmoide: ``D(x) = sigmoide(logit)``.
Trabalhar com eles (``binary_cross_entropy_with_logits``) evita ``log(0)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

VARIANTES_GERADOR = ("nao_saturante", "minimax")
"""Perdas do gerador: ``-log D(G(z))`` (a usada na prática) ou ``log(1 - D(G(z)))`` (a do jogo)."""


# ---------------------------------------------------------------------------
# Núcleo: validação e perdas
# ---------------------------------------------------------------------------

def _inteiro_positivo(valor: Any, nome: str) -> int:
    """Confere que ``valor`` é um inteiro ≥ 1 (booleanos não contam)."""
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
    if valor < 1:
        raise ValueError(f"{nome} deve ser positivo, não {valor}.")
    return int(valor)


def _logits(valor: Any, nome: str) -> torch.Tensor:
    """Confere que ``valor`` é um tensor de ponto flutuante não vazio e sem NaN."""
    if not isinstance(valor, torch.Tensor):
        raise TypeError(f"{nome} deve ser um torch.Tensor, não {type(valor).__name__}.")
    if not valor.is_floating_point():
        raise TypeError(f"{nome} deve ser de ponto flutuante, não {valor.dtype}.")
    if valor.numel() == 0:
        raise ValueError(f"{nome} está vazio.")
    if torch.isnan(valor).any():
        raise ValueError(f"{nome} contém NaN.")
    return valor


def perda_discriminador(logits_reais: torch.Tensor, logits_falsos: torch.Tensor) -> torch.Tensor:
    """Perda do discriminador: ``-[média log D(x) + média log(1 - D(G(z)))]``.

    É a entropia cruzada binária com rótulo 1 para os reais e 0 para os falsos,
    calculada a partir dos *logits*. Os dois lotes podem ter tamanhos diferentes.
    """
    reais = _logits(logits_reais, "logits_reais")
    falsos = _logits(logits_falsos, "logits_falsos")
    return (F.binary_cross_entropy_with_logits(reais, torch.ones_like(reais))
            + F.binary_cross_entropy_with_logits(falsos, torch.zeros_like(falsos)))


def perda_gerador(logits_falsos: torch.Tensor, variante: str = "nao_saturante") -> torch.Tensor:
    """Perda do gerador, a minimizar.

    ``"minimax"``: ``média log(1 - D(G(z)))``, o termo do jogo de Goodfellow;
    quase não tem gradiente quando ``D`` rejeita os falsos com folga (o início
    do treino). ``"nao_saturante"`` (padrão): ``-média log D(G(z))``, mesmo
    ponto de equilíbrio e gradiente forte justamente nesse início.
    """
    falsos = _logits(logits_falsos, "logits_falsos")
    if variante == "nao_saturante":
        return F.binary_cross_entropy_with_logits(falsos, torch.ones_like(falsos))
    if variante == "minimax":
        return -F.binary_cross_entropy_with_logits(falsos, torch.zeros_like(falsos))
    raise ValueError(f"variante desconhecida {variante!r}; use uma de {VARIANTES_GERADOR}.")


# ---------------------------------------------------------------------------
# Capítulo 26: a matemática das GANs em uma dimensão
# ---------------------------------------------------------------------------

# Densidades numa grade: validação e integrais ------------------------------

def _vetor(valor: Any, nome: str, *, densidade: bool = False) -> np.ndarray:
    """Converte ``valor`` num vetor 1-D de ``float64``, finito e não vazio.

    Com ``densidade=True``, também exige valores ≥ 0.
    """
    if isinstance(valor, torch.Tensor):
        valor = valor.detach().cpu().numpy()
    if isinstance(valor, (str, bytes)):
        raise TypeError(f"{nome} deve ser um vetor de números, não {type(valor).__name__}.")
    try:
        vetor = np.asarray(valor, dtype=np.float64)
    except (TypeError, ValueError) as erro:
        raise TypeError(f"{nome} deve ser um vetor de números.") from erro
    if vetor.ndim != 1:
        raise ValueError(f"{nome} deve ser um vetor (1-D), não um arranjo de forma {vetor.shape}.")
    if vetor.size == 0:
        raise ValueError(f"{nome} está vazio.")
    if np.isnan(vetor).any():
        raise ValueError(f"{nome} contém NaN.")
    if not np.isfinite(vetor).all():
        raise ValueError(f"{nome} contém valores infinitos.")
    if densidade and (vetor < 0).any():
        raise ValueError(f"{nome} tem valores negativos, e uma densidade é sempre ≥ 0.")
    return vetor


def _mesmo_tamanho(**vetores: np.ndarray) -> None:
    """Confere que todos os vetores têm o mesmo tamanho (o da grade)."""
    tamanhos = {nome: v.size for nome, v in vetores.items()}
    if len(set(tamanhos.values())) > 1:
        descricao = ", ".join(f"{nome} com {n}" for nome, n in tamanhos.items())
        raise ValueError(f"os vetores devem ter o mesmo tamanho, mas há {descricao} pontos.")


def _real_positivo(valor: Any, nome: str) -> float:
    """Confere que ``valor`` é um número real (``np.float32`` incluso), finito e positivo."""
    import numbers

    if isinstance(valor, (bool, np.bool_)) or not isinstance(valor, numbers.Real):
        raise TypeError(f"{nome} deve ser um número real, não {type(valor).__name__}.")
    if not math.isfinite(valor) or valor <= 0:
        raise ValueError(f"{nome} deve ser um número positivo e finito, não {valor!r}.")
    return float(valor)


def _grade(x: Any) -> np.ndarray:
    """Confere que ``x`` é uma grade: vetor com ≥ 2 pontos em ordem estritamente crescente."""
    grade = _vetor(x, "a grade x")
    if grade.size < 2:
        raise ValueError("a grade x precisa de pelo menos 2 pontos.")
    if not (np.diff(grade) > 0).all():
        raise ValueError("a grade x deve estar em ordem estritamente crescente.")
    return grade


def _probabilidades(d: Any, nome: str = "D") -> np.ndarray:
    """Um vetor de valores em [0, 1] (as saídas de um discriminador)."""
    valores = _vetor(d, nome)
    if (valores < 0).any() or (valores > 1).any():
        raise ValueError(f"{nome} deve estar em [0, 1]: é uma probabilidade.")
    return valores


def integrar(f: Any, x: Any) -> float:
    """Integral de ``f`` sobre a grade ``x`` pela regra dos trapézios."""
    grade = _grade(x)
    valores = _vetor(f, "f")
    _mesmo_tamanho(f=valores, x=grade)
    return float(np.sum(np.diff(grade) * (valores[1:] + valores[:-1]) / 2))


def _densidades(p: Any, q: Any, x: Any, nomes: tuple[str, str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Valida duas densidades e a grade ``x`` onde foram calculadas; devolve ``(p, q, x)``."""
    grade = _grade(x)
    p = _vetor(p, nomes[0], densidade=True)
    q = _vetor(q, nomes[1], densidade=True)
    _mesmo_tamanho(**{nomes[0]: p, nomes[1]: q, "x": grade})
    return p, q, grade


def _p_log_p_sobre_q(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``p · log(p / q)`` ponto a ponto, com a convenção ``0 · log 0 = 0``."""
    resultado = np.zeros_like(p)
    positivo = p > 0
    with np.errstate(divide="ignore"):
        resultado[positivo] = p[positivo] * np.log(p[positivo] / q[positivo])
    return resultado


# O discriminador ótimo, o valor do jogo e as divergências -------------------

def discriminador_otimo(p_t: Any, p_g: Any) -> np.ndarray:
    """O melhor discriminador para a perda log: ``D*(x) = p_t(x) / (p_t(x) + p_g(x))``.

    ``p_t`` e ``p_g`` são as densidades real e gerada nos mesmos pontos. Onde
    as duas valem 0 nenhum exemplo aparece, qualquer valor é ótimo, e
    devolvemos 1/2 ("não sei").
    """
    p_t = _vetor(p_t, "p_t", densidade=True)
    p_g = _vetor(p_g, "p_g", densidade=True)
    _mesmo_tamanho(p_t=p_t, p_g=p_g)
    soma = p_t + p_g
    d = np.full_like(soma, 0.5)
    np.divide(p_t, soma, out=d, where=soma > 0)
    return d


def discriminador_degrau(p_t: Any, p_g: Any) -> np.ndarray:
    """O melhor discriminador para o erro absoluto: 1 onde ``p_t > p_g`` e 0 onde ``p_t < p_g``.

    Onde ``p_t = p_g`` qualquer valor em [0, 1] é ótimo; devolvemos 1/2 (a
    fonte escolhe 1, que também é ótimo).
    """
    p_t = _vetor(p_t, "p_t", densidade=True)
    p_g = _vetor(p_g, "p_g", densidade=True)
    _mesmo_tamanho(p_t=p_t, p_g=p_g)
    return np.where(p_t > p_g, 1.0, np.where(p_t < p_g, 0.0, 0.5))


def valor_jogo(p_t: Any, p_g: Any, x: Any, d: Any = None) -> float:
    """A função de valor de Goodfellow numa grade: ``∫ [p_t log D + p_g log(1 − D)] dx``.

    Sem ``d``, usa o discriminador ótimo ``D* = p_t/(p_t + p_g)``, com as
    razões calculadas direto das densidades (estável mesmo onde ``D*`` em
    ponto flutuante arredondaria para 0 ou 1). Com ``d``, vale a convenção
    ``0 · log 0 = 0``, e o valor é ``-inf`` se ``D = 0`` onde há dados reais
    (ou ``D = 1`` onde há dados gerados).
    """
    p_t, p_g, grade = _densidades(p_t, p_g, x, ("p_t", "p_g"))
    if d is None:
        soma = p_t + p_g
        return integrar(_p_log_p_sobre_q(p_t, soma) + _p_log_p_sobre_q(p_g, soma), grade)   # p log(p/soma)
    d = _probabilidades(d)
    _mesmo_tamanho(D=d, x=grade)
    with np.errstate(divide="ignore", invalid="ignore"):
        termo = (np.where(p_t > 0, p_t * np.log(d), 0.0)
                 + np.where(p_g > 0, p_g * np.log1p(-d), 0.0))
    if not np.isfinite(termo).all():
        return -np.inf
    return integrar(termo, grade)


def divergencia_kl(p: Any, q: Any, x: Any) -> float:
    """Divergência de Kullback-Leibler ``KL(p‖q) = ∫ p log(p / q) dx`` (em nats).

    Vale ``+inf`` se ``q = 0`` em algum ponto onde ``p > 0``.
    """
    p, q, grade = _densidades(p, q, x, ("p", "q"))
    if ((p > 0) & (q == 0)).any():
        return np.inf
    return integrar(_p_log_p_sobre_q(p, q), grade)


def divergencia_js(p: Any, q: Any, x: Any) -> float:
    """Divergência de Jensen-Shannon ``½ KL(p‖m) + ½ KL(q‖m)``, com ``m = (p + q)/2`` (em nats).

    É simétrica, sempre finita e fica entre 0 (``p = q``) e ``log 2`` (suportes disjuntos).
    """
    p, q, grade = _densidades(p, q, x, ("p", "q"))
    m = (p + q) / 2
    return 0.5 * integrar(_p_log_p_sobre_q(p, m), grade) + 0.5 * integrar(_p_log_p_sobre_q(q, m), grade)


def variacao_total(p: Any, q: Any, x: Any) -> float:
    """Distância de variação total ``½ ∫ |p − q| dx``: entre 0 (iguais) e 1 (suportes disjuntos)."""
    p, q, grade = _densidades(p, q, x, ("p", "q"))
    return 0.5 * integrar(np.abs(p - q), grade)


def erro_absoluto_esperado(p_t: Any, p_g: Any, x: Any, d: Any = None) -> float:
    """A perda da variante da fonte: ``½ ∫ [p_t (1 − D) + p_g D] dx``.

    É o erro absoluto médio ``E|y − D(x)|`` quando metade dos exemplos é real
    (``y = 1``) e metade é gerada (``y = 0``). Sem ``d``, usa o discriminador
    ótimo dessa perda, o degrau (``discriminador_degrau``).
    """
    p_t, p_g, grade = _densidades(p_t, p_g, x, ("p_t", "p_g"))
    d = discriminador_degrau(p_t, p_g) if d is None else _probabilidades(d)
    _mesmo_tamanho(D=d, x=grade)
    return 0.5 * integrar(p_t * (1 - d) + p_g * d, grade)


def perda_discriminador_erro_absoluto(logits_reais: torch.Tensor, logits_falsos: torch.Tensor) -> torch.Tensor:
    """A variante da fonte num lote: ``média (1 − D(x)) + média D(G(z))``.

    É o dobro do erro absoluto esperado ``E|y − D(x)|`` estimado com metade
    de reais e metade de falsos (a mesma convenção de soma de
    ``perda_discriminador``). O discriminador a minimiza.
    """
    reais = _logits(logits_reais, "logits_reais")
    falsos = _logits(logits_falsos, "logits_falsos")
    return (1 - torch.sigmoid(reais)).mean() + torch.sigmoid(falsos).mean()


def perda_gerador_erro_absoluto(logits_falsos: torch.Tensor) -> torch.Tensor:
    """O lado do gerador na variante da fonte: ``média (1 − D(G(z)))``, a minimizar.

    Quanto menor, mais o discriminador toma os falsos por reais.
    """
    falsos = _logits(logits_falsos, "logits_falsos")
    return (1 - torch.sigmoid(falsos)).mean()


PERDAS_GERADOR_GRADIENTE = (*VARIANTES_GERADOR, "erro_absoluto")
"""Perdas do gerador aceitas por ``gradiente_perda_gerador``."""


def gradiente_perda_gerador(d_falso: Any, variante: str = "nao_saturante") -> np.ndarray:
    """Derivada da perda do gerador em relação ao *logit* de cada falso, dada ``D(G(z))``.

    Calculada pelo autograd a partir de ``perda_gerador`` (``"nao_saturante"``,
    ``"minimax"``) ou de ``perda_gerador_erro_absoluto`` (``"erro_absoluto"``),
    exemplo a exemplo: a perda média é multiplicada pelo tamanho do lote para
    desfazer a divisão da média. À mão, na mesma ordem: ``D − 1``, ``−D`` e
    ``−D(1 − D)``.
    """
    if variante not in PERDAS_GERADOR_GRADIENTE:
        raise ValueError(f"variante desconhecida {variante!r}; use uma de {PERDAS_GERADOR_GRADIENTE}.")
    d = _probabilidades(d_falso, "d_falso")
    if (d <= 0).any() or (d >= 1).any():
        raise ValueError("d_falso deve estar no intervalo aberto (0, 1), onde o logit é finito.")
    logits = torch.tensor(np.log(d) - np.log1p(-d), dtype=torch.float64, requires_grad=True)
    perda = (perda_gerador_erro_absoluto(logits) if variante == "erro_absoluto"
             else perda_gerador(logits, variante))
    (perda * logits.numel()).backward()
    return logits.grad.numpy()


# Alvo em uma dimensão e medidas a partir de amostras -----------------------

@dataclass(frozen=True)
class MisturaNormal:
    """Mistura de normais em 1-D, o alvo da GAN (uma normal é a mistura de um componente).

    ``medias`` e ``desvios`` (números ou sequências do mesmo tamanho) e
    ``pesos`` opcionais (iguais por padrão; são normalizados para somar 1).
    """

    medias: tuple[float, ...]
    desvios: tuple[float, ...]
    pesos: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        medias = _vetor(np.atleast_1d(self.medias), "medias")
        desvios = _vetor(np.atleast_1d(self.desvios), "desvios")
        _mesmo_tamanho(medias=medias, desvios=desvios)
        if (desvios <= 0).any():
            raise ValueError("os desvios-padrão devem ser positivos.")
        if self.pesos is None:
            pesos = np.full(medias.size, 1 / medias.size)
        else:
            pesos = _vetor(np.atleast_1d(self.pesos), "pesos", densidade=True)
            _mesmo_tamanho(medias=medias, pesos=pesos)
            if pesos.sum() <= 0:
                raise ValueError("os pesos não podem ser todos zero.")
            pesos = pesos / pesos.sum()
        for nome, valores in (("medias", medias), ("desvios", desvios), ("pesos", pesos)):
            object.__setattr__(self, nome, tuple(float(v) for v in valores))

    def densidade(self, x: Any) -> np.ndarray:
        """A densidade nos pontos ``x``."""
        x = _vetor(np.atleast_1d(x), "x")[:, None]
        m, s, w = (np.asarray(v) for v in (self.medias, self.desvios, self.pesos))
        return np.sum(w * np.exp(-0.5 * ((x - m) / s) ** 2) / (s * math.sqrt(2 * math.pi)), axis=1)

    def amostrar(self, n: int, *, dispositivo: Any = None) -> torch.Tensor:
        """``n`` amostras, num tensor ``(n, 1)`` de ``float32`` (usa o gerador global do PyTorch)."""
        n = _inteiro_positivo(n, "n")
        componente = torch.multinomial(torch.tensor(self.pesos), n, replacement=True)
        medias = torch.tensor(self.medias, dtype=torch.float32)[componente]
        desvios = torch.tensor(self.desvios, dtype=torch.float32)[componente]
        return (medias + desvios * torch.randn(n)).unsqueeze(1).to(dispositivo or "cpu")

    def grade(self, n: int = 301, *, margem: float = 4.0, incluir: tuple[float, ...] = ()) -> np.ndarray:
        """Grade de ``n`` pontos que cobre cada componente ± ``margem`` desvios e os pontos de ``incluir``."""
        n = _inteiro_positivo(n, "n")
        if n < 2:
            raise ValueError("a grade precisa de pelo menos 2 pontos.")
        margem = _real_positivo(margem, "a margem")
        if incluir is None or isinstance(incluir, (str, bytes)):
            raise TypeError(f"incluir deve ser uma sequência de números, não {type(incluir).__name__}.")
        extras = _vetor(np.atleast_1d(incluir), "incluir") if np.size(incluir) else np.zeros(0)
        m, s = np.asarray(self.medias), np.asarray(self.desvios)
        baixo = float(np.min(np.concatenate([m - margem * s, extras])))
        alto = float(np.max(np.concatenate([m + margem * s, extras])))
        return np.linspace(baixo, alto, n)


def normal(media: float = 0.0, desvio: float = 1.0) -> MisturaNormal:
    """Uma normal ``N(media, desvio²)`` (a mistura de um componente só)."""
    return MisturaNormal((media,), (desvio,))


def densidade_kde(amostras: Any, x: Any, largura: float | None = None) -> np.ndarray:
    """Estimativa de densidade por núcleo gaussiano (KDE) das ``amostras``, nos pontos ``x``.

    A largura padrão é a regra de referência normal, ``s · (4 / 3n)^(1/5)``
    (``s`` = desvio-padrão amostral), a mesma de ``scipy.stats.gaussian_kde``
    com ``bw_method="silverman"``, mas nunca menor que o espaçamento médio
    dos pontos ``x``: um gerador quase colapsado (amostras todas iguais)
    vira um pico estreito que a grade ainda enxerga, e não some entre os pontos.
    """
    a = _vetor(amostras, "amostras")
    pontos = _vetor(np.atleast_1d(x), "x")
    if largura is None:
        s = float(np.std(a, ddof=1)) if a.size > 1 else 0.0
        espacamento = float(np.ptp(pontos)) / (pontos.size - 1) if pontos.size > 1 else 0.0
        largura = max(s * (4 / (3 * a.size)) ** 0.2, espacamento, 1e-6)
    else:
        largura = _real_positivo(largura, "a largura do núcleo")
    u = (pontos[:, None] - a[None, :]) / largura
    return np.exp(-0.5 * u ** 2).sum(axis=1) / (a.size * largura * math.sqrt(2 * math.pi))


def wasserstein_1d(a: Any, b: Any) -> float:
    """Distância de Wasserstein-1 entre duas amostras em 1-D: ``∫ |F_a(x) − F_b(x)| dx``.

    ``F_a`` e ``F_b`` são as funções de distribuição empíricas. Com amostras do
    mesmo tamanho, é a média de ``|a_(i) − b_(i)|`` entre os valores ordenados
    (emparelhar os quantis).
    """
    a = np.sort(_vetor(a, "a"))
    b = np.sort(_vetor(b, "b"))
    todos = np.sort(np.concatenate([a, b]))
    fa = np.searchsorted(a, todos[:-1], side="right") / a.size
    fb = np.searchsorted(b, todos[:-1], side="right") / b.size
    return float(np.sum(np.abs(fa - fb) * np.diff(todos)))


# Uma GAN em uma dimensão ----------------------------------------------------

def _mlp_1d(entrada: int, ocultos: int, camadas: int) -> torch.nn.Sequential:
    """``camadas`` camadas ocultas de ``ocultos`` unidades *leaky relu* e uma saída escalar."""
    modulos: list[torch.nn.Module] = []
    largura = entrada
    for _ in range(camadas):
        modulos += [torch.nn.Linear(largura, ocultos), torch.nn.LeakyReLU(0.2)]
        largura = ocultos
    modulos.append(torch.nn.Linear(largura, 1))
    return torch.nn.Sequential(*modulos)


class Gerador1D(torch.nn.Module):
    """Gerador pequeno: ruído ``z`` de ``latente`` dimensões → um número ``x = G(z)``."""

    def __init__(self, latente: int = 4, ocultos: int = 32, camadas: int = 2) -> None:
        super().__init__()
        self.latente = _inteiro_positivo(latente, "o tamanho latente")
        self.rede = _mlp_1d(self.latente, _inteiro_positivo(ocultos, "ocultos"),
                            _inteiro_positivo(camadas, "camadas"))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """``(N, latente)`` → ``(N, 1)``."""
        if z.ndim != 2 or z.shape[1] != self.latente:
            raise ValueError(f"z deve ter forma (N, {self.latente}), não {tuple(z.shape)}.")
        return self.rede(z)


class Discriminador1D(torch.nn.Module):
    """Discriminador pequeno: um número ``x`` → o *logit* de ``D(x)`` (``D = sigmoide(logit)``)."""

    def __init__(self, ocultos: int = 32, camadas: int = 2) -> None:
        super().__init__()
        self.rede = _mlp_1d(1, _inteiro_positivo(ocultos, "ocultos"), _inteiro_positivo(camadas, "camadas"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, 1)`` → *logits* ``(N, 1)``."""
        if x.ndim != 2 or x.shape[1] != 1:
            raise ValueError(f"x deve ter forma (N, 1), não {tuple(x.shape)}.")
        return self.rede(x)


@dataclass
class HistoricoGAN1D:
    """O que ``treinar_gan_1d`` grava: perdas a cada passo e instantâneos a cada ``a_cada`` passos.

    Em cada instantâneo ``i`` (passo ``passos[i]``): ``amostras[i]``, as saídas
    do gerador para um ruído fixo; ``densidades[i]``, a densidade delas (KDE)
    na ``grade``; ``d[i]``, a curva ``D(x)`` na grade; e as distâncias ao alvo
    ``wasserstein[i]`` (entre amostras) e ``js[i]`` (entre densidades).
    """

    grade: np.ndarray
    densidade_alvo: np.ndarray
    variante: str = "nao_saturante"
    perda: str = "log"
    passos: list[int] = field(default_factory=list)
    amostras: list[np.ndarray] = field(default_factory=list)
    densidades: list[np.ndarray] = field(default_factory=list)
    d: list[np.ndarray] = field(default_factory=list)
    wasserstein: list[float] = field(default_factory=list)
    js: list[float] = field(default_factory=list)
    perda_d: np.ndarray = field(default_factory=lambda: np.zeros(0))
    perda_g: np.ndarray = field(default_factory=lambda: np.zeros(0))
    piso_wasserstein: float = 0.0
    gerador: Gerador1D | None = None
    discriminador: Discriminador1D | None = None

    def __len__(self) -> int:
        return len(self.passos)

    def discriminador_otimo(self, i: int = -1) -> np.ndarray:
        """``D* = p_t / (p_t + p_g)`` no instantâneo ``i``, com ``p_g`` estimada pelas amostras."""
        return discriminador_otimo(self.densidade_alvo, self.densidades[i])


def normas_gradiente_gerador(gerador: torch.nn.Module, discriminador: torch.nn.Module,
                             z: torch.Tensor) -> dict[str, float]:
    """Norma do gradiente de cada perda do gerador em relação aos parâmetros do gerador.

    Uma entrada por perda de ``PERDAS_GERADOR_GRADIENTE``, no mesmo lote de
    ruído ``z``. Nenhum parâmetro muda (os gradientes são zerados no fim).
    """
    normas = {}
    for variante in PERDAS_GERADOR_GRADIENTE:
        gerador.zero_grad()
        logits = discriminador(gerador(z))
        perda = (perda_gerador_erro_absoluto(logits) if variante == "erro_absoluto"
                 else perda_gerador(logits, variante))
        perda.backward()
        quadrados = [p.grad.pow(2).sum() for p in gerador.parameters() if p.grad is not None]
        normas[variante] = float(torch.stack(quadrados).sum().sqrt()) if quadrados else 0.0
    gerador.zero_grad()
    discriminador.zero_grad()
    return normas


PERDAS_JOGO = ("log", "erro_absoluto")
"""Jogos aceitos por ``treinar_gan_1d``: o de Goodfellow (perda log) e a variante da fonte."""


def passo_discriminador(discriminador: torch.nn.Module, otimizador: torch.optim.Optimizer,
                        reais: torch.Tensor, falsos: torch.Tensor, perda: str = "log") -> torch.Tensor:
    """Um passo de descida na perda do discriminador; devolve a perda (sem gradiente).

    Os ``falsos`` são destacados do grafo: este passo não mexe no gerador.
    """
    if perda not in PERDAS_JOGO:
        raise ValueError(f"perda desconhecida {perda!r}; use uma de {PERDAS_JOGO}.")
    funcao = perda_discriminador if perda == "log" else perda_discriminador_erro_absoluto
    valor = funcao(discriminador(reais), discriminador(falsos.detach()))
    otimizador.zero_grad()
    valor.backward()
    otimizador.step()
    return valor.detach()


def passo_gerador(gerador: torch.nn.Module, discriminador: torch.nn.Module, otimizador: torch.optim.Optimizer,
                  z: torch.Tensor, variante: str = "nao_saturante", perda: str = "log") -> torch.Tensor:
    """Um passo de descida na perda do gerador; devolve a perda (sem gradiente).

    O gradiente atravessa o discriminador, mas só os parâmetros do gerador
    (os do ``otimizador``) mudam. A ``variante`` só vale para a perda log; com
    ``perda="erro_absoluto"`` o gerador minimiza ``média (1 − D(G(z)))``.
    """
    if perda not in PERDAS_JOGO:
        raise ValueError(f"perda desconhecida {perda!r}; use uma de {PERDAS_JOGO}.")
    logits = discriminador(gerador(z))
    valor = perda_gerador(logits, variante) if perda == "log" else perda_gerador_erro_absoluto(logits)
    otimizador.zero_grad()
    valor.backward()
    otimizador.step()
    return valor.detach()


def treinar_gan_1d(alvo: MisturaNormal | None = None, *, passos: int = 2000, tamanho_lote: int = 128,
                   latente: int = 4, ocultos: int = 32, camadas: int = 2, taxa_aprendizado: float = 5e-4,
                   variante: str = "nao_saturante", perda: str = "log", a_cada: int = 100,
                   n_amostras: int = 2000, grade: Any = None, semente: int = 0,
                   dispositivo: Any = None) -> HistoricoGAN1D:
    """Treina uma GAN em 1-D com Adam (β₁ = 0,5) e devolve o histórico.

    Cada passo sorteia um lote real e um de ruído, dá um passo no
    discriminador (``passo_discriminador``) e um no gerador
    (``passo_gerador``, com a ``variante`` da perda log, ou com o erro
    absoluto da fonte se ``perda="erro_absoluto"``). O histórico guarda as
    perdas e, no passo 0 e a cada ``a_cada`` passos, um instantâneo (veja
    ``HistoricoGAN1D``). O alvo padrão é a normal ``N(2; 0,5²)``; a grade
    padrão cobre o alvo ± 6 desvios e o intervalo [−2, 2], onde o gerador
    recém-inicializado costuma pôr as amostras.
    """
    from . import ambiente

    alvo = normal(2.0, 0.5) if alvo is None else alvo
    if not isinstance(alvo, MisturaNormal):
        raise TypeError(f"o alvo deve ser uma MisturaNormal, não {type(alvo).__name__}.")
    passos = _inteiro_positivo(passos, "passos")
    tamanho_lote = _inteiro_positivo(tamanho_lote, "tamanho_lote")
    a_cada = _inteiro_positivo(a_cada, "a_cada")
    n_amostras = _inteiro_positivo(n_amostras, "n_amostras")
    if n_amostras < 2:
        raise ValueError("n_amostras deve ser pelo menos 2, para estimar a densidade.")
    if variante not in VARIANTES_GERADOR:
        raise ValueError(f"variante desconhecida {variante!r}; use uma de {VARIANTES_GERADOR}.")
    if perda not in PERDAS_JOGO:
        raise ValueError(f"perda desconhecida {perda!r}; use uma de {PERDAS_JOGO}.")
    taxa_aprendizado = _real_positivo(taxa_aprendizado, "a taxa de aprendizado")
    grade = alvo.grade(401, margem=6.0, incluir=(-2.0, 2.0)) if grade is None else _grade(grade)
    dispositivo = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)

    ambiente.semear(semente)
    g = Gerador1D(latente, ocultos, camadas).to(dispositivo)
    d = Discriminador1D(ocultos, camadas).to(dispositivo)
    otim_g = torch.optim.Adam(g.parameters(), lr=taxa_aprendizado, betas=(0.5, 0.999))
    otim_d = torch.optim.Adam(d.parameters(), lr=taxa_aprendizado, betas=(0.5, 0.999))
    z_fixo = torch.randn(n_amostras, latente, device=dispositivo)
    reais_fixos = alvo.amostrar(n_amostras).numpy().ravel()
    piso = wasserstein_1d(reais_fixos, alvo.amostrar(n_amostras).numpy().ravel())
    x_grade = torch.tensor(grade, dtype=torch.float32, device=dispositivo).unsqueeze(1)
    historico = HistoricoGAN1D(grade=grade, densidade_alvo=alvo.densidade(grade), variante=variante,
                               perda=perda, piso_wasserstein=piso, gerador=g, discriminador=d)

    def instantaneo(passo: int) -> None:
        with torch.no_grad():
            amostras = g(z_fixo).double().cpu().numpy().ravel()
            curva_d = torch.sigmoid(d(x_grade)).double().cpu().numpy().ravel()
        densidade = densidade_kde(amostras, grade)
        historico.passos.append(passo)
        historico.amostras.append(amostras)
        historico.densidades.append(densidade)
        historico.d.append(curva_d)
        historico.wasserstein.append(wasserstein_1d(amostras, reais_fixos))
        historico.js.append(divergencia_js(historico.densidade_alvo, densidade, grade))

    perdas_d, perdas_g = [], []
    instantaneo(0)
    for passo in range(1, passos + 1):
        reais = alvo.amostrar(tamanho_lote, dispositivo=dispositivo)
        falsos = g(torch.randn(tamanho_lote, latente, device=dispositivo))
        perdas_d.append(passo_discriminador(d, otim_d, reais, falsos, perda))
        z = torch.randn(tamanho_lote, latente, device=dispositivo)
        perdas_g.append(passo_gerador(g, d, otim_g, z, variante, perda))
        if passo % a_cada == 0 or passo == passos:
            instantaneo(passo)
    historico.perda_d = torch.stack(perdas_d).double().cpu().numpy()
    historico.perda_g = torch.stack(perdas_g).double().cpu().numpy()
    return historico


# (fim da seção do capítulo 26)


# ---------------------------------------------------------------------------
# Capítulo 27: GANs no MNIST e a medida da qualidade das amostras
# ---------------------------------------------------------------------------

FORMA_IMAGEM = (1, 28, 28)
"""Forma de uma imagem do MNIST no PyTorch: 1 canal, 28 linhas, 28 colunas."""

PIXELS = 784


def _em_sequencia(camadas: list[tuple[str, nn.Module]]) -> nn.Sequential:
    """``nn.Sequential`` com nomes nas camadas (aparecem ao imprimir o modelo e em ``cnn.resumo``)."""
    modelo = nn.Sequential()
    for nome, camada in camadas:
        modelo.add_module(nome, camada)
    return modelo


def _normalizacao_keras(n: int) -> nn.BatchNorm1d:
    """A ``BatchNormalization(momentum=0.8)`` do Keras escrita em PyTorch.

    Os dois chamam de *momentum* coisas opostas. O Keras guarda
    ``média ← 0,8·média + 0,2·média_do_lote``; o PyTorch guarda
    ``média ← (1 − m)·média + m·média_do_lote``. Logo o 0,8 do Keras é
    ``momentum=0.2`` aqui. O ε que evita dividir por zero também muda de
    padrão (10⁻³ no Keras, 10⁻⁵ no PyTorch): usamos o do Keras.
    """
    return nn.BatchNorm1d(n, momentum=0.2, eps=1e-3)


def gerador_mlp(latente: int = 64) -> nn.Sequential:
    """O gerador de MLP da Unidade III de Pereira (fonte 000, de Vasilev et al., 2019).

    Três camadas densas (128, 256 e 512 neurônios), cada uma seguida de leaky
    ReLU (α = 0,2) e de normalização em lote, nessa ordem, e uma densa de 784
    saídas com tanh, remodelada em imagem (1, 28, 28)::

        camada                          saída     parâmetros treináveis
        densa 128 + leaky ReLU          128       (64 + 1)·128   =   8.320
        normalização em lote            128       2·128          =     256
        densa 256 + leaky ReLU          256       (128 + 1)·256  =  33.024
        normalização em lote            256       2·256          =     512
        densa 512 + leaky ReLU          512       (256 + 1)·512  = 131.584
        normalização em lote            512       2·512          =   1.024
        densa 784 + tanh                784       (512 + 1)·784  = 402.192
        total (latente 64)                                         576.912

    O Keras soma ainda as médias móveis (2·(128 + 256 + 512) = 1.792 valores)
    como "parâmetros não treináveis"; no PyTorch elas são *buffers*.
    """
    from .cnn import Remodelar

    latente = _inteiro_positivo(latente, "latente")
    camadas: list[tuple[str, nn.Module]] = []
    for i, (entrada, saida) in enumerate(((latente, 128), (128, 256), (256, 512)), start=1):
        camadas += [(f"densa{i}", nn.Linear(entrada, saida)), (f"lrelu{i}", nn.LeakyReLU(0.2)),
                    (f"bn{i}", _normalizacao_keras(saida))]
    camadas += [("densa4", nn.Linear(512, PIXELS)), ("tanh", nn.Tanh()),
                ("remodelar", Remodelar(FORMA_IMAGEM))]
    modelo = _em_sequencia(camadas)
    modelo.latente = latente
    return modelo


def discriminador_mlp() -> nn.Sequential:
    """O discriminador de MLP da fonte 000: 784 → 256 → 128 → 1, com leaky ReLU (α = 0,2).

    Devolve um *logit* por imagem, forma (N, 1): a sigmoide da fonte fica
    dentro das perdas (``perda_discriminador``, ``perda_gerador``). Aceita
    imagens (N, 1, 28, 28), (N, 28, 28) ou vetores (N, 784)::

        camada                  saída   parâmetros
        densa 256 + leaky ReLU  256     (784 + 1)·256 = 200.960
        densa 128 + leaky ReLU  128     (256 + 1)·128 =  32.896
        densa 1 (logit)         1       (128 + 1)·1   =     129
        total                                           233.985
    """
    from .cnn import Remodelar

    return _em_sequencia([
        ("achatar", Remodelar((PIXELS,))),
        ("densa1", nn.Linear(PIXELS, 256)), ("lrelu1", nn.LeakyReLU(0.2)),
        ("densa2", nn.Linear(256, 128)), ("lrelu2", nn.LeakyReLU(0.2)),
        ("saida", nn.Linear(128, 1)),
    ])


def gerador_dcgan(latente: int = 64, canais: int = 32) -> nn.Sequential:
    """Um gerador convolucional no espírito da DCGAN (Radford et al., 2016), pequeno o bastante para a CPU.

    O ruído é projetado numa imagem 7 × 7 com ``2·canais`` mapas; duas
    convoluções transpostas 4 × 4 de passo 2 dobram o tamanho (7 → 14 → 28).
    Normalização em lote e relu em todas as camadas menos a última, que usa
    tanh. As camadas seguidas de normalização em lote não têm viés (o β da
    normalização faz esse papel).
    """
    from .cnn import Remodelar

    latente = _inteiro_positivo(latente, "latente")
    c = _inteiro_positivo(canais, "canais")
    modelo = _em_sequencia([
        ("projecao", nn.Linear(latente, 2 * c * 7 * 7, bias=False)),
        ("bn0", nn.BatchNorm1d(2 * c * 7 * 7)), ("relu0", nn.ReLU()),
        ("remodelar", Remodelar((2 * c, 7, 7))),
        ("tconv1", nn.ConvTranspose2d(2 * c, c, 4, stride=2, padding=1, bias=False)),   # 7 → 14
        ("bn1", nn.BatchNorm2d(c)), ("relu1", nn.ReLU()),
        ("tconv2", nn.ConvTranspose2d(c, 1, 4, stride=2, padding=1)),                   # 14 → 28
        ("tanh", nn.Tanh()),
    ])
    modelo.latente = latente
    return modelo


def discriminador_dcgan(canais: int = 32) -> nn.Sequential:
    """O discriminador convolucional que acompanha ``gerador_dcgan``.

    Duas convoluções 4 × 4 de passo 2 (28 → 14 → 7) no lugar do *pooling*,
    leaky ReLU (α = 0,2), normalização em lote só na segunda (não na entrada,
    como recomenda a DCGAN) e uma densa que dá o *logit*, forma (N, 1).
    """
    from .cnn import Remodelar

    c = _inteiro_positivo(canais, "canais")
    return _em_sequencia([
        ("remodelar", Remodelar(FORMA_IMAGEM)),
        ("conv1", nn.Conv2d(1, c, 4, stride=2, padding=1)), ("lrelu1", nn.LeakyReLU(0.2)),       # 28 → 14
        ("conv2", nn.Conv2d(c, 2 * c, 4, stride=2, padding=1, bias=False)),                      # 14 → 7
        ("bn2", nn.BatchNorm2d(2 * c)), ("lrelu2", nn.LeakyReLU(0.2)),
        ("achatar", nn.Flatten()),
        ("saida", nn.Linear(2 * c * 7 * 7, 1)),
    ])


def _conferir_rotulos(rotulos: torch.Tensor, classes: int, n: int | None, faixa: bool = True) -> None:
    """Confere (sem converter) um tensor de rótulos inteiros de forma (n,).

    Com ``faixa``, confere também que os rótulos estão entre 0 e ``classes − 1``.
    """
    if not isinstance(rotulos, torch.Tensor):
        raise TypeError(f"os rótulos devem ser um torch.Tensor, não {type(rotulos).__name__}.")
    if rotulos.dtype not in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
        raise TypeError(f"os rótulos devem ser inteiros (0, 1, 2, ...), não {rotulos.dtype}.")
    if rotulos.ndim != 1 or (n is not None and len(rotulos) != n):
        raise ValueError(f"esperava um rótulo por exemplo, forma ({n},), não {tuple(rotulos.shape)}.")
    if faixa and len(rotulos) and (int(rotulos.min()) < 0 or int(rotulos.max()) >= classes):
        raise ValueError(f"há rótulos fora de 0..{classes - 1}.")


class GeradorCondicional(nn.Module):
    """Gerador de uma GAN condicional: ``G(z, y)`` desenha o dígito ``y``.

    O rótulo vira um *embedding* aprendido de ``dim_rotulo`` números, que é
    **concatenado** ao ruído; daí em diante vêm as camadas de ``gerador_mlp``
    (por padrão as mesmas densas 128, 256 e 512 com leaky ReLU e normalização
    em lote, e saída tanh em (1, 28, 28)), mas com a normalização em lote no
    padrão do PyTorch (``momentum=0.1``, ε = 10⁻⁵), e não na tradução do Keras.
    """

    def __init__(self, latente: int = 64, classes: int = 10, dim_rotulo: int = 16,
                 ocultas: tuple[int, ...] = (128, 256, 512)) -> None:
        super().__init__()
        from .cnn import Remodelar

        self.latente = _inteiro_positivo(latente, "latente")
        self.classes = _inteiro_positivo(classes, "classes")
        dim = _inteiro_positivo(dim_rotulo, "dim_rotulo")
        self.rotulo = nn.Embedding(self.classes, dim)
        camadas: list[tuple[str, nn.Module]] = []
        entrada = self.latente + dim
        for i, saida in enumerate(ocultas, start=1):
            saida = _inteiro_positivo(saida, "cada camada oculta")
            camadas += [(f"densa{i}", nn.Linear(entrada, saida)), (f"lrelu{i}", nn.LeakyReLU(0.2)),
                        (f"bn{i}", nn.BatchNorm1d(saida))]
            entrada = saida
        camadas += [("saida", nn.Linear(entrada, PIXELS)), ("tanh", nn.Tanh()),
                    ("remodelar", Remodelar(FORMA_IMAGEM))]
        self.corpo = _em_sequencia(camadas)

    def forward(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        _conferir_rotulos(y, self.classes, len(z), faixa=False)   # a faixa, o nn.Embedding confere
        return self.corpo(torch.cat([z, self.rotulo(y)], dim=1))


class DiscriminadorCondicional(nn.Module):
    """Discriminador de uma GAN condicional com **projeção** (Miyato e Koyama, 2018).

    Um MLP extrai características φ(x) da imagem; o *logit* é
    ``w·φ(x) + b + e_y·φ(x)``, onde ``e_y`` é um *embedding* aprendido do
    rótulo. O último termo mede se a imagem "combina" com o dígito pedido: o
    discriminador só aceita um 3 bem desenhado quando o rótulo também é 3.
    """

    def __init__(self, classes: int = 10, ocultas: tuple[int, ...] = (512, 256), dropout: float = 0.0) -> None:
        super().__init__()
        from .cnn import Remodelar

        import numbers

        self.classes = _inteiro_positivo(classes, "classes")
        if isinstance(dropout, (bool, np.bool_)) or not isinstance(dropout, numbers.Real):
            raise TypeError(f"dropout deve ser um número real (uma probabilidade), não {type(dropout).__name__}.")
        if not 0 <= dropout < 1:   # NaN também cai aqui
            raise ValueError(f"dropout deve ser uma probabilidade em [0, 1), não {dropout!r}.")
        dropout = float(dropout)
        camadas: list[tuple[str, nn.Module]] = [("achatar", Remodelar((PIXELS,)))]
        entrada = PIXELS
        for i, saida in enumerate(ocultas, start=1):
            saida = _inteiro_positivo(saida, "cada camada oculta")
            camadas += [(f"densa{i}", nn.Linear(entrada, saida)), (f"lrelu{i}", nn.LeakyReLU(0.2))]
            if dropout > 0:
                camadas.append((f"dropout{i}", nn.Dropout(dropout)))
            entrada = saida
        self.caracteristicas = _em_sequencia(camadas)
        self.saida = nn.Linear(entrada, 1)
        self.rotulo = nn.Embedding(self.classes, entrada)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        _conferir_rotulos(y, self.classes, len(x), faixa=False)
        phi = self.caracteristicas(x)
        return self.saida(phi) + (self.rotulo(y) * phi).sum(dim=1, keepdim=True)


def gerador_condicional(latente: int = 64, classes: int = 10) -> GeradorCondicional:
    """Gerador da GAN condicional do livro: [ruído, *embedding* de 16 do rótulo] → 128 → 256 → 512 → 784."""
    return GeradorCondicional(latente, classes)


def discriminador_condicional(classes: int = 10) -> DiscriminadorCondicional:
    """Discriminador da GAN condicional do livro: 784 → 512 → 256, com projeção do rótulo."""
    return DiscriminadorCondicional(classes)


def _condicional(modelo: nn.Module) -> bool:
    """Diz se ``modelo`` é condicional (as redes condicionais guardam ``.classes``)."""
    return isinstance(getattr(modelo, "classes", None), int)


def _imagens_tensor(imagens: Any, nome: str = "imagens") -> torch.Tensor:
    """Imagens (N, 784), (N, 28, 28) ou (N, 1, 28, 28) em [0, 1] → tensor float32 (N, 1, 28, 28)."""
    if isinstance(imagens, torch.Tensor):
        x = imagens.detach()
    else:
        try:
            x = torch.as_tensor(np.asarray(imagens))
        except (TypeError, ValueError, RuntimeError):
            raise TypeError(f"{nome}: esperava um array ou tensor de números.") from None
    if not x.is_floating_point():
        raise TypeError(f"{nome} devem ser de ponto flutuante (pixels em [0, 1]), não {x.dtype}.")
    formas = {2: (PIXELS,), 3: (28, 28), 4: FORMA_IMAGEM}
    if x.ndim not in formas or tuple(x.shape[1:]) != formas[x.ndim] or len(x) == 0:
        raise ValueError(f"{nome}: esperava a forma (N, 784), (N, 28, 28) ou (N, 1, 28, 28) com N ≥ 1, "
                         f"não {tuple(x.shape)}.")
    if not torch.isfinite(x).all():
        raise ValueError(f"{nome} contêm NaN ou infinito.")
    if float(x.min()) < -1e-6 or float(x.max()) > 1 + 1e-6:
        raise ValueError(f"{nome}: os pixels devem estar em [0, 1] (como em profundo.dados), "
                         f"não em [{float(x.min()):.3g}, {float(x.max()):.3g}].")
    return x.reshape(len(x), *FORMA_IMAGEM).to(torch.float32)


def _rotulos_de(rotulos: Any, n: int, classes: int) -> torch.Tensor:
    """Rótulos do usuário (lista, array ou tensor) → tensor int64 (n,) validado."""
    if isinstance(rotulos, torch.Tensor):
        r = rotulos.detach()
    else:
        try:
            a = np.asarray(rotulos)
        except (TypeError, ValueError):
            raise TypeError("os rótulos devem ser uma lista, array ou tensor de inteiros (0, 1, 2, ...).") from None
        if a.dtype.kind not in "biuf":
            tipo = "textos" if a.dtype.kind in "US" else f"do tipo {a.dtype}"
            raise TypeError(f"os rótulos devem ser inteiros (0, 1, 2, ...), não {tipo}.")
        r = torch.as_tensor(a.astype(np.int64) if a.dtype.kind == "u" else a)
    if r.is_floating_point() or r.dtype == torch.bool:
        raise TypeError(f"os rótulos devem ser inteiros (0, 1, 2, ...), não {r.dtype}.")
    if r.ndim != 1 or len(r) != n:
        raise ValueError(f"esperava {n} rótulos, um por imagem (forma ({n},)), não a forma {tuple(r.shape)}.")
    r = r.to(torch.int64)
    _conferir_rotulos(r, classes, n)
    return r


def _conferir_par(gerador: Any, discriminador: Any | None = None) -> bool:
    """Confere os tipos e se o par é condicional (os dois) ou não (nenhum)."""
    if not isinstance(gerador, nn.Module):
        raise TypeError(f"gerador deve ser um torch.nn.Module, não {type(gerador).__name__}.")
    cond = _condicional(gerador)
    if discriminador is not None:
        if not isinstance(discriminador, nn.Module):
            raise TypeError(f"discriminador deve ser um torch.nn.Module, não {type(discriminador).__name__}.")
        if _condicional(discriminador) != cond:
            raise TypeError("o gerador e o discriminador devem ser ambos condicionais ou ambos não condicionais.")
        if cond and discriminador.classes != gerador.classes:
            raise ValueError(f"o gerador tem {gerador.classes} classes e o discriminador "
                             f"{discriminador.classes}.")
    return cond


def _conferir_latente(gerador: nn.Module, latente: Any) -> int:
    """Confere que ``latente`` é um inteiro positivo igual ao ``.latente`` do gerador, se ele tiver um."""
    latente = _inteiro_positivo(latente, "latente")
    esperado = getattr(gerador, "latente", None)
    if esperado is not None and esperado != latente:
        raise ValueError(f"o gerador foi construído com latente={esperado}, não {latente}.")
    return latente


def _conferir_semente(semente: Any) -> int:
    """Confere que ``semente`` é um inteiro entre 0 e 2⁶³ − 2 (o ``torch.Generator`` aceita ela e ela + 1)."""
    if isinstance(semente, (bool, np.bool_)) or not isinstance(semente, (int, np.integer)):
        raise TypeError(f"semente deve ser um inteiro, não {type(semente).__name__}.")
    if not 0 <= semente < 2**63 - 1:
        raise ValueError(f"semente deve ser um inteiro não negativo (menor que 2⁶³ − 1), não {semente!r}.")
    return int(semente)


@torch.no_grad()
def _gerar(gerador: nn.Module, z: torch.Tensor, y: torch.Tensor | None, lote: int = 1000) -> np.ndarray:
    """Passa ``z`` (e ``y``) pelo gerador em modo de avaliação; devolve (N, 784) em [0, 1], na CPU."""
    estava_treinando = gerador.training
    gerador.eval()
    try:
        partes = []
        for i in range(0, len(z), lote):
            args = (z[i:i + lote],) if y is None else (z[i:i + lote], y[i:i + lote])
            partes.append(gerador(*args).reshape(-1, PIXELS).float().cpu())
    finally:
        gerador.train(estava_treinando)
    return ((torch.cat(partes) + 1) / 2).clamp(0, 1).numpy()


def amostrar(gerador: nn.Module, n: int, latente: int, rotulos: Any = None, semente: int = 0) -> np.ndarray:
    """``n`` amostras do gerador, no formato de ``profundo.dados``: (n, 784), float32, em [0, 1].

    O ruído z ~ N(0, I) é sorteado na CPU com ``semente`` (o mesmo em qualquer
    dispositivo) e o gerador roda em modo de avaliação (a normalização em lote
    usa as médias móveis). Num gerador condicional, ``rotulos`` dá o dígito de
    cada amostra (n inteiros entre 0 e ``classes − 1``).
    """
    cond = _conferir_par(gerador)
    n = _inteiro_positivo(n, "n")
    latente = _conferir_latente(gerador, latente)
    semente = _conferir_semente(semente)
    if cond and rotulos is None:
        raise ValueError("o gerador é condicional: diga em rotulos qual dígito cada amostra deve ter.")
    if not cond and rotulos is not None:
        raise TypeError("o gerador não é condicional: ele não aceita rótulos.")
    parametro = next(gerador.parameters(), None)
    disp = parametro.device if parametro is not None else torch.device("cpu")
    z = torch.randn(n, latente, generator=torch.Generator().manual_seed(int(semente))).to(disp)
    y = _rotulos_de(rotulos, n, gerador.classes).to(disp) if cond else None
    return _gerar(gerador, z, y)


@dataclass
class HistoricoGAN:
    """O treino de uma GAN época a época, e as grades de amostras guardadas no caminho.

    ``perda_d``/``perda_g``: médias das perdas nos lotes da época;
    ``d_real``/``d_falso``: médias de D(x) nos reais e de D(G(z)) nos falsos
    (medidas no passo do discriminador); ``tempo_s``: duração da época.
    ``instantaneos``: época → amostras (100, 784) em [0, 1] do mesmo ruído fixo
    (a época 0 é antes do treino); ``rotulos_grade``: o dígito pedido em cada
    amostra, numa GAN condicional (uma linha da grade por dígito);
    ``variante``: a perda do gerador usada (``"nao_saturante"`` ou
    ``"minimax"``), que decide o equilíbrio desenhado por ``graficos.curvas_gan``.
    """

    perda_d: list[float] = field(default_factory=list)
    perda_g: list[float] = field(default_factory=list)
    d_real: list[float] = field(default_factory=list)
    d_falso: list[float] = field(default_factory=list)
    tempo_s: list[float] = field(default_factory=list)
    instantaneos: dict[int, np.ndarray] = field(default_factory=dict)
    rotulos_grade: np.ndarray | None = None
    variante: str = "nao_saturante"

    def __len__(self) -> int:
        return len(self.tempo_s)


def _epocas_instantaneos(instantaneos: Any, epocas: int) -> list[int]:
    """Traduz ``instantaneos`` (de ``treinar_gan``) numa lista ordenada de épocas entre 0 e ``epocas``."""
    if instantaneos is None:
        return [epocas]
    if isinstance(instantaneos, (int, np.integer)) and not isinstance(instantaneos, bool):
        k = _inteiro_positivo(instantaneos, "instantaneos")
        return [epocas] if k == 1 else sorted({int(round(v)) for v in np.linspace(0, epocas, k)})
    try:
        lista = sorted({int(e) for e in instantaneos})
    except (TypeError, ValueError):
        raise TypeError("instantaneos deve ser None, um inteiro ou uma lista de épocas.") from None
    if lista and (lista[0] < 0 or lista[-1] > epocas):
        raise ValueError(f"as épocas dos instantâneos devem estar entre 0 (antes do treino) e {epocas}.")
    return lista


def _conferir_betas(betas: Any) -> tuple[float, float]:
    """Confere os ``betas`` do Adam: um par (β₁, β₂) de números reais em [0, 1)."""
    import numbers

    if isinstance(betas, (str, bytes)):
        raise TypeError(f"betas deve ser um par de números (β₁, β₂), não {type(betas).__name__}.")
    try:
        par = tuple(betas)
    except TypeError:
        raise TypeError(f"betas deve ser um par de números (β₁, β₂), não {type(betas).__name__}.") from None
    if len(par) != 2:
        raise ValueError(f"betas deve ser um par (β₁, β₂), não {len(par)} valores.")
    for b in par:
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, numbers.Real):
            raise TypeError(f"betas deve ter números reais, não {type(b).__name__}.")
    if not all(0 <= b < 1 for b in par):   # NaN também cai aqui
        raise ValueError(f"betas deve ser um par (β₁, β₂) com valores em [0, 1), não {betas!r}.")
    return float(par[0]), float(par[1])


def treinar_gan(gerador: nn.Module, discriminador: nn.Module, imagens: Any, rotulos: Any = None, *,
                epocas: int, tamanho_lote: int = 128, latente: int, taxa_aprendizado: float = 2e-4,
                betas: tuple[float, float] = (0.5, 0.999), semente: int, dispositivo: Any = None,
                instantaneos: Any = None, variante: str = "nao_saturante", progresso: bool = True,
                rotulo: str = "GAN") -> HistoricoGAN:
    """Treina uma GAN (condicional, se vierem ``rotulos``) com Adam e as perdas de Goodfellow.

    ``imagens`` (N, 784), (N, 28, 28) ou (N, 1, 28, 28) em [0, 1] vão **uma vez**
    para o dispositivo, já escaladas para [−1, 1] (a faixa da tanh do
    gerador). Cada época sorteia uma permutação e passa por ⌊N / lote⌋ lotes
    (todos do mesmo tamanho, lote = min(``tamanho_lote``, N), que deve ser ≥ 2
    por causa da normalização em lote); em cada lote:

    1. o gerador desenha um lote falso G(z) (com rótulos sorteados, na GAN condicional);
    2. um passo de Adam no discriminador com ``perda_discriminador`` (reais → 1, falsos → 0);
    3. um passo de Adam no gerador com ``perda_gerador(variante)``, sobre os mesmos falsos.

    Os falsos são gerados no modo de treino (normalização em lote com as
    estatísticas do lote); a fonte os gera com ``predict``, no modo de avaliação.

    ``taxa_aprendizado`` e ``betas``: os do Adam (padrão: 2·10⁻⁴ e (0,5, 0,999),
    os da fonte). ``variante``: a perda do gerador (``"nao_saturante"`` ou
    ``"minimax"``). ``dispositivo``: ``None`` usa ``ambiente.dispositivo()``.
    ``instantaneos``: épocas (0 = antes do treino) em que se guarda a grade
    10 × 10 do mesmo ruído fixo; um inteiro k pede k momentos espaçados;
    ``None``, só a última época. ``progresso`` mostra uma barra com o nome
    ``rotulo``. Com a mesma ``semente`` e os mesmos pesos iniciais, o
    resultado se repete.
    """
    cond = _conferir_par(gerador, discriminador)
    latente = _conferir_latente(gerador, latente)
    epocas = _inteiro_positivo(epocas, "epocas")
    tamanho_lote = _inteiro_positivo(tamanho_lote, "tamanho_lote")
    taxa_aprendizado = _real_positivo(taxa_aprendizado, "taxa_aprendizado")
    betas = _conferir_betas(betas)
    if variante not in VARIANTES_GERADOR:
        raise ValueError(f"variante desconhecida {variante!r}; use uma de {VARIANTES_GERADOR}.")
    semente = _conferir_semente(semente)
    x = _imagens_tensor(imagens)
    if min(tamanho_lote, len(x)) < 2:
        raise ValueError(f"cada lote precisa de pelo menos 2 exemplos (a normalização em lote tira média e "
                         f"variância do lote), mas há {len(x)} imagens e tamanho_lote={tamanho_lote}.")
    if cond and rotulos is None:
        raise ValueError("uma GAN condicional precisa dos rótulos das imagens de treino.")
    if not cond and rotulos is not None:
        raise TypeError("vieram rótulos, mas o gerador e o discriminador não são condicionais "
                        "(use gerador_condicional e discriminador_condicional).")
    y = _rotulos_de(rotulos, len(x), gerador.classes) if cond else None
    marcas = _epocas_instantaneos(instantaneos, epocas)

    import time

    from . import ambiente

    disp = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)
    x = (x * 2 - 1).to(disp)
    y = y.to(disp) if cond else None
    gerador.to(disp).train()
    discriminador.to(disp).train()
    sorteio = torch.Generator(device=disp).manual_seed(int(semente))

    # ruído fixo da grade: sorteado na CPU, o mesmo em qualquer dispositivo
    linhas = gerador.classes if cond else 10
    ruido_fixo = torch.randn(10 * linhas, latente, generator=torch.Generator().manual_seed(int(semente) + 1))
    ruido_fixo = ruido_fixo.to(disp)
    rotulos_fixos = torch.arange(linhas, device=disp).repeat_interleave(10) if cond else None
    historico = HistoricoGAN(rotulos_grade=rotulos_fixos.cpu().numpy() if cond else None, variante=variante)

    try:  # confere logo se o gerador aceita este ruído e produz imagens do tamanho certo
        with torch.no_grad():
            gerador.eval()
            prova = gerador(*((ruido_fixo[:2], rotulos_fixos[:2]) if cond else (ruido_fixo[:2],)))
            gerador.train()
    except RuntimeError as erro:
        raise ValueError(f"o gerador não aceitou ruído de tamanho latente={latente}: {erro}") from None
    if prova.reshape(2, -1).shape[1] != PIXELS:
        raise ValueError(f"o gerador produz {prova.reshape(2, -1).shape[1]} valores por amostra; "
                         f"as imagens têm {PIXELS}.")
    if 0 in marcas:
        historico.instantaneos[0] = _gerar(gerador, ruido_fixo, rotulos_fixos)

    otim_g = torch.optim.Adam(gerador.parameters(), lr=float(taxa_aprendizado), betas=tuple(betas))
    otim_d = torch.optim.Adam(discriminador.parameters(), lr=float(taxa_aprendizado), betas=tuple(betas))
    n, b = len(x), min(tamanho_lote, len(x))
    n_lotes = n // b

    barra = None
    if progresso:
        try:
            from tqdm.auto import tqdm
            barra = tqdm(total=epocas, desc=rotulo, unit="época", leave=False)
        except ImportError:  # pragma: no cover - tqdm está no requirements.txt
            barra = None
    for epoca in range(1, epocas + 1):
        inicio = time.perf_counter()
        ordem = torch.randperm(n, device=disp, generator=sorteio)
        somas = torch.zeros(4, device=disp)   # perda D, perda G, D(x), D(G(z)): sem sincronizar por lote
        for k in range(n_lotes):
            indices = ordem[k * b:(k + 1) * b]
            z = torch.randn(b, latente, device=disp, generator=sorteio)
            if cond:
                y_falso = torch.randint(0, gerador.classes, (b,), device=disp, generator=sorteio)
                falsos = gerador(z, y_falso)
                logits_reais = discriminador(x[indices], y[indices])
                logits_falsos = discriminador(falsos.detach(), y_falso)
            else:
                falsos = gerador(z)
                logits_reais = discriminador(x[indices])
                logits_falsos = discriminador(falsos.detach())
            perda_d = perda_discriminador(logits_reais, logits_falsos)
            otim_d.zero_grad(set_to_none=True)
            perda_d.backward()
            otim_d.step()

            logits_g = discriminador(falsos, y_falso) if cond else discriminador(falsos)
            perda_g = perda_gerador(logits_g, variante)
            otim_g.zero_grad(set_to_none=True)
            perda_g.backward()
            otim_g.step()
            somas += torch.stack([perda_d.detach(), perda_g.detach(),
                                  torch.sigmoid(logits_reais.detach()).mean(),
                                  torch.sigmoid(logits_falsos.detach()).mean()])
        medias = (somas / n_lotes).tolist()
        for lista, valor in zip((historico.perda_d, historico.perda_g, historico.d_real, historico.d_falso),
                                medias):
            lista.append(valor)
        historico.tempo_s.append(time.perf_counter() - inicio)
        if epoca in marcas:
            historico.instantaneos[epoca] = _gerar(gerador, ruido_fixo, rotulos_fixos)
        if barra is not None:
            barra.set_postfix({"perda D": f"{medias[0]:.3f}".replace(".", ","),
                               "perda G": f"{medias[1]:.3f}".replace(".", ","),
                               "D(x)": f"{medias[2]:.2f}".replace(".", ","),
                               "D(G(z))": f"{medias[3]:.2f}".replace(".", ",")})
            barra.update(1)
    if barra is not None:
        barra.close()
    return historico


# --- medidas de qualidade ---------------------------------------------------

@torch.no_grad()
def caracteristicas(classificador: nn.Module, imagens: Any, tamanho_lote: int = 1000) -> np.ndarray:
    """Ativações da penúltima camada de ``classificador`` (a entrada da sua última densa), (N, d), float64.

    ``imagens`` como em ``profundo.dados``: (N, 784), (N, 28, 28) ou
    (N, 1, 28, 28), em [0, 1]. O classificador (p. ex. um da Parte V treinado
    com ``treino.treinar``) roda em modo de avaliação e volta ao modo em que estava.
    A "última densa" é o último ``nn.Linear`` na ordem de ``modules()``, que deve
    ser a camada de saída.
    """
    if not isinstance(classificador, nn.Module):
        raise TypeError(f"classificador deve ser um torch.nn.Module, não {type(classificador).__name__}.")
    tamanho_lote = _inteiro_positivo(tamanho_lote, "tamanho_lote")
    densas = [m for m in classificador.modules() if isinstance(m, nn.Linear)]
    if not densas:
        raise ValueError("o classificador não tem camada densa (nn.Linear) no fim: não há penúltima camada.")
    x = _imagens_tensor(imagens)
    parametro = next(classificador.parameters())
    capturadas: list[torch.Tensor] = []
    gancho = densas[-1].register_forward_pre_hook(
        lambda modulo, entrada: capturadas.append(entrada[0].reshape(len(entrada[0]), -1).double().cpu()))
    estava_treinando = classificador.training
    classificador.eval()
    try:
        for i in range(0, len(x), tamanho_lote):
            classificador(x[i:i + tamanho_lote].to(parametro.device, parametro.dtype))
    finally:
        gancho.remove()
        classificador.train(estava_treinando)
    return torch.cat(capturadas).numpy()


def _matriz_caracteristicas(valor: Any, nome: str) -> np.ndarray:
    """Converte ``valor`` numa matriz (N, d) de ``float64`` finita com N ≥ 2 (um vetor vira d = 1)."""
    try:
        a = np.asarray(valor.detach().cpu() if isinstance(valor, torch.Tensor) else valor)
    except (TypeError, ValueError):
        raise TypeError(f"{nome}: esperava um array de números.") from None
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{nome}: esperava números reais, não o tipo {a.dtype}.")
    if a.ndim == 1:
        a = a[:, None]
    if a.ndim != 2 or len(a) < 2:
        raise ValueError(f"{nome}: esperava uma matriz (N, d) com N ≥ 2 exemplos, não a forma {a.shape}.")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{nome} contém NaN ou infinito.")
    return a.astype(np.float64)


def _raiz_simetrica(m: np.ndarray) -> np.ndarray:
    """Raiz quadrada de uma matriz simétrica semidefinida positiva, pelos autovalores."""
    autovalores, autovetores = np.linalg.eigh((m + m.T) / 2)
    return (autovetores * np.sqrt(np.clip(autovalores, 0, None))) @ autovetores.T


def distancia_frechet(caracteristicas_a: Any, caracteristicas_b: Any) -> float:
    """Distância de Fréchet entre as gaussianas ajustadas a dois conjuntos de características (N, d).

    d² = |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2}), com médias e covariâncias
    amostrais (divisor N − 1). O traço da raiz sai sem calcular a raiz de
    Σ₁Σ₂, que não é simétrica: ela tem os mesmos autovalores que a matriz
    simétrica Σ₁^{1/2} Σ₂ Σ₁^{1/2}, e o traço da raiz é a soma das raízes
    desses autovalores. Vetores (N,) contam como uma característica só.
    """
    a = _matriz_caracteristicas(caracteristicas_a, "caracteristicas_a")
    b = _matriz_caracteristicas(caracteristicas_b, "caracteristicas_b")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"os dois conjuntos devem ter o mesmo número de características, "
                         f"não {a.shape[1]} e {b.shape[1]}.")
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    sigma_a = np.atleast_2d(np.cov(a, rowvar=False))
    sigma_b = np.atleast_2d(np.cov(b, rowvar=False))
    raiz_a = _raiz_simetrica(sigma_a)
    meio = raiz_a @ sigma_b @ raiz_a
    traco_raiz = np.sqrt(np.clip(np.linalg.eigvalsh((meio + meio.T) / 2), 0, None)).sum()
    d2 = np.sum((mu_a - mu_b) ** 2) + np.trace(sigma_a) + np.trace(sigma_b) - 2 * traco_raiz
    return float(max(d2, 0.0))


def acuracia_condicional(gerador: nn.Module, classificador: nn.Module, *, latente: int,
                         n_por_digito: int = 100, semente: int = 0) -> tuple[float, np.ndarray]:
    """Fração das amostras de uma GAN condicional que ``classificador`` põe no dígito pedido.

    Pede ``n_por_digito`` amostras de cada classe e devolve ``(fração, matriz)``:
    a entrada ``[i, j]`` da matriz conta as amostras pedidas como ``i`` e
    classificadas como ``j`` (a diagonal são os acertos).
    """
    from . import treino

    if not _conferir_par(gerador):
        raise TypeError("acuracia_condicional precisa de um gerador condicional.")
    if not isinstance(classificador, nn.Module):
        raise TypeError(f"classificador deve ser um torch.nn.Module, não {type(classificador).__name__}.")
    n_por_digito = _inteiro_positivo(n_por_digito, "n_por_digito")
    pedidos = np.repeat(np.arange(gerador.classes), n_por_digito)
    amostras = amostrar(gerador, len(pedidos), latente, pedidos, semente=semente)
    previstos = treino.prever(classificador, amostras).cpu().numpy()
    matriz = treino.matriz_confusao(pedidos, previstos, n_classes=gerador.classes)
    return float(np.trace(matriz) / matriz.sum()), matriz


# (fim da seção do capítulo 27)
