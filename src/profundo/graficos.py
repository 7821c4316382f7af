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


# ---------------------------------------------------------------------------
# Capítulo 3: diagramas esquemáticos das arquiteturas (inspirados no
# "Neural Network Zoo" de van Veen, mas desenhados aqui, por código)
# ---------------------------------------------------------------------------

import unicodedata as _unicodedata  # noqa: E402
from dataclasses import dataclass as _dataclass  # noqa: E402

from matplotlib.lines import Line2D as _Line2D  # noqa: E402


@_dataclass(frozen=True)
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


@_dataclass(frozen=True)
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
    sem_acento = _unicodedata.normalize("NFKD", nome).encode("ascii", "ignore").decode()
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


def _legenda(tipos: Sequence[str], conexoes: Sequence[str], lacos: bool) -> list[_Line2D]:
    """Entradas de legenda para os tipos de neurônio e de conexão usados."""
    itens = []
    for tipo in dict.fromkeys(tipos):
        t = TIPOS_NEURONIO[tipo]
        itens.append(_Line2D([], [], ls="", marker=t.marcador, markersize=9, color=t.cor,
                             markeredgecolor="black", label=t.rotulo))
    for chave in ESTILOS_CONEXAO:
        if chave in conexoes:
            rotulo, estilo = ESTILOS_CONEXAO[chave]
            itens.append(_Line2D([], [], label=rotulo, **{**estilo, "lw": 1.4}))
    if lacos:
        itens.append(_Line2D([], [], color="0.1", lw=1.4, marker=">", markersize=5,
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
