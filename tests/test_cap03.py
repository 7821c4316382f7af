"""Testes do capítulo 3: diagramas das arquiteturas (``arquiteturas``)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from profundo import arquiteturas, graficos


def _neuronios_desenhados(ax):
    """Total de marcadores desenhados por ``scatter`` nos eixos."""
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def test_sao_dez_arquiteturas_na_ordem_da_fonte():
    assert len(arquiteturas.NOMES_ARQUITETURAS) == 10
    assert arquiteturas.NOMES_ARQUITETURAS[0] == "perceptron_multicamadas"
    assert arquiteturas.NOMES_ARQUITETURAS[-1] == "capsulas"


@pytest.mark.parametrize("nome", arquiteturas.NOMES_ARQUITETURAS)
def test_cada_nome_gera_uma_figura(nome):
    ax = arquiteturas.desenhar_arquitetura(nome)
    espec = arquiteturas.ARQUITETURAS[nome]
    assert isinstance(ax, Axes) and isinstance(ax.figure, Figure)
    assert espec.titulo in ax.get_title()
    assert _neuronios_desenhados(ax) == sum(n for _, n in espec.camadas)
    assert ax.get_legend() is not None


@pytest.mark.parametrize("nome", arquiteturas.NOMES_ARQUITETURAS)
def test_especificacoes_coerentes(nome):
    espec = arquiteturas.ARQUITETURAS[nome]
    assert all(tipo in arquiteturas.TIPOS_NEURONIO and n >= 1 for tipo, n in espec.camadas)
    if espec.conexoes:
        assert len(espec.conexoes) == len(espec.camadas) - 1
    assert all(0 <= j < len(espec.camadas) for j in espec.lacos)
    assert all(0 <= a < b < len(espec.camadas) for a, b, _ in espec.grupos)


def test_recorrencia_e_simetria_aparecem_no_desenho():
    ax = arquiteturas.desenhar_arquitetura("recorrente")
    assert len(ax.texts) >= 8  # um laço (anotação) por neurônio recorrente
    ax = arquiteturas.desenhar_arquitetura("hopfield")
    tracejadas = [l for l in ax.lines if l.get_linestyle() == "--"]
    assert len(tracejadas) == 6 * 5 // 2  # todos ligados a todos, uma linha por par


def test_nome_aceita_acentos_e_maiusculas_e_desenha_no_eixo_dado():
    fig, ax = plt.subplots()
    assert arquiteturas.desenhar_arquitetura("  Cápsulas ", ax=ax, legenda=False) is ax
    assert ax.get_legend() is None


def test_nome_invalido_levanta_erro_em_portugues():
    with pytest.raises(ValueError, match="arquitetura desconhecida"):
        arquiteturas.desenhar_arquitetura("transformer")
    with pytest.raises(TypeError, match="texto"):
        arquiteturas.desenhar_arquitetura(3)
    with pytest.raises(TypeError, match="Axes"):
        arquiteturas.desenhar_arquitetura("gan", ax="eixo")
    with pytest.raises(ValueError, match="positivo"):
        arquiteturas.desenhar_arquitetura("gan", tamanho=0)


def test_galeria_tem_todas_e_uma_legenda_comum():
    fig = arquiteturas.galeria_arquiteturas()
    titulos = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titulos) == 10
    assert len(fig.legends) == 1
    fig = arquiteturas.galeria_arquiteturas(ncolunas=3)
    assert len(fig.axes) == 12  # 4 linhas × 3 colunas, duas vazias
    with pytest.raises(ValueError):
        arquiteturas.galeria_arquiteturas(0)
    with pytest.raises(TypeError):
        arquiteturas.galeria_arquiteturas(2.5)


def test_contagem_do_capitulo():
    # os números citados no capítulo 3
    assert arquiteturas.contar_parametros([784, 30, 10]) == 23_860
    assert arquiteturas.contar_parametros([784, 100, 10]) == 79_510
    camadas = [784, 30, 30, 10]
    manual = sum(n_sai * (n_ent + 1) for n_ent, n_sai in zip(camadas[:-1], camadas[1:]))
    assert arquiteturas.contar_parametros(camadas) == manual == 24_790
    assert np.isclose(sum(c.pesos for c in arquiteturas.contagem_por_camada(camadas)), 24_720)
