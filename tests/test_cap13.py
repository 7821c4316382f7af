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


def test_ajuste_limita_blas_so_durante_o_ajuste():
    """O ajuste roda o BLAS com uma thread (lstsq pequeno) e devolve o limite anterior ao sair."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    antes = [(i["internal_api"], i["num_threads"]) for i in threadpoolctl.threadpool_info()]
    alturas = universalidade.ajustar_alturas(12)
    depois = [(i["internal_api"], i["num_threads"]) for i in threadpoolctl.threadpool_info()]
    assert antes == depois
    assert alturas.shape == (12,)


def test_numeros_do_capitulo():
    """Números que a prosa do capítulo 13 usa: degrau, ressalto da fonte, erro e inclinação com N."""
    assert universalidade.posicao_degrau(1000.0, -400.0) == pytest.approx(0.4)
    assert universalidade.posicao_degrau(400.0, -120.0) == pytest.approx(0.3)
    assert universalidade.ressalto(0.5, 0.4, 0.6, 0.8) == pytest.approx(0.8, abs=1e-6)
    # largura da subida de 0,01 a 0,99: 2·ln(99)/w
    w = 1000.0
    largura = 2 * np.log(99) / w
    assert universalidade.degrau(0.4 + largura / 2, 0.4, w) == pytest.approx(0.99)
    # a torre: 2 no retângulo, 1 nas faixas, 0 fora
    soma = universalidade.soma_ressaltos_2d(np.array([0.45, 0.45, 0.9]), np.array([0.6, 0.1, 0.1]),
                                            (0.3, 0.6), (0.4, 0.8))
    assert np.allclose(soma, [2, 1, 0], atol=1e-6)
    # com degraus quase ideais, o melhor erro cai como 1/N
    ns = np.arange(10, 101, 10)
    erros = universalidade.melhor_erro_por_n(ns, w=1e5)
    inclinacao = np.polyfit(np.log(ns), np.log(erros), 1)[0]
    assert inclinacao == pytest.approx(-1.0, abs=0.1)
    assert universalidade.melhor_erro_por_n([5])[0] == pytest.approx(0.0745, abs=5e-4)
