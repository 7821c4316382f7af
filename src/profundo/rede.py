"""Uma rede neural densa treinada por descida do gradiente estocástica (SGD).

Inspirada nos ``network.py`` e ``network2.py`` de Nielsen, mas com a
retropropagação feita para o **mini-lote inteiro de uma vez**, com produtos
de matrizes (nenhum laço sobre exemplos). Convenções:

- ``pesos[l]`` tem forma ``(n_saida, n_entrada)``: o elemento ``[j, k]`` é
  o peso $w_{jk}$ da ligação do neurônio k de uma camada ao neurônio j da
  seguinte; ``vieses[l]`` tem forma ``(n_saida,)``.
- as entradas vêm uma por linha: ``X`` tem forma ``(m, n_entrada)``, e as
  ativações de cada camada também têm um exemplo por linha.
- as camadas ocultas usam a sigmoide; a de saída usa a ativação que o custo
  pede (sigmoide, ou softmax com a log-verossimilhança), de ``profundo.custos``.

A Parte III acrescenta: inicialização escalada dos pesos, regularização L2/L1,
momento, dropout, agenda da taxa de aprendizado, parada antecipada e
``salvar``/``carregar`` em JSON.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import custos as _custos
from .arquiteturas import contar_parametros
from .ativacoes import sigmoide, softmax
from .regularizacao import L1, L2, ParadaAntecipada, mascara_dropout

INICIALIZACOES = ("normal", "escalada")
"""``normal``: pesos N(0, 1); ``escalada``: pesos N(0, 1/n_entrada). Vieses sempre N(0, 1)."""


@dataclass
class Historico:
    """O que ``Rede.treinar`` mede a cada época (listas com um valor por época)."""

    custo_treino: list[float] = field(default_factory=list)
    acuracia_treino: list[float] = field(default_factory=list)
    custo_avaliacao: list[float] = field(default_factory=list)
    acuracia_avaliacao: list[float] = field(default_factory=list)
    tempo_s: list[float] = field(default_factory=list)
    taxa_aprendizado: list[float] = field(default_factory=list)
    parou_na_epoca: int | None = None

    def __len__(self) -> int:
        return len(self.tempo_s)


def _taxa(taxa_aprendizado) -> float:
    if isinstance(taxa_aprendizado, bool) or not np.isscalar(taxa_aprendizado):
        raise TypeError("taxa_aprendizado deve ser um número.")
    if not np.isfinite(taxa_aprendizado) or taxa_aprendizado <= 0:
        raise ValueError(f"taxa_aprendizado deve ser positiva, não {taxa_aprendizado}.")
    return float(taxa_aprendizado)


def um_quente(rotulos, n_classes: int = 10) -> np.ndarray:
    """Codificação *one-hot*: o rótulo 3 vira ``[0, 0, 0, 1, 0, ...]`` (uma linha por rótulo)."""
    rotulos = np.asarray(rotulos)
    if rotulos.ndim != 1 or not np.issubdtype(rotulos.dtype, np.integer):
        raise ValueError(f"os rótulos devem ser um vetor de inteiros, não forma {rotulos.shape} "
                         f"e tipo {rotulos.dtype}.")
    if rotulos.size and (rotulos.min() < 0 or rotulos.max() >= n_classes):
        raise ValueError(f"rótulos fora de 0..{n_classes - 1}.")
    saida = np.zeros((len(rotulos), n_classes))
    saida[np.arange(len(rotulos)), rotulos] = 1.0
    return saida


class Rede:
    """Rede densa, p. ex. ``Rede([784, 30, 10])`` ou
    ``Rede([784, 100, 10], custo="entropia_cruzada", inicializacao="escalada")``.

    Pesos começam sorteados de N(0, 1) (``inicializacao="normal"``, como na rede
    original de Nielsen) ou de N(0, 1/n_entrada) (``"escalada"``). ``dtype`` é
    ``float64`` por padrão.
    """

    def __init__(self, camadas: Sequence[int], *, custo="quadratico",
                 inicializacao: str = "normal", semente: int | None = None,
                 dtype=np.float64) -> None:
        contar_parametros(camadas)  # valida a lista de camadas
        self.camadas = [int(c) for c in camadas]
        self.custo = _custos.obter(custo)
        self.dtype = np.dtype(dtype)
        if self.dtype.kind != "f":
            raise TypeError(f"dtype deve ser de ponto flutuante, não {self.dtype}.")
        if inicializacao not in INICIALIZACOES:
            raise ValueError(f"inicializacao deve ser uma de {INICIALIZACOES}, não {inicializacao!r}.")
        self.inicializacao = inicializacao
        rng = np.random.default_rng(semente)
        pares = list(zip(self.camadas[:-1], self.camadas[1:]))
        escala = (lambda n: 1.0 / np.sqrt(n)) if inicializacao == "escalada" else (lambda n: 1.0)
        self.pesos = [(rng.standard_normal((n_saida, n_entrada)) * escala(n_entrada)).astype(self.dtype)
                      for n_entrada, n_saida in pares]
        self.vieses = [rng.standard_normal(n_saida).astype(self.dtype) for _, n_saida in pares]
        self._velocidades: list[np.ndarray] | None = None

    def __repr__(self) -> str:
        return f"Rede({self.camadas}, custo={self.custo.nome}, {self.n_parametros} parâmetros)"

    @property
    def n_parametros(self) -> int:
        return contar_parametros(self.camadas)

    # --- validação -----------------------------------------------------------

    def _entradas(self, X) -> np.ndarray:
        if isinstance(X, (str, bytes)) or X is None:
            raise TypeError(f"as entradas devem ser um array numérico, não {type(X).__name__}.")
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.camadas[0]:
            raise ValueError(f"esperava entradas de forma (m, {self.camadas[0]}), não {X.shape}.")
        if not np.isfinite(X).all():
            raise ValueError("as entradas contêm NaN ou infinito.")
        return X

    def _saidas_desejadas(self, y, m: int) -> np.ndarray:
        """Aceita rótulos inteiros ``(m,)`` ou saídas já codificadas ``(m, n_saida)``."""
        y = np.asarray(y)
        n_saida = self.camadas[-1]
        if y.ndim == 1 and np.issubdtype(y.dtype, np.integer):
            y = um_quente(y, n_saida)
        if y.ndim != 2 or y.shape != (m, n_saida):
            raise ValueError(f"esperava {m} rótulos inteiros (forma ({m},)) ou saídas de forma "
                             f"({m}, {n_saida}), não {y.shape}.")
        y = y.astype(self.dtype)
        if not np.isfinite(y).all():
            raise ValueError("as saídas desejadas contêm NaN ou infinito.")
        return y

    # --- propagação ------------------------------------------------------------

    def _ativacao_saida(self, z: np.ndarray) -> np.ndarray:
        return softmax(z, eixo=1) if self.custo.saida == "softmax" else sigmoide(z)

    def alimentar(self, X) -> np.ndarray:
        """Saída da rede para ``X`` (forma ``(m, n_entrada)`` ou ``(n_entrada,)``): a = σ(a Wᵀ + b)."""
        a = self._entradas(X)
        for w, b in zip(self.pesos[:-1], self.vieses[:-1]):
            a = sigmoide(a @ w.T + b)
        return self._ativacao_saida(a @ self.pesos[-1].T + self.vieses[-1])

    def prever(self, X) -> np.ndarray:
        """O dígito escolhido: o índice do neurônio de saída mais ativado."""
        return np.argmax(self.alimentar(X), axis=1)

    def acuracia(self, X, rotulos) -> float:
        """Fração de acertos de ``prever(X)`` contra os rótulos inteiros."""
        rotulos = np.asarray(rotulos)
        previstos = self.prever(X)
        if rotulos.shape != previstos.shape:
            raise ValueError(f"esperava {len(previstos)} rótulos, não forma {rotulos.shape}.")
        return float(np.mean(previstos == rotulos))

    def custo_total(self, X, y, regularizacao: L1 | L2 | None = None, n: int | None = None) -> float:
        """Custo médio sobre os exemplos, mais a penalidade (com ``n`` = tamanho do treino)."""
        X = self._entradas(X)
        valor = self.custo.valor(self.alimentar(X), self._saidas_desejadas(y, len(X)))
        if regularizacao is not None:
            valor += regularizacao.penalidade(self.pesos, len(X) if n is None else n)
        return valor

    # --- retropropagação ---------------------------------------------------------

    def retropropagar(self, X, Y) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Gradientes ∂C/∂W e ∂C/∂b do custo médio do lote (sem penalidade), camada a camada.

        As quatro equações, para o lote inteiro (um exemplo por linha de δ):
        BP1 δᴸ = ∇ₐC ⊙ σ'(zᴸ); BP2 δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙ σ'(zˡ);
        BP3 ∂C/∂bˡ = média das linhas de δˡ; BP4 ∂C/∂Wˡ = (δˡ)ᵀ aˡ⁻¹ / m.
        """
        X = self._entradas(X)
        Y = self._saidas_desejadas(Y, len(X))
        return self._gradientes(X, Y, 1.0 / len(X))

    def _gradientes(self, X: np.ndarray, Y: np.ndarray, escala: float,
                    mascaras: list[np.ndarray] | None = None):
        """Gradientes multiplicados por ``escala`` (1/m dá a média do lote; η/m, o passo do SGD).

        A escala entra em δ (m × n) antes dos produtos, mais barato do que
        multiplicar depois as matrizes de pesos inteiras. ``mascaras`` (uma por
        camada oculta) aplica dropout às ativações ocultas.
        """
        ativacoes = [X]        # entradas de cada camada (já com dropout)
        derivadas = []         # σ'(z) das camadas ocultas (já com a máscara)
        for l, (w, b) in enumerate(zip(self.pesos[:-1], self.vieses[:-1])):
            a = sigmoide(ativacoes[-1] @ w.T + b)
            derivada = a * (1.0 - a)
            if mascaras is not None:
                a, derivada = a * mascaras[l], derivada * mascaras[l]
            ativacoes.append(a)
            derivadas.append(derivada)
        z = ativacoes[-1] @ self.pesos[-1].T + self.vieses[-1]
        grad_w = [np.empty_like(w) for w in self.pesos]
        grad_b = [np.empty_like(b) for b in self.vieses]
        delta = self.custo.delta(z, self._ativacao_saida(z), Y)           # BP1
        for l in range(len(self.pesos) - 1, -1, -1):
            delta_escalado = delta * escala
            grad_b[l] = delta_escalado.sum(axis=0)                        # BP3
            grad_w[l] = delta_escalado.T @ ativacoes[l]                   # BP4
            if l > 0:
                delta = (delta @ self.pesos[l]) * derivadas[l - 1]        # BP2, σ' = a(1 − a)
        return grad_w, grad_b

    def atualizar_mini_lote(self, X, Y, taxa_aprendizado: float) -> None:
        """Um passo de descida do gradiente: W ← W − η ∂C/∂W, b ← b − η ∂C/∂b."""
        X = self._entradas(X)
        self._passo(X, self._saidas_desejadas(Y, len(X)), _taxa(taxa_aprendizado))

    def _passo(self, X: np.ndarray, Y: np.ndarray, taxa_aprendizado: float,
               regularizacao: L1 | L2 | None = None, n: int = 1, momento: float = 0.0,
               mascaras: list[np.ndarray] | None = None) -> None:
        """Um passo: W ← W − η(∂C₀/∂W + ∂penalidade/∂W); com momento, via velocidades."""
        passos_w, passos_b = self._gradientes(X, Y, taxa_aprendizado / len(X), mascaras)
        if regularizacao is not None:
            for l, w in enumerate(self.pesos):
                passos_w[l] += taxa_aprendizado * regularizacao.gradiente(w, n)
        if momento == 0.0:
            for l in range(len(self.pesos)):
                self.pesos[l] -= passos_w[l]
                self.vieses[l] -= passos_b[l]
            return
        if self._velocidades is None:
            self._velocidades = [np.zeros_like(p) for p in self.pesos + self.vieses]
        for v, p, passo in zip(self._velocidades, self.pesos + self.vieses, passos_w + passos_b):
            v *= momento          # v ← μ v − η ∇C
            v -= passo
            p += v

    # --- treino -----------------------------------------------------------------

    def _epoca(self, X: np.ndarray, Y: np.ndarray, ordem: np.ndarray, tamanho_lote: int,
               taxa_aprendizado: float, regularizacao=None, momento: float = 0.0,
               dropout: float = 0.0, rng: np.random.Generator | None = None) -> None:
        """Uma passada pelos dados na ordem dada, em mini-lotes consecutivos."""
        X, Y = X[ordem], Y[ordem]  # embaralha uma vez; cada lote vira uma fatia contígua
        n = len(X)
        for k in range(0, n, tamanho_lote):
            xl, yl = X[k:k + tamanho_lote], Y[k:k + tamanho_lote]
            mascaras = None
            if dropout > 0:
                mascaras = [mascara_dropout((len(xl), c), dropout, rng) for c in self.camadas[1:-1]]
            self._passo(xl, yl, taxa_aprendizado, regularizacao, n, momento, mascaras)

    def treinar(self, x_treino, y_treino, *, epocas: int, tamanho_lote: int,
                taxa_aprendizado: float | Callable[[int], float],
                dados_avaliacao: tuple | None = None, regularizacao: L1 | L2 | None = None,
                momento: float = 0.0, dropout: float = 0.0,
                parada: ParadaAntecipada | None = None, semente: int | None = 0,
                monitorar_treino: bool = False, mostrar: bool = True) -> Historico:
        """SGD em mini-lotes: a cada época embaralha, divide em lotes e atualiza.

        ``y_treino`` são rótulos inteiros (ou saídas já codificadas).
        ``taxa_aprendizado`` é um número ou uma agenda ``f(epoca) -> η`` (épocas de 1 em diante).
        ``dados_avaliacao=(x, rotulos)`` mede custo e acurácia ao fim de cada
        época (e ``monitorar_treino=True`` mede também nos dados de treino).
        ``regularizacao`` (``L2(λ)`` ou ``L1(λ)``), ``momento`` μ ∈ [0, 1),
        ``dropout`` (probabilidade de desligar cada neurônio oculto) e
        ``parada`` (``ParadaAntecipada``, que olha a acurácia de avaliação) são opcionais.
        """
        X = self._entradas(x_treino)
        Y = self._saidas_desejadas(y_treino, len(X))
        for nome, valor in (("epocas", epocas), ("tamanho_lote", tamanho_lote)):
            if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
                raise ValueError(f"{nome} deve ser um inteiro positivo, não {valor!r}.")
        agenda = taxa_aprendizado if callable(taxa_aprendizado) else None
        if agenda is None:
            _taxa(taxa_aprendizado)
        if regularizacao is not None and not isinstance(regularizacao, (L1, L2)):
            raise TypeError("regularizacao deve ser L1(λ), L2(λ) ou None.")
        if isinstance(momento, bool) or not np.isscalar(momento) or not 0 <= momento < 1:
            raise ValueError(f"momento deve estar em [0, 1), não {momento!r}.")
        if isinstance(dropout, bool) or not np.isscalar(dropout) or not 0 <= dropout < 1:
            raise ValueError(f"dropout deve estar em [0, 1), não {dropout!r}.")
        if parada is not None and dados_avaliacao is None:
            raise ValueError("a parada antecipada precisa de dados_avaliacao.")
        if dados_avaliacao is not None:
            x_av = self._entradas(dados_avaliacao[0])
            y_av = np.asarray(dados_avaliacao[1])
            self._saidas_desejadas(y_av, len(x_av))  # valida
        rng = np.random.default_rng(semente)
        self._velocidades = None
        historico = Historico()
        for epoca in range(1, epocas + 1):
            eta = _taxa(agenda(epoca)) if agenda is not None else float(taxa_aprendizado)
            inicio = time.perf_counter()
            self._epoca(X, Y, rng.permutation(len(X)), tamanho_lote, eta, regularizacao,
                        float(momento), float(dropout), rng)
            historico.tempo_s.append(time.perf_counter() - inicio)
            historico.taxa_aprendizado.append(eta)
            if monitorar_treino:
                historico.custo_treino.append(self.custo_total(X, Y, regularizacao, len(X)))
                historico.acuracia_treino.append(float(np.mean(self.prever(X) == Y.argmax(1))))
            if dados_avaliacao is not None:
                historico.custo_avaliacao.append(self.custo_total(x_av, y_av, regularizacao, len(X)))
                historico.acuracia_avaliacao.append(self.acuracia(x_av, y_av))
            if mostrar:
                texto = f"Época {epoca}/{epocas}"
                if dados_avaliacao is not None:
                    acertos = round(historico.acuracia_avaliacao[-1] * len(x_av))
                    texto += (f": {acertos} / {len(x_av)} corretos "
                              f"({historico.acuracia_avaliacao[-1] * 100:.2f}%)".replace(".", ","))
                print(texto, flush=True)
            if parada is not None and parada.deve_parar(historico.acuracia_avaliacao[-1]):
                historico.parou_na_epoca = epoca
                if mostrar:
                    print(f"Parada antecipada: {parada.paciencia} épocas sem melhorar "
                          f"(melhor na época {parada.melhor_epoca}).", flush=True)
                break
        return historico

    # --- salvar e carregar --------------------------------------------------------

    def salvar(self, caminho: str | os.PathLike) -> Path:
        """Grava camadas, custo, pesos e vieses num arquivo JSON (nunca pickle)."""
        caminho = Path(caminho)
        conteudo = {
            "formato": "profundo.rede.Rede",
            "versao": 1,
            "camadas": self.camadas,
            "custo": self.custo.nome,
            "inicializacao": self.inicializacao,
            "dtype": self.dtype.name,
            "pesos": [w.tolist() for w in self.pesos],
            "vieses": [b.tolist() for b in self.vieses],
        }
        caminho.write_text(json.dumps(conteudo), encoding="utf-8")
        return caminho

    @classmethod
    def carregar(cls, caminho: str | os.PathLike) -> "Rede":
        """Lê uma rede gravada por ``salvar`` (confere formato e formas)."""
        caminho = Path(caminho)
        try:
            conteudo = json.loads(caminho.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"arquivo não encontrado: {caminho}") from None
        except json.JSONDecodeError as erro:
            raise ValueError(f"{caminho.name} não é um JSON válido ({erro}).") from None
        if not isinstance(conteudo, dict) or conteudo.get("formato") != "profundo.rede.Rede":
            raise ValueError(f"{caminho.name} não é uma rede gravada por Rede.salvar.")
        rede = cls(conteudo["camadas"], custo=conteudo["custo"],
                   inicializacao=conteudo.get("inicializacao", "normal"),
                   dtype=np.dtype(conteudo.get("dtype", "float64")))
        pesos = [np.asarray(w, dtype=rede.dtype) for w in conteudo["pesos"]]
        vieses = [np.asarray(b, dtype=rede.dtype) for b in conteudo["vieses"]]
        if ([w.shape for w in pesos] != [w.shape for w in rede.pesos]
                or [b.shape for b in vieses] != [b.shape for b in rede.vieses]):
            raise ValueError(f"{caminho.name}: as formas dos pesos não batem com as camadas.")
        rede.pesos, rede.vieses = pesos, vieses
        return rede

