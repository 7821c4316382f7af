"""Amostragem: gerar variáveis aleatórias e comparar distribuições (capítulos 24 e 25).

O gerador de uma GAN transforma ruído simples em dados complexos. Em uma
dimensão, a estatística já sabe fazer isso há muito tempo, e este módulo
mostra como, em quatro partes:

1. **Números pseudoaleatórios**: o gerador congruencial linear
   ``x_{k+1} = (a·x_k + c) mod m``, seu período e a distância de
   Kolmogorov-Smirnov para medir a uniformidade.
2. **Transformada inversa**: se ``U`` é uniforme em (0, 1), ``F⁻¹(U)`` tem
   função de distribuição acumulada ``F``. Há seis distribuições-alvo prontas.
3. **Amostragem por rejeição**: sorteia de uma proposta ``g`` e aceita com
   probabilidade ``f(x) / (M·g(x))``; a taxa de aceitação é ``1/M``.
4. **Modelos generativos** (capítulo 25): o classificador gaussiano, que
   modela ``p(x | y)`` e sabe gerar pontos; a discrepância média máxima (MMD)
   com núcleo gaussiano, com o gradiente feito à mão; e o ajuste de um
   gerador 1-D pelo MMD com o PyTorch.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import torch
from scipy.spatial.distance import pdist
from scipy.special import expit, logit, ndtr, ndtri
from torch import nn

from .graficos import formatar_numero

# ---------------------------------------------------------------------------
# Validação
# ---------------------------------------------------------------------------


def _inteiro(valor: Any, nome: str, minimo: int = 1, maximo: int | None = None) -> int:
    """Confere que ``valor`` é um inteiro em [minimo, maximo] (booleanos não contam)."""
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
    if valor < minimo or (maximo is not None and valor > maximo):
        faixa = f"≥ {minimo}" if maximo is None else f"entre {minimo} e {maximo}"
        raise ValueError(f"{nome} deve ser um inteiro {faixa}, não {valor}.")
    return int(valor)


def _real(valor: Any, nome: str, positivo: bool = False) -> float:
    """Confere que ``valor`` é um número real finito (e positivo, se pedido)."""
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número real, não {type(valor).__name__}.")
    if not np.isfinite(valor):
        raise ValueError(f"{nome} deve ser um número finito, não {valor}.")
    if positivo and valor <= 0:
        raise ValueError(f"{nome} deve ser positivo, não {valor}.")
    return float(valor)


def _array(valor: Any, nome: str, permitir_infinito: bool = False) -> np.ndarray:
    """Converte para array de float64, recusando texto, vazio e NaN."""
    if isinstance(valor, (str, bytes)):
        raise TypeError(f"{nome} deve conter números, não texto.")
    if torch.is_tensor(valor):
        valor = valor.detach().cpu().numpy()
    try:
        a = np.asarray(valor, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{nome} deve ser um número ou um array de números.") from None
    if a.size == 0:
        raise ValueError(f"{nome} está vazio.")
    if np.isnan(a).any():
        raise ValueError(f"{nome} contém NaN.")
    if not permitir_infinito and np.isinf(a).any():
        raise ValueError(f"{nome} contém valores infinitos.")
    return a


def _gerador_numpy(rng: Any) -> np.random.Generator:
    """``None`` → gerador novo; inteiro → gerador com essa semente; ``Generator`` → ele mesmo."""
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng deve ser um numpy.random.Generator, uma semente inteira ou None, "
                    f"não {type(rng).__name__}.")


# ---------------------------------------------------------------------------
# 1. Números pseudoaleatórios: o gerador congruencial linear
# ---------------------------------------------------------------------------

MODULO_MAXIMO = 2**32
"""Maior módulo ``m`` aceito (os estados cabem folgados num int64)."""


class GeradorCongruencial:
    """Gerador congruencial linear: ``x_{k+1} = (a·x_k + c) mod m``.

    Os uniformes são ``u_k = (x_k + ½)/m``: o meio de cada uma das ``m``
    fatias de [0, 1], de modo que ``u`` nunca vale exatamente 0 nem 1 (e
    ``F⁻¹(u)`` é sempre finito). Os valores padrão de ``a``, ``c`` e ``m`` são
    os do *Numerical Recipes*, com ``m = 2³²``.
    """

    def __init__(self, semente: int = 1, a: int = 1664525, c: int = 1013904223,
                 m: int = MODULO_MAXIMO) -> None:
        self.m = _inteiro(m, "m", 2, MODULO_MAXIMO)
        self.a = _inteiro(a, "a", 1, self.m - 1)
        self.c = _inteiro(c, "c", 0, self.m - 1)
        self.estado = _inteiro(semente, "a semente", 0, self.m - 1)

    def inteiros(self, n: int) -> np.ndarray:
        """Os próximos ``n`` estados ``x_1, …, x_n`` (a semente é ``x_0``)."""
        n = _inteiro(n, "n")
        x, saida = self.estado, np.empty(n, dtype=np.int64)
        for k in range(n):
            x = (self.a * x + self.c) % self.m   # inteiros do Python: sem estouro
            saida[k] = x
        self.estado = x
        return saida

    def uniformes(self, n: int) -> np.ndarray:
        """``n`` números em (0, 1): ``(x_k + ½)/m``."""
        return (self.inteiros(n) + 0.5) / self.m

    def __repr__(self) -> str:
        return f"GeradorCongruencial(a={self.a}, c={self.c}, m={self.m}, estado={self.estado})"


MODULO_MAXIMO_PERIODO = 2**24
"""Maior ``m`` que ``periodo`` aceita: ele anda estado a estado, em Python (segundos para m = 2²⁴)."""


def periodo(a: int, c: int, m: int, semente: int = 0) -> int:
    """Comprimento do ciclo em que a sequência cai a partir de ``semente`` (medido, m ≤ 2²⁴).

    Anda pela sequência até um estado se repetir, pelo algoritmo de Brent,
    que guarda um só estado de referência (a "tartaruga"): ela fica parada
    enquanto a "lebre" dá 1, 2, 4, 8, … passos; quando a lebre reencontra a
    tartaruga, o número de passos desde o último salto é o período. Memória
    constante e no máximo cerca de 3m passos. Para m maior, use
    ``tem_periodo_completo`` (o teorema de Hull e Dobell).
    """
    m = _inteiro(m, "m", 2)
    if m > MODULO_MAXIMO_PERIODO:
        raise ValueError(f"periodo anda pela sequência passo a passo e aceita m ≤ 2²⁴ = "
                         f"{formatar_numero(MODULO_MAXIMO_PERIODO, 0)}, não {formatar_numero(m, 0)}; "
                         f"para m maior, use tem_periodo_completo (teorema de Hull e Dobell).")
    gerador = GeradorCongruencial(semente, a, c, m)
    a, c = gerador.a, gerador.c
    tartaruga = gerador.estado
    lebre = (a * tartaruga + c) % m
    potencia = comprimento = 1
    while lebre != tartaruga:
        if comprimento == potencia:        # a lebre andou 2^k passos sem reencontrá-la: a tartaruga salta
            tartaruga, potencia, comprimento = lebre, 2 * potencia, 0
        lebre = (a * lebre + c) % m
        comprimento += 1
    return comprimento


def _fatores_primos(m: int) -> set[int]:
    """Os primos que dividem ``m``, por divisão por tentativa (basta ir até √m)."""
    fatores, p = set(), 2
    while p * p <= m:
        while m % p == 0:
            fatores.add(p)
            m //= p
        p += 1
    if m > 1:
        fatores.add(m)
    return fatores


def tem_periodo_completo(a: int, c: int, m: int) -> bool:
    """Teorema de Hull e Dobell: o período é ``m`` para toda semente se e só se

    (1) ``c`` e ``m`` são primos entre si; (2) ``a − 1`` é divisível por todo
    primo que divide ``m``; (3) ``a − 1`` é divisível por 4 se ``m`` for.
    """
    m = _inteiro(m, "m", 2, MODULO_MAXIMO)
    a, c = _inteiro(a, "a", 1, m - 1), _inteiro(c, "c", 0, m - 1)
    return (math.gcd(c, m) == 1
            and all((a - 1) % p == 0 for p in _fatores_primos(m))
            and (m % 4 != 0 or (a - 1) % 4 == 0))


def distancia_ks(amostra, distribuicao: str = "uniforme", **parametros: float) -> float:
    """Distância de Kolmogorov-Smirnov: ``sup_x |F_n(x) − F(x)|``, entre 0 e 1.

    ``F_n`` é a função de distribuição acumulada empírica da amostra (1-D) e
    ``F`` a da distribuição-alvo. Para ``n`` pontos sorteados de ``F``, ela
    fica em torno de ``0,87/√n``; bem acima disso, a amostra não segue ``F``.
    """
    x = np.sort(_array(amostra, "a amostra").ravel())
    F = fda(x, distribuicao, **parametros)
    n = x.size
    return float(max(np.max(np.arange(1, n + 1) / n - F), np.max(F - np.arange(n) / n)))


# ---------------------------------------------------------------------------
# 2. Distribuições-alvo e a transformada inversa
# ---------------------------------------------------------------------------

def _normal_pdf(z: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * z**2) / math.sqrt(2 * math.pi)


def _mistura_fda(x, peso, media1, desvio1, media2, desvio2):
    """FDA da mistura: a média ponderada das FDAs das duas normais."""
    return peso * ndtr((x - media1) / desvio1) + (1 - peso) * ndtr((x - media2) / desvio2)


def _mistura_inversa(u, peso, media1, desvio1, media2, desvio2):
    """Sem fórmula fechada: bissecção vetorizada em F(x) = u (F é crescente)."""
    baixo = np.full_like(u, min(media1 - 40 * desvio1, media2 - 40 * desvio2))
    alto = np.full_like(u, max(media1 + 40 * desvio1, media2 + 40 * desvio2))
    for _ in range(100):   # o intervalo encolhe 2¹⁰⁰ vezes: bem abaixo do arredondamento
        meio = (baixo + alto) / 2
        abaixo = _mistura_fda(meio, peso, media1, desvio1, media2, desvio2) < u
        baixo, alto = np.where(abaixo, meio, baixo), np.where(abaixo, alto, meio)
    return (baixo + alto) / 2


@dataclass(frozen=True)
class _Distribuicao:
    parametros: dict[str, float]          # nomes e valores padrão
    positivos: tuple[str, ...]            # parâmetros que precisam ser > 0
    densidade: Callable[..., np.ndarray]
    fda: Callable[..., np.ndarray]
    inversa: Callable[..., np.ndarray]


_DISTRIBUICOES: dict[str, _Distribuicao] = {
    "uniforme": _Distribuicao(
        {"a": 0.0, "b": 1.0}, (),
        lambda x, a, b: np.where((x >= a) & (x <= b), 1 / (b - a), 0.0),
        lambda x, a, b: np.clip((x - a) / (b - a), 0.0, 1.0),
        lambda u, a, b: a + (b - a) * u),
    "exponencial": _Distribuicao(
        {"taxa": 1.0}, ("taxa",),
        lambda x, taxa: np.where(x >= 0, taxa * np.exp(-taxa * np.maximum(x, 0)), 0.0),
        lambda x, taxa: np.where(x > 0, -np.expm1(-taxa * np.maximum(x, 0)), 0.0),
        lambda u, taxa: -np.log1p(-u) / taxa),
    "normal": _Distribuicao(
        {"media": 0.0, "desvio": 1.0}, ("desvio",),
        lambda x, media, desvio: _normal_pdf((x - media) / desvio) / desvio,
        lambda x, media, desvio: ndtr((x - media) / desvio),
        lambda u, media, desvio: media + desvio * ndtri(u)),
    "logistica": _Distribuicao(
        {"media": 0.0, "escala": 1.0}, ("escala",),
        lambda x, media, escala: 1 / (4 * escala * np.cosh((x - media) / (2 * escala)) ** 2),
        lambda x, media, escala: expit((x - media) / escala),
        lambda u, media, escala: media + escala * logit(u)),
    "cauchy": _Distribuicao(
        {"mediana": 0.0, "escala": 1.0}, ("escala",),
        lambda x, mediana, escala: 1 / (math.pi * escala * (1 + ((x - mediana) / escala) ** 2)),
        lambda x, mediana, escala: 0.5 + np.arctan((x - mediana) / escala) / math.pi,
        lambda u, mediana, escala: mediana + escala * np.tan(math.pi * (u - 0.5))),
    "mistura": _Distribuicao(
        {"peso": 0.3, "media1": -2.0, "desvio1": 0.6, "media2": 1.5, "desvio2": 1.0},
        ("desvio1", "desvio2"),
        lambda x, peso, media1, desvio1, media2, desvio2: (
            peso * _normal_pdf((x - media1) / desvio1) / desvio1
            + (1 - peso) * _normal_pdf((x - media2) / desvio2) / desvio2),
        _mistura_fda, _mistura_inversa),
}

DISTRIBUICOES = tuple(_DISTRIBUICOES)
"""Distribuições-alvo com densidade, FDA e inversa: uniforme, exponencial, normal,
logística, Cauchy e uma mistura de duas normais (inversa por bissecção)."""


def parametros_padrao(distribuicao: str) -> dict[str, float]:
    """Os parâmetros de ``distribuicao`` e seus valores padrão."""
    return dict(_obter(distribuicao).parametros)


def _obter(distribuicao: str) -> _Distribuicao:
    """A distribuição pelo nome, ou ``ValueError`` com as opções."""
    if not isinstance(distribuicao, str) or distribuicao not in _DISTRIBUICOES:
        raise ValueError(f"distribuição desconhecida: {distribuicao!r}. Opções: {', '.join(DISTRIBUICOES)}.")
    return _DISTRIBUICOES[distribuicao]


def _parametros(distribuicao: str, parametros: dict[str, Any]) -> tuple[_Distribuicao, dict[str, float]]:
    """A distribuição e seus parâmetros completos e validados."""
    d = _obter(distribuicao)
    sobrando = set(parametros) - set(d.parametros)
    if sobrando:
        raise TypeError(f"parâmetro desconhecido para a distribuição {distribuicao}: "
                        f"{', '.join(sorted(sobrando))}. Aceitos: {', '.join(d.parametros)}.")
    p = {nome: _real(parametros.get(nome, padrao), nome, positivo=nome in d.positivos)
         for nome, padrao in d.parametros.items()}
    if distribuicao == "uniforme" and p["b"] <= p["a"]:
        raise ValueError(f"a uniforme precisa de a < b, não a = {p['a']} e b = {p['b']}.")
    if distribuicao == "mistura" and not 0 < p["peso"] < 1:
        raise ValueError(f"o peso da mistura deve estar em (0, 1), não {p['peso']}.")
    return d, p


def _mesma_forma(entrada, resultado: np.ndarray):
    """Devolve um float quando a entrada era um número, senão o array."""
    return float(resultado) if np.ndim(entrada) == 0 else resultado


def densidade(x, distribuicao: str = "normal", **parametros: float):
    """Densidade ``f(x)`` da distribuição (vetorizada)."""
    d, p = _parametros(distribuicao, parametros)
    return _mesma_forma(x, d.densidade(_array(x, "x", permitir_infinito=True), **p))


def fda(x, distribuicao: str = "normal", **parametros: float):
    """Função de distribuição acumulada ``F(x) = P(X ≤ x)`` (vetorizada)."""
    d, p = _parametros(distribuicao, parametros)
    return _mesma_forma(x, d.fda(_array(x, "x", permitir_infinito=True), **p))


def transformada_inversa(u, distribuicao: str = "normal", **parametros: float):
    """O método da transformada inversa: ``x = F⁻¹(u)``.

    Com ``u`` sorteado uniforme em (0, 1), ``x`` segue a distribuição pedida.
    ``u`` deve estar no intervalo aberto (0, 1), onde ``F⁻¹`` é finita.
    """
    d, p = _parametros(distribuicao, parametros)
    a = _array(u, "u")
    if np.any((a <= 0) | (a >= 1)):
        fora = a[(a <= 0) | (a >= 1)].ravel()[0]
        raise ValueError(f"u deve estar no intervalo aberto (0, 1), mas contém {fora}.")
    return _mesma_forma(u, d.inversa(a, **p))


def uniformes_abertos(n: int, rng=None) -> np.ndarray:
    """``n`` uniformes em (0, 1) aberto, com 53 bits (o ``rng.random`` pode dar 0)."""
    n = _inteiro(n, "n")
    return (_gerador_numpy(rng).integers(0, 2**53, size=n) + 0.5) / 2**53


def amostrar(n: int, distribuicao: str = "normal", rng=None, **parametros: float) -> np.ndarray:
    """``n`` sorteios da distribuição, pela transformada inversa de uniformes."""
    _parametros(distribuicao, parametros)   # valida antes de sortear
    return transformada_inversa(uniformes_abertos(n, rng), distribuicao, **parametros)


# ---------------------------------------------------------------------------
# 3. Amostragem por rejeição
# ---------------------------------------------------------------------------

@dataclass
class ResultadoRejeicao:
    """Tudo o que a amostragem por rejeição fez, até a ``n``-ésima aceita."""

    amostras: np.ndarray      # as n amostras aceitas, na ordem
    taxa_aceitacao: float     # aceitas / propostas (teórica: 1/M)
    propostas: np.ndarray     # todos os x sorteados da proposta
    alturas: np.ndarray       # v·M·g(x), com v uniforme em (0, 1): o ponto sob a curva M·g
    aceitas: np.ndarray       # máscara: altura ≤ f(x)
    constante_m: float


LOTE_MAXIMO_REJEICAO = 1_000_000
"""Maior número de propostas que ``amostrar_rejeicao`` sorteia de uma vez (limita a memória por rodada)."""


def _avaliar_densidade(densidade_alvo: Callable, x: np.ndarray) -> np.ndarray:
    """``f(x)`` conferida: mesma forma de ``x``, sem NaN e sem valores negativos."""
    if not callable(densidade_alvo):
        raise TypeError("densidade_alvo deve ser uma função f(x) vetorizada.")
    f = np.asarray(densidade_alvo(x), dtype=float)
    if f.shape != x.shape:
        raise ValueError(f"densidade_alvo(x) deve ter a forma de x, {x.shape}, não {f.shape}.")
    if np.isnan(f).any() or (f < 0).any():
        raise ValueError("densidade_alvo(x) deu NaN ou valor negativo.")
    return f


def amostrar_rejeicao(densidade_alvo: Callable, proposta: str, constante_m: float, n: int,
                      rng=None, **parametros_proposta: float) -> ResultadoRejeicao:
    """Amostragem por rejeição da densidade ``f`` com proposta ``g`` e ``f ≤ M·g``.

    Repete: sorteia ``x`` de ``g`` (uma das ``DISTRIBUICOES``) e ``v`` uniforme;
    aceita ``x`` se ``v·M·g(x) ≤ f(x)``. Com ``f`` e ``g`` normalizadas, a
    probabilidade de aceitar é ``1/M``, então ``M ≥ 1``. Se algum ponto
    proposto tiver ``f(x) > M·g(x)``, a cota falhou e o resultado seria
    enviesado: levanta ``ValueError``. A cota só é conferida nos pontos
    propostos: onde ``g = 0`` e ``f > 0`` nada é proposto e o erro passa
    despercebido (``menor_constante`` recusa esse caso). As propostas são
    sorteadas em rodadas de no máximo ``LOTE_MAXIMO_REJEICAO``.
    """
    M = _real(constante_m, "a constante M", positivo=True)
    if M < 1:
        raise ValueError(f"a constante M deve ser ≥ 1 (f e g integram 1, então f ≤ M·g exige M ≥ 1), não {M}.")
    n = _inteiro(n, "n")
    _parametros(proposta, parametros_proposta)
    rng = _gerador_numpy(rng)
    xs, hs, oks, aceitos, total = [], [], [], 0, 0
    while aceitos < n:
        lote = min(int(1.2 * M * (n - aceitos)) + 16, LOTE_MAXIMO_REJEICAO)   # espera ~1,2 vez o que falta
        x = amostrar(lote, proposta, rng, **parametros_proposta)
        teto = M * densidade(x, proposta, **parametros_proposta)
        f = _avaliar_densidade(densidade_alvo, x)
        acima = f > teto * (1 + 1e-12)
        if acima.any():
            i = np.flatnonzero(acima)[0]
            raise ValueError(f"f(x) > M·g(x) em x = {formatar_numero(x[i], 4)} (f = {formatar_numero(f[i], 4)}, "
                             f"M·g = {formatar_numero(teto[i], 4)}): aumente M ou escolha outra proposta.")
        h = rng.random(lote) * teto
        ok = h <= f
        xs.append(x), hs.append(h), oks.append(ok)
        aceitos, total = aceitos + int(ok.sum()), total + lote
        if aceitos == 0 and total > 1000 * M + 100_000:
            raise ValueError("nenhuma proposta foi aceita: confira se a densidade é positiva onde g é.")
    x, h, ok = np.concatenate(xs), np.concatenate(hs), np.concatenate(oks)
    fim = np.flatnonzero(ok)[n - 1] + 1          # para na n-ésima aceita
    x, h, ok = x[:fim], h[:fim], ok[:fim]
    return ResultadoRejeicao(x[ok], n / fim, x, h, ok, M)


def menor_constante(densidade_alvo: Callable, proposta: str, x, **parametros_proposta: float) -> float:
    """O menor ``M`` com ``f ≤ M·g`` nos pontos ``x``: ``max f(x)/g(x)`` (procura numa grade).

    Entre dois pontos da grade a razão pode subir um pouco mais; com uma
    grade grossa, dê uma folga ao resultado (p. ex. multiplique por 1,01).
    """
    x = _array(x, "x").ravel()
    g = np.asarray(densidade(x, proposta, **parametros_proposta))
    f = _avaliar_densidade(densidade_alvo, x)
    if not np.any(g > 0):
        raise ValueError("a proposta tem densidade zero em todos os pontos de x: escolha pontos "
                         "dentro do suporte da proposta (onde g > 0).")
    if np.any((g == 0) & (f > 0)):
        raise ValueError("f > 0 onde a proposta tem densidade zero: nenhum M serve.")
    return float(np.max(f[g > 0] / g[g > 0]))


# ---------------------------------------------------------------------------
# 4a. Um modelo generativo pequeno: o classificador gaussiano
# ---------------------------------------------------------------------------

class ClassificadorGaussiano:
    """Modelo generativo: ``p(y)`` pela frequência e ``p(x | y)`` normal com média e covariância próprias.

    Classifica pela regra de Bayes, ``p(y | x) ∝ p(x | y)·p(y)``, e, ao contrário
    de um classificador discriminativo, também dá a densidade ``p(x)`` e gera
    pontos novos: ``x = μ_y + L_y·z``, com ``L_y L_yᵀ = Σ_y`` e ``z`` normal padrão.
    """

    def ajustar(self, x, y) -> "ClassificadorGaussiano":
        """Estimativas de máxima verossimilhança (covariância dividida por ``n_k``)."""
        x = _array(x, "x")
        if x.ndim != 2:
            raise ValueError(f"x deve ter forma (N, d), não {x.shape}.")
        y = np.asarray(y)
        if y.shape != (len(x),):
            raise ValueError(f"y deve ter forma ({len(x)},): um rótulo por ponto, não {y.shape}.")
        if not np.issubdtype(y.dtype, np.integer):
            raise TypeError("y deve conter rótulos inteiros.")
        self.classes_ = np.unique(y)
        d = x.shape[1]
        medias, covs, prioris, fatores = [], [], [], []
        for k in self.classes_:
            xk = x[y == k]
            if len(xk) <= d:
                raise ValueError(f"a classe {k} tem {len(xk)} pontos; são precisos mais de d = {d}.")
            media = xk.mean(axis=0)
            centrado = xk - media
            cov = centrado.T @ centrado / len(xk)
            autovalores = np.linalg.eigvalsh(cov)
            if autovalores[0] <= 1e-12 * max(autovalores[-1], 1e-300):
                raise ValueError(f"a covariância da classe {k} é singular (pontos alinhados ou repetidos).")
            medias.append(media)
            covs.append(cov)
            prioris.append(len(xk) / len(x))
            fatores.append(np.linalg.cholesky(cov))
        self.medias_ = np.array(medias)
        self.covariancias_ = np.array(covs)
        self.prioris_ = np.array(prioris)
        self._fatores = np.array(fatores)
        return self

    def _conferir_ajustado(self) -> None:
        """``RuntimeError`` se o modelo ainda não foi ajustado."""
        if not hasattr(self, "medias_"):
            raise RuntimeError("ajuste o modelo antes (ajustar(x, y)).")

    def _entrada(self, x) -> np.ndarray:
        self._conferir_ajustado()
        x = _array(x, "x")
        if x.ndim != 2 or x.shape[1] != self.medias_.shape[1]:
            raise ValueError(f"x deve ter forma (N, {self.medias_.shape[1]}), não {x.shape}.")
        return x

    def log_densidade_classes(self, x) -> np.ndarray:
        """``log p(x | y = k)`` para cada ponto e classe, forma (N, K)."""
        x = self._entrada(x)
        d = x.shape[1]
        saida = np.empty((len(x), len(self.classes_)))
        for k, (media, L) in enumerate(zip(self.medias_, self._fatores)):
            w = np.linalg.solve(L, (x - media).T)          # L·w = x − μ, então ‖w‖² = (x−μ)ᵀΣ⁻¹(x−μ)
            saida[:, k] = -0.5 * (w**2).sum(axis=0) - np.log(np.diag(L)).sum() - 0.5 * d * math.log(2 * math.pi)
        return saida

    def _log_conjunta(self, x) -> np.ndarray:
        return self.log_densidade_classes(x) + np.log(self.prioris_)

    def log_densidade(self, x) -> np.ndarray:
        """``log p(x) = log Σ_k p(x | k)·p(k)``: quão plausível é o ponto, seja qual for a classe."""
        a = self._log_conjunta(x)
        topo = a.max(axis=1, keepdims=True)
        return (topo + np.log(np.exp(a - topo).sum(axis=1, keepdims=True)))[:, 0]

    def probabilidades(self, x) -> np.ndarray:
        """``p(y = k | x)`` pela regra de Bayes, forma (N, K); cada linha soma 1."""
        a = self._log_conjunta(x)
        e = np.exp(a - a.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def prever(self, x) -> np.ndarray:
        """A classe mais provável de cada ponto."""
        return self.classes_[np.argmax(self._log_conjunta(x), axis=1)]

    def amostrar(self, n: int, rng=None, classe: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``n`` pontos novos ``(x, y)``: ``y ~ p(y)`` (ou a ``classe`` dada) e ``x ~ p(x | y)``."""
        self._conferir_ajustado()
        n, rng = _inteiro(n, "n"), _gerador_numpy(rng)
        if classe is None:
            indices = rng.choice(len(self.classes_), size=n, p=self.prioris_)
        else:
            if classe not in self.classes_:
                raise ValueError(f"classe {classe!r} não existe; classes: {self.classes_.tolist()}.")
            indices = np.full(n, int(np.flatnonzero(self.classes_ == classe)[0]))
        z = rng.standard_normal((n, self.medias_.shape[1]))
        x = self.medias_[indices] + np.einsum("nij,nj->ni", self._fatores[indices], z)
        return x, self.classes_[indices]


