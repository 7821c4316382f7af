"""Testes do capítulo 7: verificação de gradientes e o exemplo trabalhado da fonte."""

import numpy as np
import pytest

from profundo.rede import Rede, erro_relativo, gradientes_numericos, verificar_gradientes


def lote(camadas, m=6, semente=0):
    rng = np.random.default_rng(semente)
    return rng.random((m, camadas[0])), rng.integers(0, camadas[-1], m)


@pytest.mark.parametrize("camadas", [[3, 2], [4, 5, 3], [6, 4, 4, 2], [30, 12, 10]], ids=str)
def test_retropropagacao_passa_na_verificacao(camadas):
    rede = Rede(camadas, semente=1)
    X, y = lote(camadas)
    assert verificar_gradientes(rede, X, y) < 1e-6


def test_parametros_voltam_intactos():
    rede = Rede([4, 5, 3], semente=2)
    antes = [p.copy() for p in rede.pesos + rede.vieses]
    X, y = lote([4, 5, 3])
    gradientes_numericos(rede, X, y)
    for p, q in zip(antes, rede.pesos + rede.vieses):
        np.testing.assert_array_equal(p, q)


def test_numericos_batem_com_a_formula_fechada_de_um_neuronio():
    # Um único neurônio sigmoide: ∂C/∂w = (a − y) σ'(z) x e ∂C/∂b = (a − y) σ'(z).
    rede = Rede([2, 1], semente=0)
    x, y = np.array([[0.5, -1.0]]), np.array([[1.0]])
    a = rede.alimentar(x)[0, 0]
    delta = (a - 1.0) * a * (1 - a)
    num_w, num_b = gradientes_numericos(rede, x, y)
    np.testing.assert_allclose(num_w[0], delta * x, rtol=1e-7)
    np.testing.assert_allclose(num_b[0], [delta], rtol=1e-7)


class _RedeComErro(Rede):
    """Esquece o fator σ'(z) na BP2: a verificação deve acusar."""

    def _gradientes(self, X, Y, escala):
        ativacoes = [X]
        z = None
        for w, b in zip(self.pesos, self.vieses):
            z = ativacoes[-1] @ w.T + b
            ativacoes.append(1 / (1 + np.exp(-z)))
        grad_w, grad_b = [None] * len(self.pesos), [None] * len(self.pesos)
        delta = self.custo.delta(z, ativacoes[-1], Y)
        for l in range(len(self.pesos) - 1, -1, -1):
            grad_b[l] = (delta * escala).sum(axis=0)
            grad_w[l] = (delta * escala).T @ ativacoes[l]
            if l > 0:
                delta = delta @ self.pesos[l]          # falta ⊙ σ'(zˡ)
        return grad_w, grad_b


def test_verificacao_acusa_um_erro_de_programacao():
    rede = _RedeComErro([4, 5, 3], semente=1)
    X, y = lote([4, 5, 3])
    assert verificar_gradientes(rede, X, y) > 1e-2


def test_erro_relativo():
    assert erro_relativo(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert erro_relativo([np.zeros(3)], [np.zeros(3)]) == 0.0
    assert erro_relativo(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)
    assert erro_relativo([np.ones(2), np.array([3.0])], [np.ones(2), np.array([1.0])]) == \
        pytest.approx(0.5)
    with pytest.raises(ValueError, match="formas"):
        erro_relativo(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match="tamanhos"):
        erro_relativo([np.ones(2)], [])


def test_erros_de_entrada():
    rede = Rede([3, 2], semente=0)
    X, y = lote([3, 2])
    with pytest.raises(TypeError, match="Rede"):
        verificar_gradientes("rede", X, y)
    with pytest.raises(ValueError, match="h deve"):
        verificar_gradientes(rede, X, y, h=0.0)
    with pytest.raises(TypeError, match="h deve"):
        verificar_gradientes(rede, X, y, h="0.1")
    with pytest.raises(ValueError):
        verificar_gradientes(rede, X[:, :2], y)


# --- o exemplo trabalhado do capítulo 15 do Deep Learning Book --------------------

PESOS_OCULTOS = np.array([[0.351, 1.076, 1.116],    # colunas: x₁, x₂, viés (entrada 1)
                          [0.097, 0.165, 0.542],
                          [0.457, 0.165, 0.331]])
PESOS_SAIDA = np.array([0.383, -0.327, -0.329])


def rede_da_fonte():
    rede = Rede([2, 3, 1], semente=0)
    rede.pesos = [PESOS_OCULTOS[:, :2].copy(), PESOS_SAIDA[None, :].copy()]
    rede.vieses = [PESOS_OCULTOS[:, 2].copy(), np.zeros(1)]   # a saída não tem viés
    return rede


def test_exemplo_da_fonte_com_a_aritmetica_correta():
    x = np.array([[0.0, 1.0]])
    ocultos = 1 / (1 + np.exp(-(PESOS_OCULTOS @ [0.0, 1.0, 1.0])))
    np.testing.assert_allclose(ocultos, [0.8995, 0.6697, 0.6215], atol=5e-5)
    # a fonte imprime 0,899; 0,593; 0,378: só o primeiro segue dos pesos impressos
    assert abs(ocultos[0] - 0.899) < 1e-3
    assert abs(ocultos[1] - 0.593) > 0.05 and abs(ocultos[2] - 0.378) > 0.2
    saida = rede_da_fonte().alimentar(x)[0, 0]
    assert saida == pytest.approx(0.48027, abs=1e-5)   # a fonte diz 0,506
    assert saida < 0.5                                  # o degrau prevê 0, não 1


def test_exemplo_da_fonte_um_passo_de_descida():
    rede = rede_da_fonte()
    x, y = np.array([[0.0, 1.0]]), np.array([[1.0]])
    grad_w, grad_b = rede.retropropagar(x, y)
    a = rede.alimentar(x)[0, 0]
    assert grad_b[1][0] == pytest.approx((a - 1) * a * (1 - a))      # BP1 e BP3
    assert np.all(grad_w[0][:, 0] == 0.0)                             # BP4 com x₁ = 0
    assert verificar_gradientes(rede, x, y) < 1e-6
    rede.atualizar_mini_lote(x, y, 0.5)
    # (com o viés da saída também treinado, o passo é um pouco maior que o da fonte)
    assert rede.alimentar(x)[0, 0] > 0.5