# ---------------------------------------------------------------------------
# Capítulo 4: saída binária de 4 bits, a alternativa ao one-hot
# ---------------------------------------------------------------------------

_MAX_BITS = 62  # cabe num int64 sem estourar


def _bits_validos(bits) -> int:
    if isinstance(bits, bool) or not isinstance(bits, (int, np.integer)):
        raise TypeError(f"bits deve ser um inteiro, não {type(bits).__name__}.")
    if not 1 <= bits <= _MAX_BITS:
        raise ValueError(f"bits deve estar entre 1 e {_MAX_BITS}, não {bits}.")
    return int(bits)


def codificar_binario(rotulos, bits: int = 4) -> np.ndarray:
    """Cada rótulo vira os seus ``bits`` algarismos binários, o mais significativo primeiro.

    Com 4 bits, ``5 → [0, 1, 0, 1]`` e ``9 → [1, 0, 0, 1]``: quatro neurônios de
    saída bastam para os dez dígitos, em vez dos dez de ``um_quente``. Devolve
    um array ``float64`` de forma ``(m, bits)``, pronto para ``Rede.treinar``.
    """
    bits = _bits_validos(bits)
    if isinstance(rotulos, (str, bytes)):
        raise TypeError("os rótulos devem ser um vetor de inteiros, não texto.")
    rotulos = np.asarray(rotulos)
    if rotulos.ndim != 1:
        raise ValueError(f"os rótulos devem ser um vetor (uma dimensão), não forma {rotulos.shape}.")
    if not np.issubdtype(rotulos.dtype, np.integer):
        raise TypeError(f"os rótulos devem ser inteiros, não do tipo {rotulos.dtype}.")
    if rotulos.size and (rotulos.min() < 0 or rotulos.max() >= 2 ** bits):
        raise ValueError(f"com {bits} bits só cabem rótulos de 0 a {2 ** bits - 1}.")
    expoentes = np.arange(bits - 1, -1, -1)
    return ((rotulos.astype(np.int64)[:, None] >> expoentes) & 1).astype(np.float64)