# ---------------------------------------------------------------------------
# 4b. Discrepância média máxima (MMD) com núcleo gaussiano
# ---------------------------------------------------------------------------

def _matriz(valor, nome: str) -> np.ndarray:
    """Uma amostra como matriz (n, d): um vetor (n,) vira uma coluna (n, 1)."""
    a = _array(valor, nome)
    if a.ndim == 1:
        a = a[:, None]
    if a.ndim != 2:
        raise ValueError(f"{nome} deve ter forma (n,) ou (n, d), não {a.shape}.")
    return a


def _par_amostras(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Duas amostras como matrizes (n, d) e (m, d), com o mesmo d."""
    a, b = _matriz(x, "x"), _matriz(y, "y")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"x e y devem ter formas (n,) e (m,), ou (n, d) e (m, d) com o mesmo d, "
                         f"não {np.shape(x)} e {np.shape(y)}.")
    return a, b


def _nucleo(a: np.ndarray, b: np.ndarray, h: float) -> np.ndarray:
    """``exp(−‖a_i − b_j‖²/(2h²))`` sem validar: matrizes (n, d) e (m, d) já conferidas.

    As distâncias ao quadrado saem de ``‖a_i‖² + ‖b_j‖² − 2 a_i·b_j`` (um
    produto de matrizes, sem o array (n, m, d) das diferenças). Centrar os
    pontos antes não muda as distâncias e diminui o cancelamento; o
    arredondamento ainda pode dar um valor um pouco abaixo de zero, que vira 0.
    """
    centro = a.mean(axis=0)
    a, b = a - centro, b - centro
    d2 = (a * a).sum(axis=1)[:, None] + (b * b).sum(axis=1)[None, :] - 2 * a @ b.T
    return np.exp(-np.maximum(d2, 0.0) / (2 * h * h))


def nucleo_gaussiano(a, b, largura: float) -> np.ndarray:
    """Matriz ``K[i, j] = exp(−‖a_i − b_j‖² / (2h²))``, com ``h`` a largura.

    ``a`` e ``b`` têm formas (n,) e (m,), ou (n, d) e (m, d); ``K`` tem forma (n, m).
    """
    a, b = _par_amostras(a, b)
    return _nucleo(a, b, _real(largura, "a largura do núcleo", positivo=True))


def _normalizadores(n: int, m: int, viesado: bool) -> tuple[float, float]:
    """Os denominadores das médias de k(x, x') e k(y, y'): n², m² ou n(n − 1), m(m − 1)."""
    if not viesado and (n < 2 or m < 2):
        raise ValueError("o estimador não viesado precisa de pelo menos 2 pontos em cada amostra.")
    return (n * n, m * m) if viesado else (n * (n - 1), m * (m - 1))


def mmd2(x, y, largura: float, viesado: bool = False) -> float:
    """Estimativa de MMD² entre as amostras ``x ~ P`` e ``y ~ Q`` com núcleo gaussiano.

    ``MMD² = E k(X, X') + E k(Y, Y') − 2 E k(X, Y)``. Por padrão, o estimador
    **não viesado** (as médias de k(x, x) e k(y, y) excluem os pares de um
    ponto com ele mesmo); ele pode dar um pouco menos que zero quando P = Q.
    ``viesado=True`` inclui esses pares: é sempre ≥ 0, mas maior que o valor
    verdadeiro em média, por ``(1 − E k(X, X'))/n + (1 − E k(Y, Y'))/m``.
    """
    a, b = _par_amostras(x, y)
    h = _real(largura, "a largura do núcleo", positivo=True)
    nx, ny = _normalizadores(len(a), len(b), bool(viesado))
    kxx, kyy, kxy = _nucleo(a, a, h), _nucleo(b, b, h), _nucleo(a, b, h)
    if not viesado:
        kxx, kyy = kxx - np.eye(len(a)), kyy - np.eye(len(b))    # tira a diagonal, k(x, x) = 1
    return float(kxx.sum() / nx + kyy.sum() / ny - 2 * kxy.mean())


def gradiente_mmd2(x, y, largura: float, viesado: bool = False) -> np.ndarray:
    """∂MMD²/∂y_j, com a mesma forma de ``y`` (as amostras geradas), feito à mão.

    Como ``∂k(a, b)/∂b = k(a, b)·(a − b)/h²``, e os termos da diagonal não
    dependem de ``y``:
    ``∂MMD²/∂y_j = 2/N_y Σ_i k(y_i, y_j)(y_i − y_j)/h² − 2/(n·m) Σ_i k(x_i, y_j)(x_i − y_j)/h²``,
    com ``N_y = m(m − 1)`` (não viesado) ou ``m²`` (viesado). Cada soma é um
    produto de matrizes: ``Σ_i K[i, j](p_i − y_j) = (Kᵀp)_j − (Σ_i K[i, j])·y_j``.
    """
    a, b = _par_amostras(x, y)
    h = _real(largura, "a largura do núcleo", positivo=True)
    _, ny = _normalizadores(len(a), len(b), bool(viesado))
    kyy, kxy = _nucleo(b, b, h), _nucleo(a, b, h)
    termo_yy = kyy.T @ b - kyy.sum(axis=0)[:, None] * b     # Σ_i k(y_i, y_j)(y_i − y_j); o i = j dá zero
    termo_xy = kxy.T @ a - kxy.sum(axis=0)[:, None] * b     # Σ_i k(x_i, y_j)(x_i − y_j)
    g = ((2 / ny) * termo_yy - (2 / (len(a) * len(b))) * termo_xy) / (h * h)
    return g.reshape(np.shape(y))


def mmd2_gaussianas(media_p: float, desvio_p: float, media_q: float, desvio_q: float,
                    largura: float) -> float:
    """MMD² exato (da população) entre N(μ_p, σ_p²) e N(μ_q, σ_q²) em 1-D, núcleo gaussiano.

    Usa ``E k(X, Y) = h/√(h² + σ_X² + σ_Y²)·exp(−(μ_X − μ_Y)²/(2(h² + σ_X² + σ_Y²)))``.
    """
    mp, mq = _real(media_p, "media_p"), _real(media_q, "media_q")
    sp, sq = _real(desvio_p, "desvio_p", True), _real(desvio_q, "desvio_q", True)
    h = _real(largura, "a largura do núcleo", positivo=True)

    def ek(m1, s1, m2, s2):
        v = h * h + s1 * s1 + s2 * s2
        return h / math.sqrt(v) * math.exp(-(m1 - m2) ** 2 / (2 * v))

    return ek(mp, sp, mp, sp) + ek(mq, sq, mq, sq) - 2 * ek(mp, sp, mq, sq)


def largura_mediana(x, y=None, n_maximo: int = 2000, semente: int = 0) -> float:
    """Heurística da mediana: ``h`` = mediana das distâncias entre os pontos (de ``x`` e ``y`` juntos).

    São N(N − 1)/2 distâncias; com mais de ``n_maximo`` pontos, usa uma
    subamostra sorteada (sem reposição, com a ``semente``) desse tamanho.
    """
    pontos = _matriz(x, "x") if y is None else np.concatenate(_par_amostras(x, y))
    n_maximo = _inteiro(n_maximo, "n_maximo", 2)
    if len(pontos) < 2:
        raise ValueError("são precisos pelo menos 2 pontos.")
    if len(pontos) > n_maximo:                   # o número de pares cresce com N²: basta uma subamostra
        sorteio = np.random.default_rng(_inteiro(semente, "semente", 0))
        pontos = pontos[sorteio.choice(len(pontos), n_maximo, replace=False)]
    h = float(np.median(pdist(pontos)))          # as distâncias euclidianas de todos os pares i < j
    if h <= 0:
        raise ValueError("a mediana das distâncias é zero (pontos repetidos demais).")
    return h


def _matriz_torch(t: Any, nome: str) -> torch.Tensor:
    """Um tensor conferido (ponto flutuante, (n,) ou (n, d) com n ≥ 1) como matriz (n, d)."""
    if not torch.is_tensor(t) or not t.is_floating_point():
        raise TypeError(f"{nome} deve ser um tensor de ponto flutuante.")
    if t.ndim not in (1, 2) or t.shape[0] == 0:
        raise ValueError(f"{nome} deve ter forma (n,) ou (n, d), com n ≥ 1, não {tuple(t.shape)}.")
    return t[:, None] if t.ndim == 1 else t


def _sem_nan_nem_infinito(t: torch.Tensor, nome: str) -> None:
    """``ValueError`` se o tensor tiver NaN ou infinitos (como ``_array`` na versão NumPy)."""
    if torch.isnan(t).any():
        raise ValueError(f"{nome} contém NaN.")
    if torch.isinf(t).any():
        raise ValueError(f"{nome} contém valores infinitos.")


def _nucleo_torch(p: torch.Tensor, q: torch.Tensor, h: float) -> torch.Tensor:
    """O ``_nucleo`` em PyTorch, pela mesma conta ``‖p_i‖² + ‖q_j‖² − 2 p_i·q_j``; o autograd passa por ela."""
    centro = p.detach().mean(dim=0)          # uma translação não muda as distâncias nem o gradiente
    p, q = p - centro, q - centro
    d2 = (p * p).sum(dim=1)[:, None] + (q * q).sum(dim=1)[None, :] - 2 * p @ q.T
    return torch.exp(-d2.clamp(min=0.0) / (2 * h * h))


def mmd2_torch(x: torch.Tensor, y: torch.Tensor, largura: float, viesado: bool = False) -> torch.Tensor:
    """O mesmo estimador de ``mmd2``, em PyTorch: serve de custo, e o autograd dá o gradiente.

    ``x`` e ``y`` devem estar no mesmo dispositivo; se os tipos diferirem
    (float32 e float64), a conta usa o mais preciso.
    """
    a, b = _matriz_torch(x, "x"), _matriz_torch(y, "y")
    if a.device != b.device:
        raise ValueError(f"x e y devem estar no mesmo dispositivo, não {a.device} e {b.device}.")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"x e y devem ter o mesmo número de colunas, não {a.shape[1]} e {b.shape[1]}.")
    _sem_nan_nem_infinito(a, "x")
    _sem_nan_nem_infinito(b, "y")
    h = _real(largura, "a largura do núcleo", positivo=True)
    nx, ny = _normalizadores(len(a), len(b), bool(viesado))
    tipo = torch.promote_types(a.dtype, b.dtype)
    a, b = a.to(tipo), b.to(tipo)
    kxx, kyy, kxy = _nucleo_torch(a, a, h), _nucleo_torch(b, b, h), _nucleo_torch(a, b, h)
    if not viesado:
        kxx = kxx - torch.eye(len(a), dtype=tipo, device=a.device)
        kyy = kyy - torch.eye(len(b), dtype=tipo, device=b.device)
    return kxx.sum() / nx + kyy.sum() / ny - 2 * kxy.mean()


# ---------------------------------------------------------------------------
# 4c. Um gerador treinado pelo MMD (PyTorch)
# ---------------------------------------------------------------------------

class GeradorAfim(nn.Module):
    """O gerador mais simples: ``G(z) = μ + σ·z``, com ``σ = exp(log σ)`` sempre positivo."""

    def __init__(self, media: float = 0.0, desvio: float = 1.0) -> None:
        super().__init__()
        self.media = nn.Parameter(torch.tensor(_real(media, "media")))
        self.log_desvio = nn.Parameter(torch.tensor(math.log(_real(desvio, "desvio", positivo=True))))

    @property
    def desvio(self) -> torch.Tensor:
        """``σ = exp(log σ)``, positivo por construção."""
        return self.log_desvio.exp()

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """Leva o ruído ``z`` (qualquer forma) a ``μ + σ·z``."""
        return self.media + self.desvio * z


@dataclass
class HistoricoMMD:
    """Uma entrada por passo: MMD² do lote e média e desvio-padrão (com n, ddof = 0) das saídas do gerador."""

    mmd2: list[float] = field(default_factory=list)
    media: list[float] = field(default_factory=list)
    desvio: list[float] = field(default_factory=list)
    tempo_s: float = 0.0

    def __len__(self) -> int:
        return len(self.mmd2)


def ajustar_gerador_mmd(gerador: nn.Module, alvo, *, passos: int, largura: float,
                        tamanho_lote: int = 256, taxa_aprendizado: float = 0.01,
                        dimensao_latente: int = 1, semente: int = 0, n_avaliacao: int = 2000,
                        dispositivo=None) -> HistoricoMMD:
    """Treina ``gerador`` para que ``G(z)``, ``z ~ N(0, I)``, imite a amostra ``alvo`` (o MMD direto).

    A cada passo: sorteia um lote do alvo e um de ruído, gera ``y = G(z)``,
    calcula ``mmd2_torch`` (não viesado) e dá um passo do Adam. O histórico
    guarda o MMD² de cada lote e a média e o desvio-padrão (dividido por n,
    como o ``np.std``) de ``G`` num ruído fixo de ``n_avaliacao`` pontos
    (para saídas 1-D, a média e o desvio da própria variável; com d > 1, de
    todas as coordenadas juntas).

    O ``gerador`` é treinado no lugar e movido para ``dispositivo``. A
    ``semente`` fixa os lotes e o ruído, não os pesos iniciais: para
    reproduzir o treino, semeie antes de criar o gerador.
    """
    if not isinstance(gerador, nn.Module):
        raise TypeError("gerador deve ser um torch.nn.Module.")
    x = _array(alvo, "alvo")
    x = x[:, None] if x.ndim == 1 else x
    if x.ndim != 2 or len(x) < 2:
        raise ValueError(f"alvo deve ter forma (N,) ou (N, d) com N ≥ 2, não {np.shape(alvo)}.")
    passos, lote = _inteiro(passos, "passos"), _inteiro(tamanho_lote, "tamanho_lote", 2)
    dl, n_aval = _inteiro(dimensao_latente, "dimensao_latente"), _inteiro(n_avaliacao, "n_avaliacao", 2)
    largura = _real(largura, "a largura do núcleo", positivo=True)
    taxa = _real(taxa_aprendizado, "taxa_aprendizado", positivo=True)
    disp = torch.device("cpu") if dispositivo is None else torch.device(dispositivo)
    gerador.to(disp)
    sorteio = torch.Generator(device=disp).manual_seed(_inteiro(semente, "semente", 0))
    xt = torch.as_tensor(x, dtype=torch.float32, device=disp)
    z_aval = torch.randn(n_aval, dl, generator=sorteio, device=disp)
    with torch.no_grad():
        saida = gerador(z_aval)
    if saida.ndim != 2 or saida.shape != (n_aval, x.shape[1]):
        raise ValueError(f"o gerador deve levar ruído de forma (B, {dl}) a saídas de forma (B, {x.shape[1]}), "
                         f"mas devolveu {tuple(saida.shape)}.")
    otimizador = torch.optim.Adam(gerador.parameters(), lr=taxa)
    historico, inicio = HistoricoMMD(), time.perf_counter()
    for _ in range(passos):
        reais = xt[torch.randint(len(xt), (lote,), generator=sorteio, device=disp)]
        falsos = gerador(torch.randn(lote, dl, generator=sorteio, device=disp))
        custo = mmd2_torch(reais, falsos, largura)
        otimizador.zero_grad()
        custo.backward()
        otimizador.step()
        with torch.no_grad():
            amostra = gerador(z_aval)
        historico.mmd2.append(float(custo.detach()))
        historico.media.append(float(amostra.mean()))
        historico.desvio.append(float(amostra.std(correction=0)))   # ddof = 0, como o np.std
    historico.tempo_s = time.perf_counter() - inicio
    return historico
