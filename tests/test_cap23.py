"""Capítulo 23 (modelos de linguagem): n-gramas da fonte, perplexidade, embedding e o widget da temperatura."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from profundo import linguagem, widgets

TEXTO = "a rede aprende a prever o próximo caractere.\no modelo de linguagem lê o texto.\n" * 3


@pytest.fixture(scope="module")
def vocab():
    return linguagem.Vocabulario.de_texto(TEXTO)


@pytest.fixture(scope="module")
def modelo(vocab):
    torch.manual_seed(0)
    return linguagem.ModeloCaracteres(len(vocab), dimensao_embedding=8, ocultos=16, camadas=1, dropout=0.0)


def test_ngramas_da_fonte():
    """"Está fazendo sol hoje": 4, 3, 2 e 1 n-gramas de ordens 1 a 4 (m − n + 1)."""
    frase = "Está fazendo sol hoje"
    assert [len(linguagem.ngramas(frase, n)) for n in range(1, 5)] == [4, 3, 2, 1]
    assert linguagem.ngramas(frase, 2) == [("Está", "fazendo"), ("fazendo", "sol"), ("sol", "hoje")]
    assert linguagem.ngramas(frase, 4) == [("Está", "fazendo", "sol", "hoje")]
    assert 100 ** 5 == 10 ** 10   # a conta que a fonte escreve como 10^5


def test_perplexidade_do_uniforme_e_o_vocabulario(vocab):
    v = len(vocab)
    assert math.isclose(linguagem.perplexidade(math.log(v)), v)
    # um modelo de ordem 1 com suavização enorme fica uniforme sobre o seu vocabulário (+1, o desconhecido)
    m = linguagem.ModeloNgrama(1, suavizacao=1e12).ajustar(list(TEXTO))
    assert math.isclose(m.perplexidade(list(TEXTO)), len(m.vocabulario), rel_tol=1e-6)


def test_laplace_em_caracteres():
    """P(u | q) pela fórmula (c(q, u) + α) / (c(q) + αV), como no capítulo."""
    texto = list("quero que queira aquilo qz")
    m = linguagem.ModeloNgrama(2, suavizacao=1.0).ajustar(texto)
    contagem = linguagem.contar_ngramas([texto], 2)
    c_q = sum(c for g, c in contagem.items() if g[0] == "q")
    esperado = (contagem[("q", "u")] + 1) / (c_q + len(m.vocabulario))
    assert math.isclose(m.probabilidade(["q"], "u"), esperado)


def test_embedding_e_one_hot_vezes_matriz(vocab):
    torch.manual_seed(0)
    camada = torch.nn.Embedding(len(vocab), 4)
    indices = torch.as_tensor(vocab.codificar("rede"))
    one_hot = torch.nn.functional.one_hot(indices, len(vocab)).float()
    assert torch.equal(one_hot @ camada.weight, camada(indices))
    camada(indices).pow(2).sum().backward()
    com_gradiente = torch.nonzero(camada.weight.grad.abs().sum(dim=1)).ravel().tolist()
    assert com_gradiente == sorted(set(indices.tolist()))


def test_distribuicao_com_temperatura(modelo, vocab):
    p1 = widgets._probabilidades_proximo(modelo, vocab, "a rede ", 1.0)
    p_frio = widgets._probabilidades_proximo(modelo, vocab, "a rede ", 0.2)
    p_quente = widgets._probabilidades_proximo(modelo, vocab, "a rede ", 50.0)
    for p in (p1, p_frio, p_quente):
        assert p.shape == (len(vocab),) and math.isclose(p.sum(), 1.0) and (p >= 0).all()
    assert np.argmax(p_frio) == np.argmax(p1)          # a ordem não muda
    assert p_frio.max() > p1.max() > p_quente.max()    # T baixo afia, T alto achata
    assert np.allclose(p_quente, 1 / len(vocab), atol=0.01)


def test_figura_do_widget(modelo, vocab):
    fig = widgets.desenhar_temperatura(modelo, vocab, "o modelo", [0.2, 1.0, 1.5], n=40)
    barras, textos = fig.axes[:3], fig.axes[3:]
    assert len(fig.axes) == 6
    assert [len(ax.patches) for ax in barras] == [15, 15, 15]
    assert "T = 0,2" in barras[0].get_title() and "T = 1,5" in barras[2].get_title()
    assert all(t.texts[0].get_text().replace("\n", " ").startswith("o modelo") for t in textos)
    assert len(widgets.desenhar_temperatura(modelo, vocab, "o modelo", 0.7, n=10).axes) == 2


def test_widget_tem_imagem_estatica(modelo, vocab):
    resultado = widgets.temperatura(modelo, vocab, inicio="a rede ", temperatura=0.5, n=30)
    assert isinstance(resultado, widgets.ComFigura)
    assert resultado.png.startswith(b"\x89PNG")
    assert "image/png" in resultado._repr_mimebundle_()


@pytest.mark.parametrize("t", [0, -1.0, 0.0, float("nan")])
def test_temperatura_nao_positiva_da_erro(modelo, vocab, t):
    with pytest.raises(ValueError, match="temperatura"):
        widgets.desenhar_temperatura(modelo, vocab, "a rede", t)
    with pytest.raises(ValueError, match="temperatura"):
        widgets.temperatura(modelo, vocab, "a rede", temperatura=t)
    with pytest.raises(ValueError, match="temperatura"):
        widgets.desenhar_temperatura(modelo, vocab, "a rede", [1.0, t])


def test_widget_valida_entradas(modelo, vocab):
    with pytest.raises(ValueError):
        widgets.temperatura(modelo, vocab, "a rede", temperatura=3.0)      # fora do deslizante
    with pytest.raises(ValueError, match="vocabulário"):
        widgets.desenhar_temperatura(modelo, vocab, "Zebra", 1.0)           # "Z" não está no texto
    with pytest.raises(ValueError):
        widgets.temperatura(modelo, vocab, "", temperatura=1.0)
    with pytest.raises(TypeError):
        widgets.desenhar_temperatura(modelo, vocab, "a rede", "quente")
    with pytest.raises(ValueError):
        widgets.desenhar_temperatura(modelo, vocab, "a rede", [])


def test_vocabulario_pequeno_mostra_todos():
    v = linguagem.Vocabulario.de_texto("abc de\n")
    torch.manual_seed(0)
    m = linguagem.ModeloCaracteres(len(v), dimensao_embedding=4, ocultos=8, camadas=1, dropout=0.0)
    fig = widgets.desenhar_temperatura(m, v, "abc", 1.0, n=10)
    assert len(fig.axes[0].patches) == len(v) == 7
    assert "␣" in [t.get_text() for t in fig.axes[0].get_xticklabels()]
