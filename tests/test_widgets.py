import base64

import ipywidgets as w
import pytest

from profundo import widgets
from profundo.perceptron import PORTAS

PNG = b"\x89PNG\r\n\x1a\n"


def test_painel_tem_widget_e_imagem_estatica():
    chamadas = []

    def desenhar(a):
        chamadas.append(a)
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.plot([0, a])
        return fig

    obj = widgets.painel(desenhar, {"a": widgets.deslizante("a", 0, 2, 1)}, descricao="teste")
    pacote = obj._repr_mimebundle_()
    assert widgets.WIDGET_MIME in pacote
    assert base64.b64decode(pacote["image/png"]).startswith(PNG)
    assert pacote["text/plain"] == "teste"
    assert 1 in chamadas  # desenhou o estado inicial


def test_painel_valida_argumentos():
    with pytest.raises(TypeError):
        widgets.painel("não é função", {"a": w.FloatSlider()})
    with pytest.raises(ValueError):
        widgets.painel(lambda: None, {})
    with pytest.raises(TypeError, match="controle"):
        widgets.painel(lambda a: None, {"a": 3})
    with pytest.raises(ValueError, match="fora"):
        widgets.deslizante("x", 0, 1, 5)


@pytest.mark.parametrize("porta", PORTAS)
def test_separabilidade_em_todas_as_portas(porta):
    fig = widgets.desenhar_separabilidade(porta, 1.0, 1.0, -1.5)
    titulo = fig.axes[0].get_title()
    assert porta in titulo
    assert ("não é linearmente separável" in titulo) == (porta == "XOR")


def test_separabilidade_conta_acertos():
    fig = widgets.desenhar_separabilidade("AND", 1.0, 1.0, -1.5)
    assert "4 de 4 corretos" in fig.axes[0].get_title()
    fig = widgets.desenhar_separabilidade("XOR", 1.0, 1.0, -0.5)
    assert "3 de 4 corretos" in fig.axes[0].get_title()


def test_widgets_da_parte_um():
    assert widgets.WIDGET_MIME in widgets.separabilidade("XOR")._repr_mimebundle_()
    assert widgets.WIDGET_MIME in widgets.explorador_ativacoes("relu")._repr_mimebundle_()
    with pytest.raises(ValueError):
        widgets.separabilidade("XYZ")
    with pytest.raises(ValueError):
        widgets.explorador_ativacoes("inexistente")


# --- capítulo 26: as perdas da GAN em 1-D ------------------------------------------------------

@pytest.fixture(scope="module")
def historico_gan_1d():
    from profundo import gan
    return gan.treinar_gan_1d(passos=100, a_cada=50, tamanho_lote=16, n_amostras=50, ocultos=4,
                              dispositivo="cpu")


def test_desenhar_perdas_gan_1d(historico_gan_1d):
    import math

    import numpy as np
    from matplotlib.figure import Figure
    h = historico_gan_1d
    fig = widgets.desenhar_perdas_gan_1d(h)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    d, g = ax.lines[0], ax.lines[1]
    janela = len(h.perda_d) // 50
    assert len(d.get_xdata()) == len(h.perda_d) - janela + 1
    assert np.allclose(d.get_ydata(), np.convolve(h.perda_d, np.ones(janela) / janela, mode="valid"))
    assert np.allclose(g.get_ydata(), np.convolve(h.perda_g, np.ones(janela) / janela, mode="valid"))
    assert {round(linha.get_ydata()[0], 6) for linha in ax.lines[2:]} == {round(math.log(4), 6),
                                                                        round(math.log(2), 6)}
    rotulos = ax.get_legend_handles_labels()[1]
    assert "perda do gerador (não saturante)" in rotulos and any("1,386" in r for r in rotulos)
    # num eixo dado, com a linha vertical do instantâneo
    import matplotlib.pyplot as plt
    fig2, (ax1, ax2) = plt.subplots(1, 2)
    assert widgets.desenhar_perdas_gan_1d(h, ax2, indice=1) is fig2
    assert not ax1.lines and ax2.lines[-1].get_xdata()[0] == h.passos[1]
    # o widget usa a mesma função: as duas primeiras curvas do terceiro painel são as mesmas
    ax3 = widgets.desenhar_instantaneo_gan_1d(h, 1).axes[2]
    assert np.allclose(ax3.lines[0].get_ydata(), d.get_ydata())
    plt.close("all")


def test_desenhar_perdas_gan_1d_erro_absoluto_e_erros():
    import dataclasses

    import numpy as np
    from profundo import gan
    h = gan.treinar_gan_1d(passos=20, a_cada=10, tamanho_lote=8, n_amostras=20, ocultos=4,
                           perda="erro_absoluto", dispositivo="cpu")
    ax = widgets.desenhar_perdas_gan_1d(h).axes[0]
    assert "perda do gerador (erro absoluto)" in ax.get_legend_handles_labels()[1]
    assert {linha.get_ydata()[0] for linha in ax.lines[2:]} == {1.0, 0.5}
    with pytest.raises(TypeError, match="HistoricoGAN1D"):
        widgets.desenhar_perdas_gan_1d({"perda_d": [1.0]})
    with pytest.raises(TypeError, match="Axes"):
        widgets.desenhar_perdas_gan_1d(h, ax="eixo")
    with pytest.raises(ValueError, match="índice"):
        widgets.desenhar_perdas_gan_1d(h, indice=len(h))
    with pytest.raises(ValueError, match="perdas"):
        widgets.desenhar_perdas_gan_1d(dataclasses.replace(h, perda_d=np.zeros(0)))
