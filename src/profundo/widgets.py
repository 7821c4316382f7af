"""Widgets interativos do livro (ipywidgets), com uma imagem estática de reserva.

Todo widget é montado por ``painel``: uma função que desenha uma figura a
partir dos valores dos controles. No JupyterLab ou no Colab, os controles
redesenham a figura ao vivo. No livro publicado (HTML, sem kernel), aparece a
figura do estado inicial, porque o resultado leva também uma imagem PNG.
"""

from __future__ import annotations

import base64
import io
from typing import Any, Callable, Mapping

import ipywidgets as w
import ipywidgets as _iw  # para funções cujo parâmetro ``w`` esconde o apelido ``w``
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.figure import Figure

from . import ativacoes as _ativ
from . import custos, gradientes_instaveis, graficos, regularizacao, universalidade
from .ativacoes import sigmoide
from .perceptron import PORTAS, linearmente_separavel, tabela_verdade
from .rede import (INICIALIZACOES_Z, desvio_entrada_ponderada, desvio_pesos_para,
                   sortear_entrada_ponderada, validar_inicializacao_z)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def figura_para_png(fig: Figure, dpi: int = 100) -> bytes:
    """Os bytes PNG de uma figura (a figura é fechada depois)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


class ComFigura:
    """Um widget que também sabe se mostrar como imagem estática.

    O resultado da célula leva os dois formatos: o JupyterLab mostra o widget
    vivo; o livro em HTML (configurado para ignorar widgets) mostra a imagem.
    """

    def __init__(self, widget: w.Widget, png: bytes, descricao: str) -> None:
        self.widget = widget
        self.png = png
        self.descricao = descricao

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        dados = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        dados["image/png"] = base64.b64encode(self.png).decode("ascii")
        dados["text/plain"] = self.descricao
        return dados

    def __repr__(self) -> str:
        return self.descricao


def painel(desenhar: Callable[..., Figure], controles: Mapping[str, w.ValueWidget], *,
           descricao: str = "Widget interativo", colunas: int = 2) -> ComFigura:
    """Monta um widget: ``desenhar(**valores)`` devolve uma figura nova a cada mudança.

    ``controles`` liga o nome de cada argumento de ``desenhar`` ao seu controle.
    A figura do estado inicial vira a imagem estática do livro.
    """
    if not callable(desenhar):
        raise TypeError("desenhar deve ser uma função que devolve uma figura.")
    if not controles:
        raise ValueError("o painel precisa de pelo menos um controle.")
    for nome, controle in controles.items():
        if not isinstance(controle, w.ValueWidget):
            raise TypeError(f"o controle {nome!r} não é um widget com valor (ipywidgets).")

    def atualizar(**valores):
        fig = desenhar(**valores)
        display(fig)
        plt.close(fig)

    saida = w.interactive_output(atualizar, dict(controles))
    caixas = list(controles.values())
    linhas = [w.HBox(caixas[i:i + colunas]) for i in range(0, len(caixas), colunas)]
    interface = w.VBox([*linhas, saida])
    inicial = desenhar(**{nome: c.value for nome, c in controles.items()})
    return ComFigura(interface, figura_para_png(inicial), descricao)


def deslizante(descricao: str, minimo: float, maximo: float, valor: float,
               passo: float = 0.1) -> w.FloatSlider:
    """Controle deslizante de números reais com largura confortável para a descrição."""
    if not minimo <= valor <= maximo:
        raise ValueError(f"o valor inicial {valor} está fora de [{minimo}, {maximo}].")
    return w.FloatSlider(value=valor, min=minimo, max=maximo, step=passo,
                         description=descricao, continuous_update=True,
                         style={"description_width": "initial"},
                         layout=w.Layout(width="320px"))


# ---------------------------------------------------------------------------
# Parte I
# ---------------------------------------------------------------------------

def desenhar_separabilidade(porta: str, w1: float, w2: float, b: float) -> Figure:
    """Os quatro pontos de uma porta lógica, a reta w1·x1 + w2·x2 + b = 0 e as regiões."""
    X, y = tabela_verdade(porta)
    if X.shape[1] == 1:  # NOT: desenha sobre o eixo x1, com x2 = 0
        X = np.hstack([X, np.zeros_like(X)])
    fig, ax = graficos.figura(figsize=(4.6, 4.4))
    grade = np.linspace(-0.5, 1.5, 201)
    g1, g2 = np.meshgrid(grade, grade)
    regiao = (w1 * g1 + w2 * g2 + b > 0).astype(float)
    ax.contourf(g1, g2, regiao, levels=[-0.5, 0.5, 1.5], colors=["#f2d7d5", "#d4e6f1"], alpha=0.8)
    if abs(w2) > 1e-12:
        ax.plot(grade, -(w1 * grade + b) / w2, color="black", lw=1.5)
    elif abs(w1) > 1e-12:
        ax.axvline(-b / w1, color="black", lw=1.5)
    previsto = (X @ np.array([w1, w2]) + b > 0).astype(int)
    for classe, marcador in ((0, "o"), (1, "s")):
        sel = y == classe
        ax.scatter(X[sel, 0], X[sel, 1], marker=marcador, s=140, edgecolor="black",
                   color=graficos.CORES[0] if classe else "white", zorder=3,
                   label=f"saída desejada {classe}")
    erros = previsto != y
    ax.scatter(X[erros, 0], X[erros, 1], marker="x", s=260, color=graficos.CORES[1],
               zorder=4, label="classificado errado")
    separavel = linearmente_separavel(*tabela_verdade(porta))
    ax.set_title(f"{porta}: {int((~erros).sum())} de {len(y)} corretos"
                 + ("" if separavel else " (não é linearmente separável)"))
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)
    return fig


def separabilidade(porta: str = "AND", w1: float = 1.0, w2: float = 1.0,
                   b: float = -1.5) -> ComFigura:
    """Widget: escolha a porta e ajuste w1, w2 e b até separar os pontos (se der)."""
    if porta.upper() not in PORTAS:
        raise ValueError(f"porta desconhecida: {porta!r}. Opções: {', '.join(PORTAS)}.")
    controles = {
        "porta": w.Dropdown(options=[p for p in PORTAS if p != "NOT"] + ["NOT"],
                            value=porta.upper(), description="porta"),
        "w1": deslizante("$w_1$", -3.0, 3.0, w1),
        "w2": deslizante("$w_2$", -3.0, 3.0, w2),
        "b": deslizante("$b$", -3.0, 3.0, b),
    }
    return painel(desenhar_separabilidade, controles,
                  descricao=f"Widget de separabilidade linear (porta {porta}, "
                            f"w1={w1}, w2={w2}, b={b})")


def desenhar_ativacao(nome: str, alfa: float = 1.0, limite: float = 5.0,
                      derivada: bool = True) -> Figure:
    """Gráfico de uma ativação (e, se pedido, de sua derivada) em [−limite, limite]."""
    ativacao = _ativ.obter(nome)
    z = np.linspace(-limite, limite, 801)
    kwargs = {"alfa": alfa} if nome in ("leaky_relu", "elu") else {}
    fig, ax = graficos.figura(figsize=(6.0, 3.8))
    ax.plot(z, ativacao.funcao(z, **kwargs), lw=2.2, label=f"{nome}(z)")
    if derivada:
        ax.plot(z, ativacao.derivada(z, **kwargs), "--", lw=1.8, label=f"derivada de {nome}")
    ax.axhline(0, color="0.4", lw=0.6)
    ax.axvline(0, color="0.4", lw=0.6)
    ax.set_xlabel("entrada ponderada $z$")
    ax.set_ylabel("saída")
    ax.set_title(f"{nome}: saída em {ativacao.faixa} — {ativacao.descricao}", fontsize=9)
    ax.legend(loc="upper left")
    return fig


def explorador_ativacoes(nome: str = "sigmoide") -> ComFigura:
    """Widget: escolha a ativação, o α (Leaky ReLU e ELU) e a faixa de z; veja a derivada."""
    _ativ.obter(nome)
    controles = {
        "nome": w.Dropdown(options=list(_ativ.ATIVACOES), value=nome, description="ativação"),
        "alfa": deslizante("α (leaky_relu, elu)", 0.0, 2.0, 1.0, 0.01),
        "limite": deslizante("faixa de z", 1.0, 10.0, 5.0, 0.5),
        "derivada": w.Checkbox(value=True, description="mostrar derivada"),
    }
    return painel(desenhar_ativacao, controles,
                  descricao=f"Explorador de funções de ativação ({nome})")


# ---------------------------------------------------------------------------
# Parte II: descida do gradiente
# ---------------------------------------------------------------------------

from . import gradiente as _grad  # noqa: E402

_JANELA_VALE = (-2.5, 2.5, -2.0, 2.0)  # xmin, xmax, ymin, ymax (iguais para todos os vales)


def desenhar_vale(vale: str, taxa_aprendizado: float, x0: float, y0: float,
                  momento: float = 0.0, passos: int = 30) -> Figure:
    """Curvas de nível de um vale de ``gradiente.VALES`` e a descida a partir de (x0, y0).

    O título mostra η, μ, o número de passos e o custo no ponto final (ou avisa
    que a descida divergiu). Pontos que saem da janela não aparecem.
    """
    v = _grad.obter_vale(vale)
    trajetoria = _grad.descida_gradiente(v.gradiente, [x0, y0], taxa_aprendizado, passos, momento)
    xmin, xmax, ymin, ymax = _JANELA_VALE
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, 241), np.linspace(ymin, ymax, 201))
    alturas = v.expressao(gx, gy)
    niveis = alturas.min() + (alturas.max() - alturas.min()) * np.linspace(0, 1, 16)[1:] ** 2

    fig, ax = graficos.figura(figsize=(6.4, 4.6))
    preenchido = ax.contourf(gx, gy, alturas, levels=[alturas.min(), *niveis], cmap="Greys", alpha=0.45)
    ax.contour(gx, gy, alturas, levels=niveis, colors="0.35", linewidths=0.6)
    barra = fig.colorbar(preenchido, ax=ax, label="custo $f(x, y)$")
    barra.ax.yaxis.set_major_formatter(graficos.FormatadorVirgula())
    minimos = np.array(v.minimos)
    ax.scatter(minimos[:, 0], minimos[:, 1], marker="*", s=220, color="white",
               edgecolor="black", zorder=4, label="mínimo")
    ax.plot(trajetoria[:, 0], trajetoria[:, 1], "-o", color=graficos.CORES[1], lw=1.4,
            markersize=3.5, zorder=3, label="trajetória")
    ax.scatter([x0], [y0], marker="s", s=70, color=graficos.CORES[0], edgecolor="black",
               zorder=5, label="partida")
    final = trajetoria[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        custo = float(v.expressao(final[0], final[1])) if np.isfinite(final).all() else np.inf
    resultado = ("a descida divergiu" if not np.isfinite(custo) or np.abs(final).max() > 1e6
                 else f"custo final {graficos.formatar_numero(custo, 4)}")
    ax.set_title(f"{v.formula}\nη = {graficos.formatar_numero(taxa_aprendizado, 3)}, "
                 f"μ = {graficos.formatar_numero(momento, 2)}, {passos} passos: {resultado}")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("parâmetro $x$")
    ax.set_ylabel("parâmetro $y$")
    ax.grid(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8)
    return fig


def vale_gradiente(vale: str = "alongada", taxa_aprendizado: float = 0.15, x0: float = -2.0,
                   y0: float = 1.5, momento: float = 0.0, passos: int = 30) -> ComFigura:
    """Widget: escolha o vale, η, o ponto de partida, o momento μ e o número de passos."""
    v = _grad.obter_vale(vale)
    if isinstance(passos, bool) or not isinstance(passos, (int, np.integer)):
        raise TypeError(f"passos deve ser um número inteiro, não {type(passos).__name__}.")
    if not 1 <= passos <= 200:
        raise ValueError(f"passos deve estar entre 1 e 200, não {passos}.")
    xmin, xmax, ymin, ymax = _JANELA_VALE
    controles = {
        "vale": w.Dropdown(options=[(f"{nome}: {u.formula}", nome) for nome, u in _grad.VALES.items()],
                           value=v.nome, description="vale", layout=w.Layout(width="360px")),
        "taxa_aprendizado": deslizante("taxa de aprendizado η", 0.005, 1.0, taxa_aprendizado, 0.005),
        "x0": deslizante("partida $x_0$", xmin, xmax, x0),
        "y0": deslizante("partida $y_0$", ymin, ymax, y0),
        "momento": deslizante("momento μ", 0.0, 0.99, momento, 0.01),
        "passos": w.IntSlider(value=int(passos), min=1, max=200, description="passos",
                              style={"description_width": "initial"},
                              layout=w.Layout(width="320px")),
    }
    return painel(desenhar_vale, controles,
                  descricao=f"Widget do vale ({v.nome}, η={taxa_aprendizado}, "
                            f"partida=({x0}, {y0}), μ={momento}, {passos} passos)")


# ---------------------------------------------------------------------------
# Capítulo 8: o neurônio que aprende devagar (custo quadrático × entropia cruzada)
# ---------------------------------------------------------------------------

_CUSTOS_NEURONIO = {"quadrático": "quadratico", "entropia cruzada": "entropia_cruzada"}


def desenhar_neuronio_lento(w: float, b: float, taxa_aprendizado: float, epocas: int,
                            custo: str = "quadratico") -> Figure:
    """Saída e custo, época a época, de um neurônio sigmoide treinado com x = 1 e y = 0.

    Usa ``custos.treinar_neuronio``; o título mostra o ponto de partida, η e a
    saída final.
    """

    r = custos.treinar_neuronio(w, b, taxa_aprendizado, epocas, custo)
    nome = custos.obter(custo).nome.replace("_", " ").replace("quadratico", "quadrático")
    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10.0, 3.6))
    ax1.plot(r["epoca"], r["saida"], lw=2.2, color=graficos.CORES[0], label="saída $a$")
    ax1.axhline(0.0, color="0.3", lw=1.0, ls="--", label="saída desejada $y = 0$")
    ax1.set_ylim(-0.05, 1.05)
    ax1.set_xlabel("época")
    ax1.set_ylabel("saída do neurônio $a$")
    ax1.legend(loc="upper right", fontsize=8)
    ax2.plot(r["epoca"], r["custo"], lw=2.2, color="black", ls="-.")
    ax2.set_ylim(bottom=0.0)
    ax2.set_xlabel("época")
    ax2.set_ylabel(f"custo ({nome})")
    for ax in (ax1, ax2):
        graficos.virgula(ax)
    fmt = graficos.formatar_numero
    fig.suptitle(f"Custo {nome}: partida $w$ = {fmt(w, 2)}, $b$ = {fmt(b, 2)} "
                 f"(saída {fmt(r['saida'][0], 2)}), η = {fmt(taxa_aprendizado, 3)}; "
                 f"após {epocas} épocas, saída {fmt(r['saida'][-1], 3)}", fontsize=10)
    fig.tight_layout()
    return fig


def neuronio_lento(w: float = 2.0, b: float = 2.0, taxa_aprendizado: float = 0.15,
                   epocas: int = 300, custo: str = "quadratico") -> ComFigura:
    """Widget: peso e viés iniciais, η, número de épocas e custo (quadrático ou entropia cruzada).

    Mostra como a saída de um neurônio com entrada 1 caminha para a saída
    desejada 0 e como cai o custo. Partindo de uma saída saturada (perto de 1),
    o custo quadrático demora a sair do lugar; a entropia cruzada, não.
    """


    custos.treinar_neuronio(w, b, taxa_aprendizado, epocas, custo)  # valida os argumentos
    chave = custos.obter(custo).nome
    if chave not in _CUSTOS_NEURONIO.values():
        raise ValueError(f"custo deve ser 'quadratico' ou 'entropia_cruzada', não {custo!r}.")
    for nome, valor, minimo, maximo in (("w", w, -4.0, 4.0), ("b", b, -4.0, 4.0),
                                        ("taxa_aprendizado", taxa_aprendizado, 0.001, 1.0)):
        if not minimo <= valor <= maximo:
            raise ValueError(f"{nome} deve estar em [{minimo}, {maximo}], não {valor}.")
    if not 0 <= epocas <= 1000:
        raise ValueError(f"epocas deve estar entre 0 e 1000, não {epocas}.")
    controles = {
        "w": deslizante("peso inicial $w$", -4.0, 4.0, float(w), 0.1),
        "b": deslizante("viés inicial $b$", -4.0, 4.0, float(b), 0.1),
        "taxa_aprendizado": deslizante("taxa de aprendizado η", 0.001, 1.0,
                                       float(taxa_aprendizado), 0.001),
        "epocas": _iw.IntSlider(value=int(epocas), min=0, max=1000, step=10, description="épocas",
                              style={"description_width": "initial"},
                              layout=_iw.Layout(width="320px")),
        "custo": _iw.Dropdown(options=list(_CUSTOS_NEURONIO.items()), value=chave,
                            description="custo"),
    }
    return painel(desenhar_neuronio_lento, controles,
                  descricao=f"Widget do neurônio que aprende devagar (custo {chave}, w={w}, "
                            f"b={b}, η={taxa_aprendizado}, {epocas} épocas)")


# ---------------------------------------------------------------------------
# Capítulo 9: ajuste polinomial (sobreajuste com poucos pontos)
# ---------------------------------------------------------------------------

_LAMBDAS_POLINOMIO = (0.0, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1.0)


def _pontos_reta(semente: int, n: int = 10, ruido: float = 0.2):
    """n pontos de y = 2x + ruído N(0, ruído²) com x em [0, 1], e 200 pontos novos do mesmo fenômeno."""
    rng = np.random.default_rng(semente)
    x = np.sort(rng.uniform(0.0, 1.0, n))
    y = 2 * x + ruido * rng.standard_normal(n)
    x_novo = rng.uniform(0.0, 1.0, 200)
    y_novo = 2 * x_novo + ruido * rng.standard_normal(200)
    return x, y, x_novo, y_novo


def _texto_lambda(lmbda: float) -> str:
    if lmbda == 0:
        return "0"
    expoente = int(round(np.log10(lmbda)))
    if np.isclose(lmbda, 10.0 ** expoente):
        return "1" if expoente == 0 else f"10^{{{expoente}}}"
    return graficos.formatar_numero(lmbda, 4)


def desenhar_ajuste_polinomial(grau: int, lmbda: float = 0.0, semente: int = 0) -> Figure:
    """À esquerda, 10 pontos de y = 2x + ruído e o polinômio ajustado; à direita, o erro
    quadrático médio nos pontos de treino e em 200 pontos novos, para cada grau de 1 a 9."""

    x, y, x_novo, y_novo = _pontos_reta(semente)
    eqm = regularizacao.erro_quadratico_medio
    graus = np.arange(1, 10)
    erros = np.array([[eqm(c, x, y), eqm(c, x_novo, y_novo)]
                      for c in (regularizacao.ajuste_polinomial(x, y, int(g), lmbda) for g in graus)])
    coef = regularizacao.ajuste_polinomial(x, y, int(grau), lmbda)
    fmt = graficos.formatar_numero
    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10.5, 3.9))
    malha = np.linspace(-0.05, 1.05, 400)
    ax1.plot(x_novo, y_novo, ".", color="0.65", ms=4, label="pontos novos")
    ax1.plot(malha, 2 * malha, "k:", lw=1.5, label="fenômeno: $y = 2x$")
    ax1.plot(malha, np.polyval(coef, malha), "-", color=graficos.CORES[0], lw=2,
             label=f"polinômio de grau {grau}")
    ax1.plot(x, y, "o", color="black", mfc="white", ms=7, label="10 pontos de treino")
    ax1.set(xlabel="$x$", ylabel="$y$", ylim=(-1.0, 3.0),
            title=f"grau {grau}, $\\lambda = {_texto_lambda(lmbda)}$: EQM treino "
                  f"{fmt(erros[grau - 1, 0], 3)}, novos {fmt(erros[grau - 1, 1], 3)}")
    ax1.legend(fontsize=8, loc="upper left")
    ax2.semilogy(graus, np.maximum(erros[:, 0], 1e-12), "o-", color=graficos.CORES[0], label="treino")
    ax2.semilogy(graus, erros[:, 1], "s--", color=graficos.CORES[1], label="pontos novos")
    ax2.axvline(grau, color="0.5", lw=1)
    ax2.set(xlabel="grau do polinômio", ylabel="erro quadrático médio (escala log)",
            xticks=graus, title="Erro contra o grau")
    ax2.legend(fontsize=8)
    for ax in (ax1, ax2):
        graficos.virgula(ax)
    fig.tight_layout()
    return fig


def ajuste_polinomial(grau: int = 9, lmbda: float = 0.0, semente: int = 0) -> ComFigura:
    """Widget: grau do polinômio (1 a 9) e λ da penalidade L2 nos coeficientes.

    Ajusta, por mínimos quadrados, 10 pontos ruidosos da reta y = 2x e mostra o
    erro nos pontos de treino e em pontos novos do mesmo fenômeno: graus altos
    zeram o erro de treino e erram nos pontos novos; um λ pequeno já acalma a curva.
    """
    if isinstance(grau, bool) or not isinstance(grau, (int, np.integer)):
        raise TypeError(f"grau deve ser um inteiro, não {type(grau).__name__}.")
    if not 1 <= grau <= 9:
        raise ValueError(f"grau deve estar entre 1 e 9, não {grau}.")
    if isinstance(lmbda, bool) or not isinstance(lmbda, (int, float, np.integer, np.floating)):
        raise TypeError(f"lmbda deve ser um número, não {type(lmbda).__name__}.")
    if not any(np.isclose(lmbda, v, rtol=1e-9, atol=0) for v in _LAMBDAS_POLINOMIO):
        raise ValueError(f"lmbda deve ser um de {_LAMBDAS_POLINOMIO}, não {lmbda}.")
    if isinstance(semente, bool) or not isinstance(semente, (int, np.integer)):
        raise TypeError(f"semente deve ser um inteiro, não {type(semente).__name__}.")
    lmbda = min(_LAMBDAS_POLINOMIO, key=lambda v: abs(v - lmbda))
    controles = {
        "grau": w.IntSlider(value=int(grau), min=1, max=9, step=1, description="grau",
                            style={"description_width": "initial"}, layout=w.Layout(width="320px")),
        "lmbda": w.SelectionSlider(options=[(_texto_lambda(v).replace("^{", "^").replace("}", ""), v)
                                            for v in _LAMBDAS_POLINOMIO],
                                   value=lmbda, description="λ (penalidade L2)",
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="320px")),
    }
    return painel(lambda grau, lmbda: desenhar_ajuste_polinomial(grau, lmbda, int(semente)),
                  controles, descricao=f"Widget de ajuste polinomial (grau={grau}, λ={lmbda})")


# ---------------------------------------------------------------------------
# Capítulo 10: aumento de dados
# ---------------------------------------------------------------------------

def desenhar_aumento(imagem, dx: int = 0, dy: int = 0, graus: float = 0.0) -> Figure:
    """Imagem 28×28 original ao lado da versão deslocada (``dx``, ``dy`` pixels) e girada (``graus``).

    Usa ``regularizacao.deslocar`` e ``regularizacao.rotacionar``; o painel da
    direita mostra a diferença pixel a pixel, para ver quanto a imagem mudou.
    """
    original = np.asarray(imagem, dtype=float).reshape(1, -1)
    if original.shape[1] != 784:
        raise ValueError(f"esperava uma imagem de 784 pixels (28×28), não {original.shape[1]}.")
    nova = regularizacao.rotacionar(regularizacao.deslocar(original, int(dx), int(dy)), float(graus))
    diferenca = np.abs(nova - original).reshape(28, 28)
    fig, eixos = graficos.figura(1, 3, figsize=(8.4, 3.0))
    paineis = ((original.reshape(28, 28), "original"),
               (nova.reshape(28, 28), f"deslocada ({int(dx)}, {int(dy)}), girada "
                                      f"{graficos.formatar_numero(float(graus), 0)}°"),
               (diferenca, "diferença absoluta"))
    for ax, (img, titulo) in zip(eixos, paineis):
        ax.imshow(img, cmap="gray_r", vmin=0, vmax=max(1.0, float(original.max())))
        ax.set_title(titulo, fontsize=9)
        ax.set_axis_off()
    fig.suptitle(f"{int(np.count_nonzero(diferenca > 0.05))} de 784 pixels mudaram mais que 0,05",
                 fontsize=10)
    fig.tight_layout()
    return fig


def aumento_dados(imagem, dx: int = 2, dy: int = 0, graus: float = 15.0) -> ComFigura:
    """Widget: desloque (−4 a 4 pixels em cada eixo) e gire (−30° a 30°) um dígito.

    O dígito continua o mesmo para nós, mas muitos pixels mudam: é essa
    variação que o aumento de dados mostra à rede.
    """
    for nome, valor in (("dx", dx), ("dy", dy)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
            raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
        if not -4 <= valor <= 4:
            raise ValueError(f"{nome} deve estar entre −4 e 4, não {valor}.")
    if isinstance(graus, bool) or not isinstance(graus, (int, float, np.integer, np.floating)):
        raise TypeError(f"graus deve ser um número, não {type(graus).__name__}.")
    if not -30 <= graus <= 30:
        raise ValueError(f"graus deve estar entre −30 e 30, não {graus}.")
    imagem = np.asarray(imagem, dtype=float).ravel()
    plt.close(desenhar_aumento(imagem, 0, 0, 0.0))  # valida a imagem antes de montar o painel

    def inteiro(descricao: str, valor: int) -> "_iw.IntSlider":
        return _iw.IntSlider(value=int(valor), min=-4, max=4, step=1, description=descricao,
                             style={"description_width": "initial"}, layout=_iw.Layout(width="320px"))

    controles = {"dx": inteiro("deslocamento horizontal (pixels)", dx),
                 "dy": inteiro("deslocamento vertical (pixels)", dy),
                 "graus": deslizante("rotação (graus)", -30.0, 30.0, float(graus), 1.0)}
    return painel(lambda dx, dy, graus: desenhar_aumento(imagem, dx, dy, graus), controles,
                  descricao=f"Widget de aumento de dados (dx={dx}, dy={dy}, {graus}°)")


# ---------------------------------------------------------------------------
# Capítulo 11: inicialização de pesos
# ---------------------------------------------------------------------------

def desenhar_histograma_inicializacao(n_entradas: int = 1000, fracao_acesa: float = 0.5,
                                      inicializacao: str = "normal", desvio: float = 1.0,
                                      n_sorteios: int = 10_000, semente: int = 0) -> Figure:
    """Histogramas de z e de σ(z) para pesos N(0, s²) e viés N(0, 1), com a curva teórica de z.

    ``inicializacao`` escolhe s: 1 (``"normal"``), 1/√n (``"escalada"``) ou
    ``desvio`` (``"personalizada"``). O título traz o desvio teórico e a fração
    de sorteios com σ'(z) < 0,01 (neurônio saturado).
    """

    s = desvio_pesos_para(inicializacao, int(n_entradas), float(desvio))
    teorico = desvio_entrada_ponderada(int(n_entradas), float(fracao_acesa), s)
    z = sortear_entrada_ponderada(int(n_entradas), float(fracao_acesa), s,
                                  n_sorteios=int(n_sorteios), semente=semente)
    a = sigmoide(z)
    saturados = float(np.mean(a * (1.0 - a) < 0.01))
    fmt = graficos.formatar_numero
    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10.0, 3.6))
    limite = max(4.0 * teorico, 6.0)
    ax1.hist(z, bins=60, range=(-limite, limite), density=True, color=graficos.CORES[0],
             alpha=0.55, edgecolor="white", label=f"{n_sorteios:_} sorteios".replace("_", "."))
    malha = np.linspace(-limite, limite, 400)
    densidade = np.exp(-0.5 * (malha / teorico) ** 2) / (teorico * np.sqrt(2 * np.pi))
    ax1.plot(malha, densidade, "k--", lw=1.8, label="normal teórica")
    corte = float(np.log((1 + np.sqrt(0.96)) / (1 - np.sqrt(0.96))))  # σ'(±corte) = 0,01
    ax1.axvspan(-corte, corte, color="0.85", zorder=0, label="σ'(z) ≥ 0,01")
    ax1.set(xlabel="entrada ponderada $z$", ylabel="densidade", xlim=(-limite, limite))
    ax1.legend(loc="upper right", fontsize=8)
    ax2.hist(a, bins=50, range=(0.0, 1.0), color=graficos.CORES[1], alpha=0.7, edgecolor="white")
    ax2.set(xlabel="ativação $\\sigma(z)$", ylabel="número de sorteios")
    for ax in (ax1, ax2):
        graficos.virgula(ax)
    fig.suptitle(f"{int(n_entradas)} entradas, {fmt(100 * float(fracao_acesa), 0)}% acesas, "
                 f"pesos com desvio {fmt(s, 3)}: desvio teórico de $z$ = {fmt(teorico, 2)} "
                 f"(simulado {fmt(float(z.std()), 2)}); saturados: "
                 f"{graficos.formatar_porcentagem(saturados, 1)}", fontsize=10)
    fig.tight_layout()
    return fig


def histograma_inicializacao(n_entradas: int = 1000, fracao_acesa: float = 0.5,
                             inicializacao: str = "normal", desvio: float = 1.0) -> ComFigura:
    """Widget: número de entradas, fração acesa e inicialização dos pesos (normal, escalada ou um desvio à escolha).

    Mostra o histograma de z = Σ wⱼxⱼ + b (viés N(0, 1)) e o de σ(z): com
    pesos N(0, 1) e muitas entradas, z se espalha e quase todo neurônio nasce
    saturado; com pesos N(0, 1/n), z fica perto de zero.
    """

    if inicializacao not in INICIALIZACOES_Z:
        raise ValueError(f"inicializacao deve ser uma de {INICIALIZACOES_Z}, não {inicializacao!r}.")
    validar_inicializacao_z(n_entradas, fracao_acesa, desvio, 1.0)
    if not 10 <= n_entradas <= 2000:
        raise ValueError(f"n_entradas deve estar entre 10 e 2000, não {n_entradas}.")
    if not 0.01 <= desvio <= 2.0:
        raise ValueError(f"desvio deve estar entre 0,01 e 2, não {desvio}.")
    controles = {
        "n_entradas": _iw.IntSlider(value=int(n_entradas), min=10, max=2000, step=10,
                                    description="número de entradas $n$",
                                    style={"description_width": "initial"},
                                    layout=_iw.Layout(width="320px")),
        "fracao_acesa": deslizante("fração de entradas acesas", 0.0, 1.0, float(fracao_acesa), 0.05),
        "inicializacao": _iw.Dropdown(options=[("normal: N(0, 1)", "normal"),
                                               ("escalada: N(0, 1/n)", "escalada"),
                                               ("personalizada: N(0, s²)", "personalizada")],
                                      value=inicializacao, description="pesos"),
        "desvio": deslizante("desvio s (personalizada)", 0.01, 2.0, float(desvio), 0.01),
    }
    return painel(lambda n_entradas, fracao_acesa, inicializacao, desvio:
                  desenhar_histograma_inicializacao(n_entradas, fracao_acesa, inicializacao,
                                                    desvio, n_sorteios=5_000),
                  controles,
                  descricao=f"Widget de inicialização de pesos (n={n_entradas}, "
                            f"fração acesa={fracao_acesa}, {inicializacao})")




# ---------------------------------------------------------------------------
# Capítulo 13: universalidade (degraus, ressaltos, escadas e torres)
# ---------------------------------------------------------------------------

_X_UNIV = np.linspace(0.0, 1.0, 1001)


def desenhar_degrau(w: float, b: float) -> Figure:
    """A saída σ(w·x + b) de um neurônio oculto em [0, 1], com a posição s = −b/w marcada."""
    y = universalidade.neuronio(_X_UNIV, w, b)
    s = universalidade.posicao_degrau(w, b)
    fmt = graficos.formatar_numero
    fig, ax = graficos.figura(figsize=(5.6, 3.4))
    ax.plot(_X_UNIV, y, color="tab:blue", lw=2)
    if 0 <= s <= 1:
        ax.axvline(s, color="0.5", ls="--", lw=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("entrada x")
    ax.set_ylabel("σ(w·x + b)")
    ax.set_title(f"w = {fmt(w, 1)}, b = {fmt(b, 1)}: degrau em s = −b/w = {fmt(s, 3)}", fontsize=10)
    fig.tight_layout()
    return fig


def degrau_neuronio(w: float = 8.0, b: float = -4.0) -> ComFigura:
    """Widget: aumente ``w`` (1 a 1000) e veja o sigmoide virar degrau em s = −b/w."""
    universalidade.posicao_degrau(w, b)  # valida
    if not 1 <= w <= 1000 or not -1000 <= b <= 1000:
        raise ValueError("use 1 ≤ w ≤ 1000 e −1000 ≤ b ≤ 1000.")
    controles = {
        "w": _iw.FloatLogSlider(value=float(w), base=10, min=0, max=3, step=0.01,
                                description="peso w", style={"description_width": "initial"},
                                layout=_iw.Layout(width="320px")),
        "b": deslizante("viés b", -1000.0, 1000.0, float(b), 0.5),
    }
    return painel(desenhar_degrau, controles, descricao=f"Widget do degrau (w={w}, b={b})")


def desenhar_ressalto(s1: float, s2: float, h: float) -> Figure:
    """Os dois degraus de um par (em cima) e a saída ponderada h·a₁ − h·a₂ (embaixo)."""
    fmt = graficos.formatar_numero
    fig, (ax1, ax2) = graficos.figura(2, 1, figsize=(5.6, 4.6), sharex=True)
    ax1.plot(_X_UNIV, universalidade.degrau(_X_UNIV, s1), label=f"a₁ (degrau em {fmt(s1, 2)})")
    ax1.plot(_X_UNIV, universalidade.degrau(_X_UNIV, s2), ls="--", label=f"a₂ (degrau em {fmt(s2, 2)})")
    ax1.set_ylabel("ativação")
    ax1.legend(fontsize=8, loc="center right")
    ax2.plot(_X_UNIV, universalidade.ressalto(_X_UNIV, s1, s2, h), color="black", lw=2)
    ax2.axhline(0, color="0.7", lw=0.8)
    ax2.set_ylim(min(-1.0, -abs(h)) - 0.1, max(1.0, abs(h)) + 0.1)
    ax2.set_xlabel("entrada x")
    ax2.set_ylabel("h·a₁ − h·a₂")
    ax2.set_title(f"ressalto de altura h = {fmt(h, 2)} entre s₁ e s₂", fontsize=10)
    ax2.set_xlim(0, 1)
    fig.tight_layout()
    return fig


def ressalto(s1: float = 0.4, s2: float = 0.6, h: float = 0.8) -> ComFigura:
    """Widget: um par de neurônios (degraus em s₁ e s₂, pesos de saída +h e −h)."""
    for nome, valor in (("s1", s1), ("s2", s2)):
        if not 0 <= universalidade._numero(valor, nome) <= 1:
            raise ValueError(f"{nome} deve estar entre 0 e 1, não {valor}.")
    if not -1 <= universalidade._numero(h, "h") <= 1:
        raise ValueError(f"h deve estar entre −1 e 1, não {h}.")
    controles = {"s1": deslizante("s₁", 0.0, 1.0, float(s1), 0.01),
                 "s2": deslizante("s₂", 0.0, 1.0, float(s2), 0.01),
                 "h": deslizante("altura h", -1.0, 1.0, float(h), 0.01)}
    return painel(desenhar_ressalto, controles, colunas=3,
                  descricao=f"Widget do ressalto (s1={s1}, s2={s2}, h={h})")


def desenhar_aproximacao(alturas, solucao: bool = False) -> Figure:
    """f(x) do capítulo e a escada da rede com as ``alturas`` dadas, com o erro médio no título.

    Com ``solucao=True``, desenha também (tracejada) a escada de alturas ajustadas.
    """
    alturas = universalidade._alturas(alturas)
    n = len(alturas)
    fmt = graficos.formatar_numero
    fig, ax = graficos.figura(figsize=(6.4, 3.8))
    ax.plot(_X_UNIV, universalidade.funcao_alvo(_X_UNIV), color="black", lw=2, label="f(x)")
    ax.plot(_X_UNIV, universalidade.escada(_X_UNIV, alturas), color="tab:blue", lw=1.8,
            label=f"rede com {n} {'par' if n == 1 else 'pares'}")
    if solucao:
        ajuste = universalidade.ajustar_alturas(n)
        ax.plot(_X_UNIV, universalidade.escada(_X_UNIV, ajuste), color="tab:orange", ls="--",
                lw=1.5, label=f"solução (erro {fmt(universalidade.erro_medio(ajuste), 4)})")
    for s in universalidade.bordas(n):
        ax.axvline(s, color="0.85", lw=0.8, zorder=0)
    ax.set_xlim(0, 1)
    ax.set_xlabel("entrada x")
    ax.set_ylabel("saída")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title(f"erro médio |rede − f| = {fmt(universalidade.erro_medio(alturas), 4)}", fontsize=10)
    fig.tight_layout()
    return fig


def aproximacao(n_pares: int = 5, altura_inicial: float = 0.4) -> ComFigura:
    """Widget: ajuste à mão as alturas de N pares para imitar f(x); o erro é calculado ao vivo.

    Mudar N recria os controles de altura; o botão "mostrar solução" põe nos
    controles as alturas de ``universalidade.ajustar_alturas``. A imagem
    estática do livro mostra o estado inicial com a solução tracejada.
    """
    n_pares = universalidade._n_pares(n_pares)
    if not 1 <= n_pares <= 20:
        raise ValueError(f"n_pares deve estar entre 1 e 20, não {n_pares}.")
    altura_inicial = universalidade._numero(altura_inicial, "altura_inicial")
    if not -1 <= altura_inicial <= 1:
        raise ValueError(f"altura_inicial deve estar entre −1 e 1, não {altura_inicial}.")

    controle_n = _iw.IntSlider(value=n_pares, min=1, max=20, description="número de pares N",
                               style={"description_width": "initial"})
    botao = _iw.Button(description="mostrar solução", icon="check")
    caixa_alturas = _iw.GridBox(layout=_iw.Layout(grid_template_columns="repeat(2, 330px)"))
    saida = _iw.Output()
    estado = {"solucao": False}

    def redesenhar(*_):
        with saida:
            saida.clear_output(wait=True)
            fig = desenhar_aproximacao([c.value for c in caixa_alturas.children], estado["solucao"])
            display(fig)
            plt.close(fig)

    def criar_alturas(n: int, valores=None):
        valores = [altura_inicial] * n if valores is None else valores
        controles = [deslizante(f"h{j + 1} (fatia {j + 1})", -1.0, 1.0, float(np.clip(v, -1, 1)), 0.01)
                     for j, v in enumerate(valores)]
        for c in controles:
            c.observe(redesenhar, names="value")
        caixa_alturas.children = controles

    def mudar_n(mudanca):
        estado["solucao"] = False
        criar_alturas(mudanca["new"])
        redesenhar()

    def mostrar_solucao(_):
        estado["solucao"] = True
        criar_alturas(controle_n.value, universalidade.ajustar_alturas(controle_n.value))
        redesenhar()

    controle_n.observe(mudar_n, names="value")
    botao.on_click(mostrar_solucao)
    criar_alturas(n_pares)
    redesenhar()
    interface = _iw.VBox([_iw.HBox([controle_n, botao]), caixa_alturas, saida])
    png = figura_para_png(desenhar_aproximacao([altura_inicial] * n_pares, solucao=True))
    return ComFigura(interface, png, f"Widget de aproximação com {n_pares} pares de neurônios")


def desenhar_torre(x1: float, x2: float, y1: float, y2: float, h: float) -> Figure:
    """Duas entradas: a soma de um ressalto em x e um em y (esquerda) e a torre (direita)."""
    g = np.linspace(0.0, 1.0, 201)
    gx, gy = np.meshgrid(g, g)
    soma = universalidade.soma_ressaltos_2d(gx, gy, (x1, x2), (y1, y2))
    alta = universalidade.torre(gx, gy, (x1, x2), (y1, y2), altura=h)
    fmt = graficos.formatar_numero
    fig, eixos = graficos.figura(1, 2, figsize=(9.0, 3.9))
    for ax, z, titulo in ((eixos[0], soma, "ressalto em x + ressalto em y"),
                          (eixos[1], alta, f"torre de altura {fmt(h, 2)} (limiar 1,5)")):
        imagem = ax.imshow(z, origin="lower", extent=(0, 1, 0, 1), cmap="viridis",
                           vmin=min(0.0, float(z.min())), vmax=max(1e-9, float(z.max())))
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(titulo, fontsize=10)
        graficos.virgula(fig.colorbar(imagem, ax=ax, shrink=0.85).ax)
    fig.tight_layout()
    return fig


def torre(x1: float = 0.3, x2: float = 0.6, y1: float = 0.4, y2: float = 0.8, h: float = 1.0) -> ComFigura:
    """Widget: escolha o retângulo [x₁, x₂] × [y₁, y₂] e a altura da torre."""
    for nome, valor in (("x1", x1), ("x2", x2), ("y1", y1), ("y2", y2)):
        if not 0 <= universalidade._numero(valor, nome) <= 1:
            raise ValueError(f"{nome} deve estar entre 0 e 1, não {valor}.")
    if not 0 <= universalidade._numero(h, "h") <= 1:
        raise ValueError(f"h deve estar entre 0 e 1, não {h}.")
    controles = {"x1": deslizante("x₁", 0.0, 1.0, float(x1), 0.01),
                 "x2": deslizante("x₂", 0.0, 1.0, float(x2), 0.01),
                 "y1": deslizante("y₁", 0.0, 1.0, float(y1), 0.01),
                 "y2": deslizante("y₂", 0.0, 1.0, float(y2), 0.01),
                 "h": deslizante("altura h", 0.0, 1.0, float(h), 0.01)}
    return painel(desenhar_torre, controles, descricao=f"Widget da torre ({x1}–{x2} × {y1}–{y2}, h={h})")


# ---------------------------------------------------------------------------
# Capítulo 14: a cadeia de neurônios (gradientes que somem ou explodem)
# ---------------------------------------------------------------------------

def desenhar_cadeia(profundidade: int, w: float, b: float, centrar: bool = False) -> Figure:
    """|∂a_L/∂b_j| de cada camada j de uma cadeia de neurônios sigmoides, em escala log."""
    c = gradientes_instaveis.cadeia(profundidade, w, b, centrar=centrar)
    fmt = graficos.formatar_numero
    camadas = np.arange(1, profundidade + 1)
    valores = np.maximum(np.abs(c.gradientes), 1e-300)
    fig, ax = graficos.figura(figsize=(6.2, 3.8))
    ax.bar(camadas, valores, color="tab:blue")
    ax.set_yscale("log")
    ax.set_xlabel("camada j (1 = mais perto da entrada)")
    ax.set_ylabel("|∂a_L / ∂b_j|  (escala log)")
    fator = np.abs(c.pesos * c.ativacoes * (1 - c.ativacoes))
    razao = valores[0] / valores[-1]
    ax.set_title(f"{profundidade} camadas, w = {fmt(w, 2)}"
                 + (", vieses centrados (z = 0)" if centrar else f", b = {fmt(b, 2)}")
                 + f"\n|w·σ'(z)| médio = {fmt(float(np.exp(np.log(fator).mean())), 3)}; "
                 f"primeira/última = {graficos.formatar_cientifico(razao, 1)}", fontsize=10)
    ax.set_xticks(camadas)
    fig.tight_layout()
    return fig


def cadeia_gradiente(profundidade: int = 5, w: float = 1.0, b: float = 0.0,
                     centrar: bool = False) -> ComFigura:
    """Widget: profundidade (1 a 20), peso w (0,1 a 100), viés b e a opção de centrar os vieses."""
    gradientes_instaveis.cadeia(profundidade, w, b)  # valida
    if not 1 <= profundidade <= 20:
        raise ValueError(f"profundidade deve estar entre 1 e 20, não {profundidade}.")
    if not 0.1 <= w <= 100 or not -5 <= b <= 5:
        raise ValueError("use 0,1 ≤ w ≤ 100 e −5 ≤ b ≤ 5.")
    controles = {
        "profundidade": _iw.IntSlider(value=int(profundidade), min=1, max=20, description="camadas",
                                      style={"description_width": "initial"}),
        "w": _iw.FloatLogSlider(value=float(w), base=10, min=-1, max=2, step=0.01, description="peso w",
                                style={"description_width": "initial"}, layout=_iw.Layout(width="320px")),
        "b": deslizante("viés b", -5.0, 5.0, float(b), 0.1),
        "centrar": _iw.Checkbox(value=bool(centrar), description="centrar vieses (z = 0)"),
    }
    return painel(desenhar_cadeia, controles,
                  descricao=f"Widget da cadeia de neurônios ({profundidade} camadas, w={w}, b={b})")


# ---------------------------------------------------------------------------
# Capítulo 16: campo receptivo, passo e preenchimento
# ---------------------------------------------------------------------------

FILTROS_CAMPO = ("borda vertical", "borda horizontal", "média")


def filtro_campo(nome: str, tamanho: int) -> np.ndarray:
    """Um filtro ``tamanho``×``tamanho`` para o widget do campo receptivo.

    ``"borda vertical"``: cada linha vai de −1 a 1 (para 3×3, o filtro de
    Prewitt), com escala tal que os pesos positivos somam 1; ``"borda
    horizontal"``: a transposta; ``"média"``: todos os pesos 1/tamanho². Um
    filtro 1×1 não enxerga bordas: nos três casos, ele é a identidade [[1]].
    """
    if nome not in FILTROS_CAMPO:
        raise ValueError(f"filtro desconhecido: {nome!r}. Opções: {', '.join(FILTROS_CAMPO)}.")
    if isinstance(tamanho, bool) or not isinstance(tamanho, (int, np.integer)):
        raise TypeError(f"o tamanho do filtro deve ser um inteiro, não {type(tamanho).__name__}.")
    if tamanho < 1:
        raise ValueError(f"o tamanho do filtro deve ser pelo menos 1, não {tamanho}.")
    k = int(tamanho)
    if k == 1:
        return np.ones((1, 1))
    if nome == "média":
        return np.full((k, k), 1.0 / k**2)
    colunas = np.arange(k) - (k - 1) / 2
    vertical = np.tile(colunas / colunas[colunas > 0].sum(), (k, 1)) / k
    return vertical if nome == "borda vertical" else vertical.T


def _imagem_quadrada(imagem) -> np.ndarray:
    """A imagem como matriz 2-D de floats (um vetor de 784 pixels vira 28×28)."""
    try:
        img = np.asarray(imagem, dtype=float)
    except (TypeError, ValueError) as erro:
        raise TypeError(f"a imagem deve ser numérica ({erro}).") from None
    if img.ndim == 1 and img.size == 784:
        img = img.reshape(28, 28)
    if img.ndim != 2 or min(img.shape) < 1:
        raise ValueError(f"esperava uma imagem 2-D (ou 784 pixels), não a forma {img.shape}.")
    if not np.all(np.isfinite(img)):
        raise ValueError("a imagem tem NaN ou infinito.")
    return img


def desenhar_campo_receptivo(imagem, nucleo: int = 3, passo: int = 1, preenchimento: int = 0,
                             linha: int = 0, coluna: int = 0, filtro: str = "borda vertical",
                             tamanho_entrada: int | None = None) -> Figure:
    """Janela de uma posição de saída, grade de posições visitadas e mapa de características.

    À esquerda, a entrada (o recorte central ``tamanho_entrada``×``tamanho_entrada``
    da imagem; a imagem inteira se ``None``) com a borda de preenchimento
    sombreada, um ponto no centro de cada janela visitada e, em vermelho, a
    janela (o campo receptivo) da saída (``linha``, ``coluna``). À direita, o mapa
    de saída de ``filtro`` (``cnn.correlacao2d``), com a forma H'×W' no título.
    Uma posição fora da saída é trazida para a última linha/coluna; uma
    combinação inválida (filtro maior que a entrada preenchida) vira uma
    mensagem na figura, sem erro.
    """
    from matplotlib import colors as mpl_colors
    from matplotlib import patches as mpl_patches

    from . import cnn

    img = _imagem_quadrada(imagem)
    for nome, valor, minimo in (("nucleo", nucleo, 1), ("passo", passo, 1),
                                ("preenchimento", preenchimento, 0), ("linha", linha, 0),
                                ("coluna", coluna, 0)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
            raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
        if valor < minimo:
            raise ValueError(f"{nome} deve ser pelo menos {minimo}, não {valor}.")
    k, s, p = int(nucleo), int(passo), int(preenchimento)
    nmax = min(img.shape)
    if tamanho_entrada is not None and (isinstance(tamanho_entrada, bool)
                                        or not isinstance(tamanho_entrada, (int, np.integer))):
        raise TypeError(f"tamanho_entrada deve ser um inteiro ou None, não {type(tamanho_entrada).__name__}.")
    n = nmax if tamanho_entrada is None else int(tamanho_entrada)
    if not 1 <= n <= nmax:
        raise ValueError(f"tamanho_entrada deve estar entre 1 e {nmax}, não {tamanho_entrada}.")
    filtro_k = filtro_campo(filtro, k)
    topo, esquerda = (img.shape[0] - n) // 2, (img.shape[1] - n) // 2
    recorte = img[topo:topo + n, esquerda:esquerda + n]
    fmt = graficos.formatar_numero
    np_ = n + 2 * p  # lado da entrada preenchida

    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10.4, 5.0))
    limites = (-p - 0.5, n + p - 0.5, n + p - 0.5, -p - 0.5)
    ax1.imshow(np.pad(recorte, p), cmap="gray_r", vmin=0, vmax=max(1.0, float(recorte.max())),
               extent=limites)
    if p > 0:
        borda = np.ones((np_, np_))
        borda[p:p + n, p:p + n] = 0
        ax1.imshow(np.ma.masked_where(borda == 0, borda), cmap=mpl_colors.ListedColormap([graficos.CORES[3]]),
                   alpha=0.35, extent=limites)
        ax1.add_patch(mpl_patches.Rectangle((-0.5, -0.5), n, n, fill=False, ec="0.4", lw=1, ls="--"))
    if np_ <= 16:  # grade de pixels só quando cabe
        for t in np.arange(-p - 0.5, n + p, 1.0):
            ax1.axhline(t, color="0.75", lw=0.4)
            ax1.axvline(t, color="0.75", lw=0.4)
    ax1.set_title(f"entrada {n}×{n} + preenchimento {p} = {np_}×{np_}", fontsize=10)

    try:
        h = cnn.tamanho_saida(n, k, s, p)
    except ValueError:
        h = None
    if h is None:  # combinação inválida: mostra a janela grande demais e explica
        ax1.add_patch(mpl_patches.Rectangle((-p - 0.5, -p - 0.5), k, k, fill=False, ec=graficos.CORES[1],
                                            lw=2.5, ls="--"))
        ax2.text(0.5, 0.5, f"Combinação inválida:\no filtro {k}×{k} é maior que a\nentrada preenchida "
                           f"{np_}×{np_}.\nNão há nenhuma posição de saída.\n\nDiminua o filtro ou "
                           "aumente\no preenchimento (ou a entrada).",
                 ha="center", va="center", fontsize=11, color=graficos.CORES[1], transform=ax2.transAxes)
        ax2.set_title("sem mapa de características", fontsize=10)
        ax2.set_axis_off()
        fig.suptitle(f"combinação inválida: filtro {k}×{k}, passo {s}, preenchimento {p}: "
                     f"{n} + 2·{p} − {k} = {fmt(np_ - k, 0)} < 0", fontsize=11)
    else:
        r, c = min(int(linha), h - 1), min(int(coluna), h - 1)
        centros = np.arange(h) * s - p + (k - 1) / 2
        cx, cy = np.meshgrid(centros, centros)
        ax1.scatter(cx.ravel(), cy.ravel(), s=max(2.0, min(25.0, 900.0 / h**2)), color=graficos.CORES[0],
                    alpha=0.8, zorder=3, label=f"centros das {h}×{h} janelas")
        resto = np_ - ((h - 1) * s + k)  # linhas/colunas do fim que nenhuma janela alcança
        if resto > 0:
            inicio = (h - 1) * s + k - p - 0.5
            for xy, largura, altura in (((inicio, -p - 0.5), resto, np_), ((-p - 0.5, inicio), np_, resto)):
                ax1.add_patch(mpl_patches.Rectangle(xy, largura, altura, fill=False, hatch="xx",
                                                    ec="0.45", lw=0))
        ax1.add_patch(mpl_patches.Rectangle((c * s - p - 0.5, r * s - p - 0.5), k, k, fc=graficos.CORES[1],
                                            alpha=0.18, ec="none", zorder=4))
        ax1.add_patch(mpl_patches.Rectangle((c * s - p - 0.5, r * s - p - 0.5), k, k, fill=False,
                                            ec=graficos.CORES[1], lw=2.5, zorder=5,
                                            label=f"campo receptivo de ({r}, {c})"))
        ax1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, fontsize=8)

        saida = cnn.correlacao2d(recorte, filtro_k, passo=s, preenchimento=p)
        if filtro == "média" or k == 1:
            ax2.imshow(saida, cmap="gray_r", vmin=0, vmax=max(1.0, float(recorte.max())))
        else:
            escala = max(float(np.abs(saida).max()), 1e-12)
            ax2.imshow(saida, cmap="RdBu_r", vmin=-escala, vmax=escala)
        ax2.add_patch(mpl_patches.Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, ec=graficos.CORES[1], lw=2.5))
        nome_filtro = "1×1 (identidade)" if k == 1 else f"{filtro} {k}×{k}"
        ax2.set_title(f"mapa de características {h}×{h} (filtro {nome_filtro})\n"
                      f"saída ({r}, {c}) = {fmt(float(saida[r, c]), 3)}", fontsize=10)
        avisos = []
        if (r, c) != (int(linha), int(coluna)):
            avisos.append(f"posição ({linha}, {coluna}) fora da saída: mostramos ({r}, {c})")
        if resto == 1:
            avisos.append("a última linha e a última coluna (hachuradas) não entram em nenhuma janela")
        elif resto > 1:
            avisos.append(f"as últimas {resto} linhas e colunas (hachuradas) não entram em nenhuma janela")
        if p >= k:
            avisos.append("preenchimento ≥ filtro: há janelas só de zeros na moldura de preenchimento")
        fig.suptitle(f"filtro {k}×{k}, passo {s}, preenchimento {p}: "
                     f"⌊({n} + 2·{p} − {k})/{s}⌋ + 1 = {h}"
                     + "".join(f"\n{a}" for a in avisos), fontsize=11)
    for ax in (ax1, ax2):
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for borda_eixo in ax.spines.values():
            borda_eixo.set_visible(False)
    ax1.set_xlim(-p - 1, max(n + p, k - p))
    ax1.set_ylim(max(n + p, k - p), -p - 1)
    fig.tight_layout()
    return fig


def campo_receptivo(imagem, nucleo: int = 3, passo: int = 1, preenchimento: int = 0,
                    linha: int = 0, coluna: int = 0, filtro: str = "borda vertical",
                    tamanho_entrada: int | None = None) -> ComFigura:
    """Widget: filtro k×k (k de 1 a 9), passo (1 a 4), preenchimento (0 a 4), recorte da entrada e posição de saída.

    Mostra sobre a imagem (um dígito 28×28, por exemplo) a janela da posição
    de saída escolhida e a grade de posições visitadas, e ao lado o mapa de
    saída H'×W'. Os limites de linha e coluna acompanham o tamanho da saída.
    """
    img = _imagem_quadrada(imagem)
    nmax = min(img.shape)
    n = nmax if tamanho_entrada is None else tamanho_entrada
    plt.close(desenhar_campo_receptivo(img, nucleo, passo, preenchimento, linha, coluna, filtro, n))  # valida
    for nome, valor, minimo, maximo in (("nucleo", nucleo, 1, 9), ("passo", passo, 1, 4),
                                        ("preenchimento", preenchimento, 0, 4),
                                        ("tamanho_entrada", n, min(3, nmax), nmax)):
        if not minimo <= valor <= maximo:
            raise ValueError(f"{nome} deve estar entre {minimo} e {maximo}, não {valor}.")
    lado_max = nmax + 2 * 4  # maior saída possível: filtro 1×1, passo 1, preenchimento 4

    def inteiro(descricao: str, valor: int, minimo: int, maximo: int) -> "_iw.IntSlider":
        return _iw.IntSlider(value=int(valor), min=minimo, max=maximo, step=1, description=descricao,
                             style={"description_width": "initial"}, layout=_iw.Layout(width="300px"))

    controles = {
        "nucleo": inteiro("tamanho k do filtro", nucleo, 1, 9),
        "passo": inteiro("passo s", passo, 1, 4),
        "preenchimento": inteiro("preenchimento p", preenchimento, 0, 4),
        "tamanho_entrada": inteiro("entrada n (recorte central)", n, min(3, nmax), nmax),
        "linha": inteiro("linha da saída", min(linha, lado_max - 1), 0, lado_max - 1),
        "coluna": inteiro("coluna da saída", min(coluna, lado_max - 1), 0, lado_max - 1),
        "filtro": _iw.Dropdown(options=list(FILTROS_CAMPO), value=filtro, description="tipo de filtro",
                                style={"description_width": "initial"}),
    }

    def ajustar_limites(_=None) -> None:
        from . import cnn
        try:
            h = cnn.tamanho_saida(controles["tamanho_entrada"].value, controles["nucleo"].value,
                                  controles["passo"].value, controles["preenchimento"].value)
        except ValueError:
            return  # combinação inválida: a figura explica; os limites ficam como estão
        for nome in ("linha", "coluna"):
            controles[nome].max = h - 1  # o ipywidgets traz o valor para dentro do novo limite

    for nome in ("nucleo", "passo", "preenchimento", "tamanho_entrada"):
        controles[nome].observe(ajustar_limites, names="value")
    ajustar_limites()
    return painel(lambda **v: desenhar_campo_receptivo(img, **v), controles, colunas=3,
                  descricao=f"Widget do campo receptivo (filtro {nucleo}×{nucleo}, passo {passo}, "
                            f"preenchimento {preenchimento}, entrada {n}×{n})")


# ---------------------------------------------------------------------------
# Capítulo 17: calculadora de parâmetros de uma camada convolucional
# ---------------------------------------------------------------------------

def _inteiro_contador(nome: str, valor, minimo: int, maximo: int) -> int:
    """Confere que ``valor`` é um inteiro em [minimo, maximo] e o devolve."""
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um inteiro, não {valor!r}.")
    if not minimo <= valor <= maximo:
        raise ValueError(f"{nome} deve estar entre {minimo} e {maximo}, não {valor}.")
    return int(valor)


def desenhar_contador_parametros(canais_entrada: int, filtros: int, nucleo: int,
                                 lado: int = 28) -> Figure:
    """Parâmetros de uma convolução k×k de C para F mapas numa entrada C×lado×lado.

    À esquerda, pesos (k·k·C·F) e vieses (F) da camada convolucional; à direita,
    a mesma ligação entrada → saída com pesos compartilhados, sem compartilhar
    (um filtro por posição) e totalmente conectada, em escala log.
    """
    from matplotlib.ticker import FuncFormatter

    from . import cnn  # importação tardia: cnn traz o PyTorch

    c = _inteiro_contador("canais_entrada", canais_entrada, 1, 4096)
    f = _inteiro_contador("filtros", filtros, 1, 4096)
    k = _inteiro_contador("nucleo", nucleo, 1, 64)
    n = _inteiro_contador("lado", lado, 1, 1024)
    n_saida = cnn.tamanho_saida(n, k)  # valida k ≤ lado
    total = cnn.contagem_parametros_conv(c, f, k)
    pesos, vieses = k * k * c * f, f
    local = total * n_saida * n_saida
    densa = cnn.contagem_parametros_densa(c * n * n, f * n_saida * n_saida)
    fmt = lambda v: graficos.formatar_numero(v, 0)  # noqa: E731

    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10.5, 3.4), gridspec_kw={"width_ratios": [1, 1.25]})
    ax1.barh([0], [pesos], color=graficos.CORES[0], label=f"pesos k·k·C·F = {fmt(pesos)}")
    ax1.barh([0], [vieses], left=[pesos], color=graficos.CORES[1], label=f"vieses F = {fmt(vieses)}")
    ax1.set_yticks([])
    ax1.set_xlabel("parâmetros")
    ax1.set_xlim(0, 1.05 * total)
    ax1.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02), fontsize=9, ncol=1, frameon=False)
    ax1.set_title(f"(k·k·C + 1)·F = ({k}·{k}·{fmt(c)} + 1)·{fmt(f)} = {fmt(total)}", fontsize=10, y=1.32)
    ax1.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))  # 18.432, não 18432

    rotulos = ["pesos\ncompartilhados", "local, sem\ncompartilhar", "totalmente\nconectada"]
    valores = [total, local, densa]
    barras = ax2.bar(range(3), valores, color=[graficos.CORES[0], graficos.CORES[3], graficos.CORES[5]])
    ax2.set_xticks(range(3), rotulos)
    for barra, v in zip(barras, valores):
        ax2.annotate(fmt(v), (barra.get_x() + barra.get_width() / 2, v), ha="center", va="bottom", fontsize=9)
    ax2.set_yscale("log")
    ax2.set_ylim(top=max(valores) * 30)
    ax2.set_ylabel("parâmetros (escala log)")
    ax2.set_title(f"entrada {fmt(c)}×{n}×{n} → saída {fmt(f)}×{n_saida}×{n_saida}", fontsize=10)
    fig.tight_layout()
    return fig


def contador_parametros(canais_entrada: int = 1, filtros: int = 3, nucleo: int = 5,
                        lado: int = 28) -> ComFigura:
    """Widget: C canais de entrada (1 a 512), F filtros (1 a 512), filtro k×k (k de 1 a 11), lado (12 a 64)."""
    _inteiro_contador("canais_entrada", canais_entrada, 1, 512)
    _inteiro_contador("filtros", filtros, 1, 512)
    _inteiro_contador("nucleo", nucleo, 1, 11)
    _inteiro_contador("lado", lado, 12, 64)
    estilo = {"description_width": "initial"}
    controles = {
        "canais_entrada": _iw.IntSlider(value=canais_entrada, min=1, max=512, description="canais de entrada C",
                                        style=estilo, layout=_iw.Layout(width="320px")),
        "filtros": _iw.IntSlider(value=filtros, min=1, max=512, description="filtros F", style=estilo,
                                 layout=_iw.Layout(width="320px")),
        "nucleo": _iw.IntSlider(value=nucleo, min=1, max=11, description="filtro k×k", style=estilo),
        "lado": _iw.IntSlider(value=lado, min=12, max=64, description="lado da entrada", style=estilo),
    }
    return painel(desenhar_contador_parametros, controles,
                  descricao=f"Calculadora de parâmetros (C={canais_entrada}, F={filtros}, k={nucleo}, lado={lado})")


# ---------------------------------------------------------------------------
# Capítulo 21: produto de jacobianos e recorte do gradiente (redes recorrentes)
# ---------------------------------------------------------------------------

ATIVACOES_JACOBIANOS = ("tanh", "relu", "linear")
_ESTILO_JACOBIANOS = {"tanh": "-", "relu": "--", "linear": ":"}


def _real_faixa(nome: str, valor, minimo: float, maximo: float) -> float:
    """Confere que ``valor`` é um número real em [minimo, maximo] e o devolve como float."""
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número real, não {valor!r}.")
    if not np.isfinite(valor) or not minimo <= valor <= maximo:
        fmt = graficos.formatar_numero
        raise ValueError(f"{nome} deve estar entre {fmt(minimo, 1)} e {fmt(maximo, 1)}, não {valor}.")
    return float(valor)


def desenhar_produto_jacobianos(escala: float, ativacao: str = "tanh", comprimento: int = 50) -> Figure:
    """‖∂h_k/∂h_0‖ contra k, em escala log, numa RNN aleatória com W_hh = escala·Q (Q ortogonal).

    Usa ``rnn.normas_jacobianos``. A ativação escolhida aparece em destaque e
    as outras duas em cinza; a linear dá exatamente escala^k. Valores fora de
    [10⁻³⁰, 10³⁰] são desenhados na borda.
    """
    from . import rnn  # importação tardia: o módulo rnn traz o PyTorch

    if not isinstance(ativacao, str) or ativacao not in ATIVACOES_JACOBIANOS:
        raise ValueError(f"ativação desconhecida: {ativacao!r}. Opções: {', '.join(ATIVACOES_JACOBIANOS)}.")
    normas = {nome: rnn.normas_jacobianos(escala, nome, comprimento) for nome in ATIVACOES_JACOBIANOS}
    fmt, cient = graficos.formatar_numero, graficos.formatar_cientifico
    piso, teto = 1e-30, 1e30
    k = np.arange(1, comprimento + 1)
    fig, ax = graficos.figura(figsize=(6.4, 4.0))
    for nome, valores in normas.items():
        destaque = nome == ativacao
        rotulo = nome + (" (= escala$^k$)" if nome == "linear" else "")
        ax.plot(k, np.clip(valores, piso, teto), ls=_ESTILO_JACOBIANOS[nome],
                color=graficos.CORES[0] if destaque else "0.55", lw=2.4 if destaque else 1.3,
                zorder=3 if destaque else 2, label=rotulo)
    ax.axhline(1.0, color="0.3", lw=0.7, zorder=1)
    todos = np.clip(np.concatenate(list(normas.values())), piso, teto)
    ax.set_ylim(max(piso, todos.min() / 10), min(teto, todos.max() * 10))
    ax.set_yscale("log")
    ax.set_xlim(1, max(comprimento, 2))
    ax.set_xlabel("passos para trás $k$")
    ax.set_ylabel(r"$\|\partial h_k / \partial h_0\|$ (escala log)")
    final = float(normas[ativacao][-1])
    tendencia = "se dissipa" if final < 1e-2 else ("explode" if final > 1e2 else "fica perto de 1")
    ax.set_title(f"{ativacao}, escala {fmt(escala, 2)}: após {comprimento} passos a norma é "
                 f"{cient(final, 1)}\n(o gradiente {tendencia})", fontsize=10)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def produto_jacobianos(escala: float = 1.0, ativacao: str = "tanh", comprimento: int = 50) -> ComFigura:
    """Widget: escala de W_hh (0,1 a 4), ativação (tanh, relu, linear) e comprimento (2 a 200)."""
    escala = _real_faixa("escala", escala, 0.1, 4.0)
    if not isinstance(ativacao, str) or ativacao not in ATIVACOES_JACOBIANOS:
        raise ValueError(f"ativação desconhecida: {ativacao!r}. Opções: {', '.join(ATIVACOES_JACOBIANOS)}.")
    comprimento = _inteiro_contador("comprimento", comprimento, 2, 200)
    estilo = {"description_width": "initial"}
    controles = {
        "escala": deslizante("escala de $W_{hh}$", 0.1, 4.0, escala, 0.05),
        "ativacao": _iw.Dropdown(options=list(ATIVACOES_JACOBIANOS), value=ativacao,
                                 description="ativação", style=estilo),
        "comprimento": _iw.IntSlider(value=comprimento, min=2, max=200, description="passos",
                                     style=estilo, layout=_iw.Layout(width="320px")),
    }
    return painel(desenhar_produto_jacobianos, controles,
                  descricao=f"Widget do produto de jacobianos (escala={escala}, {ativacao}, "
                            f"{comprimento} passos)")


def desenhar_recorte_gradiente(gx: float, gy: float, limite: float) -> Figure:
    """O gradiente g = (gx, gy), o recortado pela norma e o recortado por valor, com o limite τ.

    O círculo tracejado é ‖g‖ = τ (para onde o recorte por norma leva g, na
    mesma direção); o quadrado pontilhado é |gᵢ| = τ (o recorte por valor
    prende cada componente nele, e a direção pode mudar).
    """
    from . import rnn  # importação tardia: o módulo rnn traz o PyTorch

    g = np.array([_real_faixa("gx", gx, -1e6, 1e6), _real_faixa("gy", gy, -1e6, 1e6)])
    tau = _real_faixa("limite", limite, 1e-6, 1e6)
    vetores = {"original": (g, "0.3"), "por norma": (rnn.recortar_por_norma(g, tau), graficos.CORES[0]),
               "por valor": (rnn.recortar_por_valor(g, tau), graficos.CORES[1])}
    fmt = graficos.formatar_numero
    fig, ax = graficos.figura(figsize=(5.6, 5.2))
    angulo = np.linspace(0, 2 * np.pi, 361)
    ax.plot(tau * np.cos(angulo), tau * np.sin(angulo), "--", color=graficos.CORES[0], lw=1,
            label=r"$\|g\| = \tau$")
    ax.plot([-tau, tau, tau, -tau, -tau], [-tau, -tau, tau, tau, -tau], ":", color=graficos.CORES[1],
            lw=1.5, label=r"$|g_i| = \tau$")
    for nome, (v, cor) in vetores.items():
        norma = float(np.linalg.norm(v))
        direcao = f"{fmt(np.degrees(np.arctan2(v[1], v[0])), 1)}°" if norma > 0 else "indefinido"
        ax.quiver(0, 0, v[0], v[1], angles="xy", scale_units="xy", scale=1, color=cor,
                  width=0.012 if nome == "original" else 0.008, zorder=3,
                  label=f"{nome}: norma {fmt(norma, 2)}, ângulo {direcao}")
    raio = 1.15 * max(abs(g[0]), abs(g[1]), tau)
    ax.set(xlim=(-raio, raio), ylim=(-raio, raio), xlabel="$g_x$", ylabel="$g_y$", aspect="equal")
    ax.axhline(0, color="0.8", lw=0.6, zorder=1)
    ax.axvline(0, color="0.8", lw=0.6, zorder=1)
    ax.set_title(f"g = ({fmt(g[0], 1)}; {fmt(g[1], 1)}), limite τ = {fmt(tau, 1)}", fontsize=10)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=1, frameon=False)
    graficos.virgula(ax)
    fig.tight_layout()
    return fig


def recorte_gradiente(gx: float = 3.0, gy: float = 1.0, limite: float = 2.0) -> ComFigura:
    """Widget: componentes gx e gy (−10 a 10) e o limite τ (0,1 a 10) do recorte."""
    gx = _real_faixa("gx", gx, -10.0, 10.0)
    gy = _real_faixa("gy", gy, -10.0, 10.0)
    limite = _real_faixa("limite", limite, 0.1, 10.0)
    controles = {
        "gx": deslizante("$g_x$", -10.0, 10.0, gx, 0.1),
        "gy": deslizante("$g_y$", -10.0, 10.0, gy, 0.1),
        "limite": deslizante("limite τ", 0.1, 10.0, limite, 0.1),
    }
    return painel(desenhar_recorte_gradiente, controles,
                  descricao=f"Widget do recorte do gradiente (g=({gx}, {gy}), limite={limite})")


# ---------------------------------------------------------------------------
# Capítulo 23: a temperatura na amostragem de um modelo de linguagem
# ---------------------------------------------------------------------------

_SIMBOLOS_INVISIVEIS = {" ": "␣", "\n": "↵", "\t": "⇥"}


def _numero_curto(valor: float) -> str:
    """Número com até duas casas e vírgula decimal, sem zeros sobrando (0,2; 1; 1,25)."""
    texto = graficos.formatar_numero(valor, 2)
    return texto.rstrip("0").rstrip(",") if "," in texto else texto


def _validar_temperatura(temperatura) -> float:
    """Confere que a temperatura é um número real positivo e finito e o devolve."""
    if isinstance(temperatura, bool) or not isinstance(temperatura, (int, float, np.integer, np.floating)):
        raise TypeError(f"a temperatura deve ser um número, não {type(temperatura).__name__}.")
    if not np.isfinite(temperatura) or temperatura <= 0:
        raise ValueError(f"a temperatura deve ser um número positivo, não {temperatura}.")
    return float(temperatura)


def _probabilidades_proximo(modelo, vocab, inicio: str, temperatura: float) -> np.ndarray:
    """Distribuição do próximo caractere depois de ``inicio``: softmax(logits / temperatura)."""
    import torch  # importação tardia: o PyTorch demora a carregar

    if not isinstance(inicio, str) or not inicio:
        raise ValueError("o início do texto não pode ser vazio.")
    indices = torch.as_tensor(vocab.codificar(inicio), dtype=torch.long)
    dispositivo = next(modelo.parameters()).device
    estava_treinando = modelo.training
    modelo.eval()
    try:
        with torch.no_grad():
            logits, _ = modelo(indices[None].to(dispositivo))
    finally:
        modelo.train(estava_treinando)
    z = logits[0, -1].double().cpu().numpy() / temperatura
    p = np.exp(z - z.max())
    return p / p.sum()


def desenhar_temperatura(modelo, vocab, inicio: str, temperatura, n: int = 160, semente: int = 0,
                         top: int = 15) -> Figure:
    """Próximo caractere e uma amostra de ``n`` caracteres para uma ou mais temperaturas.

    ``temperatura`` é um número ou uma sequência de números (uma coluna por
    temperatura). Em cima, as ``top`` maiores probabilidades do próximo
    caractere depois de ``inicio``; embaixo, um texto sorteado com
    ``linguagem.amostrar`` (mesma semente em todas as colunas).
    """
    import textwrap

    from . import linguagem  # importação tardia: traz o PyTorch

    temperaturas = [temperatura] if np.ndim(temperatura) == 0 else list(temperatura)
    if not temperaturas:
        raise ValueError("informe ao menos uma temperatura.")
    temperaturas = [_validar_temperatura(t) for t in temperaturas]
    n = _inteiro_contador("n", n, 1, 2000)
    top = min(_inteiro_contador("top", top, 1, 200), len(vocab))   # vocabulário pequeno: todos
    k = len(temperaturas)
    largura = max(4.3 * k, 7.0) / k                   # polegadas por coluna
    fig, eixos = graficos.figura(2, k, figsize=(largura * k, 4.3), squeeze=False, sharey="row",
                                 gridspec_kw={"height_ratios": [1.0, 0.32]})
    base = _probabilidades_proximo(modelo, vocab, inicio, 1.0)
    ordem = np.argsort(-base)[:top]  # dividir os logits por T > 0 não muda a ordem
    rotulos = [_SIMBOLOS_INVISIVEIS.get(c, c) for c in vocab.decodificar(ordem)]
    distribuicoes = [_probabilidades_proximo(modelo, vocab, inicio, t) for t in temperaturas]
    for j, (t, p) in enumerate(zip(temperaturas, distribuicoes)):
        entropia = float(-np.sum(p[p > 0] * np.log(p[p > 0])))
        ax = eixos[0, j]
        ax.bar(range(top), p[ordem], color=graficos.CORES[0])
        ax.set_xticks(range(top), rotulos)
        ax.set_title(f"T = {_numero_curto(t)}: $e^H$ ≈ {graficos.formatar_numero(np.exp(entropia), 1)} "
                     "escolhas efetivas", fontsize=10)
        if j == 0:
            ax.set_ylabel("P(próximo caractere)")
        amostra = linguagem.amostrar(modelo, vocab, inicio, n, temperatura=t, semente=semente)
        eixos[1, j].set_axis_off()
        eixos[1, j].text(0.0, 1.0, textwrap.fill(amostra.replace("\n", " ↵ "), width=int(10.7 * largura)), va="top",
                         ha="left", family="monospace", fontsize=8, transform=eixos[1, j].transAxes)
    eixos[0, 0].set_ylim(0, 1.1 * max(float(p[ordem].max()) for p in distribuicoes))
    fig.suptitle(f"O próximo caractere depois de «{inicio.strip()}» ({top} mais prováveis) e um texto "
                 f"sorteado (semente {semente})", fontsize=10)
    fig.tight_layout()
    return fig


def temperatura(modelo, vocab, inicio: str = "O modelo", temperatura: float = 0.5, n: int = 160,
                estaticas=(0.2, 1.0, 1.5)) -> ComFigura:
    """Widget: a temperatura (0,05 a 2) achata ou afia a distribuição do próximo caractere.

    O leitor escolhe a temperatura, a semente e o início do texto; a figura
    estática do livro mostra as temperaturas de ``estaticas`` lado a lado.
    """
    _validar_temperatura(temperatura)
    if not 0.05 <= temperatura <= 2.0:
        raise ValueError(f"use uma temperatura entre 0,05 e 2, não {temperatura}.")
    vocab.codificar(inicio)  # valida o início (caracteres conhecidos)
    if not inicio:
        raise ValueError("o início do texto não pode ser vazio.")

    def desenhar(temperatura: float, semente: int, inicio: str) -> Figure:
        try:
            return desenhar_temperatura(modelo, vocab, inicio, temperatura, n=n, semente=semente)
        except ValueError as erro:  # início digitado com caractere fora do vocabulário, por exemplo
            fig, ax = graficos.figura(figsize=(6, 1.2))
            ax.set_axis_off()
            ax.text(0.5, 0.5, str(erro), ha="center", va="center", color="#c0392b", wrap=True)
            return fig

    estilo = {"description_width": "initial"}
    controles = {
        "temperatura": deslizante("temperatura T", 0.05, 2.0, float(temperatura), 0.05),
        "semente": _iw.IntSlider(value=0, min=0, max=20, description="semente", style=estilo),
        "inicio": _iw.Text(value=inicio, description="início do texto", style=estilo, continuous_update=False),
    }
    resultado = painel(desenhar, controles, colunas=3,
                       descricao=f"Widget da temperatura (início «{inicio}», T={temperatura})")
    resultado.png = figura_para_png(desenhar_temperatura(modelo, vocab, inicio, list(estaticas), n=n))
    return resultado


# ---------------------------------------------------------------------------
# Parte VII: capítulo 26 (a matemática das GANs e uma GAN em 1-D)
# ---------------------------------------------------------------------------

def desenhar_discriminadores_otimos(media_gerada: float = 1.5, desvio_gerado: float = 1.0,
                                    media_real: float = 0.0, desvio_real: float = 1.0) -> Figure:
    """As densidades real e gerada (normais) e os dois discriminadores ótimos.

    À esquerda, ``p_t`` e ``p_g``; à direita, ``D* = p_t / (p_t + p_g)`` (perda
    log, suave) e o degrau (erro absoluto), com os valores dos dois jogos.
    """
    from . import gan  # importação tardia: traz o PyTorch

    media_gerada = _real_faixa("a média gerada", media_gerada, -20.0, 20.0)
    media_real = _real_faixa("a média real", media_real, -20.0, 20.0)
    desvio_gerado = _real_faixa("o desvio gerado", desvio_gerado, 0.05, 10.0)
    desvio_real = _real_faixa("o desvio real", desvio_real, 0.05, 10.0)
    fmt = graficos.formatar_numero
    real, gerada = gan.normal(media_real, desvio_real), gan.normal(media_gerada, desvio_gerado)
    baixo = min(media_real - 5 * desvio_real, media_gerada - 5 * desvio_gerado)
    alto = max(media_real + 5 * desvio_real, media_gerada + 5 * desvio_gerado)
    x = np.linspace(baixo, alto, 2001)
    p_t, p_g = real.densidade(x), gerada.densidade(x)
    suave, degrau = gan.discriminador_otimo(p_t, p_g), gan.discriminador_degrau(p_t, p_g)
    js, tv = gan.divergencia_js(p_t, p_g, x), gan.variacao_total(p_t, p_g, x)

    fig, (ax1, ax2) = graficos.figura(1, 2, figsize=(10, 3.6))
    ax1.fill_between(x, p_t, color="0.8", label="$p_t$ (real)")
    ax1.plot(x, p_g, color=graficos.CORES[0], label="$p_g$ (gerada)")
    ax1.set(xlabel="x", ylabel="densidade", title="As duas densidades")
    ax1.legend()
    ax2.plot(x, suave, color=graficos.CORES[1], label="perda log: $p_t/(p_t+p_g)$")
    ax2.plot(x, degrau, color=graficos.CORES[0], ls="--", label="erro absoluto: degrau")
    ax2.axhline(0.5, color="0.5", ls=":", lw=1)
    ax2.set(xlabel="x", ylabel="D*(x)", ylim=(-0.05, 1.05),
            title=f"V(D*) = −log 4 + 2·JS = {fmt(gan.valor_jogo(p_t, p_g, x), 3)};  "
                  f"E(degrau) = ½(1 − TV) = {fmt(gan.erro_absoluto_esperado(p_t, p_g, x), 3)}")
    ax2.title.set_fontsize(9)
    ax2.legend(loc="center right", fontsize=8)
    fig.suptitle(f"Discriminadores ótimos: JS = {fmt(js, 3)} nats (máx. log 2 ≈ 0,693), "
                 f"variação total = {fmt(tv, 3)} (máx. 1)", fontsize=10)
    fig.tight_layout()
    return fig


def discriminadores_otimos(media_gerada: float = 1.5, desvio_gerado: float = 1.0) -> ComFigura:
    """Widget: mova a normal gerada e veja o ``D*`` suave, o degrau, a JS e a variação total."""
    _real_faixa("a média gerada", media_gerada, -6.0, 6.0)
    _real_faixa("o desvio gerado", desvio_gerado, 0.2, 3.0)
    controles = {
        "media_gerada": deslizante("média gerada", -6.0, 6.0, float(media_gerada), 0.1),
        "desvio_gerado": deslizante("desvio gerado", 0.2, 3.0, float(desvio_gerado), 0.05),
    }
    return painel(desenhar_discriminadores_otimos, controles,
                  descricao=f"Widget dos discriminadores ótimos "
                            f"(média gerada {graficos.formatar_numero(media_gerada, 2)})")


def _validar_historico_gan(historico) -> None:
    """Confere que ``historico`` é um ``gan.HistoricoGAN1D`` com pelo menos um instantâneo."""
    from . import gan

    if not isinstance(historico, gan.HistoricoGAN1D):
        raise TypeError(f"esperava um HistoricoGAN1D (de gan.treinar_gan_1d), não {type(historico).__name__}.")
    if len(historico) == 0:
        raise ValueError("o histórico não tem instantâneos.")


def _indice_instantaneo(historico, indice) -> int:
    """Confere o índice de um instantâneo (negativos contam do fim) e o devolve não negativo."""
    n = len(historico)
    indice = _inteiro_contador("o índice do instantâneo", indice, -n, n - 1)
    return indice % n


def _densidades_e_d(historico, i: int, ax_densidade, ax_d, legenda: bool = True) -> None:
    """Desenha o instantâneo ``i``: densidade gerada vs alvo e ``D(x)`` vs ``D*``."""
    fmt = graficos.formatar_numero
    x = historico.grade
    ax_densidade.fill_between(x, historico.densidade_alvo, color="0.8", label="alvo $p_t$")
    ax_densidade.plot(x, historico.densidades[i], color=graficos.CORES[0], label="gerada $p_g$ (KDE)")
    ax_densidade.set_ylim(0, 1.15 * max(historico.densidade_alvo.max(), 1e-12))
    ax_densidade.set_title(f"passo {fmt(historico.passos[i], 0)}: $W_1$ = {fmt(historico.wasserstein[i], 3)}, "
                           f"JS = {fmt(historico.js[i], 3)}", fontsize=9)
    d_otimo = historico.discriminador_otimo(i)
    massa = historico.densidade_alvo + historico.densidades[i]
    d_otimo[massa < 1e-2 * massa.max()] = np.nan   # sem dados por perto, D* não diz nada
    ax_d.plot(x, historico.d[i], color=graficos.CORES[1], label="D(x) treinado")
    ax_d.plot(x, d_otimo, color="k", ls="--", lw=1.2, label="D* = $p_t/(p_t+p_g)$")
    ax_d.axhline(0.5, color="0.5", ls=":", lw=1)
    ax_d.set_ylim(-0.03, 1.03)
    ax_d.set_xlabel("x")
    if legenda:
        ax_densidade.legend(fontsize=8, loc="upper left")
        ax_d.legend(fontsize=8, loc="upper left")


def desenhar_treino_gan_1d(historico, indices=(0, 1, -1)) -> Figure:
    """Instantâneos do treino de uma GAN em 1-D, um por coluna.

    Em cima, a densidade gerada contra a do alvo; embaixo, a curva ``D(x)`` do
    discriminador contra o ótimo ``D*`` calculado das duas densidades.
    """
    _validar_historico_gan(historico)
    lista = [indices] if np.ndim(indices) == 0 else list(indices)
    if not lista:
        raise ValueError("informe ao menos um instantâneo.")
    lista = [_indice_instantaneo(historico, i) for i in lista]
    k = len(lista)
    fig, eixos = graficos.figura(2, k, figsize=(max(3.4 * k, 5.0), 5.2), squeeze=False, sharex=True,
                                 sharey="row")
    for j, i in enumerate(lista):
        _densidades_e_d(historico, i, eixos[0, j], eixos[1, j], legenda=(j == 0))
    eixos[0, 0].set_ylabel("densidade")
    eixos[1, 0].set_ylabel("D(x)")
    fig.tight_layout()
    return fig


def _media_movel(valores: np.ndarray, janela: int) -> np.ndarray:
    """Médias de ``janela`` valores consecutivos (``len(valores) − janela + 1`` médias)."""
    janela = max(1, min(int(janela), len(valores)))
    soma = np.cumsum(np.insert(np.asarray(valores, dtype=float), 0, 0.0))
    return (soma[janela:] - soma[:-janela]) / janela


def desenhar_perdas_gan_1d(historico, ax=None, *, indice: int | None = None) -> Figure:
    """As perdas do discriminador e do gerador ao longo do treino (média móvel de 2% dos passos).

    Linhas horizontais marcam os valores de equilíbrio (``D = 1/2`` em toda
    parte) do jogo e da variante gravados no histórico; com ``indice``, uma
    linha vertical marca o passo desse instantâneo. Desenha em ``ax`` (ou numa
    figura nova) e devolve a figura.
    """
    import math

    from matplotlib.axes import Axes

    _validar_historico_gan(historico)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax deve ser um eixo do matplotlib (Axes), não {type(ax).__name__}.")
    perda_d, perda_g = np.asarray(historico.perda_d, dtype=float), np.asarray(historico.perda_g, dtype=float)
    if perda_d.size == 0 or perda_d.shape != perda_g.shape:
        raise ValueError("o histórico precisa de perdas gravadas, do mesmo tamanho, para D e para G.")
    if ax is None:
        _, ax = graficos.figura(figsize=(6, 3.8))
    fmt = graficos.formatar_numero
    janela = max(1, perda_d.size // 50)
    passos = np.arange(janela, perda_d.size + 1)
    nome_g = ("erro absoluto" if historico.perda != "log"
              else {"nao_saturante": "não saturante"}.get(historico.variante, historico.variante))
    ax.plot(passos, _media_movel(perda_d, janela), color=graficos.CORES[1], label="perda do discriminador")
    ax.plot(passos, _media_movel(perda_g, janela), color=graficos.CORES[0], ls="--",
            label=f"perda do gerador ({nome_g})")
    if historico.perda == "log":
        equilibrios = [(math.log(4), f"log 4 ≈ {fmt(math.log(4), 3)} (equilíbrio de D)")]
        equilibrios.append((math.log(2), f"log 2 ≈ {fmt(math.log(2), 3)} (equilíbrio de G)")
                           if historico.variante == "nao_saturante"
                           else (-math.log(2), f"−log 2 ≈ {fmt(-math.log(2), 3)} (equilíbrio de G)"))
    else:   # erro absoluto: D = 1/2 em toda parte dá 1 para D e 1/2 para G
        equilibrios = [(1.0, "1 (equilíbrio de D)"), (0.5, "½ (equilíbrio de G)")]
    for (valor, rotulo), estilo in zip(equilibrios, (":", "-.")):
        ax.axhline(valor, color="0.4", ls=estilo, lw=1, label=rotulo)
    if indice is not None:
        ax.axvline(historico.passos[_indice_instantaneo(historico, indice)], color="0.2", lw=1)
    ax.set(xlabel="passo", ylabel=f"perda (média de {fmt(janela, 0)} passos)", title="perdas")
    ax.legend(fontsize=8)
    return ax.figure


def desenhar_instantaneo_gan_1d(historico, indice: int = -1) -> Figure:
    """Um instantâneo do treino (densidades e ``D(x)``) e as curvas das perdas até ali."""
    _validar_historico_gan(historico)
    i = _indice_instantaneo(historico, indice)
    fig, (ax1, ax2, ax3) = graficos.figura(1, 3, figsize=(12, 3.6))
    _densidades_e_d(historico, i, ax1, ax2)
    ax1.set(xlabel="x", ylabel="densidade")
    ax2.set(ylabel="D(x)", title="discriminador treinado e ótimo")
    ax2.title.set_fontsize(9)
    desenhar_perdas_gan_1d(historico, ax3, indice=i)
    ax3.title.set_fontsize(9)
    fig.tight_layout()
    return fig


def treino_gan_1d(historico, indice: int = -1) -> ComFigura:
    """Widget: um deslizante percorre os instantâneos gravados do treino da GAN em 1-D."""
    _validar_historico_gan(historico)
    i = _indice_instantaneo(historico, indice)
    opcoes = [(graficos.formatar_numero(p, 0), k) for k, p in enumerate(historico.passos)]
    controles = {"indice": _iw.SelectionSlider(options=opcoes, value=i, description="passo do treino",
                                              continuous_update=True, style={"description_width": "initial"},
                                              layout=_iw.Layout(width="420px"))}
    return painel(lambda indice: desenhar_instantaneo_gan_1d(historico, indice), controles,
                  descricao=f"Widget do treino da GAN em 1-D ({len(historico)} instantâneos)")


# ---------------------------------------------------------------------------
# Parte VII: capítulos 24 e 25 (transformada inversa e largura do núcleo no MMD)
# ---------------------------------------------------------------------------

NOMES_DISTRIBUICOES = {"normal": "normal padrão", "exponencial": "exponencial (taxa 1)",
                       "logistica": "logística", "cauchy": "Cauchy", "mistura": "mistura de duas normais",
                       "uniforme": "uniforme em [0, 1]"}
"""Nomes de leitura das distribuições de ``amostragem.DISTRIBUICOES`` (padrões dos parâmetros)."""


def faixa_distribuicao(distribuicao: str, **parametros: float) -> tuple[float, float]:
    """Faixa de x para desenhar a distribuição: dos quantis de 0,5% a 99,5%, sem passar de 6 IQR da mediana.

    O limite em torno da mediana evita que as caudas pesadas da Cauchy achatem o gráfico.
    """
    from . import amostragem  # importação tardia, como nas outras seções

    q = amostragem.transformada_inversa(np.array([0.005, 0.25, 0.5, 0.75, 0.995]), distribuicao, **parametros)
    meia = 6 * (q[3] - q[1])
    return float(max(q[0], q[2] - meia)), float(min(q[4], q[2] + meia))


def desenhar_transformada_inversa(distribuicao: str = "normal", u: float = 0.8, n: int = 2000,
                                  semente: int = 0) -> Figure:
    """O método da transformada inversa em três painéis.

    À esquerda, ``n`` uniformes U em (0, 1) (histograma deitado, no eixo de
    u); no meio, a FDA ``F`` e o caminho de ``u`` até ``x = F⁻¹(u)``; à
    direita, o histograma dos ``F⁻¹(U)`` contra a densidade-alvo.
    """
    from . import amostragem

    u = _real_faixa("u", u, 0.001, 0.999)
    n = _inteiro_contador("n", n, 10, 200_000)
    nome = NOMES_DISTRIBUICOES.get(distribuicao, distribuicao)
    uniformes = amostragem.uniformes_abertos(n, semente)
    x = amostragem.transformada_inversa(uniformes, distribuicao)     # valida a distribuição
    x_u = amostragem.transformada_inversa(u, distribuicao)
    inicio, fim = faixa_distribuicao(distribuicao)
    grade = np.linspace(inicio, fim, 400)
    fmt = graficos.formatar_numero
    fig, eixos = graficos.figura(1, 3, figsize=(11, 4.2), gridspec_kw={"width_ratios": [0.7, 3, 3]})
    ax_u, ax_fda, ax_hist = eixos
    ax_u.hist(uniformes, bins=20, range=(0, 1), orientation="horizontal", density=True,
              color=graficos.CORES[5], alpha=0.6)
    ax_u.set(ylim=(0, 1), xlim=(0, 1.6), xlabel="densidade", ylabel="$u$")
    ax_u.invert_xaxis()
    ax_u.set_title("$U$ uniforme", fontsize=10)
    x_desenho = float(np.clip(x_u, inicio, fim))
    ax_fda.plot(grade, amostragem.fda(grade, distribuicao), color=graficos.CORES[0], lw=2, label="FDA $F(x)$")
    ax_fda.plot([inicio, x_desenho], [u, u], color=graficos.CORES[1], lw=1.5, ls="--")
    ax_fda.annotate("", xy=(x_desenho, 0), xytext=(x_desenho, u),
                    arrowprops=dict(arrowstyle="->", color=graficos.CORES[1], lw=1.5))
    ax_fda.plot([x_desenho], [u], "o", color=graficos.CORES[1])
    ax_fda.set(xlim=(inicio, fim), ylim=(0, 1), xlabel="$x$", ylabel="$F(x) = P(X \\leq x)$")
    fora = "" if inicio <= x_u <= fim else " (fora do gráfico)"
    ax_fda.set_title(f"$u$ = {fmt(u, 2)} → $x = F^{{-1}}(u)$ = {fmt(x_u, 2)}{fora}", fontsize=10)
    dentro = x[(x >= inicio) & (x <= fim)]
    alturas, bordas = np.histogram(dentro, bins=40, range=(inicio, fim))
    ax_hist.bar(bordas[:-1], alturas / (n * np.diff(bordas)), width=np.diff(bordas), align="edge",
                color=graficos.CORES[5], alpha=0.6, label=f"$F^{{-1}}(U)$, {fmt(n, 0)} sorteios")
    ax_hist.plot(grade, amostragem.densidade(grade, distribuicao), color=graficos.CORES[0], lw=2,
                 label="densidade-alvo $f(x)$")
    if inicio <= x_u <= fim:
        ax_hist.axvline(x_u, color=graficos.CORES[1], ls="--", lw=1.2)
    ax_hist.set(xlim=(inicio, fim), xlabel="$x$", ylabel="densidade")
    ks = amostragem.distancia_ks(x, distribuicao)
    ax_hist.set_title(f"distância KS à FDA-alvo: {fmt(ks, 3)}", fontsize=10)
    ax_hist.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2)
    fig.suptitle(f"Transformada inversa: da uniforme à {nome}", fontsize=11)
    fig.tight_layout()
    return fig


def transformada_inversa(distribuicao: str = "normal", u: float = 0.8, n: int = 2000) -> ComFigura:
    """Widget: escolha a distribuição-alvo e mova ``u`` (0,01 a 0,99) pela inversa da FDA."""
    from . import amostragem

    if distribuicao not in amostragem.DISTRIBUICOES:
        raise ValueError(f"distribuição desconhecida: {distribuicao!r}. "
                         f"Opções: {', '.join(amostragem.DISTRIBUICOES)}.")
    u = _real_faixa("u", u, 0.01, 0.99)
    n = _inteiro_contador("n", n, 10, 200_000)
    controles = {
        "distribuicao": _iw.Dropdown(options=[(NOMES_DISTRIBUICOES[d], d) for d in amostragem.DISTRIBUICOES],
                                     value=distribuicao, description="alvo",
                                     style={"description_width": "initial"}),
        "u": deslizante("$u$", 0.01, 0.99, u, 0.01),
    }
    return painel(lambda distribuicao, u: desenhar_transformada_inversa(distribuicao, u, n), controles,
                  descricao=f"Widget da transformada inversa ({distribuicao}, u={u})")


def desenhar_largura_mmd(largura: float = 1.0, media: float = 2.0, desvio: float = 0.5, n: int = 200,
                         semente: int = 0) -> Figure:
    """MMD² entre o alvo N(0, σ²) e o gerado N(μ, σ²) para uma largura h do núcleo gaussiano.

    À esquerda, as duas densidades e o núcleo ``k(x, μ)`` (tracejado, altura
    1). À direita, o MMD² exato em função da média gerada (linha), estimativas
    com ``n`` pontos de cada lado (pontos) e a média escolhida (losango).
    """
    from . import amostragem

    h = _real_faixa("largura", largura, 1e-3, 1e3)
    mu = _real_faixa("media", media, -10.0, 10.0)
    s = _real_faixa("desvio", desvio, 1e-2, 10.0)
    n = _inteiro_contador("n", n, 2, 5000)
    fmt, adaptativo = graficos.formatar_numero, graficos.formatar_adaptativo   # científico só se < 0,01
    rng = np.random.default_rng(semente)
    fig, (ax_d, ax_m) = graficos.figura(1, 2, figsize=(11, 4.4))
    x = np.linspace(-6, 6, 600)
    ax_d.plot(x, amostragem.densidade(x, "normal", desvio=s), color=graficos.CORES[0], lw=2,
              label="alvo $P$")
    ax_d.plot(x, amostragem.densidade(x, "normal", media=mu, desvio=s), color=graficos.CORES[1], lw=2,
              ls="--", label="gerado $Q$")
    ax_d.plot(x, np.exp(-(x - mu) ** 2 / (2 * h * h)), color="0.4", lw=1.2, ls=":",
              label=f"núcleo $k(x, \\mu)$, $h$ = {fmt(h, 2)}")
    ax_d.set(xlim=(-6, 6), ylim=(0, max(1.05, 1.1 / (s * np.sqrt(2 * np.pi)))), xlabel="$x$",
             ylabel="densidade (núcleo: altura 1)")
    ax_d.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3)
    ax_d.set_title(f"alvo N(0; {fmt(s, 1)}²) e gerado N({fmt(mu, 1)}; {fmt(s, 1)}²)", fontsize=10)
    medias = np.linspace(-6, 6, 241)
    exato = np.array([amostragem.mmd2_gaussianas(0.0, s, m, s, h) for m in medias])
    ax_m.plot(medias, exato, color=graficos.CORES[0], lw=2, label="MMD² exato")
    pontos = np.linspace(-6, 6, 25)
    estimados = [amostragem.mmd2(rng.normal(0, s, n), rng.normal(m, s, n), h) for m in pontos]
    ax_m.plot(pontos, estimados, "o", ms=4, color=graficos.CORES[3],
              label=f"estimado com {fmt(n, 0)} + {fmt(n, 0)} pontos")
    valor = amostragem.mmd2_gaussianas(0.0, s, mu, s, h)
    eps = 1e-4
    inclinacao = (amostragem.mmd2_gaussianas(0.0, s, mu + eps, s, h)
                  - amostragem.mmd2_gaussianas(0.0, s, mu - eps, s, h)) / (2 * eps)
    ax_m.plot([mu], [valor], "D", ms=8, color=graficos.CORES[1], zorder=4, label="média gerada $\\mu$")
    ax_m.axhline(0, color="0.6", lw=0.7)
    ax_m.set(xlim=(-6, 6), xlabel="média gerada $\\mu$", ylabel="MMD²")
    # sensibilidade à forma: mesma média, o dobro do desvio, e o ruído do estimador nesse caso
    forma = amostragem.mmd2_gaussianas(0.0, s, 0.0, 2 * s, h)
    ruido = np.std([amostragem.mmd2(rng.normal(0, s, n), rng.normal(0, 2 * s, n), h) for _ in range(20)])
    ax_m.set_title(f"em μ: MMD² = {adaptativo(valor)}, inclinação dMMD²/dμ = {adaptativo(inclinacao)}\n"
                   f"desvio dobrado, mesma média: MMD² = {adaptativo(forma)} (ruído ± {adaptativo(ruido)})",
                   fontsize=9)
    ax_m.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3)
    graficos.virgula(ax_m)
    fig.tight_layout()
    return fig


def largura_mmd(largura: float = 1.0, media: float = 2.0, desvio: float = 0.5) -> ComFigura:
    """Widget: a largura h do núcleo (0,03 a 30, escala log) e a média gerada μ (−5 a 5)."""
    largura = _real_faixa("largura", largura, 0.03, 30.0)
    media = _real_faixa("media", media, -5.0, 5.0)
    desvio = _real_faixa("desvio", desvio, 1e-2, 10.0)
    estilo = {"description_width": "initial"}
    controles = {
        "largura": _iw.FloatLogSlider(value=largura, base=10, min=np.log10(0.03), max=np.log10(30.0), step=0.05,
                                      description="largura $h$", style=estilo, layout=_iw.Layout(width="320px")),
        "media": deslizante("média gerada $\\mu$", -5.0, 5.0, media, 0.1),
    }
    return painel(lambda largura, media: desenhar_largura_mmd(largura, media, desvio), controles,
                  descricao=f"Widget da largura do núcleo no MMD (h={largura}, μ={media})")
