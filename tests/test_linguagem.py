"""Modelos de linguagem: n-gramas, vocabulário de caracteres, corpus e o modelo com LSTM."""

import math
from collections import Counter

import numpy as np
import pytest
import torch

from profundo import linguagem as L

FRASE = "Está fazendo sol hoje"


pytestmark = pytest.mark.usefixtures("uma_thread_torch")


# --- n-gramas ---------------------------------------------------------------

def test_ngramas_da_frase_da_fonte():
    assert L.ngramas(FRASE, 1) == [("Está",), ("fazendo",), ("sol",), ("hoje",)]
    assert L.ngramas(FRASE, 2) == [("Está", "fazendo"), ("fazendo", "sol"), ("sol", "hoje")]
    assert L.ngramas(FRASE, 3) == [("Está", "fazendo", "sol"), ("fazendo", "sol", "hoje")]
    assert L.ngramas(FRASE, 4) == [("Está", "fazendo", "sol", "hoje")]
    assert L.ngramas(FRASE, 5) == []
    assert L.ngramas(FRASE.split(), 2) == L.ngramas(FRASE, 2)       # lista de palavras


def test_tokenizar_separa_pontuacao_e_mantem_hifen():
    assert L.tokenizar("Os n-gramas, hoje, dá-se um jeito.") == \
        ["Os", "n-gramas", ",", "hoje", ",", "dá-se", "um", "jeito", "."]


def test_contar_ngramas_em_varios_textos_sem_atravessar_fronteira():
    c = L.contar_ngramas(["a b a b", "b a"], 2)
    assert c == Counter({("a", "b"): 2, ("b", "a"): 2})
    assert L.contar_ngramas("a a a", 1) == Counter({("a",): 3})
    assert sum(L.contar_ngramas(FRASE, 2).values()) == 3


def test_erros_de_ngramas():
    with pytest.raises(ValueError, match="n deve ser pelo menos 1"):
        L.ngramas(FRASE, 0)
    with pytest.raises(TypeError):
        L.ngramas(FRASE, 2.0)
    with pytest.raises(TypeError):
        L.ngramas(123, 2)
    with pytest.raises(ValueError):
        L.ModeloNgrama(0)
    with pytest.raises(ValueError):
        L.ModeloNgrama(2, suavizacao=-1)
    with pytest.raises(ValueError, match="vazio"):
        L.ModeloNgrama(2).ajustar([])
    with pytest.raises(RuntimeError, match="ajustar"):
        L.ModeloNgrama(2).probabilidade("a", "b")


# --- ModeloNgrama -------------------------------------------------------------

def test_probabilidades_por_contagem_sem_suavizacao():
    m = L.ModeloNgrama(2, suavizacao=0).ajustar("a b a c a b".split())
    # depois de "a": b duas vezes, c uma vez
    assert m.probabilidade(["a"], "b") == pytest.approx(2 / 3)
    assert m.probabilidade(["a"], "c") == pytest.approx(1 / 3)
    assert m.probabilidade(["a"], "a") == 0.0
    assert m.perplexidade("a a".split()) == math.inf           # "a a" nunca foi visto
    assert m.contagens[("a", "b")] == 2


def test_suavizacao_de_laplace():
    tokens = "a b a c a b".split()
    m = L.ModeloNgrama(2, suavizacao=1.0).ajustar(tokens)
    V = len(m.vocabulario)
    assert V == 4 and m.vocabulario[-1] == L.DESCONHECIDO            # a, b, c + <desc>
    assert m.probabilidade(["a"], "b") == pytest.approx((2 + 1) / (3 + V))
    assert m.probabilidade(["a"], "a") == pytest.approx(1 / (3 + V))  # não visto, mas > 0
    assert m.probabilidade(["a"], "zebra") == pytest.approx(1 / (3 + V))  # palavra nova → <desc>
    for contexto in ([], ["a"], ["b"], ["nunca"]):
        assert m.distribuicao(contexto).sum() == pytest.approx(1.0)
    assert math.isfinite(m.perplexidade("a a zebra".split()))
    # só as n − 1 últimas palavras do contexto contam
    assert m.probabilidade(["c", "c", "a"], "b") == m.probabilidade(["a"], "b")


def test_perplexidade_de_modelo_uniforme_e_o_vocabulario():
    assert L.perplexidade(math.log(37)) == pytest.approx(37)
    assert L.perplexidade(0.0) == 1.0
    m = L.ModeloNgrama(2, suavizacao=1e12).ajustar(FRASE)            # suavização enorme = uniforme
    assert m.perplexidade("hoje sol fazendo Está chuva") == pytest.approx(len(m.vocabulario), rel=1e-6)
    with pytest.raises(ValueError):
        L.perplexidade(-0.1)
    with pytest.raises(ValueError):
        L.perplexidade(float("nan"))


