"""Capítulo 10 (dropout e aumento de dados): funções de apoio e widget."""

import numpy as np
import pytest
import torch

from profundo import widgets
from profundo.regularizacao import (acuracia_por_tamanho, deslocar, epocas_proporcionais,
                                    mascara_dropout)


# --- dropout invertido --------------------------------------------------------

def test_dropout_invertido_preserva_a_media_e_bate_com_o_torch():
    """A máscara mantém a média das ativações, como o nn.Dropout do PyTorch no treino."""
    rng = np.random.default_rng(0)
    p = 0.3
    mascara = mascara_dropout((2000, 100), p, rng)
    assert set(np.unique(mascara)) == {0.0, 1.0 / (1.0 - p)}
    assert abs(mascara.mean() - 1.0) < 0.01
    assert abs((mascara == 0).mean() - p) < 0.01
    torch.manual_seed(0)
    camada = torch.nn.Dropout(p).train()
    saida = camada(torch.ones(2000, 100, dtype=torch.float64)).numpy()
    np.testing.assert_allclose(np.unique(saida), np.unique(mascara))
    camada.eval()  # na avaliação o PyTorch também não reescala nada
    assert torch.equal(camada(torch.ones(3, 4)), torch.ones(3, 4))


# --- épocas proporcionais --------------------------------------------------------

def test_epocas_proporcionais_segue_a_regra_da_fonte():
    assert epocas_proporcionais(50_000) == 30
    assert epocas_proporcionais(5_000) == 300
    assert epocas_proporcionais(1_000) == 1_500
    assert epocas_proporcionais(7) == -(-1_500_000 // 7)  # arredonda para cima


def test_epocas_proporcionais_com_teto_de_passos():
    assert epocas_proporcionais(1_000, passos_max=30_000) == 30
    assert epocas_proporcionais(100_000, passos_max=10) == 1          # nunca menos de uma época
    assert epocas_proporcionais(50_000, passos_max=10**9) == 30       # o teto só limita


@pytest.mark.parametrize("kwargs, erro", [
    ({"n": 0}, ValueError), ({"n": 1.5}, TypeError), ({"n": True}, TypeError),
    ({"n": 10, "epocas_base": 0}, ValueError), ({"n": 10, "passos_max": 0}, ValueError),
    ({"n": 10, "passos_max": 2.0}, TypeError),
])
def test_epocas_proporcionais_rejeita_entradas_invalidas(kwargs, erro):
    n = kwargs.pop("n")
    with pytest.raises(erro):
        epocas_proporcionais(n, **kwargs)


# --- acurácia por tamanho ----------------------------------------------------------

def test_acuracia_por_tamanho_usa_conjuntos_aninhados():
    x = np.arange(20, dtype=float).reshape(10, 2)
    y = np.arange(10)
    vistos = []

    def avaliar(xs, ys):
        vistos.append(set(ys.tolist()))
        assert np.array_equal(xs[:, 0], 2 * ys)  # x e y continuam pareados
        return len(ys) / 10

    assert acuracia_por_tamanho(avaliar, x, y, [2, 5, 10], semente=3) == [0.2, 0.5, 1.0]
    assert vistos[0] < vistos[1] < vistos[2]
    assert vistos[2] == set(range(10))


def test_acuracia_por_tamanho_e_reprodutivel():
    x = np.random.default_rng(1).random((30, 3))
    y = np.arange(30) % 3
    avaliar = lambda xs, ys: float(np.mean(xs[:, 0] > 0.5))  # noqa: E731
    assert (acuracia_por_tamanho(avaliar, x, y, [5, 15], semente=7) ==
            acuracia_por_tamanho(avaliar, x, y, [5, 15], semente=7))


@pytest.mark.parametrize("tamanhos, erro", [
    ([], ValueError), ([0, 5], ValueError), ([5, 11], ValueError), ([5, 5], ValueError),
    ([6, 3], ValueError), ([2.5], TypeError),
])
def test_acuracia_por_tamanho_rejeita_tamanhos_invalidos(tamanhos, erro):
    with pytest.raises(erro):
        acuracia_por_tamanho(lambda xs, ys: 0.5, np.zeros((10, 2)), np.zeros(10, int), tamanhos)


def test_acuracia_por_tamanho_rejeita_outras_entradas_invalidas():
    with pytest.raises(TypeError):
        acuracia_por_tamanho("não é função", np.zeros((4, 2)), np.zeros(4, int), [2])
    with pytest.raises(ValueError):
        acuracia_por_tamanho(lambda xs, ys: 0.5, np.zeros((4, 2)), np.zeros(3, int), [2])
    with pytest.raises(ValueError, match="fração"):
        acuracia_por_tamanho(lambda xs, ys: 95.0, np.zeros((4, 2)), np.zeros(4, int), [2])


# --- widget de aumento de dados -------------------------------------------------------

def digito():
    img = np.zeros((28, 28))
    img[6:22, 12:16] = 1.0  # um "1" grosso
    return img.ravel()


def test_desenhar_aumento_tem_tres_paineis_e_conta_pixels():
    fig = widgets.desenhar_aumento(digito(), 2, 0, 0.0)
    assert len(fig.axes) == 3
    esperado = int(np.count_nonzero(np.abs(deslocar(digito(), 2, 0) - digito()) > 0.05))
    assert fig._suptitle.get_text().startswith(f"{esperado} de 784")
    assert "0 de 784" in widgets.desenhar_aumento(digito(), 0, 0, 0.0)._suptitle.get_text()


def test_aumento_dados_devolve_widget_com_imagem_estatica():
    obj = widgets.aumento_dados(digito(), dx=1, dy=-1, graus=10.0)
    assert isinstance(obj, widgets.ComFigura)
    assert obj._repr_mimebundle_()["image/png"]


@pytest.mark.parametrize("kwargs, erro", [
    ({"dx": 5}, ValueError), ({"dy": -5}, ValueError), ({"graus": 45.0}, ValueError),
    ({"dx": 1.5}, TypeError), ({"graus": "10"}, TypeError),
])
def test_aumento_dados_rejeita_controles_invalidos(kwargs, erro):
    with pytest.raises(erro):
        widgets.aumento_dados(digito(), **kwargs)


def test_aumento_dados_rejeita_imagem_de_tamanho_errado():
    with pytest.raises(ValueError, match="784"):
        widgets.aumento_dados(np.zeros(100))
