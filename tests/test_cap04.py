"""Capítulo 4: codificação binária das saídas (a alternativa de 4 bits ao one-hot)."""

import numpy as np
import pytest

from profundo.rede import Rede, codificar_binario, decodificar_binario, um_quente


def test_exemplos_conhecidos():
    codigos = codificar_binario([0, 5, 9])
    np.testing.assert_array_equal(codigos, [[0, 0, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1]])
    assert codigos.dtype == np.float64
    assert codificar_binario([6], bits=3).tolist() == [[1, 1, 0]]


def test_ida_e_volta_para_todos_os_codigos():
    for bits in (1, 4, 7):
        rotulos = np.arange(2 ** bits)
        codigos = codificar_binario(rotulos, bits=bits)
        assert codigos.shape == (2 ** bits, bits)
        np.testing.assert_array_equal(decodificar_binario(codigos), rotulos)
    # códigos distintos para rótulos distintos
    assert len({tuple(c) for c in codificar_binario(np.arange(10))}) == 10


def test_decodificacao_arredonda_cada_bit():
    saidas = np.array([[0.2, 0.7, 0.4, 0.9],    # 0101 = 5
                       [0.51, 0.49, 0.49, 0.6],  # 1001 = 9
                       [0.5, 0.5, 0.5, 0.5],     # 0,5 arredonda para 1: 1111 = 15
                       [0.0, 0.0, 0.0, 0.0]])
    assert decodificar_binario(saidas).tolist() == [5, 9, 15, 0]
    assert decodificar_binario(saidas).dtype == np.int64


def test_vazio_e_forma():
    assert codificar_binario(np.array([], dtype=int)).shape == (0, 4)
    assert decodificar_binario(np.zeros((0, 4))).shape == (0,)


@pytest.mark.parametrize("rotulos, erro", [
    ([1.5, 2.0], TypeError),
    ("0123", TypeError),
    ([[1, 2]], ValueError),
    ([16], ValueError),
    ([-1], ValueError),
])
def test_codificar_rejeita_rotulos_invalidos(rotulos, erro):
    with pytest.raises(erro):
        codificar_binario(rotulos)


@pytest.mark.parametrize("bits, erro", [(0, ValueError), (63, ValueError), (2.0, TypeError),
                                        (True, TypeError)])
def test_codificar_rejeita_bits_invalidos(bits, erro):
    with pytest.raises(erro):
        codificar_binario([1], bits=bits)


@pytest.mark.parametrize("saidas, erro", [
    ([0.1, 0.9, 0.2, 0.8], ValueError),      # uma dimensão só
    ([[0.1, np.nan, 0.2, 0.8]], ValueError),
    ("0101", TypeError),
    (None, TypeError),
    (np.array([["a", "b"]]), TypeError),
    (np.zeros((2, 0)), ValueError),
])
def test_decodificar_rejeita_saidas_invalidas(saidas, erro):
    with pytest.raises(erro):
        decodificar_binario(saidas)


def test_rede_treina_com_saida_binaria():
    """Uma Rede de 4 saídas aceita os códigos binários e aprende um problema pequeno."""
    rng = np.random.default_rng(0)
    rotulos = rng.integers(0, 10, 200)
    X = um_quente(rotulos, 10) + 0.05 * rng.standard_normal((200, 10))  # entrada = o rótulo com ruído
    rede = Rede([10, 12, 4], semente=0)
    rede.treinar(X, codificar_binario(rotulos), epocas=60, tamanho_lote=10,
                 taxa_aprendizado=3.0, mostrar=False)
    acertos = np.mean(decodificar_binario(rede.alimentar(X)) == rotulos)
    assert acertos > 0.95
