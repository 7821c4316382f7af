"""Arquiteturas de redes neurais: contagem de parâmetros e diagramas esquemáticos.

Uma camada totalmente conectada de ``n_entrada`` para ``n_saida`` neurônios tem
``n_entrada · n_saida`` pesos e ``n_saida`` vieses. ``desenhar_arquitetura``
desenha as dez arquiteturas do capítulo 3 (inspiradas no "Neural Network Zoo"
de van Veen, mas desenhadas aqui, por código). ``desenhar_celula`` desenha o
fluxo de um passo das células LSTM e GRU do capítulo 22.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .graficos import CORES


@dataclass(frozen=True)
class ContagemCamada:
    """Pesos e vieses de uma camada densa."""

    entrada: int
    saida: int

    @property
    def pesos(self) -> int:
        return self.entrada * self.saida

    @property
    def vieses(self) -> int:
        return self.saida

    @property
    def total(self) -> int:
        return self.pesos + self.vieses


def _camadas(camadas: Sequence[int]) -> list[int]:
    if isinstance(camadas, (str, bytes)) or not hasattr(camadas, "__len__"):
        raise TypeError("camadas deve ser uma lista de inteiros, como [784, 30, 10].")
    if len(camadas) < 2:
        raise ValueError("uma rede precisa de pelo menos duas camadas (entrada e saída).")
    resultado = []
    for c in camadas:
        if isinstance(c, bool) or not isinstance(c, (int, np.integer)):
            raise TypeError(f"o tamanho de cada camada deve ser inteiro, não {c!r}.")
        if c < 1:
            raise ValueError(f"toda camada precisa de pelo menos um neurônio (recebi {c}).")
        resultado.append(int(c))
    return resultado


def contagem_por_camada(camadas: Sequence[int]) -> list[ContagemCamada]:
    """Uma ``ContagemCamada`` para cada par de camadas vizinhas."""
    c = _camadas(camadas)
    return [ContagemCamada(a, b) for a, b in zip(c[:-1], c[1:])]


def contar_parametros(camadas: Sequence[int]) -> int:
    """Número total de pesos e vieses de uma rede densa, p. ex. ``[784, 30, 10] → 23.860``."""
    return sum(cc.total for cc in contagem_por_camada(camadas))


def tabela_parametros(camadas: Sequence[int]) -> str:
    """Tabela em texto (Markdown) com pesos, vieses e total por camada."""
    linhas = ["| camada | pesos | vieses | total |", "|---|---:|---:|---:|"]
    for i, cc in enumerate(contagem_por_camada(camadas), start=1):
        linhas.append(f"| {i}: {cc.entrada} → {cc.saida} | {cc.pesos:_} | {cc.vieses:_} | {cc.total:_} |")
    linhas.append(f"| **total** | | | **{contar_parametros(camadas):_}** |")
    return "\n".join(linhas).replace("_", ".")


# ---------------------------------------------------------------------------
# Diagramas esquemáticos das dez arquiteturas do capítulo 3
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TipoNeuronio:
    """Aparência de um tipo de neurônio nos diagramas (cor, marcador e rótulo da legenda)."""

    rotulo: str
    cor: str
    marcador: str


TIPOS_NEURONIO: dict[str, TipoNeuronio] = {
    "entrada": TipoNeuronio("entrada / visível", "#b5d17a", "o"),
    "oculto": TipoNeuronio("oculto", CORES[0], "o"),
    "saida": TipoNeuronio("saída", CORES[1], "o"),
    "recorrente": TipoNeuronio("recorrente", CORES[3], "o"),
    "memoria": TipoNeuronio("célula de memória", CORES[3], "s"),
    "convolucao": TipoNeuronio("convolução (filtro)", CORES[4], "D"),
    "agrupamento": TipoNeuronio("agrupamento (pooling)", "#d2b4de", "v"),
    "probabilistico": TipoNeuronio("oculto probabilístico", "#aed6f1", "p"),
    "realimentado": TipoNeuronio("entrada e saída ao mesmo tempo", "#f0b27a", "o"),
    "ruido": TipoNeuronio("ruído aleatório", "white", "o"),
    "codigo": TipoNeuronio("código (gargalo)", "#17202a", "o"),
    "capsula": TipoNeuronio("cápsula (vetor)", CORES[5], "h"),
}
"""Os tipos de neurônio usados em ``ARQUITETURAS``; as claridades diferem para
que o diagrama continue legível em tons de cinza."""

ESTILOS_CONEXAO: dict[str, tuple[str, dict]] = {
    "densa": ("conexão dirigida (da esquerda para a direita)",
              {"color": "0.72", "lw": 0.6, "ls": "-"}),
    "simetrica": ("conexão simétrica (mesmo peso nos dois sentidos)",
                  {"color": "0.25", "lw": 0.9, "ls": "--"}),
    "roteamento": ("roteamento dinâmico entre cápsulas",
                   {"color": "0.35", "lw": 1.0, "ls": ":"}),
}
"""Como cada tipo de conexão é desenhado (``local`` e ``agrupamento`` usam o estilo ``densa``)."""


@dataclass(frozen=True)
class EspecificacaoArquitetura:
    """Receita de um diagrama esquemático.

    ``camadas`` lista ``(tipo, quantidade)`` da esquerda para a direita.
    ``conexoes`` tem uma entrada por par de camadas vizinhas: ``densa`` (todos
    com todos), ``local`` (cada neurônio vê uma janela da camada anterior),
    ``agrupamento`` (janelas sem sobreposição), ``simetrica`` ou ``roteamento``.
    Com ``disposicao="circulo"`` os neurônios ficam num círculo, todos ligados
    a todos por conexões simétricas. ``lacos`` são as camadas com laço
    recorrente; ``grupos`` são chaves ``(primeira, última, rótulo)`` desenhadas
    sob as camadas; ``anotacoes`` são textos ``(camada, texto)`` acima delas.
    """

    titulo: str
    categoria: str
    camadas: tuple[tuple[str, int], ...]
    conexoes: tuple[str, ...] = ()
    disposicao: str = "camadas"
    lacos: tuple[int, ...] = ()
    grupos: tuple[tuple[int, int, str], ...] = ()
    anotacoes: tuple[tuple[int, str], ...] = ()


ARQUITETURAS: dict[str, EspecificacaoArquitetura] = {
    "perceptron_multicamadas": EspecificacaoArquitetura(
        "Perceptron multicamadas (MLP)", "alimentação direta",
        (("entrada", 3), ("oculto", 4), ("oculto", 4), ("saida", 2))),
    "convolucional": EspecificacaoArquitetura(
        "Rede convolucional (CNN)", "alimentação direta",
        (("entrada", 7), ("convolucao", 6), ("agrupamento", 3), ("oculto", 3), ("saida", 2)),
        conexoes=("local", "agrupamento", "densa", "densa")),
    "recorrente": EspecificacaoArquitetura(
        "Rede recorrente (RNN)", "recorrente",
        (("entrada", 3), ("recorrente", 4), ("recorrente", 4), ("saida", 2)), lacos=(1, 2)),
    "lstm": EspecificacaoArquitetura(
        "LSTM (memória de curto e longo prazo)", "recorrente",
        (("entrada", 3), ("memoria", 4), ("memoria", 4), ("saida", 2)), lacos=(1, 2)),
    "hopfield": EspecificacaoArquitetura(
        "Rede de Hopfield", "simétrica",
        (("realimentado", 6),), disposicao="circulo"),
    "boltzmann": EspecificacaoArquitetura(
        "Máquina de Boltzmann", "simétrica",
        (("entrada", 3), ("probabilistico", 3)), disposicao="circulo"),
    "deep_belief": EspecificacaoArquitetura(
        "Rede de crença profunda (DBN)", "simétrica + alimentação direta",
        (("entrada", 4), ("probabilistico", 4), ("probabilistico", 3), ("saida", 2)),
        conexoes=("simetrica", "simetrica", "densa"),
        grupos=((0, 1, "RBM 1"), (1, 2, "RBM 2"))),
    "autoencoder": EspecificacaoArquitetura(
        "Autoencoder profundo", "alimentação direta",
        (("entrada", 5), ("oculto", 4), ("codigo", 2), ("oculto", 4), ("saida", 5)),
        grupos=((0, 2, "codificador"), (2, 4, "decodificador"))),
    "gan": EspecificacaoArquitetura(
        "Rede adversária generativa (GAN)", "alimentação direta, duas redes",
        (("ruido", 2), ("oculto", 4), ("entrada", 4), ("oculto", 3), ("saida", 1)),
        grupos=((0, 2, "gerador"), (2, 4, "discriminador")),
        anotacoes=((2, "amostra real\nou gerada"),)),
    "capsulas": EspecificacaoArquitetura(
        "Rede de cápsulas (CapsNet)", "alimentação direta",
        (("entrada", 6), ("convolucao", 5), ("capsula", 3), ("capsula", 2)),
        conexoes=("local", "densa", "roteamento")),
}
"""As dez arquiteturas do capítulo 10 do Deep Learning Book, na ordem de lá."""

NOMES_ARQUITETURAS: tuple[str, ...] = tuple(ARQUITETURAS)
"""Os nomes aceitos por ``desenhar_arquitetura``."""


def _chave_arquitetura(nome: str) -> str:
    """Normaliza o nome (sem acentos, minúsculas, ``_`` no lugar de espaço e hífen)."""
    if not isinstance(nome, str):
        raise TypeError(f"o nome da arquitetura deve ser texto, não {type(nome).__name__}.")
    sem_acento = unicodedata.normalize("NFKD", nome).encode("ascii", "ignore").decode()
    chave = sem_acento.strip().lower().replace("-", "_").replace(" ", "_")
    if chave not in ARQUITETURAS:
        raise ValueError(f"arquitetura desconhecida: {nome!r}. "
                         f"Opções: {', '.join(NOMES_ARQUITETURAS)}.")
    return chave


def _janelas(n_anterior: int, n_atual: int, tipo: str) -> list[range]:
    """Quais neurônios da camada anterior cada neurônio da camada atual enxerga."""
    if tipo == "local":  # janela deslizante, passo 1
        largura = max(1, n_anterior - n_atual + 1)
        return [range(i, min(i + largura, n_anterior)) for i in range(n_atual)]
    if tipo == "agrupamento":  # janelas vizinhas, sem sobreposição
        passo = max(1, n_anterior // n_atual)
        return [range(i * passo, min((i + 1) * passo, n_anterior)) for i in range(n_atual)]
    return [range(n_anterior)] * n_atual


def _laco(ax: Axes, x: float, y: float, raio: float) -> None:
    """Laço sobre o neurônio em (x, y): a saída volta como entrada no passo seguinte.

    ``raio`` é o raio do marcador em pontos; o laço sai e volta pelo topo dele.
    """
    from matplotlib.transforms import offset_copy

    saida = offset_copy(ax.transData, fig=ax.figure, x=0.7 * raio, y=0.7 * raio, units="points")
    volta = offset_copy(ax.transData, fig=ax.figure, x=-0.7 * raio, y=0.7 * raio, units="points")
    ax.annotate("", xy=(x, y), xycoords=volta, xytext=(x, y), textcoords=saida,
                arrowprops=dict(arrowstyle="-|>", connectionstyle="arc3,rad=2.6",
                                color="0.1", lw=1.0, mutation_scale=8,
                                shrinkA=0, shrinkB=0), zorder=4)


def _posicoes(espec: EspecificacaoArquitetura) -> list[np.ndarray]:
    """Coordenadas ``(n, 2)`` dos neurônios de cada camada."""
    if espec.disposicao == "circulo":
        total = sum(n for _, n in espec.camadas)
        # começa à esquerda e gira no sentido horário: cada grupo ocupa um arco
        angulos = np.pi - 2 * np.pi * (np.arange(total) + 0.5) / total + np.pi / total
        pontos = 1.6 * np.column_stack([np.cos(angulos), np.sin(angulos)])
        cortes = np.cumsum([n for _, n in espec.camadas])[:-1]
        return np.split(pontos, cortes)
    posicoes = []
    for j, (_, n) in enumerate(espec.camadas):
        ys = np.linspace((n - 1) / 2, -(n - 1) / 2, n) * 0.8
        posicoes.append(np.column_stack([np.full(n, float(j)), ys]))
    return posicoes


def _desenhar_conexoes(ax: Axes, espec: EspecificacaoArquitetura,
                       posicoes: list[np.ndarray]) -> set[str]:
    """Desenha as arestas e devolve os estilos usados (para a legenda)."""
    usados = set()
    if espec.disposicao == "circulo":
        pontos = np.vstack(posicoes)
        estilo = ESTILOS_CONEXAO["simetrica"][1]
        for i in range(len(pontos)):
            for k in range(i + 1, len(pontos)):
                ax.plot(*zip(pontos[i], pontos[k]), zorder=1, **estilo)
        return {"simetrica"}
    conexoes = espec.conexoes or ("densa",) * (len(espec.camadas) - 1)
    for anterior, atual, tipo in zip(posicoes[:-1], posicoes[1:], conexoes):
        chave = tipo if tipo in ESTILOS_CONEXAO else "densa"
        usados.add(chave)
        estilo = ESTILOS_CONEXAO[chave][1]
        for destino, janela in zip(atual, _janelas(len(anterior), len(atual), tipo)):
            for origem in anterior[list(janela)]:
                ax.plot(*zip(origem, destino), zorder=1, **estilo)
    return usados


def _legenda(tipos: Sequence[str], conexoes: Sequence[str], lacos: bool) -> list[Line2D]:
    """Entradas de legenda para os tipos de neurônio e de conexão usados."""
    itens = []
    for tipo in dict.fromkeys(tipos):
        t = TIPOS_NEURONIO[tipo]
        itens.append(Line2D([], [], ls="", marker=t.marcador, markersize=9, color=t.cor,
                             markeredgecolor="black", label=t.rotulo))
    for chave in ESTILOS_CONEXAO:
        if chave in conexoes:
            rotulo, estilo = ESTILOS_CONEXAO[chave]
            itens.append(Line2D([], [], label=rotulo, **{**estilo, "lw": 1.4}))
    if lacos:
        itens.append(Line2D([], [], color="0.1", lw=1.4, marker=">", markersize=5,
                             label="laço recorrente (volta no passo seguinte)"))
    return itens


def _elementos_usados(espec: EspecificacaoArquitetura) -> tuple[list[str], set[str], bool]:
    """Tipos de neurônio, estilos de conexão e presença de laços num diagrama (para a legenda)."""
    tipos = [t for t, _ in espec.camadas]
    if espec.disposicao == "circulo":
        conexoes = {"simetrica"}
    else:
        conexoes = {c if c in ESTILOS_CONEXAO else "densa"
                    for c in (espec.conexoes or ("densa",))}
    return tipos, conexoes, bool(espec.lacos)


def desenhar_arquitetura(nome: str, ax: Axes | None = None, *, legenda: bool = True,
                         tamanho: float = 150.0) -> Axes:
    """Diagrama esquemático de uma das dez arquiteturas de ``NOMES_ARQUITETURAS``.

    Cada tipo de neurônio tem cor e marcador próprios (veja ``TIPOS_NEURONIO``);
    laços indicam recorrência e linhas tracejadas, conexões simétricas. O nome
    aceita maiúsculas, acentos e espaços (``"Cápsulas"`` vale ``"capsulas"``).
    Devolve os eixos em que desenhou.
    """
    chave = _chave_arquitetura(nome)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax deve ser um eixo do matplotlib (Axes), não {type(ax).__name__}.")
    if not tamanho > 0:
        raise ValueError(f"o tamanho dos neurônios deve ser positivo, não {tamanho}.")
    espec = ARQUITETURAS[chave]
    if ax is None:
        largura = 2.2 if espec.disposicao == "circulo" else 1.1 * len(espec.camadas)
        _, ax = plt.subplots(figsize=(max(4.2, largura + 1.4), 3.6))
    posicoes = _posicoes(espec)
    _desenhar_conexoes(ax, espec, posicoes)
    for (tipo, _), pontos in zip(espec.camadas, posicoes):
        t = TIPOS_NEURONIO[tipo]
        area = tamanho * (1.6 if t.marcador == "h" else 1.0)  # o hexágono parece menor
        ax.scatter(pontos[:, 0], pontos[:, 1], s=area, marker=t.marcador, color=t.cor,
                   edgecolor="black", linewidth=0.8, zorder=3)
        if tipo == "capsula":  # a saída de uma cápsula é um vetor: uma setinha dentro
            for x, y in pontos:
                ax.annotate("", xy=(x + 0.09, y + 0.08), xytext=(x - 0.07, y - 0.06),
                            arrowprops=dict(arrowstyle="-|>", color="white", lw=1.0,
                                            mutation_scale=7), zorder=4)
    for j in espec.lacos:
        for x, y in posicoes[j]:
            _laco(ax, x, y, np.sqrt(tamanho) / 2)
    baixo = min(p[:, 1].min() for p in posicoes)
    alto = max(p[:, 1].max() for p in posicoes)
    for i, (primeira, ultima, rotulo) in enumerate(espec.grupos):
        y = baixo - 0.45 - 0.45 * (i % 2)
        x0, x1 = primeira - 0.2, ultima + 0.2
        ax.plot([x0, x0, x1, x1], [y + 0.12, y, y, y + 0.12], color="0.2", lw=1.0)
        ax.text((x0 + x1) / 2, y - 0.06, rotulo, ha="center", va="top", fontsize=8)
    for j, texto in espec.anotacoes:
        ax.text(posicoes[j][:, 0].mean(), alto + 0.3, texto, ha="center", va="bottom",
                fontsize=7.5)
    ax.set_title(f"{espec.titulo}\n({espec.categoria})", fontsize=9)
    esquerda = min(p[:, 0].min() for p in posicoes)
    direita = max(p[:, 0].max() for p in posicoes)
    chaves = 0.5 + 0.45 * min(len(espec.grupos), 2) if espec.grupos else 0.35
    ax.set_xlim(esquerda - 0.45, direita + 0.45)
    ax.set_ylim(baixo - chaves, alto + (0.95 if espec.anotacoes else 0.45))
    ax.set_aspect("equal")
    ax.set_axis_off()
    if legenda:
        tipos, conexoes, lacos = _elementos_usados(espec)
        ax.legend(handles=_legenda(tipos, conexoes, lacos), loc="upper center",
                  bbox_to_anchor=(0.5, -0.02), ncol=2, fontsize=7.5)
    return ax


def galeria_arquiteturas(ncolunas: int = 5) -> Figure:
    """As dez arquiteturas lado a lado, com uma legenda comum embaixo."""
    if isinstance(ncolunas, bool) or not isinstance(ncolunas, (int, np.integer)):
        raise TypeError(f"ncolunas deve ser um inteiro, não {type(ncolunas).__name__}.")
    if ncolunas < 1:
        raise ValueError(f"ncolunas deve ser positivo, não {ncolunas}.")
    n = len(NOMES_ARQUITETURAS)
    ncolunas = min(int(ncolunas), n)
    nlinhas = int(np.ceil(n / ncolunas))
    fig, eixos = plt.subplots(nlinhas, ncolunas, figsize=(3.1 * ncolunas, 3.0 * nlinhas + 1.2),
                              squeeze=False)
    tipos, conexoes, lacos = [], set(), False
    for ax, nome in zip(eixos.ravel(), NOMES_ARQUITETURAS):
        desenhar_arquitetura(nome, ax=ax, legenda=False, tamanho=90.0)
        t, c, l = _elementos_usados(ARQUITETURAS[nome])
        tipos += t
        conexoes |= c
        lacos = lacos or l
    for ax in eixos.ravel()[n:]:
        ax.set_axis_off()
    fig.legend(handles=_legenda(tipos, conexoes, lacos), loc="lower center", ncol=4,
               fontsize=8.5)
    fig.tight_layout(rect=(0, 0.13 if ncolunas >= 4 else 0.2, 1, 1))
    return fig


# ---------------------------------------------------------------------------
# Diagramas das células LSTM e GRU (capítulo 22)
# ---------------------------------------------------------------------------

_COR_SIGMOIDE, _COR_TANH, _COR_MEMORIA = CORES[0], CORES[2], CORES[1]


def _seta(ax: Axes, origem, destino, *, cor: str = "0.25", lw: float = 1.2,
          curva: float = 0.0, cabeca: bool = True) -> None:
    """Seta de ``origem`` a ``destino`` (coordenadas dos dados), parando antes dos nós."""
    ax.annotate("", xy=destino, xytext=origem, zorder=2,
                arrowprops=dict(arrowstyle="-|>" if cabeca else "-", color=cor, lw=lw,
                                shrinkA=0, shrinkB=0, mutation_scale=10,
                                connectionstyle=f"arc3,rad={curva}"))


def _caminho(ax: Axes, pontos, *, cor: str = "0.25", lw: float = 1.2) -> None:
    """Linha poligonal por ``pontos``, com ponta de seta no último trecho."""
    pontos = [tuple(p) for p in pontos]
    xs, ys = zip(*pontos[:-1])
    ax.plot(xs, ys, color=cor, lw=lw, zorder=2, solid_capstyle="butt")
    _seta(ax, pontos[-2], pontos[-1], cor=cor, lw=lw)


def _no(ax: Axes, x: float, y: float, simbolo: str, *, raio: float = 0.28) -> None:
    """Operação elemento a elemento (⊙, +, 1−, tanh) num círculo branco."""
    if len(simbolo) > 2:
        raio = 0.38
    ax.add_patch(plt.Circle((x, y), raio, facecolor="white", edgecolor="0.15", lw=1.2, zorder=4))
    tamanho = 8 if len(simbolo) > 2 else (10 if len(simbolo) == 2 else 12)
    ax.text(x, y, simbolo, ha="center", va="center", fontsize=tamanho, zorder=5)


def _caixa(ax: Axes, x: float, y: float, funcao: str, rotulo: str) -> None:
    """Camada com pesos (σ ou tanh) centrada em (x, y), com o nome do vetor que ela produz."""
    from matplotlib.patches import FancyBboxPatch

    cor = _COR_SIGMOIDE if funcao == "σ" else _COR_TANH
    ax.add_patch(FancyBboxPatch((x - 0.46, y - 0.3), 0.92, 0.6, boxstyle="round,pad=0.04",
                                facecolor=cor, edgecolor="0.1", lw=1.0, zorder=4))
    ax.text(x, y, funcao, ha="center", va="center", color="white",
            fontsize=12 if funcao == "σ" else 9, fontweight="bold", zorder=5)
    ax.text(x - 0.55, y + 0.38, rotulo, ha="right", va="bottom", fontsize=11, zorder=5)


def _moldura(ax: Axes, largura: float, altura: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((0, 0), largura, altura, boxstyle="round,pad=0.1",
                                facecolor="0.95", edgecolor="0.5", lw=1.0, zorder=0))


def _celula_lstm(ax: Axes) -> None:
    _moldura(ax, 10, 6)
    ym, yb = 5.0, 0.9                       # altura da célula de memória e da entrada
    xf, xi, xg, xo = 2.2, 3.8, 5.3, 7.0     # colunas das quatro camadas com pesos
    xsoma, xsaida = 5.3, 8.6
    # a entrada [h_{t−1}, x_t] corre por baixo e alimenta as quatro camadas
    _caminho(ax, [(-1.2, yb), (0.9, yb)])
    ax.plot([0.9, xo], [yb, yb], color="0.25", lw=1.2, zorder=2)
    _caminho(ax, [(0.9, -1.0), (0.9, yb - 0.05)])
    for x in (xf, xi, xg, xo):
        _caminho(ax, [(x, yb), (x, 2.0 - 0.34)])
    _caixa(ax, xf, 2.0, "σ", "$f_t$")
    _caixa(ax, xi, 2.0, "σ", "$i_t$")
    _caixa(ax, xg, 2.0, "tanh", "$g_t$")
    _caixa(ax, xo, 2.0, "σ", "$o_t$")
    # a célula de memória: só ⊙ e +
    _caminho(ax, [(-1.2, ym), (xf - 0.3, ym)], cor=_COR_MEMORIA, lw=2.6)
    _caminho(ax, [(xf + 0.28, ym), (xsoma - 0.3, ym)], cor=_COR_MEMORIA, lw=2.6)
    _caminho(ax, [(xsoma + 0.28, ym), (11.2, ym)], cor=_COR_MEMORIA, lw=2.6)
    _no(ax, xf, ym, "⊙")
    _no(ax, xsoma, ym, "+")
    _caminho(ax, [(xf, 2.34), (xf, ym - 0.3)])
    # i_t ⊙ g_t sobe até a soma
    _no(ax, xsoma, 3.45, "⊙")
    _caminho(ax, [(xi, 2.34), (xi, 3.45), (xsoma - 0.3, 3.45)])
    _caminho(ax, [(xg, 2.34), (xg, 3.45 - 0.3)])
    _caminho(ax, [(xsoma, 3.45 + 0.28), (xsoma, ym - 0.3)])
    # saída: h_t = o_t ⊙ tanh(c_t)
    _no(ax, xsaida, 3.9, "tanh")
    _no(ax, xsaida, 2.0, "⊙")
    _caminho(ax, [(xsaida, ym), (xsaida, 3.9 + 0.4)], cor=_COR_MEMORIA)
    _caminho(ax, [(xsaida, 3.9 - 0.38), (xsaida, 2.0 + 0.3)])
    _caminho(ax, [(xo + 0.5, 2.0), (xsaida - 0.3, 2.0)])
    _caminho(ax, [(xsaida, 2.0 - 0.3), (xsaida, yb), (11.2, yb)])
    ax.text(-1.3, ym, "$c_{t-1}$", ha="right", va="center", fontsize=13)
    ax.text(11.3, ym, "$c_t$", ha="left", va="center", fontsize=13)
    ax.text(-1.3, yb, "$h_{t-1}$", ha="right", va="center", fontsize=13)
    ax.text(11.3, yb, "$h_t$", ha="left", va="center", fontsize=13)
    ax.text(0.9, -1.1, "$x_t$", ha="center", va="top", fontsize=13)
    ax.text(3.75, 5.35, "célula de memória: só ⊙ e +", ha="center", va="bottom",
            fontsize=9, color=_COR_MEMORIA)


def _celula_gru(ax: Axes) -> None:
    _moldura(ax, 10, 6)
    ym, yb = 5.0, 0.9
    xz, xr, xn = 2.2, 4.0, 6.0              # z à esquerda: evita cruzar as linhas
    xsoma, xum = 8.4, 7.0
    # o estado h_{t−1} corre por cima; a cópia de baixo alimenta as camadas com pesos
    _caminho(ax, [(-1.2, ym), (xz - 0.3, ym)], cor=_COR_MEMORIA, lw=2.6)
    _caminho(ax, [(xz + 0.28, ym), (xsoma - 0.3, ym)], cor=_COR_MEMORIA, lw=2.6)
    _caminho(ax, [(xsoma + 0.28, ym), (11.2, ym)], cor=_COR_MEMORIA, lw=2.6)
    _no(ax, xz, ym, "⊙")
    _no(ax, xsoma, ym, "+")
    ax.plot([0.6, 0.6, xn], [ym, yb, yb], color="0.25", lw=1.2, zorder=2)
    _caminho(ax, [(1.4, -1.0), (1.4, yb - 0.05)])
    for x in (xz, xr, xn):
        _caminho(ax, [(x, yb), (x, 2.0 - 0.34)])
    _caixa(ax, xz, 2.0, "σ", "$z_t$")
    _caixa(ax, xr, 2.0, "σ", "$r_t$")
    _caixa(ax, xn, 2.0, "tanh", "$n_t$")
    # r_t entra na camada do candidato (multiplica W_hn h + b_hn)
    _caminho(ax, [(xr, 2.34), (xr, 3.0), (xn, 3.0), (xn, 2.0 + 0.34)])
    # z_t ⊙ h_{t−1} em cima; (1 − z_t) ⊙ n_t à direita
    _caminho(ax, [(xz, 2.34), (xz, ym - 0.3)])
    _no(ax, xum, 3.6, "1−")
    _no(ax, xsoma, 3.6, "⊙")
    _caminho(ax, [(xz, 3.6), (xum - 0.3, 3.6)])
    _caminho(ax, [(xum + 0.28, 3.6), (xsoma - 0.3, 3.6)])
    _caminho(ax, [(xn + 0.5, 2.0), (xsoma, 2.0), (xsoma, 3.6 - 0.3)])
    _caminho(ax, [(xsoma, 3.6 + 0.28), (xsoma, ym - 0.3)])
    ax.text(-1.3, ym, "$h_{t-1}$", ha="right", va="center", fontsize=13)
    ax.text(11.3, ym, "$h_t$", ha="left", va="center", fontsize=13)
    ax.text(1.4, -1.1, "$x_t$", ha="center", va="top", fontsize=13)
    ax.text(5.3, 5.35, "estado oculto: só ⊙ e +", ha="center", va="bottom",
            fontsize=9, color=_COR_MEMORIA)


def desenhar_celula(tipo: str = "lstm", ax: Axes | None = None) -> Axes:
    """Diagrama do fluxo de um passo de uma célula ``"lstm"`` ou ``"gru"`` (ordem do PyTorch).

    Caixas azuis são camadas com pesos e sigmoide (os portões); verdes, com
    tanh; círculos são operações elemento a elemento. A linha grossa vermelha
    é o caminho da memória (``c`` na LSTM, ``h`` na GRU), que só passa por
    produtos de Hadamard e somas. Devolve os eixos em que desenhou.
    """
    if not isinstance(tipo, str):
        raise TypeError(f"tipo deve ser texto ('lstm' ou 'gru'), não {type(tipo).__name__}.")
    chave = tipo.strip().lower()
    if chave not in ("lstm", "gru"):
        raise ValueError(f"tipo deve ser 'lstm' ou 'gru', não {tipo!r}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.0))
    (_celula_lstm if chave == "lstm" else _celula_gru)(ax)
    ax.set_xlim(-2.6, 12.4)
    ax.set_ylim(-1.8, 6.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("célula LSTM (um passo)" if chave == "lstm" else "célula GRU (um passo)")
    return ax
