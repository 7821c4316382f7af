"""Marcos da história das redes neurais, para a linha do tempo do livro.

A figura é desenhada por ``graficos.linha_do_tempo`` e gravada em
``book/figuras/`` por ``python -m profundo.livro figuras``.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from . import graficos

EVENTOS: tuple[tuple[int, str], ...] = (
    (1943, "McCulloch e Pitts:\nneurônio lógico"),
    (1949, "Hebb: regra de\naprendizado sináptico"),
    (1958, "Rosenblatt:\nperceptron"),
    (1969, "Minsky e Papert:\nlimites do perceptron"),
    (1974, "Werbos: retropropagação\n(tese)"),
    (1980, "Fukushima:\nneocognitron"),
    (1982, "Hopfield:\nredes recorrentes"),
    (1986, "Rumelhart, Hinton e\nWilliams: backpropagation"),
    (1989, "LeCun: convolução\nem CEPs manuscritos"),
    (1997, "Hochreiter e\nSchmidhuber: LSTM"),
    (1998, "LeNet-5 e\no MNIST"),
    (2006, "Hinton: redes de\ncrença profundas"),
    (2009, "ImageNet e\nGPUs para redes"),
    (2012, "AlexNet vence\no ImageNet"),
    (2014, "GANs"),
    (2017, "Transformers:\natenção"),
    (2020, "GPT-3:\n175 bilhões de parâmetros"),
)
"""(ano, marco) em ordem cronológica."""

INVERNOS: tuple[tuple[int, int], ...] = ((1970, 1982), (1990, 2005))
"""Períodos aproximados de desinteresse e pouco financiamento ("invernos")."""

DESTAQUES = (1958, 1986, 2012)


def figura_linha_do_tempo() -> Figure:
    """A linha do tempo com os invernos sombreados."""
    fig = graficos.linha_do_tempo(EVENTOS, destaques=DESTAQUES,
                                  titulo="Oito décadas de redes neurais")
    ax = fig.axes[0]
    for inicio, fim in INVERNOS:
        ax.axvspan(inicio, fim, color="0.85", zorder=0)
        ax.text((inicio + fim) / 2, -3.7, "inverno", ha="center", fontsize=8, color="0.35")
    return fig
