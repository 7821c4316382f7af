"""Widgets do capítulo 13 (universalidade)."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from profundo import universalidade, widgets


@pytest.mark.parametrize("fabrica", [widgets.degrau_neuronio, widgets.ressalto,
                                     widgets.aproximacao, widgets.torre])
def test_widgets_tem_imagem_estatica(fabrica):
    resultado = fabrica()
    assert isinstance(resultado, widgets.ComFigura)
    assert resultado.png.startswith(b"\x89PNG")
    assert "image/png" in resultado._repr_mimebundle_()


def test_aproximacao_recria_alturas_e_mostra_solucao():
    resultado = widgets.aproximacao(n_pares=3)
    topo, caixa, _ = resultado.widget.children
    controle_n, botao = topo.children
    assert len(caixa.children) == 3
    controle_n.value = 8
    assert len(caixa.children) == 8
    botao.click()
    valores = [c.value for c in caixa.children]
    assert np.allclose(valores, universalidade.ajustar_alturas(8), atol=0.01)


@pytest.mark.parametrize("chamada, erro", [
    (lambda: widgets.degrau_neuronio(w=0.0), ValueError),
    (lambda: widgets.degrau_neuronio(w=5000.0), ValueError),
    (lambda: widgets.ressalto(s1=1.5), ValueError),
    (lambda: widgets.ressalto(h="alto"), TypeError),
    (lambda: widgets.aproximacao(n_pares=0), ValueError),
    (lambda: widgets.aproximacao(n_pares=30), ValueError),
    (lambda: widgets.aproximacao(n_pares=2.0), TypeError),
    (lambda: widgets.torre(x1=-0.1), ValueError),
    (lambda: widgets.desenhar_aproximacao([]), ValueError),
])
def test_widgets_rejeitam_entradas_ruins(chamada, erro):
    with pytest.raises(erro):
        chamada()
