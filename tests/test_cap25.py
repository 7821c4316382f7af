"""Capítulo 25: modelos generativos — discriminativo × generativo, MMD, widget da largura e o notebook."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from profundo import amostragem, graficos, widgets

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "25_modelos_generativos.ipynb"


# ---------------------------------------------------------------------------
# Números do capítulo e respostas dos exercícios
# ---------------------------------------------------------------------------

def test_mmd2_exato_do_exercicio_1():
    esperado = 2 / math.sqrt(3) * (1 - math.exp(-1 / 6))
    assert amostragem.mmd2_gaussianas(0, 1, 1, 1, 1.0) == pytest.approx(esperado)
    assert esperado == pytest.approx(0.17727, abs=1e-5)


def test_estimador_viesado_nunca_e_negativo():
    rng = np.random.default_rng(0)
    for _ in range(200):
        x, y = rng.normal(size=rng.integers(2, 30)), rng.normal(0.1, 1, size=rng.integers(2, 30))
        assert amostragem.mmd2(x, y, rng.uniform(0.1, 3), viesado=True) >= -1e-15


def test_regra_da_cadeia_do_exercicio_3_confere_com_o_autograd():
    x_ex = np.random.default_rng(5).normal(2.0, 0.5, 50)
    z_ex = np.random.default_rng(6).normal(0.0, 1.0, 40)
    g = amostragem.gradiente_mmd2(x_ex, z_ex, 1.0)
    mu = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    sigma = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    amostragem.mmd2_torch(torch.tensor(x_ex), mu + sigma * torch.tensor(z_ex), 1.0).backward()
    assert g.sum() == pytest.approx(mu.grad.item(), rel=1e-10)
    assert (g * z_ex).sum() == pytest.approx(sigma.grad.item(), rel=1e-10)


def test_classificador_gaussiano_no_exemplo_do_capitulo():
    rng = np.random.default_rng(0)

    def duas_nuvens(n0, n1):
        x0 = rng.multivariate_normal([0.0, 0.0], [[1.0, 0.6], [0.6, 1.0]], size=n0)
        x1 = rng.multivariate_normal([2.5, 1.0], [[0.4, 0.0], [0.0, 1.5]], size=n1)
        return np.vstack([x0, x1]), np.repeat([0, 1], [n0, n1])

    x_tr, y_tr = duas_nuvens(200, 120)
    x_te, y_te = duas_nuvens(2000, 1200)
    modelo = amostragem.ClassificadorGaussiano().ajustar(x_tr, y_tr)
    assert (modelo.prever(x_te) == y_te).mean() > 0.9
    estrela = modelo.log_densidade(np.array([[7.0, -5.0]]))[0]
    assert estrela < np.quantile(modelo.log_densidade(x_tr), 0.01) - 20     # implausível


def test_gerador_mlp_aprende_a_mistura_com_largura_media():
    torch.set_num_threads(1)
    from profundo import treino
    alvo = amostragem.amostrar(4000, "mistura", 0)
    torch.manual_seed(1)
    rede = treino.mlp([1, 32, 32, 1], ativacao="tanh")
    amostragem.ajustar_gerador_mmd(rede, alvo, passos=600, largura=0.5, tamanho_lote=128,
                                   taxa_aprendizado=0.01, semente=1)
    with torch.no_grad():
        saida = rede(torch.randn(20_000, 1, generator=torch.Generator().manual_seed(2))).numpy().ravel()
    assert amostragem.distancia_ks(saida, "mistura") < 0.06


# ---------------------------------------------------------------------------
# Widget da largura do núcleo e figura do ajuste
# ---------------------------------------------------------------------------

def test_desenhar_largura_mmd_mostra_o_valor_exato():
    fig = widgets.desenhar_largura_mmd(1.0, 2.0, desvio=0.5, n=50)
    assert isinstance(fig, Figure)
    titulo = fig.axes[1].get_title()
    valor = amostragem.mmd2_gaussianas(0.0, 0.5, 2.0, 0.5, 1.0)
    assert graficos.formatar_adaptativo(valor) in titulo and "desvio dobrado" in titulo


def test_largura_grande_nao_enxerga_o_desvio_mas_enxerga_a_media():
    forma_larga = amostragem.mmd2_gaussianas(0, 0.5, 0, 1.0, 10.0)
    media_larga = amostragem.mmd2_gaussianas(0, 0.5, 2, 0.5, 10.0)
    forma_media = amostragem.mmd2_gaussianas(0, 0.5, 0, 1.0, 1.0)
    assert forma_larga < 1e-3 < media_larga and forma_larga < forma_media / 100


def test_widget_largura_mmd():
    w = widgets.largura_mmd(largura=0.3, media=-1.0)
    assert isinstance(w, widgets.ComFigura) and w.png.startswith(b"\x89PNG")
    for argumentos in (dict(largura=0.0), dict(largura=100.0), dict(media=7.0), dict(largura=float("nan"))):
        with pytest.raises(ValueError):
            widgets.largura_mmd(**argumentos)
    with pytest.raises(TypeError):
        widgets.largura_mmd(largura="1")


def test_desenhar_ajuste_mmd():
    hist = amostragem.HistoricoMMD(mmd2=[0.5, 0.2, 0.1, 0.0], media=[0, 1, 2, 3], desvio=[1, 1, 0.7, 0.5])
    alvo = np.random.default_rng(0).normal(3, 0.5, 500)
    fig = graficos.desenhar_ajuste_mmd(hist, alvo, alvo + 0.01, janela=2, titulo="título")
    assert len(fig.axes) == 3 and fig._suptitle.get_text() == "título"
    with pytest.raises(ValueError, match="vazio"):
        graficos.desenhar_ajuste_mmd(amostragem.HistoricoMMD(), alvo, alvo)


# ---------------------------------------------------------------------------
# O notebook
# ---------------------------------------------------------------------------

def _notebook():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _fontes(nb, tipo):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == tipo)


def test_notebook_cola_todas_as_chaves_que_a_prosa_usa():
    nb = _notebook()
    codigo, prosa = _fontes(nb, "code"), _fontes(nb, "markdown")
    usadas = set(re.findall(r"\{glue:text\}`(c25_\w+)`", prosa))
    coladas = set(re.findall(r'glue\(f?"(c25_\w+)"', codigo))
    if 'glue(f"c25_ks_{nome}"' in codigo:
        coladas |= {f"c25_ks_{nome}" for nome in ("pequena", "media", "grande")}
    coladas |= {f"c25_{k}" for k in ("modo", "dispositivo", "data")}
    assert 'livro.colar_contexto("c25"' in codigo
    assert usadas and usadas <= coladas, sorted(usadas - coladas)


def test_notebook_estrutura_nota_e_citacoes():
    prosa = _fontes(_notebook(), "markdown")
    assert prosa.startswith("(c25-modelos-generativos)=")
    for secao in ("## Resumo", "## Exercícios", "## Para saber mais", "(c25-mmd)=", "(c25-gerador-mmd)="):
        assert secao in prosa
    nota = prosa[prosa.index("```{note}"):]
    assert "metade das vezes" in " ".join(nota[:nota.index("```", 3)].split())
    for chave in ("dlbook", "morettin-aula16", "gretton2012", "li2015"):
        assert f"`{chave}`" in prosa
    assert r"\mathrm{MMD}^2(P, Q)" in prosa


def test_notebook_treina_em_celulas_gpu_que_leem_o_modo():
    nb = _notebook()
    gpu = ["".join(c["source"]) for c in nb["cells"]
           if c["cell_type"] == "code" and "gpu" in c.get("metadata", {}).get("tags", [])]
    assert len(gpu) == 2
    assert all("ambiente.conforme_modo" in c and "amostragem.ajustar_gerador_mmd" in c for c in gpu)
    codigo = _fontes(nb, "code")
    assert "cuda" not in codigo and "widgets.largura_mmd(" in codigo
    assert codigo.count("exercicios.conferir(") >= 3
    for nome in ("mmd2", "gradiente_mmd2", "mmd2_torch", "ajustar_gerador_mmd", "GeradorAfim",
                 "ClassificadorGaussiano", "desenhar_ajuste_mmd"):
        assert not re.search(rf"^\s*(def|class)\s+{nome}\b", codigo, re.M), nome


def test_notebook_gravado_sem_erros():
    nb = _notebook()
    erros = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
             if o.get("output_type") == "error"]
    assert not erros
    assert "hash_codigo" in nb["metadata"]["profundo"]


def test_notebook_usa_o_nucleo_do_pacote_e_o_titulo_da_regra_de_bayes():
    codigo = _fontes(_notebook(), "code")
    assert not re.search(r"^\s*def\s+(K|nucleo_gaussiano)\b", codigo, re.M)
    assert codigo.count("amostragem.nucleo_gaussiano(") == 3
    assert "fronteira pela regra de Bayes" in codigo and "fronteira de Bayes" not in codigo
    assert not re.search(r"\{[^{}]*:[,.]?\d*[eEfg]\}", codigo)
