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


_SOBRESCRITOS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def formatar_numero(valor: float, casas: int = 2) -> str:
    """Número para a prosa: vírgula decimal, ponto de milhar e sinal de menos tipográfico.

    ``1234.5 → '1.234,50'``; ``-3 → '−3'``.
    """
    if not np.isfinite(valor):
        return ("∞" if valor > 0 else "−∞") if np.isinf(valor) else "NaN"
    texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "\0").replace(".", ",").replace("\0", ".").replace("-", "−")


def formatar_porcentagem(fracao: float, casas: int = 2) -> str:
    """``0.9542 → '95,42%'``."""
    return formatar_numero(100 * fracao, casas) + "%"


def formatar_cientifico(valor: float, casas: int = 1) -> str:
    """Notação científica legível: ``9.5e-07 → '9,5 × 10⁻⁷'``."""
    if not np.isfinite(valor) or valor == 0:
        return formatar_numero(valor, casas)
    mantissa, expoente = f"{valor:.{casas}e}".split("e")
    return f"{formatar_numero(float(mantissa), casas)} × 10{str(int(expoente)).translate(_SOBRESCRITOS)}"


def formatar_adaptativo(valor: float, casas: int = 3, limite: float = 0.01) -> str:
    """Com ``casas`` decimais; em notação científica quando 0 < |valor| < ``limite``.

    Útil para custos e erros que vão de 0,5 a 1e-9: ``0.108 → '0,108'``, ``1.3e-05 → '1,3 × 10⁻⁵'``.
    """
    if np.isfinite(valor) and 0 < abs(valor) < limite:
        return formatar_cientifico(valor)
    return formatar_numero(valor, casas)


def formatar_vetor(valores, casas: int = 3) -> str:
    """Um número, ou um vetor entre colchetes separado por ponto e vírgula: ``'[0,42; 0,31]'``."""
    v = np.asarray(valores, dtype=float)
    if v.ndim == 0:
        return formatar_numero(float(v), casas)
    return "[" + "; ".join(formatar_numero(float(x), casas) for x in v.ravel()) + "]"


def _virgula_no_texto(texto: str) -> str:
    """Troca o ponto decimal pela vírgula; em mathtext usa ``{,}`` (senão vira "0, 5")."""
    return texto.replace(".", "{,}" if "$" in texto else ",")


