import pytest

from profundo import arquiteturas


def test_contagem_da_rede_do_mnist():
    assert arquiteturas.contar_parametros([784, 30, 10]) == 23_860
    c = arquiteturas.contagem_por_camada([784, 30, 10])
    assert [(x.pesos, x.vieses) for x in c] == [(23_520, 30), (300, 10)]


def test_tabela_em_markdown():
    tabela = arquiteturas.tabela_parametros([784, 30, 10])
    assert "23.860" in tabela and "784 → 30" in tabela


@pytest.mark.parametrize("camadas, erro", [([784], ValueError), ([784, 0, 10], ValueError),
                                           ([784, 2.5], TypeError), ("784,10", TypeError),
                                           (784, TypeError)])
def test_camadas_invalidas(camadas, erro):
    with pytest.raises(erro):
        arquiteturas.contar_parametros(camadas)
