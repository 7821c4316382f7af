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
