"""Capítulo 16: os números do capítulo (exemplo 5×5, série 1-D) e o widget do campo receptivo."""

import ipywidgets as w
import numpy as np
import pytest
import torch

from profundo import cnn, graficos, widgets

ENTRADA_5X5 = np.array([[35, 40, 41, 45, 50],
                        [40, 40, 42, 46, 52],
                        [42, 46, 50, 55, 55],
                        [48, 52, 56, 58, 60],
                        [56, 60, 65, 70, 75]], dtype=float)
NUCLEO_5X5 = np.array([[0, 1, 0], [0, 0, 0], [0, 0, 0]], dtype=float)
SERIE = np.array([1.2, 0.9, -0.8, 0.7, 1.5, -1.3, -1.0, 0.7, 1.3, 1.4])


def _digito() -> np.ndarray:
    """Um "0" sintético 28×28 (um anel), para não depender dos dados."""
    i, j = np.mgrid[0:28, 0:28]
    raio = np.hypot(i - 13.5, j - 13.5)
    return ((raio > 5) & (raio < 9)).astype(float)


def test_exemplo_5x5_correlacao_e_convolucao():
    """Correlação: 42 no centro (a fonte); convolução verdadeira (núcleo girado): 56."""
    corr = cnn.correlacao2d(ENTRADA_5X5, NUCLEO_5X5)
    conv = cnn.convolucao2d(ENTRADA_5X5, NUCLEO_5X5)
    assert corr.shape == (3, 3) and corr[1, 1] == 42
    assert conv[1, 1] == 56
    np.testing.assert_array_equal(corr, ENTRADA_5X5[0:3, 1:4])   # copia o pixel de cima
    np.testing.assert_array_equal(conv, ENTRADA_5X5[2:5, 1:4])   # copia o pixel de baixo
    # a "convolução" do PyTorch é a correlação cruzada
    t = torch.nn.functional.conv2d(torch.tensor(ENTRADA_5X5)[None, None], torch.tensor(NUCLEO_5X5)[None, None])
    assert float(t[0, 0, 1, 1]) == 42


def test_serie_da_aula_16():
    """Filtro (1, 2, 1): 2,2 e 0 nas duas primeiras janelas (os números da fonte)."""
    sem = cnn.correlacao1d(SERIE, [1, 2, 1])
    com = cnn.correlacao1d(SERIE, [1, 2, 1], preenchimento=2)
    np.testing.assert_allclose(sem, [2.2, 0.0, 2.1, 2.4, -2.1, -2.6, 1.7, 4.7], atol=1e-12)
    assert len(com) == 12
    np.testing.assert_allclose(com[:2], [1.2, 3.3], atol=1e-12)
    np.testing.assert_allclose(com[2:10], sem, atol=1e-12)
    np.testing.assert_allclose(com, np.convolve(SERIE, [1, 2, 1], mode="full"), atol=1e-12)
    np.testing.assert_allclose(com.reshape(4, 3).max(axis=1), [3.3, 2.4, 1.7, 4.7], atol=1e-12)


def test_numeros_do_capitulo():
    assert cnn.contagem_parametros_densa(784, 30) == 23_550
    assert cnn.contagem_parametros_conv(1, 20, 5) == 520
    casos = {(5, 3, 1, 0): 3, (28, 5, 1, 0): 24, (28, 3, 1, 0): 26, (28, 3, 1, 1): 28,
             (28, 3, 2, 1): 14, (28, 3, 2, 0): 13, (10, 3, 1, 2): 12, (32, 5, 1, 0): 28}
    for (n, k, s, p), esperado in casos.items():
        assert cnn.tamanho_saida(n, k, s, p) == esperado


def test_filtro_campo():
    for k in range(2, 10):
        assert np.isclose(widgets.filtro_campo("média", k).sum(), 1)
        v = widgets.filtro_campo("borda vertical", k)
        assert v.shape == (k, k) and np.isclose(v.sum(), 0) and np.isclose(v[v > 0].sum(), 1)
        np.testing.assert_allclose(widgets.filtro_campo("borda horizontal", k), v.T)
    np.testing.assert_allclose(widgets.filtro_campo("borda vertical", 3),
                               np.array([[-1, 0, 1]] * 3) / 3)  # Prewitt, normalizado
    for nome in widgets.FILTROS_CAMPO:
        np.testing.assert_array_equal(widgets.filtro_campo(nome, 1), [[1.0]])
    with pytest.raises(ValueError, match="desconhecido"):
        widgets.filtro_campo("sobel", 3)
    with pytest.raises(TypeError):
        widgets.filtro_campo("média", 2.5)