def test_perplexidade_cai_com_a_ordem_no_proprio_texto():
    texto = L.carregar_corpus()[:20000]
    pp = [L.ModeloNgrama(n, 0.01).ajustar(texto).perplexidade(texto[:3000]) for n in (1, 2, 3)]
    assert pp[0] > pp[1] > pp[2]


def test_gerar_e_reprodutivel_e_usa_o_vocabulario():
    m = L.ModeloNgrama(2).ajustar("o gato viu o rato e o rato viu o gato".split())
    a = m.gerar(["o"], 15, np.random.default_rng(3))
    b = m.gerar(["o"], 15, np.random.default_rng(3))
    assert a == b and len(a) == 16 and a[0] == "o"
    assert m.gerar("o", 15, 3) == a                                    # semente inteira
    assert L.DESCONHECIDO not in a and set(a) <= set(m.vocabulario)
    # sem suavização, cada par gerado já apareceu no treino
    m0 = L.ModeloNgrama(2, suavizacao=0).ajustar("o gato viu o rato e o rato viu o gato".split())
    g = m0.gerar([], 30, 0)
    assert all(par in m0.contagens for par in zip(g, g[1:]))


# --- corpus -------------------------------------------------------------------

def test_corpus_do_livro_vem_com_o_pacote():
    texto = L.carregar_corpus()
    assert len(texto) > 200_000
    assert "neurônio" in texto and "perceptron" in texto
    for proibido in ("$", "{glue", "{cite", "```", "\\frac", "import ", "|---"):
        assert proibido not in texto
    assert 60 <= len(L.Vocabulario.de_texto(texto)) <= 120
    with pytest.raises(ValueError, match="disponíveis"):
        L.carregar_corpus("nao_existe")


def test_texto_de_markdown_limpa_myst():
    md = ("(c99-x)=\n# Título\n\nA **rede** de {cite:t}`chave` tem $\\eta = 0{,}1$ e "
          "$n$ camadas {cite:p}`x`, veja o {doc}`capítulo <07_backpropagation>`; "
          "acurácia {glue:text}`c99_a`.\n\n```python\nimport numpy\n```\n\n"
          "```{note}\n:class: tip\nUma nota.\n```\n\n| a | b |\n|---|---|\n\n$$\nx^2\n$$\n"
          "- item *um*\n")
    t = L.texto_de_markdown(md, {"chave": "Nielsen (2015)"})
    assert t.split("\n") == ["Título", "A rede de Nielsen (2015) tem e n camadas, veja o capítulo; "
                             "acurácia.", "Uma nota.", "item um"]


# --- Vocabulario e lotes ------------------------------------------------------

def test_vocabulario_ida_e_volta():
    v = L.Vocabulario.de_texto("banana nanica")
    assert v.caracteres == (" ", "a", "b", "c", "i", "n")
    assert len(v) == 6 and "n" in v
    cod = v.codificar("nabica")
    assert cod.dtype == np.int64 and cod.tolist() == [5, 1, 2, 4, 3, 1]
    assert v.decodificar(cod) == "nabica"
    assert v.decodificar(torch.as_tensor(cod)) == "nabica"
    assert v.decodificar([]) == ""
    with pytest.raises(ValueError, match="'z'"):
        v.codificar("banza")
    with pytest.raises(ValueError):
        v.decodificar([0, 6])
    with pytest.raises(ValueError):
        L.Vocabulario.de_texto("")


def test_lotes_sequencias_alvo_e_a_entrada_deslocada():
    indices = np.arange(1000, dtype=np.int64)                 # o índice é a posição
    lotes = list(L.lotes_sequencias(indices, comprimento=10, tamanho_lote=4, semente=1))
    assert len(lotes) == (1000 - 1) // 40
    for x, y in lotes:
        assert x.shape == y.shape == (4, 10) and x.dtype == y.dtype == torch.int64
        assert torch.equal(y[:, :-1], x[:, 1:]) and torch.equal(y, x + 1)
        assert int(y.max()) <= 999
    repetido = list(L.lotes_sequencias(indices, 10, 4, semente=1))
    assert all(torch.equal(a[0], b[0]) for a, b in zip(lotes, repetido))
    assert len(list(L.lotes_sequencias(indices, 10, 4, n_lotes=3))) == 3
    with pytest.raises(ValueError, match="pelo menos 11"):
        L.lotes_sequencias(np.arange(10), 10, 4)
    with pytest.raises(TypeError):
        L.lotes_sequencias(np.linspace(0, 1, 100), 10, 4)