def decodificar_binario(saidas) -> np.ndarray:
    """Lê as saídas ``(m, bits)`` de uma rede binária como números inteiros.

    Cada saída é arredondada para o bit mais próximo (0,5 ou mais vira 1) e os
    bits são lidos do mais significativo para o menos: ``[0,2; 0,7; 0,4; 0,9] → 5``.
    Com 4 bits o resultado vai de 0 a 15; os códigos 10 a 15 não são dígitos
    e, comparados com os rótulos, contam como erros.
    """
    if isinstance(saidas, (str, bytes)) or saidas is None:
        raise TypeError(f"as saídas devem ser um array numérico, não {type(saidas).__name__}.")
    saidas = np.asarray(saidas)
    if saidas.dtype.kind not in "biuf":
        raise TypeError(f"as saídas devem ser numéricas, não do tipo {saidas.dtype}.")
    if saidas.ndim != 2:
        raise ValueError(f"esperava saídas de forma (m, bits), não {saidas.shape}.")
    bits = _bits_validos(saidas.shape[1])
    saidas = saidas.astype(np.float64)
    if not np.isfinite(saidas).all():
        raise ValueError("as saídas contêm NaN ou infinito.")
    pesos_bits = np.left_shift(1, np.arange(bits - 1, -1, -1, dtype=np.int64))
    return (saidas >= 0.5).astype(np.int64) @ pesos_bits