@pytest.mark.parametrize("k,s,p", [(3, 1, 0), (3, 1, 1), (5, 2, 1), (3, 2, 0), (1, 1, 4), (9, 4, 2), (7, 3, 0)])
def test_titulo_traz_a_forma_da_saida(k, s, p):
    h = cnn.tamanho_saida(28, k, s, p)
    fig = widgets.desenhar_campo_receptivo(_digito(), k, s, p)
    assert f"mapa de características {h}×{h}" in fig.axes[1].get_title()
    assert f"= {h}" in fig._suptitle.get_text()


def test_valor_mostrado_e_o_da_janela():
    img = _digito()
    fig = widgets.desenhar_campo_receptivo(img, 5, 2, 1, linha=4, coluna=7)
    janela = np.pad(img, 1)[4 * 2:4 * 2 + 5, 7 * 2:7 * 2 + 5]
    valor = float(np.sum(janela * widgets.filtro_campo("borda vertical", 5)))
    assert f"saída (4, 7) = {graficos.formatar_numero(valor, 3)}" in fig.axes[1].get_title()


def test_sobra_e_posicao_fora_da_saida():
    fig = widgets.desenhar_campo_receptivo(_digito(), 3, 2, 0, linha=40, coluna=7)
    titulo = fig._suptitle.get_text()
    assert "fora da saída" in titulo and "(12, 7)" in titulo
    assert "última linha" in titulo  # (28 − 3) não é múltiplo de 2: sobra uma linha
    assert "saída (12, 7)" in fig.axes[1].get_title()


def test_combinacao_invalida_nao_quebra():
    fig = widgets.desenhar_campo_receptivo(_digito(), 9, 1, 0, tamanho_entrada=6)
    assert "inválida" in fig._suptitle.get_text()
    assert fig.axes[1].get_title() == "sem mapa de características"
    textos = " ".join(t.get_text() for t in fig.axes[1].texts)
    assert "9×9" in textos and "6×6" in textos
    # com preenchimento, a mesma combinação passa a valer
    fig = widgets.desenhar_campo_receptivo(_digito(), 9, 1, 2, tamanho_entrada=6)
    assert "mapa de características 2×2" in fig.axes[1].get_title()


def test_validacao_da_entrada():
    img = _digito()
    with pytest.raises(ValueError, match="nucleo"):
        widgets.desenhar_campo_receptivo(img, 0)
    with pytest.raises(TypeError, match="passo"):
        widgets.desenhar_campo_receptivo(img, 3, 1.5)
    with pytest.raises(ValueError, match="preenchimento"):
        widgets.desenhar_campo_receptivo(img, 3, 1, -1)
    with pytest.raises(ValueError, match="forma"):
        widgets.desenhar_campo_receptivo(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="NaN"):
        widgets.desenhar_campo_receptivo(np.full((28, 28), np.nan))
    with pytest.raises(ValueError, match="tamanho_entrada"):
        widgets.desenhar_campo_receptivo(img, tamanho_entrada=30)
    with pytest.raises(TypeError, match="tamanho_entrada"):
        widgets.desenhar_campo_receptivo(img, tamanho_entrada=5.5)
    with pytest.raises(ValueError, match="filtro"):
        widgets.desenhar_campo_receptivo(img, filtro="sobel")
    with pytest.raises(ValueError, match="nucleo"):
        widgets.campo_receptivo(img, nucleo=11)
    # um vetor de 784 pixels também serve
    assert "28×28" in widgets.desenhar_campo_receptivo(img.ravel()).axes[0].get_title()


def _controles(obj) -> dict[str, w.Widget]:
    """Os controles do painel, pela descrição."""
    achados, pilha = {}, [obj.widget]
    while pilha:
        atual = pilha.pop()
        if isinstance(atual, w.ValueWidget):
            achados[atual.description] = atual
        pilha.extend(getattr(atual, "children", ()))
    return achados


def test_widget_campo_receptivo():
    obj = widgets.campo_receptivo(_digito(), nucleo=5, passo=2, preenchimento=1, linha=4, coluna=7)
    pacote = obj._repr_mimebundle_()
    assert widgets.WIDGET_MIME in pacote and "image/png" in pacote
    c = _controles(obj)
    assert c["linha da saída"].max == 12 and c["coluna da saída"].max == 12  # saída 13×13
    c["linha da saída"].value = 12
    c["passo s"].value = 4  # saída ⌊(28 + 2 − 5)/4⌋ + 1 = 7: a linha volta para dentro
    assert c["linha da saída"].max == 6 and c["linha da saída"].value == 6
    c["entrada n (recorte central)"].value = 3
    c["tamanho k do filtro"].value = 9  # 9 > 3 + 2: inválida; os limites ficam como estavam, sem erro
    assert c["linha da saída"].max >= 0
    # começar numa combinação inválida também não quebra
    assert isinstance(widgets.campo_receptivo(_digito(), nucleo=9, tamanho_entrada=5), widgets.ComFigura)
