"""Capítulo 18: as CNNs das fontes no MNIST, a matriz de confusão e o seu desenho."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from profundo import graficos

MATRIZ = np.array([[50, 2, 0],
                   [0, 40, 10],
                   [3, 0, 0]])


def _textos(ax):
    return [t.get_text() for t in ax.texts]


def test_matriz_confusao_desenha_contagens_e_deixa_zeros_em_branco():
    ax = graficos.desenhar_matriz_confusao(MATRIZ)
    assert isinstance(ax, plt.Axes)
    assert sorted(_textos(ax)) == sorted(["50", "2", "40", "10", "3"])   # 4 zeros em branco
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert ax.get_xlabel() == "classe prevista" and ax.get_ylabel() == "classe verdadeira"
    np.testing.assert_array_equal(ax.images[0].get_array(), MATRIZ)


def test_matriz_confusao_normalizada_por_linha_com_virgula():
    ax = graficos.desenhar_matriz_confusao(MATRIZ, rotulos=["a", "b", "c"], normalizar=True)
    dados = np.asarray(ax.images[0].get_array())
    np.testing.assert_allclose(dados.sum(axis=1), [100, 100, 100])
    np.testing.assert_allclose(dados[1], [0, 80, 20])
    assert "96,2" in _textos(ax) and "3,8" in _textos(ax) and "100,0" in _textos(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]


def test_matriz_confusao_linha_vazia_nao_vira_nan():
    m = np.array([[5, 1], [0, 0]])
    ax = graficos.desenhar_matriz_confusao(m, normalizar=True)
    dados = np.asarray(ax.images[0].get_array())
    assert np.all(np.isfinite(dados)) and dados[1].sum() == 0


def test_matriz_confusao_usa_o_eixo_dado():
    fig, eixos = plt.subplots(1, 2)
    ax = graficos.desenhar_matriz_confusao(MATRIZ, ax=eixos[1])
    assert ax is eixos[1] and len(eixos[0].texts) == 0


def test_matriz_confusao_com_milhares_usa_ponto():
    ax = graficos.desenhar_matriz_confusao(np.array([[1234, 1], [0, 980]]))
    assert "1.234" in _textos(ax)


@pytest.mark.parametrize("matriz, rotulos, normalizar, erro, trecho", [
    (np.ones((2, 3)), None, False, ValueError, "quadrada"),
    (np.ones(4), None, False, ValueError, "quadrada"),
    (np.zeros((0, 0)), None, False, ValueError, "quadrada"),
    (np.array([[1, -1], [0, 2]]), None, False, ValueError, "negativas"),
    (np.array([[1, np.nan], [0, 2]]), None, False, ValueError, "NaN"),
    ([["a", "b"], ["c", "d"]], None, False, TypeError, "números"),
    (np.eye(3), ["x", "y"], False, ValueError, "rótulos"),
    (np.eye(3), None, "sim", TypeError, "normalizar"),
])
def test_matriz_confusao_valida_entrada(matriz, rotulos, normalizar, erro, trecho):
    with pytest.raises(erro, match=trecho):
        graficos.desenhar_matriz_confusao(matriz, rotulos, normalizar=normalizar)


# ---------------------------------------------------------------------------
# As três CNNs das fontes
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("construtor, total", [("cnn_pereira", 305_194), ("cnn_silva", 34_826),
                                               ("cnn_morettin", 27_320)])
def test_modelos_das_fontes_tem_a_contagem_anunciada(construtor, total):
    import torch
    from profundo import cnn

    torch.manual_seed(0)
    modelo = getattr(cnn, construtor)()
    assert cnn.contagem_parametros(modelo) == total
    # camada a camada, a soma das fórmulas dá o total
    por_formula = 0
    for camada in modelo.modules():
        if isinstance(camada, torch.nn.Conv2d):
            por_formula += cnn.contagem_parametros_conv(camada.in_channels, camada.out_channels,
                                                        camada.kernel_size)
        elif isinstance(camada, torch.nn.Linear):
            por_formula += cnn.contagem_parametros_densa(camada.in_features, camada.out_features)
    assert por_formula == total
    modelo.eval()
    x = torch.rand(3, 784)
    saida = modelo(x)
    assert saida.shape == (3, 10)
    torch.testing.assert_close(modelo(x.reshape(3, 1, 28, 28)), saida)


def test_matriz_confusao_do_treino_com_previsoes_de_um_modelo():
    """prever + matriz_confusao: a soma das linhas conta os exemplos de cada classe."""
    import torch
    from profundo import cnn, treino

    torch.manual_seed(0)
    x = torch.rand(50, 784)
    y = torch.arange(50) % 10
    previsto = treino.prever(cnn.cnn_morettin(), x)
    m = treino.matriz_confusao(y, previsto, n_classes=10)
    assert m.shape == (10, 10) and m.sum() == 50
    np.testing.assert_array_equal(m.sum(axis=1), np.full(10, 5))
    assert np.trace(m) == int((previsto == y).sum())
    ax = graficos.desenhar_matriz_confusao(m, normalizar=True)
    np.testing.assert_allclose(np.asarray(ax.images[0].get_array()).sum(axis=1), 100)


# ---------------------------------------------------------------------------
# O notebook
# ---------------------------------------------------------------------------

def _notebook():
    import json
    from pathlib import Path

    caminho = Path(__file__).resolve().parents[1] / "notebooks" / "18_cnn_mnist.ipynb"
    return json.loads(caminho.read_text(encoding="utf-8"))


def test_notebook_cola_todas_as_chaves_que_a_prosa_usa():
    import re

    nb = _notebook()
    fonte = lambda c: "".join(c["source"])
    codigo = "\n".join(fonte(c) for c in nb["cells"] if c["cell_type"] == "code")
    prosa = "\n".join(fonte(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    usadas = set(re.findall(r"\{glue:text\}`(c18_\w+)`", prosa))
    assert usadas, "a prosa deveria usar chaves c18_"
    coladas = set(re.findall(r'glue\(f?"(c18_\w+)"', codigo))
    # chaves montadas com f-string, p. ex. glue(f"c18_acc_{nome}", ...)
    for prefixo in re.findall(r'glue\(f"(c18_\w+?)_\{nome\}"', codigo):
        coladas |= {f"{prefixo}_{n}" for n in ("pereira", "silva", "morettin")}
    coladas |= {f"c18_{k}" for k in ("modo", "dispositivo", "data", "dados")}   # colar_contexto
    assert usadas <= coladas, f"chaves usadas na prosa e nunca coladas: {sorted(usadas - coladas)}"
    for chave in ("c18_acc_pereira", "c18_acc_silva", "c18_acc_morettin", "c18_epocas_pereira",
                  "c18_tempo_epoca_pereira", "c18_params_pereira", "c18_params_silva", "c18_params_morettin"):
        assert chave in coladas


def test_notebook_treina_em_celula_gpu_que_le_o_modo():
    nb = _notebook()
    gpu = ["".join(c["source"]) for c in nb["cells"]
           if c["cell_type"] == "code" and "gpu" in c.get("metadata", {}).get("tags", [])]
    assert gpu and all("treino.treinar" in c for c in gpu)
    codigo = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "ambiente.modo()" in codigo and "ambiente.semear(0)" in codigo
    assert 'conjunto.fonte != "amostra"' in codigo
    assert "cuda" not in codigo    # o dispositivo vem de profundo.ambiente, nunca fixo
