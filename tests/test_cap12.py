"""Testes do capítulo 12 (hiperparâmetros): agendas de η e estimativa do limiar."""

import math

import numpy as np
import pytest

from profundo.rede import (Rede, agenda_degraus, agenda_exponencial, custo_cai,
                           estimar_limiar_eta)
from profundo.regularizacao import ParadaAntecipada


# --- agendas da taxa de aprendizado -------------------------------------------

def test_agenda_degraus_divide_a_cada_n_epocas():
    agenda = agenda_degraus(0.8, a_cada=5, fator=0.5)
    assert [agenda(e) for e in (1, 5, 6, 10, 11, 16)] == [0.8, 0.8, 0.4, 0.4, 0.2, 0.1]


def test_agenda_degraus_respeita_o_piso():
    agenda = agenda_degraus(1.0, a_cada=1, fator=0.1, eta_minimo=0.01)
    assert agenda(2) == pytest.approx(0.1)
    assert agenda(10) == pytest.approx(0.01)


def test_agenda_exponencial():
    agenda = agenda_exponencial(0.5, 0.1)
    assert agenda(1) == pytest.approx(0.5)
    assert agenda(11) == pytest.approx(0.5 * math.exp(-1.0))
    constante = agenda_exponencial(0.3, 0)
    assert constante(100) == pytest.approx(0.3)


@pytest.mark.parametrize("args, erro", [
    ((0.0, 5), ValueError), ((-1.0, 5), ValueError), (("0,5", 5), TypeError),
    ((0.5, 0), ValueError), ((0.5, 2.5), TypeError), ((0.5, True), TypeError),
])
def test_agenda_degraus_valida_argumentos(args, erro):
    with pytest.raises(erro):
        agenda_degraus(*args)


def test_agenda_degraus_valida_fator_e_piso():
    with pytest.raises(ValueError, match="fator"):
        agenda_degraus(0.5, 5, fator=1.5)
    with pytest.raises(ValueError, match="eta_minimo"):
        agenda_degraus(0.5, 5, eta_minimo=1.0)


def test_agenda_exponencial_valida_argumentos():
    with pytest.raises(ValueError):
        agenda_exponencial(0.5, -0.1)
    with pytest.raises(TypeError):
        agenda_exponencial(0.5, "rápido")
    with pytest.raises(ValueError, match="época"):
        agenda_exponencial(0.5, 0.1)(0)


def test_agenda_vai_para_o_historico_do_treino():
    rng = np.random.default_rng(0)
    x, y = rng.random((40, 4)), rng.integers(0, 3, 40)
    rede = Rede([4, 5, 3], custo="entropia_cruzada", semente=0)
    h = rede.treinar(x, y, epocas=5, tamanho_lote=10, taxa_aprendizado=agenda_degraus(1.0, 2),
                     mostrar=False)
    assert h.taxa_aprendizado == [1.0, 1.0, 0.5, 0.5, 0.25]


def test_parada_antecipada_com_paciencia_10_interrompe_o_treino():
    rng = np.random.default_rng(1)
    x, y = rng.random((30, 4)), rng.integers(0, 2, 30)
    rede = Rede([4, 3, 2], custo="entropia_cruzada", semente=0)
    # dados de avaliação sem relação com a entrada: a acurácia logo para de melhorar
    h = rede.treinar(x, y, epocas=200, tamanho_lote=10, taxa_aprendizado=1e-6,
                     dados_avaliacao=(x, y), parada=ParadaAntecipada(10), mostrar=False)
    assert h.parou_na_epoca is not None and h.parou_na_epoca < 200
    assert len(h) == h.parou_na_epoca


# --- limiar da taxa de aprendizado ------------------------------------------------

def test_custo_cai():
    assert custo_cai([3.0, 2.0, 1.5, 9.0], epocas_iniciais=3)
    assert not custo_cai([3.0, 3.5, 1.0], epocas_iniciais=3)
    assert not custo_cai([3.0, np.nan, 1.0], epocas_iniciais=3)
    assert not custo_cai([3.0, 2.0, np.inf], epocas_iniciais=3)


def test_custo_cai_valida():
    with pytest.raises(ValueError, match="ao menos"):
        custo_cai([1.0, 0.5], epocas_iniciais=3)
    with pytest.raises(ValueError):
        custo_cai([1.0, 0.5], epocas_iniciais=1)
    with pytest.raises(TypeError):
        custo_cai("321")


def test_estimar_limiar_para_no_primeiro_eta_que_oscila():
    curvas = {0.01: [5, 4, 3], 0.1: [4, 3, 2], 1.0: [3, 2, 1], 10.0: [9, 15, 9], 100.0: [5, 4, 3]}
    # 100 "cai" por acaso, mas a busca para em 10 (o primeiro que oscila)
    assert estimar_limiar_eta(curvas) == 1.0


def test_estimar_limiar_independe_da_ordem_do_dicionario():
    curvas = {10.0: [9, 15, 9], 0.1: [4, 3, 2], 1.0: [3, 2, 1]}
    assert estimar_limiar_eta(curvas) == 1.0


def test_estimar_limiar_valida():
    with pytest.raises(ValueError, match="menor"):
        estimar_limiar_eta({0.1: [1, 2, 3]})
    with pytest.raises(TypeError):
        estimar_limiar_eta({})
    with pytest.raises(ValueError):
        estimar_limiar_eta({-0.1: [3, 2, 1]})


def test_limiar_numa_rede_de_verdade():
    """Numa rede pequena, η enorme faz o custo oscilar e η moderado o faz cair."""
    rng = np.random.default_rng(0)
    centros = rng.normal(size=(3, 6)) * 2
    y = rng.integers(0, 3, 150)
    x = centros[y] + rng.normal(size=(150, 6)) * 0.5
    curvas = {}
    for eta in (0.01, 0.1, 1.0, 1000.0):
        rede = Rede([6, 8, 3], custo="entropia_cruzada", semente=0)
        curvas[eta] = rede.treinar(x, y, epocas=4, tamanho_lote=10, taxa_aprendizado=eta,
                                   monitorar_treino=True, mostrar=False).custo_treino
    limiar = estimar_limiar_eta(curvas)
    assert 0.01 <= limiar < 1000.0


def test_erros_de_tipo_em_portugues():
    with pytest.raises(TypeError, match="eta_minimo deve ser um número"):
        agenda_degraus(0.5, 5, eta_minimo="x")
    with pytest.raises(TypeError, match="custos deve ser uma sequência de números"):
        custo_cai(["a", "b", "c"])