# --- modelo de caracteres -----------------------------------------------------

def _treinado(passos=60, semente=0):
    texto = "abcd" * 300
    vocab = L.Vocabulario.de_texto(texto)
    indices = vocab.codificar(texto)
    torch.manual_seed(semente)
    modelo = L.ModeloCaracteres(vocab, dimensao_embedding=8, ocultos=32, camadas=1, dropout=0.0)
    hist = L.treinar_caracteres(modelo, indices[:1000], indices[1000:], epocas=2, passos=passos // 2,
                                comprimento=20, tamanho_lote=16, taxa_aprendizado=1e-2,
                                dispositivo="cpu", progresso=False)
    return modelo, vocab, hist


def test_modelo_caracteres_formas():
    m = L.ModeloCaracteres(10, dimensao_embedding=4, ocultos=6, camadas=2)
    logits, (h, c) = m(torch.zeros(3, 7, dtype=torch.int64))
    assert logits.shape == (3, 7, 10) and h.shape == c.shape == (2, 3, 6)
    assert isinstance(m.lstm, torch.nn.LSTM) and m.lstm.batch_first
    with pytest.raises(TypeError):
        m(torch.zeros(3, 7))
    with pytest.raises(ValueError):
        L.ModeloCaracteres(10, dropout=1.0)


@pytest.fixture(scope="module")
def treinado(uma_thread_torch):
    return _treinado()


def test_treino_curto_reduz_a_perplexidade(treinado):
    modelo, vocab, hist = treinado
    assert len(hist) == 2 and hist.passos == [30, 60]
    inicial = len(vocab)                                  # um modelo sem treino fica perto de V = 4
    assert hist.perplexidade_validacao[-1] < 1.5 < inicial
    assert hist.perplexidade_treino[-1] == pytest.approx(math.exp(hist.custo_treino[-1]))
    assert hist.perplexidade_validacao[-1] == pytest.approx(math.exp(hist.custo_validacao[-1]))
    assert L.avaliar_caracteres(modelo, vocab.codificar("abcd" * 10), comprimento=20) < math.log(1.5)


def test_treino_e_reprodutivel():
    assert _treinado(passos=4)[2].custo_treino == _treinado(passos=4)[2].custo_treino


def test_amostrar_reprodutivel_e_temperatura_baixa_e_argmax(treinado):
    modelo, vocab, _ = treinado
    a = L.amostrar(modelo, vocab, "ab", 30, temperatura=1.0, semente=5)
    assert a == L.amostrar(modelo, vocab, "ab", 30, temperatura=1.0, semente=5)
    assert a.startswith("ab") and len(a) == 32 and set(a) <= set(vocab.caracteres)
    assert L.amostrar(modelo, vocab, "ab", 0) == "ab"
    # temperatura baixa: o sorteio vira o máximo (decodificação gulosa)
    guloso, estado = "ab", None
    with torch.no_grad():
        logits, estado = modelo(torch.as_tensor(vocab.codificar("ab"))[None])
        for _ in range(20):
            proximo = int(logits[0, -1].argmax())
            guloso += vocab.caracteres[proximo]
            logits, estado = modelo(torch.tensor([[proximo]]), estado)
    for semente in range(3):
        assert L.amostrar(modelo, vocab, "ab", 20, temperatura=1e-3, semente=semente) == guloso
    assert guloso == "ab" + "cdab" * 5                    # o padrão foi aprendido


def test_amostrar_erros():
    vocab = L.Vocabulario.de_texto("abc")
    modelo = L.ModeloCaracteres(vocab, dimensao_embedding=2, ocultos=4, camadas=1)
    with pytest.raises(ValueError, match="temperatura"):
        L.amostrar(modelo, vocab, "a", 5, temperatura=0)
    with pytest.raises(ValueError, match="temperatura"):
        L.amostrar(modelo, vocab, "a", 5, temperatura=-1.0)
    with pytest.raises(ValueError, match="vazio"):
        L.amostrar(modelo, vocab, "", 5)
    with pytest.raises(ValueError, match="'x'"):
        L.amostrar(modelo, vocab, "abx", 5)
    with pytest.raises(ValueError, match="vocabulário"):
        L.amostrar(L.ModeloCaracteres(7, 2, 4, 1), vocab, "a", 5)
