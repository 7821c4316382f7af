"""Marcos da história das redes neurais, para a linha do tempo do livro.

A figura é desenhada por ``graficos.linha_do_tempo`` e gravada em
``book/figuras/`` por ``python -m profundo.livro figuras``. Cada marco
corresponde a uma publicação citada em ``book/historia.md``.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from . import graficos

EVENTOS: tuple[tuple[int, str], ...] = (
    (1943, "McCulloch e Pitts:\nneurônio lógico"),
    (1949, "Hebb: conexões que\nse reforçam com o uso"),
    (1958, "Rosenblatt:\nperceptron"),
    (1960, "Widrow e Hoff:\nADALINE"),
    (1965, "Ivakhnenko e Lapa:\nredes com várias camadas"),
    (1969, "Minsky e Papert:\nlimites do perceptron"),
    (1974, "Werbos: retropropagação\n(tese)"),
    (1980, "Fukushima:\nneocognitron"),
    (1982, "Hopfield:\nmemória associativa"),
    (1986, "Rumelhart, Hinton e\nWilliams: retropropagação"),
    (1989, "LeCun: convolução\nem CEPs manuscritos"),
    (1997, "Hochreiter e\nSchmidhuber: LSTM"),
    (1998, "LeNet-5 e\no MNIST"),
    (2006, "Hinton: redes de\ncrença profundas"),
    (2009, "ImageNet e\nGPUs para redes"),
    (2012, "AlexNet vence\no ImageNet"),
    (2014, "GANs"),
    (2017, "Transformers:\natenção"),
    (2020, "GPT-3: 175 bilhões\nde parâmetros"),
)
"""(ano, marco) em ordem cronológica."""

INVERNOS: tuple[tuple[int, int, str], ...] = (
    (1970, 1982, "primeiro inverno"),
    (1995, 2006, "segundo inverno"),
)
"""(início, fim, rótulo): períodos aproximados de desinteresse e pouco financiamento.

As datas são aproximadas e variam conforme o autor; o segundo período é o das
redes neurais (ofuscadas pelas máquinas de vetores de suporte), não o da IA em geral.
"""

DESTAQUES = (1958, 1986, 2012)
"""Os três marcos destacados: o perceptron, a retropropagação e a AlexNet."""


def figura_linha_do_tempo() -> Figure:
    """A linha do tempo com os invernos sombreados."""
    return graficos.linha_do_tempo(EVENTOS, destaques=DESTAQUES, periodos=INVERNOS,
                                   titulo="Oito décadas de redes neurais")
