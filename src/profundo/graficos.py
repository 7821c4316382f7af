"""Gráficos com o estilo da casa: rótulos em português e vírgula decimal.

Use ``aplicar_estilo()`` uma vez por notebook (``profundo`` já o faz ao ser
importado) e ``virgula(ax)`` nos eixos que você mesmo desenhar.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

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


# ---------------------------------------------------------------------------
# Parte VII: capítulos 24 e 25 (amostragem por rejeição e ajuste de um gerador pelo MMD)
# ---------------------------------------------------------------------------

def desenhar_rejeicao(resultado, densidade_alvo, proposta: str, *, n_pontos: int = 1500,
                      grade: Sequence[float] | None = None, **parametros_proposta: float) -> Figure:
    """Amostragem por rejeição em dois painéis.

    À esquerda, os primeiros ``n_pontos`` propostos ``(x, v·M·g(x))`` sob a
    curva ``M·g``: aceitos (abaixo de ``f``) e rejeitados. À direita, o
    histograma de todas as amostras aceitas contra a densidade-alvo ``f``.
    ``resultado`` é o que ``amostragem.amostrar_rejeicao`` devolve.
    """
    from . import amostragem  # importação tardia: amostragem traz o PyTorch

    if isinstance(n_pontos, bool) or not isinstance(n_pontos, (int, np.integer)) or n_pontos < 1:
        raise ValueError(f"n_pontos deve ser um inteiro positivo, não {n_pontos!r}.")
    if not callable(densidade_alvo):
        raise TypeError("densidade_alvo deve ser uma função f(x) vetorizada.")
    x, h, ok = (np.asarray(a)[:n_pontos] for a in (resultado.propostas, resultado.alturas, resultado.aceitas))
    if grade is None:
        grade = np.linspace(resultado.propostas.min(), resultado.propostas.max(), 400)
    grade = np.asarray(grade, dtype=float)
    f = np.asarray(densidade_alvo(grade), dtype=float)
    teto = resultado.constante_m * np.asarray(amostragem.densidade(grade, proposta, **parametros_proposta))
    M = formatar_numero(resultado.constante_m, 4)
    fig, (ax, ax_h) = figura(1, 2, figsize=(10.5, 4.4))
    ax.plot(grade, teto, color="0.3", lw=1.5, ls="--", label=f"$M \\cdot g(x)$, $M$ = {M}")
    ax.plot(grade, f, color=CORES[0], lw=2, label="$f(x)$ (alvo)")
    ax.scatter(x[ok], h[ok], s=6, color=CORES[0], alpha=0.7, label="aceito")
    ax.scatter(x[~ok], h[~ok], s=8, marker="x", lw=0.7, color=CORES[1], alpha=0.6, label="rejeitado")
    ax.set(xlabel="$x$ (sorteado da proposta $g$)", ylabel="$v \\cdot M \\cdot g(x)$",
           title=f"{formatar_numero(len(x), 0)} primeiras propostas: {formatar_numero(int(ok.sum()), 0)} aceitas",
           ylim=(0, None))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4)
    ax_h.hist(resultado.amostras, bins=50, density=True, color=CORES[5], alpha=0.6,
              label=f"{formatar_numero(len(resultado.amostras), 0)} amostras aceitas")
    ax_h.plot(grade, f, color=CORES[0], lw=2, label="$f(x)$")
    ax_h.set(xlabel="$x$", ylabel="densidade",
             title=f"taxa de aceitação {formatar_numero(resultado.taxa_aceitacao, 4)} (1/M = "
                   f"{formatar_numero(1 / resultado.constante_m, 4)})")
    ax_h.legend(fontsize=8)
    fig.tight_layout()
    return fig


def _media_movel(valores: np.ndarray, janela: int) -> np.ndarray:
    janela = max(1, min(janela, len(valores)))
    return np.convolve(valores, np.ones(janela) / janela, mode="valid")


def desenhar_ajuste_mmd(historico, alvo, gerado, *, densidade=None, janela: int = 25,
                        titulo: str | None = None) -> Figure:
    """O treino de um gerador 1-D pelo MMD em três painéis.

    (1) o MMD² de cada lote e a média móvel de ``janela`` passos; (2) a média
    e o desvio-padrão (dividido por n) das saídas do gerador ao longo do
    treino, com os da amostra ``alvo`` tracejados; (3) o histograma de ``gerado`` (saídas do gerador
    treinado) contra o de ``alvo`` e, se dada, a função ``densidade`` exata.
    """
    alvo, gerado = np.ravel(np.asarray(alvo, float)), np.ravel(np.asarray(gerado, float))
    mmd = np.asarray(historico.mmd2, dtype=float)
    if mmd.size == 0:
        raise ValueError("o histórico está vazio: treine ao menos um passo.")
    passos = np.arange(1, len(mmd) + 1)
    fig, eixos = figura(1, 3, figsize=(12, 3.7))
    eixos[0].plot(passos, mmd, color="0.7", lw=0.6, label="lote")
    movel = _media_movel(mmd, janela)
    eixos[0].plot(passos[len(passos) - len(movel):], movel, color=CORES[0], lw=1.8,
                  label=f"média de {min(janela, len(mmd))} passos")
    eixos[0].axhline(0, color="0.4", lw=0.7)
    eixos[0].set(xlabel="passo", ylabel="MMD² do lote", title="custo: MMD² (não viesado)")
    eixos[0].legend(fontsize=8)
    do_alvo = (("media", alvo.mean(), "-", "média"),
               ("desvio", alvo.std(ddof=0), "--", "desvio"))    # ddof = 0, como o desvio do HistoricoMMD
    for chave, valor, estilo, rotulo in do_alvo:
        eixos[1].plot(passos, getattr(historico, chave), ls=estilo, color=CORES[0], lw=1.8, label=f"{rotulo} gerado")
        eixos[1].axhline(valor, ls=estilo, color=CORES[1], lw=1.2, label=f"{rotulo} do alvo")
    eixos[1].set(xlabel="passo", ylabel="valor", title="média e desvio das saídas de $G$")
    eixos[1].legend(fontsize=8, ncol=2)
    faixa = (min(alvo.min(), np.quantile(gerado, 0.001)), max(alvo.max(), np.quantile(gerado, 0.999)))
    eixos[2].hist(gerado, bins=60, range=faixa, density=True, color=CORES[5], alpha=0.6, label="gerado $G(z)$")
    eixos[2].hist(alvo, bins=60, range=faixa, density=True, histtype="step", color=CORES[1], lw=1.3,
                  label="amostra do alvo")
    if densidade is not None:
        grade = np.linspace(*faixa, 400)
        eixos[2].plot(grade, densidade(grade), color=CORES[0], lw=1.8, label="densidade do alvo")
    eixos[2].set(xlabel="$x$", ylabel="densidade", title="depois do treino")
    eixos[2].legend(fontsize=8)
    if titulo:
        fig.suptitle(titulo, fontsize=11)
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# Capítulo 27: grades de amostras de uma GAN
# ---------------------------------------------------------------------------

def mosaico(imagens: np.ndarray | Sequence, ncolunas: int = 10, margem: int = 1) -> np.ndarray:
    """Junta imagens 28×28 (ou vetores de 784) num só array, em linhas de ``ncolunas``.

    Devolve um só array 2-D, pronto para um ``imshow``. Entre as imagens ficam
    ``margem`` pixels de NaN (desenhados numa cor neutra por ``grade_amostras``);
    o que sobra na última linha também é NaN.
    """
    for valor, nome in ((ncolunas, "ncolunas"), (margem, "margem")):
        if isinstance(valor, (bool, np.bool_)) or not isinstance(valor, (int, np.integer)):
            raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
    try:
        imagens = np.asarray(imagens, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("imagens deve ser um array de números (N, 784), (N, 28, 28) ou (N, 1, 28, 28).") from None
    if imagens.ndim == 2 and imagens.shape[1] == 784:
        imagens = imagens.reshape(-1, 28, 28)
    elif imagens.ndim == 4 and imagens.shape[1] == 1:
        imagens = imagens[:, 0]
    if imagens.ndim != 3 or len(imagens) == 0:
        raise ValueError(f"esperava imagens (N, 784), (N, 28, 28) ou (N, 1, 28, 28) com N ≥ 1, "
                         f"não a forma {imagens.shape}.")
    if not np.isfinite(imagens).all():
        raise ValueError("as imagens contêm NaN ou infinito.")
    if ncolunas < 1:
        raise ValueError(f"ncolunas deve ser um inteiro positivo, não {ncolunas!r}.")
    if margem < 0:
        raise ValueError(f"margem deve ser um inteiro ≥ 0, não {margem!r}.")
    n, altura, largura = imagens.shape
    ncolunas = min(int(ncolunas), n)
    nlinhas = int(np.ceil(n / ncolunas))
    passo_y, passo_x = altura + margem, largura + margem
    tela = np.full((nlinhas * passo_y - margem, ncolunas * passo_x - margem), np.nan)
    for k, imagem in enumerate(imagens):
        i, j = divmod(k, ncolunas)
        tela[i * passo_y:i * passo_y + altura, j * passo_x:j * passo_x + largura] = imagem
    return tela


def grade_amostras(imagens: np.ndarray | Sequence, *, ncolunas: int = 10, rotulos_linhas: Iterable | None = None,
                   titulo: str | None = None, ax: Axes | None = None) -> Axes:
    """Desenha muitas amostras (p. ex. a grade 10 × 10 de uma GAN) num só eixo, tinta escura no papel claro.

    Um só ``imshow`` do ``mosaico`` (bem mais leve que um eixo por dígito).
    ``rotulos_linhas`` escreve um texto à esquerda de cada linha, como o dígito
    pedido a uma GAN condicional (qualquer iterável: lista, ``range``...). Os
    pixels devem estar em [0, 1] (com tolerância de 10⁻⁶). Devolve o eixo.
    """
    tela = mosaico(imagens, ncolunas)
    valores = np.asarray(imagens, dtype=float)
    if valores.min() < -1e-6 or valores.max() > 1 + 1e-6:
        raise ValueError(f"os pixels devem estar em [0, 1], não em [{formatar_numero(valores.min(), 3)}; "
                         f"{formatar_numero(valores.max(), 3)}].")
    n = len(valores)
    nlinhas = int(np.ceil(n / min(ncolunas, n)))
    passo = (tela.shape[0] + 1) / nlinhas      # altura de uma imagem mais a margem de 1 pixel
    if rotulos_linhas is not None:
        try:
            rotulos_linhas = list(rotulos_linhas)
        except TypeError:
            raise TypeError(f"rotulos_linhas deve ser uma lista (ou outro iterável) de textos, "
                            f"não {type(rotulos_linhas).__name__}.") from None
    if rotulos_linhas is not None and len(rotulos_linhas) != nlinhas:
        raise ValueError(f"a grade tem {nlinhas} linhas, mas vieram {len(rotulos_linhas)} rótulos de linha.")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 4.2 * tela.shape[0] / tela.shape[1]))
    cores = plt.get_cmap("gray_r").with_extremes(bad="#c8c8c8")
    ax.imshow(tela, cmap=cores, vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.grid(False)
    for lado in ("left", "right", "top", "bottom"):
        ax.spines[lado].set_visible(False)
    if rotulos_linhas is not None:
        centros = [(passo - 2) / 2 + passo * i for i in range(nlinhas)]
        ax.set_yticks(centros, [str(r) for r in rotulos_linhas], fontsize=8)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_yticks([])
    if titulo:
        ax.set_title(titulo)
    return ax


def evolucao_amostras(instantaneos: Mapping[int, np.ndarray], *, rotulos_linhas: Iterable | None = None,
                      titulo: str | None = None, tamanho: float = 2.9) -> Figure:
    """As grades guardadas durante o treino de uma GAN, lado a lado, com a época de cada uma.

    ``instantaneos`` é o dicionário época → amostras de ``gan.treinar_gan``
    (época 0 = antes do treino); ``rotulos_linhas`` vai só na primeira grade
    e ``tamanho`` é a largura de cada painel, em polegadas.
    """
    if not isinstance(instantaneos, Mapping):
        raise TypeError(f"instantaneos deve ser um dicionário época → amostras, não {type(instantaneos).__name__}.")
    if not instantaneos:
        raise ValueError("não há instantâneos para desenhar.")
    epocas = sorted(instantaneos)
    fig, eixos = plt.subplots(1, len(epocas), figsize=(tamanho * len(epocas), tamanho + 0.4), squeeze=False)
    for ax, epoca in zip(eixos[0], epocas):
        grade_amostras(instantaneos[epoca], rotulos_linhas=rotulos_linhas if ax is eixos[0, 0] else None,
                       titulo="antes do treino" if epoca == 0 else f"época {epoca}", ax=ax)
    if titulo:
        fig.suptitle(titulo)
    fig.tight_layout()
    return fig


def curvas_gan(historico, *, titulo: str | None = None) -> Figure:
    """O treino de uma GAN época a época, em dois painéis.

    À esquerda, as perdas médias do discriminador e do gerador; à direita, as
    médias de D(x) nos dígitos reais e de D(G(z)) nos falsos. As linhas
    tracejadas marcam o equilíbrio do jogo, em que D responde 1/2 para tudo:
    perda de D = 2·log 2 ≈ 1,39, perda (não saturante) de G = log 2 ≈ 0,69 e
    D(x) = D(G(z)) = 1/2. Com a perda ``"minimax"`` (``historico.variante``), o
    equilíbrio da perda de G é −log 2 ≈ −0,69, e é essa a linha desenhada.
    ``historico`` é o ``HistoricoGAN`` de ``gan.treinar_gan``.
    """
    from .gan import VARIANTES_GERADOR

    campos = ("perda_d", "perda_g", "d_real", "d_falso")
    if not all(hasattr(historico, campo) for campo in campos):
        raise TypeError("historico deve ter perda_d, perda_g, d_real e d_falso (o HistoricoGAN de gan.treinar_gan).")
    if len(historico.perda_d) == 0:
        raise ValueError("o histórico está vazio.")
    variante = getattr(historico, "variante", "nao_saturante")
    if variante not in VARIANTES_GERADOR:
        raise ValueError(f"variante desconhecida {variante!r} no histórico; use uma de {VARIANTES_GERADOR}.")
    equilibrio_g = (np.log(2), "log 2") if variante == "nao_saturante" else (-np.log(2), "−log 2")
    fig, (ax_perda, ax_d) = figura(1, 2, figsize=(11, 3.6))
    curvas_aprendizado({"discriminador": historico.perda_d, "gerador": historico.perda_g},
                       ylabel="perda média na época", ax=ax_perda)
    for valor, texto in ((2 * np.log(2), "2·log 2"), equilibrio_g):
        ax_perda.axhline(valor, color="0.45", ls="--", lw=0.9)
        ax_perda.annotate(texto, (1, valor), xycoords=("axes fraction", "data"), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=8, color="0.35")
    curvas_aprendizado({"D(x), reais": historico.d_real, "D(G(z)), falsos": historico.d_falso},
                       ylabel="saída média do discriminador", ax=ax_d)
    ax_d.axhline(0.5, color="0.45", ls="--", lw=0.9)
    ax_d.set_ylim(0, 1)
    ax_perda.set_title("perdas")
    ax_d.set_title("o que o discriminador responde")
    if titulo:
        fig.suptitle(titulo)
    fig.tight_layout()
    return fig
