"""Capítulo 6: o que o texto afirma sobre a Rede matricial e o que ele lê do benchmark."""

import json
from pathlib import Path

import numpy as np
import pytest

from profundo.ativacoes import sigmoide
from profundo.rede import Rede, um_quente

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "resultados" / "rede.json"


def test_lote_igual_ao_laco_por_exemplo_com_vetores_coluna():
    """A' = σ(A Wᵀ + b) no lote dá, linha a linha, a' = σ(W a + b)."""
    rede = Rede([6, 4, 3], semente=0)
    X = np.random.default_rng(1).random((9, 6))
    for x, linha in zip(X, rede.alimentar(X)):
        a = x[:, None]
        for W, b in zip(rede.pesos, rede.vieses):
            a = sigmoide(W @ a + b[:, None])
        np.testing.assert_allclose(a[:, 0], linha, rtol=1e-12)


def test_gradiente_do_lote_e_a_media_dos_gradientes_por_exemplo():
    rede = Rede([5, 4, 3], semente=2)
    rng = np.random.default_rng(3)
    X, Y = rng.random((10, 5)), um_quente(rng.integers(0, 3, 10), 3)
    grad_w, grad_b = rede.retropropagar(X, Y)
    por_exemplo = [rede.retropropagar(X[i:i + 1], Y[i:i + 1]) for i in range(len(X))]
    for l in range(2):
        np.testing.assert_allclose(grad_w[l], np.mean([g[0][l] for g in por_exemplo], axis=0),
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(grad_b[l], np.mean([g[1][l] for g in por_exemplo], axis=0),
                                   rtol=1e-12, atol=1e-15)


def test_um_passo_do_mini_lote_segue_a_regra_do_sgd():
    rede = Rede([5, 4, 3], semente=4)
    rng = np.random.default_rng(5)
    X, Y = rng.random((10, 5)), um_quente(rng.integers(0, 3, 10), 3)
    grad_w, grad_b = rede.retropropagar(X, Y)
    antes_w = [w.copy() for w in rede.pesos]
    antes_b = [b.copy() for b in rede.vieses]
    rede.atualizar_mini_lote(X, Y, 3.0)
    for l in range(2):
        np.testing.assert_allclose(rede.pesos[l], antes_w[l] - 3.0 * grad_w[l], rtol=1e-12)
        np.testing.assert_allclose(rede.vieses[l], antes_b[l] - 3.0 * grad_b[l], rtol=1e-12)


@pytest.mark.skipif(not BENCHMARK.is_file(), reason="benchmark ainda não gerado")
def test_benchmark_tem_o_que_o_capitulo_le():
    bench = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    for chave in ("dados", "epocas", "tamanho_lote", "cpu", "threads_torch", "resultados"):
        assert chave in bench
    nomes = {r["implementacao"] for r in bench["resultados"]}
    assert {"profundo (mini-lote matricial)", "laço por exemplo (NumPy)",
            "PyTorch CPU, float32", "PyTorch CPU, float64"} <= nomes
    for r in bench["resultados"]:
        for chave in ("segundos", "ms_por_lote", "relativo_ao_profundo", "acuracia_teste"):
            assert np.isfinite(r[chave])
