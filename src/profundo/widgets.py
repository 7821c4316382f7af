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
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.figure import Figure

from . import ativacoes as _ativ
from . import graficos
from .perceptron import PORTAS, linearmente_separavel, tabela_verdade

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