class FormatadorVirgula(ScalarFormatter):
    """Formatador de marcas de eixo que troca o ponto decimal pela vírgula."""

    def __call__(self, x, pos=None):
        return _virgula_no_texto(super().__call__(x, pos))

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
                   destaques: Sequence[int] = (),
                   periodos: Sequence[tuple[float, float, str]] = (),
                   largura: float = 11.0, tamanho_fonte: float = 7.5) -> Figure:
    """Linha do tempo horizontal: ``eventos`` é uma lista de ``(ano, texto)``.

    Os rótulos são distribuídos em faixas acima e abaixo do eixo de modo que
    nenhum rótulo se sobreponha a outro nem seja cortado pela haste de outro
    evento; a altura da figura cresce com o número de faixas necessárias.
    Os anos em ``destaques`` são desenhados em vermelho e em negrito.
    ``periodos`` é uma lista de ``(início, fim, rótulo)`` desenhados como
    faixas cinzentas com o rótulo embaixo (p. ex. os "invernos").
    """
    if not eventos:
        raise ValueError("a linha do tempo precisa de pelo menos um evento.")
    if largura <= 0 or tamanho_fonte <= 0:
        raise ValueError("largura e tamanho_fonte devem ser positivos.")
    for periodo in periodos:
        if len(periodo) != 3 or not periodo[0] < periodo[1]:
            raise ValueError(f"período inválido {periodo!r}: use (início, fim, rótulo), com início < fim.")
    eventos = sorted(eventos)
    anos = np.array([a for a, _ in eventos], dtype=float)
    destaques = set(destaques)

    esquerda, direita = 0.03, 0.97  # margens fixas: a escala horizontal não muda depois
    fig, ax = plt.subplots(figsize=(largura, 4.0))
    fig.subplots_adjust(left=esquerda, right=direita)
    pontos_uteis = largura * (direita - esquerda) * 72

    # Mede cada rótulo (em pontos tipográficos) antes de posicioná-lo.
    desenhador = fig.canvas.get_renderer()
    textos = [f"{ano}\n{texto}" for ano, texto in eventos]
    medidas = []
    for ano, texto in zip(anos, textos):
        peso = "bold" if ano in destaques else "normal"
        t = ax.text(0, 0, texto, fontsize=tamanho_fonte, ha="center", linespacing=1.15,
                    fontweight=peso)
        caixa = t.get_window_extent(desenhador)
        t.remove()
        medidas.append((caixa.width * 72 / fig.dpi, caixa.height * 72 / fig.dpi))
    folga = 0.35 * tamanho_fonte  # espaço mínimo entre rótulos (pontos)
    # Limites do eixo x: os rótulos das pontas também têm de caber (ponto fixo).
    margem = max(3.0, (anos.max() - anos.min()) * 0.04)
    xmin, xmax = anos.min() - margem, anos.max() + margem
    for _ in range(5):
        anos_por_ponto = (xmax - xmin) / pontos_uteis
        xmin = min(anos.min() - margem,
                   min(x - w / 2 * anos_por_ponto for x, (w, _) in zip(anos, medidas)))
        xmax = max(anos.max() + margem,
                   max(x + w / 2 * anos_por_ponto for x, (w, _) in zip(anos, medidas)))
    anos_por_ponto = (xmax - xmin) / pontos_uteis
    folga_x = 1.0 * tamanho_fonte  # espaço horizontal mínimo entre rótulos vizinhos
    passo = max(h for _, h in medidas) + folga  # altura de uma faixa
    base = 8.0  # distância do eixo à primeira faixa

    # Distribuição gulosa em faixas: +1, −1, +2, −2, ... alternando o lado preferido.
    colocados: list[tuple[int, float, float, float]] = []  # (faixa, x, x_esq, x_dir)

    def cabe(faixa: int, x: float, x_esq: float, x_dir: float) -> bool:
        for f, xo, e, d in colocados:
            if np.sign(f) != np.sign(faixa):
                continue
            if abs(f) == abs(faixa) and not (x_dir < e or x_esq > d):
                return False  # rótulos na mesma faixa se sobrepõem
            if abs(f) < abs(faixa) and e <= x <= d:
                return False  # a nova haste cortaria um rótulo mais baixo
            if abs(f) > abs(faixa) and x_esq <= xo <= x_dir:
                return False  # a haste de um rótulo mais alto cortaria o novo
        return True

    faixas = []
    lado = 1
    for x, (w, _) in zip(anos, medidas):
        meia = (w / 2 + folga_x / 2) * anos_por_ponto
        x_esq, x_dir = x - meia, x + meia
        k = 1
        while True:
            escolha = next((s * k for s in (lado, -lado) if cabe(s * k, x, x_esq, x_dir)), None)
            if escolha is not None:
                break
            k += 1
        colocados.append((escolha, x, x_esq, x_dir))
        faixas.append(escolha)
        lado = -int(np.sign(escolha))

    # Altura da figura: a escala vertical do eixo fica em pontos (1 unidade = 1 pt).
    n_cima = max([f for f in faixas if f > 0], default=0)
    n_baixo = max([-f for f in faixas if f < 0], default=0)
    faixa_periodos = 2.2 * tamanho_fonte if periodos else 0.0
    topo = base + n_cima * passo + 2
    fundo = base + n_baixo * passo + faixa_periodos + 2
    m_baixo, m_cima = 0.5, (0.35 if titulo else 0.08)  # polegadas para o eixo x e o título
    altura = (topo + fundo) / 72 + m_baixo + m_cima
    fig.set_size_inches(largura, altura)
    fig.subplots_adjust(bottom=m_baixo / altura, top=1 - m_cima / altura)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(-fundo, topo)

    for inicio, fim, rotulo in periodos:
        ax.axvspan(inicio, fim, color="0.88", zorder=0, lw=0)
        ax.text((inicio + fim) / 2, -fundo + 3, rotulo, ha="center", va="bottom",
                fontsize=tamanho_fonte, color="0.3", style="italic")
    ax.axhline(0, color="0.3", lw=1.5, zorder=1)
    for x, texto, faixa in zip(anos, textos, faixas):
        destaque = x in destaques
        cor = CORES[1] if destaque else CORES[0]
        y = np.sign(faixa) * (base + (abs(faixa) - 1) * passo)
        ax.plot([x, x], [0, y], color=cor, lw=0.8, zorder=1)
        ax.scatter([x], [0], color=cor, s=30, zorder=2, marker="D" if destaque else "o")
        ax.text(x, y, texto, ha="center", va="bottom" if faixa > 0 else "top",
                fontsize=tamanho_fonte, color=cor, linespacing=1.15,
                fontweight="bold" if destaque else "normal", zorder=3)
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.set_xlabel("ano")
    if titulo:
        ax.set_title(titulo)
    return fig


