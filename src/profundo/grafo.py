"""Um motor mínimo de diferenciação automática escalar (no espírito do micrograd).

Cada ``Valor`` guarda um número (``dado``), a derivada da saída em relação a
ele (``gradiente``), os valores de que foi calculado (``filhos``), o nome da
operação e as **derivadas locais** ∂(este nó)/∂(filho), uma por aresta do
grafo computacional. Com as derivadas locais guardadas, os dois modos da
regra da cadeia ficam lado a lado:

- **modo reverso** (``Valor.retropropagar``): uma passada da saída para as
  entradas dá ∂saída/∂nó para *todos* os nós — é a retropropagação;
- **modo direto** (``derivadas_modo_direto``): uma passada das entradas para
  a saída dá ∂nó/∂entrada para *uma* entrada.

Exemplo, o grafo e = (a + b)(b + 1) em a = 2, b = 1::

    >>> a, b = Valor(2, rotulo="a"), Valor(1, rotulo="b")
    >>> e = (a + b) * (b + 1)
    >>> e.retropropagar()
    >>> e.dado, a.gradiente, b.gradiente
    (6.0, 2.0, 5.0)
"""

from __future__ import annotations

import math
import numbers
from typing import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .graficos import CORES, formatar_numero


def _numero(x, nome: str = "dado") -> float:
    """Converte ``x`` em float, recusando o que não é número real finito."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{nome} deve ser um número real, não {type(x).__name__}.")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{nome} deve ser finito, não {x}.")
    return x


class Valor:
    """Um número escalar que lembra como foi calculado.

    ``Valor(2.0, rotulo="a")`` cria uma folha (entrada ou parâmetro). As
    operações ``+``, ``-``, ``*``, ``/``, ``**`` (expoente numérico) e os
    métodos ``sigmoide``, ``tanh``, ``exp``, ``log`` e ``relu`` criam nós
    novos. Números comuns misturados a ``Valor`` viram folhas constantes.
    """

    __slots__ = ("dado", "gradiente", "filhos", "derivadas_locais", "operacao", "rotulo",
                 "constante")

    def __init__(self, dado, filhos: Sequence["Valor"] = (), operacao: str = "",
                 rotulo: str = "", *, derivadas_locais: Sequence[float] = (),
                 constante: bool = False) -> None:
        self.dado = _numero(dado)
        filhos = tuple(filhos)
        if not all(isinstance(f, Valor) for f in filhos):
            raise TypeError("os filhos de um Valor devem ser objetos Valor.")
        derivadas_locais = tuple(float(d) for d in derivadas_locais)
        if len(derivadas_locais) != len(filhos):
            raise ValueError(f"são precisas {len(filhos)} derivadas locais (uma por filho), "
                             f"não {len(derivadas_locais)}.")
        if not isinstance(rotulo, str) or not isinstance(operacao, str):
            raise TypeError("rotulo e operacao devem ser textos.")
        self.gradiente = 0.0
        self.filhos = filhos
        self.derivadas_locais = derivadas_locais
        self.operacao = operacao
        self.rotulo = rotulo
        self.constante = bool(constante)

    def __repr__(self) -> str:
        nome = f"{self.rotulo}, " if self.rotulo else ""
        return (f"Valor({nome}dado={self.dado:.6g}, gradiente={self.gradiente:.6g}"
                + (f", operacao='{self.operacao}'" if self.operacao else "") + ")")

    # --- operações -------------------------------------------------------------

    @staticmethod
    def _como_valor(outro) -> "Valor | None":
        if isinstance(outro, Valor):
            return outro
        if isinstance(outro, numbers.Real) and not isinstance(outro, bool):
            return Valor(outro, rotulo=f"{float(outro):g}".replace(".", ","), constante=True)
        return None

    def __add__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return Valor(self.dado + outro.dado, (self, outro), "+", derivadas_locais=(1.0, 1.0))

    def __radd__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return outro + self

    def __mul__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        # regra do produto: ∂(xy)/∂x = y e ∂(xy)/∂y = x
        return Valor(self.dado * outro.dado, (self, outro), "×",
                     derivadas_locais=(outro.dado, self.dado))

    def __rmul__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return outro * self

    def __neg__(self) -> "Valor":
        return Valor(-self.dado, (self,), "−", derivadas_locais=(-1.0,))

    def __sub__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return Valor(self.dado - outro.dado, (self, outro), "−", derivadas_locais=(1.0, -1.0))

    def __rsub__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return outro - self

    def __pow__(self, expoente) -> "Valor":
        if isinstance(expoente, Valor):
            raise TypeError("o expoente de ** deve ser um número comum, não um Valor.")
        p = _numero(expoente, "o expoente")
        if self.dado == 0 and p < 1:
            raise ValueError(f"0 ** {p:g} não tem derivada finita.")
        if self.dado < 0 and not p.is_integer():
            raise ValueError(f"base negativa ({self.dado:g}) com expoente fracionário ({p:g}).")
        return Valor(self.dado ** p, (self,), f"^{p:g}".replace(".", ","),
                     derivadas_locais=(p * self.dado ** (p - 1),))

    def __truediv__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        if outro.dado == 0:
            raise ZeroDivisionError("divisão de um Valor por zero.")
        return self * outro ** -1

    def __rtruediv__(self, outro) -> "Valor":
        outro = self._como_valor(outro)
        if outro is None:
            return NotImplemented
        return outro / self

    def sigmoide(self) -> "Valor":
        """σ(x) = 1/(1 + e^(−x)), com derivada local σ(x)(1 − σ(x))."""
        x = self.dado
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return Valor(s, (self,), "σ", derivadas_locais=(s * (1.0 - s),))

    def tanh(self) -> "Valor":
        """Tangente hiperbólica, com derivada local 1 − tanh²(x)."""
        t = math.tanh(self.dado)
        return Valor(t, (self,), "tanh", derivadas_locais=(1.0 - t * t,))

    def exp(self) -> "Valor":
        """Exponencial eˣ, que é a própria derivada."""
        e = math.exp(self.dado)
        return Valor(e, (self,), "exp", derivadas_locais=(e,))

    def log(self) -> "Valor":
        """Logaritmo natural (só para dado > 0), com derivada local 1/x."""
        if self.dado <= 0:
            raise ValueError(f"log só é definido para valores positivos, não {self.dado:g}.")
        return Valor(math.log(self.dado), (self,), "log", derivadas_locais=(1.0 / self.dado,))

    def relu(self) -> "Valor":
        """max(0, x), com derivada local 1 para x > 0 e 0 caso contrário."""
        return Valor(max(0.0, self.dado), (self,), "relu",
                     derivadas_locais=(1.0 if self.dado > 0 else 0.0,))

    # --- derivadas ---------------------------------------------------------------

    def retropropagar(self) -> None:
        """Modo reverso: preenche ``gradiente`` = ∂(este nó)/∂(nó) em todo o grafo.

        Zera os gradientes do grafo, põe 1 neste nó (∂x/∂x = 1) e percorre os
        nós em ordem topológica reversa: cada nó repassa a cada filho o seu
        gradiente vezes a derivada local da aresta, e o filho **soma** o que
        recebe de todos os pais (a soma sobre caminhos da regra da cadeia).
        """
        ordem = ordem_topologica(self)
        for no in ordem:
            no.gradiente = 0.0
        self.gradiente = 1.0
        for no in reversed(ordem):
            for filho, local in zip(no.filhos, no.derivadas_locais):
                filho.gradiente += local * no.gradiente


def ordem_topologica(saida: Valor) -> list[Valor]:
    """Os nós do grafo de ``saida``, cada um depois de todos os seus filhos.

    Busca em profundidade sem recursão (grafos grandes não estouram a pilha).
    """
    if not isinstance(saida, Valor):
        raise TypeError(f"esperava um Valor, não {type(saida).__name__}.")
    ordem: list[Valor] = []
    visitados: set[int] = set()
    pilha: list[tuple[Valor, bool]] = [(saida, False)]
    while pilha:
        no, filhos_prontos = pilha.pop()
        if filhos_prontos:
            ordem.append(no)
            continue
        if id(no) in visitados:
            continue
        visitados.add(id(no))
        pilha.append((no, True))
        for filho in reversed(no.filhos):
            if id(filho) not in visitados:
                pilha.append((filho, False))
    return ordem


def derivadas_modo_direto(saida: Valor, entrada: Valor) -> dict[Valor, float]:
    """Modo direto: ∂nó/∂entrada para cada nó do grafo de ``saida``, numa só passada.

    Percorre os nós em ordem topológica (das entradas para a saída): a
    derivada de um nó é a soma, sobre seus filhos, da derivada local da
    aresta vezes a derivada do filho; a ``entrada`` começa com 1 e as outras
    folhas com 0. O dicionário usa os próprios nós como chaves, e
    ``resultado[saida]`` é ∂saida/∂entrada.
    """
    if not isinstance(entrada, Valor):
        raise TypeError(f"a entrada deve ser um Valor, não {type(entrada).__name__}.")
    ordem = ordem_topologica(saida)
    if not any(no is entrada for no in ordem):
        raise ValueError("a entrada não faz parte do grafo da saída.")
    derivadas: dict[Valor, float] = {}
    for no in ordem:
        if no is entrada:
            derivadas[no] = 1.0
        else:
            derivadas[no] = sum(local * derivadas[filho]
                                for filho, local in zip(no.filhos, no.derivadas_locais))
    return derivadas


def gradiente_modo_direto(saida: Valor, entradas: Iterable[Valor]) -> list[float]:
    """∂saida/∂x para cada ``x`` de ``entradas`` pelo modo direto: **uma passada por entrada**.

    Dá o mesmo resultado que ``saida.retropropagar()``, mas custa
    ``len(entradas)`` passadas pelo grafo em vez de uma.
    """
    return [derivadas_modo_direto(saida, x)[saida] for x in entradas]


def caminhos(saida: Valor, entrada: Valor) -> list[tuple[list[Valor], float]]:
    """Todos os caminhos de ``entrada`` até ``saida``, cada um com o produto das derivadas locais.

    A soma dos produtos é ∂saida/∂entrada (a "soma sobre caminhos"). O número
    de caminhos pode crescer exponencialmente com o grafo: use só em grafos
    pequenos, para ver a regra da cadeia funcionando.
    """
    if not isinstance(saida, Valor) or not isinstance(entrada, Valor):
        raise TypeError("saida e entrada devem ser objetos Valor.")
    encontrados: list[tuple[list[Valor], float]] = []

    def descer(no: Valor, trilha: list[Valor], produto: float) -> None:
        if no is entrada:
            encontrados.append((list(reversed(trilha)), produto))
            return
        for filho, local in zip(no.filhos, no.derivadas_locais):
            descer(filho, trilha + [filho], produto * local)

    descer(saida, [saida], 1.0)
    return encontrados


def _nome(no: Valor) -> str:
    if no.rotulo:
        return no.rotulo
    return no.operacao or formatar_numero(no.dado, 2)


def desenhar_grafo(saida: Valor, *, ax: Axes | None = None,
                   derivadas: Mapping[Valor, float] | None = None,
                   nome_derivada: str = "grad", mostrar_constantes: bool = False,
                   casas: int = 2, titulo: str | None = None) -> Axes:
    """Desenha o grafo computacional de ``saida`` com matplotlib (sem graphviz).

    Cada nó mostra rótulo, operação, valor e uma derivada: por padrão o
    ``gradiente`` (depois de ``retropropagar``); com ``derivadas`` (p. ex. o
    dicionário de ``derivadas_modo_direto``), mostra essas. Cada aresta leva
    a derivada local ∂pai/∂filho. Constantes (como o 1 de b + 1) ficam ocultas,
    salvo ``mostrar_constantes=True``. As colunas vão das entradas (esquerda)
    para a saída (direita).
    """
    ordem = ordem_topologica(saida)
    if derivadas is not None and not isinstance(derivadas, Mapping):
        raise TypeError("derivadas deve ser um dicionário {Valor: número}.")
    visiveis = [no for no in ordem if mostrar_constantes or not no.constante]
    # coluna: nós internos pela profundidade; folhas logo antes do primeiro pai
    coluna: dict[int, int] = {}
    for no in ordem:
        if no.filhos:
            coluna[id(no)] = 1 + max(coluna[id(f)] for f in no.filhos)
        else:
            coluna[id(no)] = 0
    pais: dict[int, list[Valor]] = {id(no): [] for no in ordem}
    for no in ordem:
        for filho in no.filhos:
            pais[id(filho)].append(no)
    for no in ordem:
        if not no.filhos and pais[id(no)]:
            coluna[id(no)] = min(coluna[id(p)] for p in pais[id(no)]) - 1
    # linhas: da saída para as entradas, cada nó perto da média dos pais
    altura: dict[int, float] = {}
    for c in sorted({coluna[id(no)] for no in visiveis}, reverse=True):
        nos = [no for no in visiveis if coluna[id(no)] == c]
        def chave(no: Valor) -> float:
            ys = [altura[id(p)] for p in pais[id(no)] if id(p) in altura]
            return -sum(ys) / len(ys) if ys else 0.0
        nos.sort(key=chave)
        for i, no in enumerate(nos):
            altura[id(no)] = -(i - (len(nos) - 1) / 2) * 1.6
    if ax is None:
        n_col = len({coluna[id(no)] for no in visiveis})
        n_lin = max(sum(1 for no in visiveis if coluna[id(no)] == c)
                    for c in {coluna[id(no)] for no in visiveis})
        _, ax = plt.subplots(figsize=(2.3 * n_col + 0.6, 1.35 * n_lin + 0.9))
    x_min = min(coluna[id(no)] for no in visiveis)
    pos = {id(no): (2.2 * (coluna[id(no)] - x_min), altura[id(no)]) for no in visiveis}
    for no in visiveis:
        for filho, local in zip(no.filhos, no.derivadas_locais):
            if id(filho) not in pos:
                continue
            (x0, y0), (x1, y1) = pos[id(filho)], pos[id(no)]
            ax.annotate("", xy=(x1 - 0.55, y1), xytext=(x0 + 0.55, y0),
                        arrowprops=dict(arrowstyle="->", color="0.35", lw=1.2), zorder=1)
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.12, formatar_numero(local, casas),
                    ha="center", va="bottom", fontsize=8.5, color=CORES[1], zorder=3,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))
    for no in visiveis:
        x, y = pos[id(no)]
        valor_d = no.gradiente if derivadas is None else derivadas.get(no, 0.0)
        cabecalho = _nome(no)
        if no.rotulo and no.operacao:
            cabecalho += f"  ({no.operacao})"
        texto = (f"{cabecalho}\nvalor {formatar_numero(no.dado, casas)}\n"
                 f"{nome_derivada} {formatar_numero(valor_d, casas)}")
        folha = not no.filhos
        ax.text(x, y, texto, ha="center", va="center", fontsize=9, zorder=4,
                bbox=dict(boxstyle="round,pad=0.4", lw=1.2,
                          facecolor="#e8eef4" if folha else "white", edgecolor=CORES[0]))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    ax.set_axis_off()
    if titulo:
        ax.set_title(titulo)
    return ax
