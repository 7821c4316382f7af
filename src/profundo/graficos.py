"""Gráficos com o estilo da casa: rótulos em português e vírgula decimal.

Use ``aplicar_estilo()`` uma vez por notebook (``profundo`` já o faz ao ser
importado) e ``virgula(ax)`` nos eixos que você mesmo desenhar.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

# Cores distinguíveis também em tons de cinza (claridades diferentes).
CORES = ("#1b4f72", "#c0392b", "#7d9b3a", "#e3a21a", "#6c3483", "#5d6d7e")
ESTILOS_LINHA = ("-", "--", ":", "-.")


def formatar_numero(valor: float, casas: int = 2) -> str:
    """Formata com vírgula decimal e ponto de milhar: ``1234.5 → '1.234,50'``."""
    if not np.isfinite(valor):
        return {True: "∞", False: "-∞"}[valor > 0] if np.isinf(valor) else "NaN"
    texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "\0").replace(".", ",").replace("\0", ".")


def formatar_porcentagem(fracao: float, casas: int = 2) -> str:
    """``0.9542 → '95,42%'``."""
    return formatar_numero(100 * fracao, casas) + "%"


class FormatadorVirgula(ScalarFormatter):
    """Formatador de marcas de eixo que troca o ponto decimal pela vírgula."""

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", ",")

    def format_data_short(self, value):
        return super().format_data_short(value).replace(".", ",")


def virgula(ax: Axes) -> Axes:
    """Põe vírgula decimal nos dois eixos de ``ax`` (eixos lineares)."""
    for eixo in (ax.xaxis, ax.yaxis):
        if isinstance(eixo.get_major_formatter(), ScalarFormatter):
            eixo.set_major_formatter(FormatadorVirgula())
    return ax


def aplicar_estilo() -> None:
    """Ajusta o matplotlib ao estilo do livro (tamanhos, grade, cores, fonte)."""
    mpl.rcParams.update({
        "figure.figsize": (6.4, 4.0),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": mpl.cycler(color=CORES),
        "axes.titlesize": "medium",
        "legend.frameon": False,
        "axes.formatter.use_mathtext": True,
        "svg.hashsalt": "profundo",  # SVGs reprodutíveis
    })


def figura(nlinhas: int = 1, ncolunas: int = 1, **kwargs) -> tuple[Figure, Axes | np.ndarray]:
    """``plt.subplots`` com vírgula decimal em todos os eixos."""
    fig, eixos = plt.subplots(nlinhas, ncolunas, **kwargs)
    for ax in np.atleast_1d(eixos).ravel():
        virgula(ax)
    return fig, eixos


def grade_digitos(imagens: np.ndarray, rotulos: Sequence | None = None, *,
                  ncolunas: int = 10, titulo: str | None = None,
                  previstos: Sequence | None = None, tamanho: float = 0.9) -> Figure:
    """Desenha imagens 28×28 (ou ``(N, 784)``) numa grade, com rótulos opcionais.

    Com ``previstos``, o título de cada imagem mostra ``real→previsto`` e os
    erros ficam em vermelho.
    """
    imagens = np.asarray(imagens, dtype=float)
    if imagens.ndim == 2 and imagens.shape[1] == 784:
        imagens = imagens.reshape(-1, 28, 28)
    if imagens.ndim != 3:
        raise ValueError(f"esperava imagens de forma (N, 28, 28) ou (N, 784), não {imagens.shape}.")
    if len(imagens) == 0:
        raise ValueError("nenhuma imagem para desenhar.")
    if ncolunas < 1:
        raise ValueError(f"ncolunas deve ser positivo, não {ncolunas}.")
    n = len(imagens)
    ncolunas = min(ncolunas, n)
    nlinhas = int(np.ceil(n / ncolunas))
    fig, eixos = plt.subplots(nlinhas, ncolunas, figsize=(tamanho * ncolunas, tamanho * nlinhas * 1.15),
                              squeeze=False)
    for i, ax in enumerate(eixos.ravel()):
        ax.set_axis_off()
        if i >= n:
            continue
        ax.imshow(imagens[i], cmap="gray_r", vmin=0, vmax=max(1.0, float(imagens.max())))
        if rotulos is not None and previstos is not None:
            cor = "black" if rotulos[i] == previstos[i] else "#c0392b"
            ax.set_title(f"{rotulos[i]}→{previstos[i]}", fontsize=8, color=cor)
        elif rotulos is not None:
            ax.set_title(str(rotulos[i]), fontsize=8)
    if titulo:
        fig.suptitle(titulo)
    fig.tight_layout()
    return fig


def curvas_aprendizado(historico: Mapping[str, Sequence[float]], *,
                       titulo: str | None = None, ylabel: str = "valor",
                       ax: Axes | None = None) -> Axes:
    """Uma curva por chave de ``historico`` (p. ex. ``{'treino': [...], 'teste': [...]}``)
    contra o número da época (a partir de 1)."""
    if not historico:
        raise ValueError("o histórico está vazio.")
    if ax is None:
        _, ax = figura()
    for i, (nome, valores) in enumerate(historico.items()):
        valores = np.asarray(valores, dtype=float)
        epocas = np.arange(1, len(valores) + 1)
        ax.plot(epocas, valores, ESTILOS_LINHA[i % len(ESTILOS_LINHA)], marker="o",
                markersize=3, label=nome)
    ax.set_xlabel("época")
    ax.set_ylabel(ylabel)
    if titulo:
        ax.set_title(titulo)
    ax.legend()
    virgula(ax)
    return ax


def desenhar_rede(camadas: Sequence[int], *, ax: Axes | None = None,
                  nomes: Sequence[str] | None = None, max_neuronios: int = 8,
                  recorrente: bool = False, titulo: str | None = None) -> Axes:
    """Diagrama de uma rede em camadas totalmente conectadas.

    Camadas com mais de ``max_neuronios`` são desenhadas resumidas (com "⋮") e
    o número verdadeiro aparece embaixo. ``recorrente=True`` desenha laços nas
    camadas ocultas.
    """
    camadas = [int(c) for c in camadas]
    if len(camadas) < 2 or min(camadas) < 1:
        raise ValueError("uma rede precisa de pelo menos duas camadas com neurônios (>= 1).")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 * len(camadas) + 1, 3.6))
    if nomes is None:
        nomes = ["entrada"] + ["oculta"] * (len(camadas) - 2) + ["saída"]
    cor = {0: CORES[2], len(camadas) - 1: CORES[1]}
    posicoes = []
    for j, n in enumerate(camadas):
        visiveis = min(n, max_neuronios)
        ys = np.linspace(-(visiveis - 1) / 2, (visiveis - 1) / 2, visiveis) if visiveis > 1 else np.zeros(1)
        posicoes.append((j, ys, n > max_neuronios))
    for (j, ys, _), (k, ys2, _) in zip(posicoes[:-1], posicoes[1:]):
        for y in ys:
            for y2 in ys2:
                ax.plot([j, k], [y, y2], color="0.75", lw=0.5, zorder=1)
    for j, ys, resumida in posicoes:
        ax.scatter(np.full_like(ys, j), ys, s=220, color=cor.get(j, CORES[0]),
                   edgecolor="black", zorder=3)
        if resumida:
            ax.text(j, 0, "⋮", ha="center", va="center", fontsize=16, zorder=4,
                    bbox=dict(facecolor="white", edgecolor="none", pad=0.5))
        if recorrente and 0 < j < len(camadas) - 1:
            for y in ys:
                ax.annotate("", xy=(j + 0.08, y + 0.12), xytext=(j - 0.08, y + 0.12),
                            arrowprops=dict(arrowstyle="->", connectionstyle="arc3,rad=-2.5",
                                            color=CORES[3]), zorder=2)
        topo = max(max_neuronios, max(min(c, max_neuronios) for c in camadas)) / 2
        ax.text(j, -topo - 0.3, f"{nomes[j]}\n({camadas[j]})", ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.5, len(camadas) - 0.5)
    ax.set_axis_off()
    if titulo:
        ax.set_title(titulo)
    return ax


def linha_do_tempo(eventos: Sequence[tuple[int, str]], *, titulo: str | None = None,
                   destaques: Sequence[int] = ()) -> Figure:
    """Linha do tempo horizontal: ``eventos`` é uma lista de ``(ano, texto)``.

    Os anos em ``destaques`` são desenhados em vermelho.
    """
    if not eventos:
        raise ValueError("a linha do tempo precisa de pelo menos um evento.")
    eventos = sorted(eventos)
    anos = np.array([a for a, _ in eventos])
    fig, ax = plt.subplots(figsize=(11, 4.2))
    ax.axhline(0, color="0.3", lw=1.5, zorder=1)
    alturas = np.tile([1.0, -1.0, 1.9, -1.9, 2.8, -2.8], len(eventos))[: len(eventos)]
    for (ano, texto), h in zip(eventos, alturas):
        cor = CORES[1] if ano in destaques else CORES[0]
        ax.plot([ano, ano], [0, h * 0.85], color=cor, lw=0.8, zorder=1)
        ax.scatter([ano], [0], color=cor, s=30, zorder=2)
        ax.text(ano, h, f"{ano}\n{texto}", ha="center", va="bottom" if h > 0 else "top",
                fontsize=7.5, color=cor)
    margem = max(3, (anos.max() - anos.min()) * 0.04)
    ax.set_xlim(anos.min() - margem, anos.max() + margem)
    ax.set_ylim(-3.9, 3.9)
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.set_xlabel("ano")
    if titulo:
        ax.set_title(titulo)
    fig.tight_layout()
    return fig