def desenhar_matriz_confusao(matriz, rotulos: Sequence | None = None, *, ax: Axes | None = None,
                             normalizar: bool = False) -> Axes:
    """Desenha uma matriz de confusão: linha = classe verdadeira, coluna = classe prevista.

    Cada célula traz a contagem (com ponto de milhar) ou, com ``normalizar=True``,
    a porcentagem da sua linha, isto é, da classe verdadeira (com vírgula
    decimal; linhas vazias ficam em zero). Células com zero ficam em branco,
    para que os erros se destaquem. ``rotulos`` nomeia as classes (padrão:
    0, 1, 2, ...).
    """
    if not isinstance(normalizar, (bool, np.bool_)):
        raise TypeError(f"normalizar deve ser True ou False, não {normalizar!r}.")
    try:
        m = np.asarray(matriz, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("a matriz de confusão deve conter números.") from None
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] == 0:
        raise ValueError(f"a matriz de confusão deve ser quadrada (K, K), não de forma {m.shape}.")
    if not np.all(np.isfinite(m)):
        raise ValueError("a matriz de confusão contém NaN ou infinito.")
    if np.any(m < 0):
        raise ValueError("a matriz de confusão não pode ter contagens negativas.")
    k = m.shape[0]
    rotulos = [str(r) for r in (range(k) if rotulos is None else rotulos)]
    if len(rotulos) != k:
        raise ValueError(f"são {k} classes, mas vieram {len(rotulos)} rótulos.")
    if normalizar:
        somas = m.sum(axis=1, keepdims=True)
        m = 100 * np.divide(m, somas, out=np.zeros_like(m), where=somas > 0)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.5 * k + 1.8, 0.5 * k + 1.2))
    imagem = ax.imshow(m, cmap="Blues", vmin=0, vmax=max(float(m.max()), 1e-12))
    barra = ax.figure.colorbar(imagem, ax=ax, fraction=0.046, pad=0.04)
    barra.set_label("% da classe verdadeira" if normalizar else "número de exemplos")
    virgula(barra.ax)
    limite = m.max() / 2
    inteiros = not normalizar and np.allclose(m, np.round(m))
    for i in range(k):
        for j in range(k):
            if m[i, j] == 0:
                continue
            texto = formatar_numero(m[i, j], 0 if inteiros else 1)
            ax.text(j, i, texto, ha="center", va="center", fontsize=7 if k > 5 else 9,
                    color="white" if m[i, j] > limite else "black")
    ax.set_xticks(range(k), rotulos)
    ax.set_yticks(range(k), rotulos)
    ax.set_xlabel("classe prevista")
    ax.set_ylabel("classe verdadeira")
    ax.grid(False)
    return ax