# ---------------------------------------------------------------------------
# Capítulo 7: verificação de gradientes por diferenças finitas
# ---------------------------------------------------------------------------

def _passo_h(h) -> float:
    if isinstance(h, bool) or not isinstance(h, (int, float, np.integer, np.floating)):
        raise TypeError(f"h deve ser um número, não {type(h).__name__}.")
    if not np.isfinite(h) or not 0 < h < 1:
        raise ValueError(f"h deve ser um número positivo pequeno (entre 0 e 1), não {h}.")
    return float(h)


def gradientes_numericos(rede: Rede, X, Y, h: float = 1e-6
                         ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Gradientes ∂C/∂W e ∂C/∂b do custo médio por **diferenças finitas centradas**.

    Para cada parâmetro θ, ∂C/∂θ ≈ [C(θ + h) − C(θ − h)] / (2h), com o erro
    de truncamento da ordem de h². São 2 passagens para a frente por
    parâmetro, ``2 * rede.n_parametros`` no total: lento de propósito, só para
    conferir ``rede.retropropagar``. Os parâmetros da rede voltam intactos.
    """
    if not isinstance(rede, Rede):
        raise TypeError(f"rede deve ser uma Rede, não {type(rede).__name__}.")
    h = _passo_h(h)
    X = rede._entradas(X)
    Y = rede._saidas_desejadas(Y, len(X))

    def custo() -> float:
        return rede.custo.valor(rede.alimentar(X), Y)

    resultado = []
    for parametros in (rede.pesos, rede.vieses):
        gradientes = []
        for p in parametros:
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                original = p[idx]
                try:
                    p[idx] = original + h
                    mais = custo()
                    p[idx] = original - h
                    menos = custo()
                finally:
                    p[idx] = original
                g[idx] = (mais - menos) / (2.0 * h)
            gradientes.append(g)
        resultado.append(gradientes)
    return resultado[0], resultado[1]


def erro_relativo(analitico, numerico) -> float:
    """Maior erro relativo ‖g − n‖ / (‖g‖ + ‖n‖) entre pares de arrays.

    ``analitico`` e ``numerico`` são arrays (ou listas de arrays, p. ex. uma
    matriz de pesos por camada) de mesmas formas; o erro é medido array a
    array, com a norma euclidiana, e o maior deles é devolvido. Comparar
    normas, e não elemento a elemento, evita que derivadas minúsculas (da
    ordem do ruído de arredondamento das diferenças finitas) pareçam erradas.
    Dois arrays nulos têm erro 0.
    """
    if isinstance(analitico, np.ndarray) or np.isscalar(analitico):
        analitico, numerico = [analitico], [numerico]
    analitico, numerico = list(analitico), list(numerico)
    if len(analitico) != len(numerico):
        raise ValueError(f"listas de tamanhos diferentes: {len(analitico)} e {len(numerico)}.")
    maior = 0.0
    for g, n in zip(analitico, numerico):
        g, n = np.asarray(g, dtype=np.float64), np.asarray(n, dtype=np.float64)
        if g.shape != n.shape:
            raise ValueError(f"formas diferentes: {g.shape} e {n.shape}.")
        escala = np.linalg.norm(g) + np.linalg.norm(n)
        if escala > 0:
            maior = max(maior, float(np.linalg.norm(g - n) / escala))
    return maior


def verificar_gradientes(rede: Rede, X, Y, h: float = 1e-6) -> float:
    """Compara ``rede.retropropagar(X, Y)`` com ``gradientes_numericos`` e devolve o maior erro relativo.

    O erro é o de ``erro_relativo``, medido em cada matriz de pesos e em cada
    vetor de vieses. Em ``float64``, um resultado abaixo de ~1e-6 indica
    retropropagação correta; um erro de programação costuma dar de 1e-2 a 1.
    """
    num_w, num_b = gradientes_numericos(rede, X, Y, h)  # valida rede, h, X e Y
    grad_w, grad_b = rede.retropropagar(X, Y)
    return erro_relativo(grad_w + grad_b, num_w + num_b)


# ---------------------------------------------------------------------------
# Capítulo 12: agendas da taxa de aprendizado e estimativa do limiar de η
# ---------------------------------------------------------------------------

def _eta_positivo(valor, nome: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número, não {type(valor).__name__}.")
    if not np.isfinite(valor) or valor <= 0:
        raise ValueError(f"{nome} deve ser um número positivo, não {valor}.")
    return float(valor)


def agenda_degraus(eta_inicial: float, a_cada: int, fator: float = 0.5,
                   eta_minimo: float = 0.0) -> Callable[[int], float]:
    """Agenda em degraus: η começa em ``eta_inicial`` e é multiplicada por ``fator`` a cada ``a_cada`` épocas.

    Devolve uma função ``época → η`` (épocas numeradas de 1 em diante), pronta
    para ``Rede.treinar(..., taxa_aprendizado=agenda)``. Com ``a_cada=10`` e
    ``fator=0.5``, as épocas 1–10 usam η₀, as 11–20 usam η₀/2 e assim por
    diante; ``eta_minimo`` é um piso (0 = sem piso).
    """
    eta_inicial = _eta_positivo(eta_inicial, "eta_inicial")
    if isinstance(a_cada, bool) or not isinstance(a_cada, (int, np.integer)):
        raise TypeError(f"a_cada deve ser um inteiro, não {type(a_cada).__name__}.")
    if a_cada < 1:
        raise ValueError(f"a_cada deve ser um inteiro positivo, não {a_cada}.")
    fator = _eta_positivo(fator, "fator")
    if fator >= 1:
        raise ValueError(f"fator deve estar entre 0 e 1 (a taxa deve diminuir), não {fator}.")
    if isinstance(eta_minimo, bool) or not isinstance(eta_minimo, (int, float, np.integer, np.floating)):
        raise TypeError(f"eta_minimo deve ser um número, não {type(eta_minimo).__name__}.")
    if not np.isfinite(eta_minimo) or not 0 <= eta_minimo <= eta_inicial:
        raise ValueError(f"eta_minimo deve estar entre 0 e eta_inicial, não {eta_minimo!r}.")
    a_cada, eta_minimo = int(a_cada), float(eta_minimo)

    def agenda(epoca: int) -> float:
        if isinstance(epoca, bool) or not isinstance(epoca, (int, np.integer)) or epoca < 1:
            raise ValueError(f"a época deve ser um inteiro positivo, não {epoca!r}.")
        return max(eta_inicial * fator ** ((int(epoca) - 1) // a_cada), eta_minimo)

    agenda.__doc__ = f"η = {eta_inicial} × {fator}^⌊(época − 1)/{a_cada}⌋ (piso {eta_minimo})"
    return agenda


def agenda_exponencial(eta_inicial: float, decaimento: float) -> Callable[[int], float]:
    """Agenda exponencial: η(época) = ``eta_inicial`` · e^(−decaimento · (época − 1)).

    ``decaimento`` ≥ 0 (0 deixa η constante). Devolve uma função ``época → η``
    para ``Rede.treinar``.
    """
    eta_inicial = _eta_positivo(eta_inicial, "eta_inicial")
    if isinstance(decaimento, bool) or not isinstance(decaimento, (int, float, np.integer, np.floating)):
        raise TypeError(f"decaimento deve ser um número, não {type(decaimento).__name__}.")
    if not np.isfinite(decaimento) or decaimento < 0:
        raise ValueError(f"decaimento deve ser um número não negativo, não {decaimento}.")
    decaimento = float(decaimento)

    def agenda(epoca: int) -> float:
        if isinstance(epoca, bool) or not isinstance(epoca, (int, np.integer)) or epoca < 1:
            raise ValueError(f"a época deve ser um inteiro positivo, não {epoca!r}.")
        return eta_inicial * float(np.exp(-decaimento * (int(epoca) - 1)))

    agenda.__doc__ = f"η = {eta_inicial} × exp(−{decaimento} (época − 1))"
    return agenda


def agenda_cosseno(eta_inicial: float, epocas: int, eta_minimo: float = 0.0) -> Callable[[int], float]:
    """Agenda em cosseno: η desce suavemente de ``eta_inicial`` (época 1) até perto de ``eta_minimo``.

    η(e) = η_min + (η₀ − η_min) · (1 + cos(π (e − 1) / E)) / 2, com E = ``epocas``:
    começa em η₀, passa pela metade do caminho em e = E/2 + 1 e, na última
    época, fica um pouco acima de η_min. Épocas além de E continuam a curva
    (o cosseno volta a subir), por isso o treino deve ter exatamente ``epocas``
    épocas. Serve para ``Rede.treinar`` e para ``treino.treinar(agenda=...)``.
    """
    eta_inicial = _eta_positivo(eta_inicial, "eta_inicial")
    if isinstance(epocas, bool) or not isinstance(epocas, (int, np.integer)):
        raise TypeError(f"epocas deve ser um inteiro, não {type(epocas).__name__}.")
    if epocas < 1:
        raise ValueError(f"epocas deve ser um inteiro positivo, não {epocas}.")
    if isinstance(eta_minimo, bool) or not isinstance(eta_minimo, (int, float, np.integer, np.floating)):
        raise TypeError(f"eta_minimo deve ser um número, não {type(eta_minimo).__name__}.")
    if not np.isfinite(eta_minimo) or not 0 <= eta_minimo < eta_inicial:
        raise ValueError(f"eta_minimo deve estar em [0, eta_inicial), não {eta_minimo!r}.")
    epocas, eta_minimo = int(epocas), float(eta_minimo)

    def agenda(epoca: int) -> float:
        if isinstance(epoca, bool) or not isinstance(epoca, (int, np.integer)) or epoca < 1:
            raise ValueError(f"a época deve ser um inteiro positivo, não {epoca!r}.")
        return eta_minimo + (eta_inicial - eta_minimo) * (1 + float(np.cos(np.pi * (int(epoca) - 1) / epocas))) / 2

    agenda.__doc__ = f"η = {eta_minimo} + ({eta_inicial} − {eta_minimo}) (1 + cos(π (época − 1)/{epocas}))/2"
    return agenda


def custo_cai(custos: Sequence[float], epocas_iniciais: int = 3) -> bool:
    """``True`` se o custo de treino caiu em **cada uma** das primeiras épocas.

    Olha os ``epocas_iniciais`` primeiros valores de ``custos`` (um por época) e
    exige que cada um seja finito e menor que o anterior. Uma única subida (ou
    um NaN/infinito, sinal de divergência) já conta como "não cai".
    """
    if isinstance(epocas_iniciais, bool) or not isinstance(epocas_iniciais, (int, np.integer)):
        raise TypeError(f"epocas_iniciais deve ser um inteiro, não {type(epocas_iniciais).__name__}.")
    if epocas_iniciais < 2:
        raise ValueError(f"epocas_iniciais deve ser pelo menos 2, não {epocas_iniciais}.")
    if isinstance(custos, (str, bytes)):
        raise TypeError("custos deve ser uma sequência de números, não texto.")
    try:
        valores = np.asarray(custos, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("custos deve ser uma sequência de números.") from None
    if valores.ndim != 1:
        raise ValueError(f"custos deve ser uma sequência (uma dimensão), não forma {valores.shape}.")
    if len(valores) < epocas_iniciais:
        raise ValueError(f"são precisos ao menos {epocas_iniciais} custos, não {len(valores)}.")
    inicio = valores[:epocas_iniciais]
    return bool(np.isfinite(inicio).all() and (np.diff(inicio) < 0).all())


def estimar_limiar_eta(curvas: dict[float, Sequence[float]], epocas_iniciais: int = 3) -> float:
    """Estima o limiar da taxa de aprendizado a partir das curvas do custo de treino.

    ``curvas`` associa cada η testado à lista do custo de treino por época.
    O limiar é o **maior η cujo custo cai** em cada uma das ``epocas_iniciais``
    primeiras épocas (veja ``custo_cai``), desde que todos os η menores também
    caiam: a busca sobe a escala e para no primeiro η que oscila ou diverge.
    Se nem o menor η faz o custo cair, levanta ``ValueError`` (tente η menores).
    """
    if not isinstance(curvas, dict) or not curvas:
        raise TypeError("curvas deve ser um dicionário não vazio {η: custos por época}.")
    etas = [_eta_positivo(eta, "cada η") for eta in curvas]
    limiar = None
    for eta, chave in sorted(zip(etas, curvas)):
        if not custo_cai(curvas[chave], epocas_iniciais):
            break
        limiar = eta
    if limiar is None:
        raise ValueError("o custo não caiu nem com o menor η testado: experimente valores menores.")
    return limiar


# ---------------------------------------------------------------------------
# Capítulo 11: o desvio da entrada ponderada z ao nascer, conforme a inicialização
# ---------------------------------------------------------------------------

INICIALIZACOES_Z = ("normal", "escalada", "personalizada")


def validar_inicializacao_z(n_entradas: int, fracao_acesa: float, desvio_pesos: float,
                             desvio_vies: float) -> None:
    """Confere os argumentos comuns de ``desvio_entrada_ponderada`` e ``sortear_entrada_ponderada``."""
    if isinstance(n_entradas, bool) or not isinstance(n_entradas, (int, np.integer)):
        raise TypeError(f"n_entradas deve ser um inteiro, não {type(n_entradas).__name__}.")
    if n_entradas < 1:
        raise ValueError(f"n_entradas deve ser positivo, não {n_entradas}.")
    for nome, valor in (("fracao_acesa", fracao_acesa), ("desvio_pesos", desvio_pesos),
                        ("desvio_vies", desvio_vies)):
        if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
            raise TypeError(f"{nome} deve ser um número, não {type(valor).__name__}.")
        if not np.isfinite(valor):
            raise ValueError(f"{nome} deve ser finito, não {valor}.")
    if not 0.0 <= fracao_acesa <= 1.0:
        raise ValueError(f"fracao_acesa deve estar entre 0 e 1, não {fracao_acesa}.")
    if desvio_pesos < 0 or desvio_vies < 0:
        raise ValueError("os desvios-padrão não podem ser negativos.")


def desvio_pesos_para(inicializacao: str, n_entradas: int, desvio: float = 1.0) -> float:
    """Desvio-padrão dos pesos: 1 (``"normal"``), 1/√n (``"escalada"``) ou ``desvio`` (``"personalizada"``)."""
    if inicializacao not in INICIALIZACOES_Z:
        raise ValueError(f"inicializacao deve ser uma de {INICIALIZACOES_Z}, não {inicializacao!r}.")
    validar_inicializacao_z(n_entradas, 0.5, desvio, 1.0)
    if inicializacao == "normal":
        return 1.0
    if inicializacao == "escalada":
        return float(1.0 / np.sqrt(n_entradas))
    return float(desvio)


def desvio_entrada_ponderada(n_entradas: int, fracao_acesa: float, desvio_pesos: float,
                             desvio_vies: float = 1.0) -> float:
    """Desvio-padrão teórico de z = Σ wⱼxⱼ + b com ``round(fracao_acesa·n)`` entradas iguais a 1.

    Pesos independentes N(0, desvio_pesos²) e viés N(0, desvio_vies²): as
    variâncias se somam, Var z = k·desvio_pesos² + desvio_vies², com k entradas acesas.
    """
    validar_inicializacao_z(n_entradas, fracao_acesa, desvio_pesos, desvio_vies)
    acesas = int(round(fracao_acesa * n_entradas))
    return float(np.sqrt(acesas * desvio_pesos ** 2 + desvio_vies ** 2))


def sortear_entrada_ponderada(n_entradas: int, fracao_acesa: float, desvio_pesos: float,
                              desvio_vies: float = 1.0, n_sorteios: int = 10_000,
                              semente: int | None = 0, bloco: int = 2_000) -> np.ndarray:
    """``n_sorteios`` valores de z = Σ wⱼxⱼ + b, cada um com pesos e viés sorteados de novo.

    A entrada x tem as ``round(fracao_acesa·n)`` primeiras componentes iguais a 1
    e as demais 0; os pesos das entradas apagadas multiplicam zero, então só os
    das acesas são sorteados (o resultado é o mesmo, e custa menos memória).
    O trabalho é feito em blocos de ``bloco`` sorteios.
    """
    validar_inicializacao_z(n_entradas, fracao_acesa, desvio_pesos, desvio_vies)
    for nome, valor in (("n_sorteios", n_sorteios), ("bloco", bloco)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
            raise ValueError(f"{nome} deve ser um inteiro positivo, não {valor!r}.")
    acesas = int(round(fracao_acesa * n_entradas))
    rng = np.random.default_rng(semente)
    z = np.empty(n_sorteios)
    for inicio in range(0, n_sorteios, bloco):
        m = min(bloco, n_sorteios - inicio)
        pesos = rng.standard_normal((m, acesas)) * desvio_pesos
        z[inicio:inicio + m] = pesos.sum(axis=1) + rng.standard_normal(m) * desvio_vies
    return z
