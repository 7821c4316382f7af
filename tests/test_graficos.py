import matplotlib.pyplot as plt
import numpy as np
import pytest

from profundo import graficos


@pytest.mark.parametrize("valor, casas, texto", [(0.4243, 2, "0,42"), (1234.5, 2, "1.234,50"),
                                                 (-3.0, 0, "−3"), (23860, 0, "23.860")])
def test_formatar_numero(valor, casas, texto):
    assert graficos.formatar_numero(valor, casas) == texto


def test_formatar_cientifico_e_vetor():
    assert graficos.formatar_cientifico(9.5e-7) == "9,5 × 10⁻⁷"
    assert graficos.formatar_cientifico(-2.7e-8, 2) == "−2,70 × 10⁻⁸"
    assert graficos.formatar_cientifico(0.0) == "0,0"
    assert graficos.formatar_vetor([0.4213, 0.3121, 0.2666], 2) == "[0,42; 0,31; 0,27]"
    assert graficos.formatar_vetor(0.5, 1) == "0,5"
    assert graficos.formatar_adaptativo(0.108) == "0,108"
    assert graficos.formatar_adaptativo(1.3e-5) == "1,3 × 10⁻⁵"


def test_formatar_porcentagem_e_especiais():
    assert graficos.formatar_porcentagem(0.9542) == "95,42%"
    assert graficos.formatar_numero(float("nan")) == "NaN"
    assert graficos.formatar_numero(float("inf")) == "∞"


def test_eixos_com_virgula():
    fig, ax = graficos.figura()
    ax.plot([0, 0.5, 1.0], [0, 0.25, 1.0])
    fig.canvas.draw()
    rotulos = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert any("," in r for r in rotulos) and not any("." in r for r in rotulos)
    # em mathtext a vírgula precisa de chaves, senão aparece com um espaço depois
    assert all("{,}" in r for r in rotulos if "$" in r and "," in r)


def test_grade_digitos():
    imgs = np.random.default_rng(0).random((12, 784))
    fig = graficos.grade_digitos(imgs, rotulos=list(range(12)), previstos=[0] * 12, ncolunas=5)
    assert len(fig.axes) == 15
    assert fig.axes[1].get_title() == "1→0"
    with pytest.raises(ValueError, match="forma"):
        graficos.grade_digitos(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="nenhuma"):
        graficos.grade_digitos(np.zeros((0, 28, 28)))


def test_curvas_aprendizado():
    ax = graficos.curvas_aprendizado({"treino": [0.5, 0.8, 0.9], "teste": [0.4, 0.7, 0.8]},
                                     ylabel="acurácia")
    assert len(ax.lines) == 2 and ax.get_xlabel() == "época"
    with pytest.raises(ValueError):
        graficos.curvas_aprendizado({})


def test_desenhar_rede_e_linha_do_tempo():
    ax = graficos.desenhar_rede([784, 30, 10])
    assert any("784" in t.get_text() for t in ax.texts)
    with pytest.raises(ValueError):
        graficos.desenhar_rede([3])
    fig = graficos.linha_do_tempo([(1958, "perceptron"), (1986, "backprop")])
    assert fig.axes[0].get_xlabel() == "ano"
    with pytest.raises(ValueError):
        graficos.linha_do_tempo([])
    plt.close("all")


# Parte VII, capítulos 24 e 25: validação de desenhar_rejeicao e desvio (ddof = 0) em desenhar_ajuste_mmd

def _beta25_graficos(x):
    x = np.asarray(x, dtype=float)
    return np.where((x >= 0) & (x <= 1), 30 * x * (1 - x) ** 4, 0.0)


def test_desenhar_rejeicao_valida_n_pontos_e_densidade():
    from profundo import amostragem
    r = amostragem.amostrar_rejeicao(_beta25_graficos, "uniforme", 2.4576, 200, rng=0)
    for ruim in (0, -3, 1.5, True, "10"):
        with pytest.raises(ValueError, match="n_pontos"):
            graficos.desenhar_rejeicao(r, _beta25_graficos, "uniforme", n_pontos=ruim)
    with pytest.raises(TypeError, match="densidade_alvo"):
        graficos.desenhar_rejeicao(r, "beta", "uniforme")
    fig = graficos.desenhar_rejeicao(r, _beta25_graficos, "uniforme", n_pontos=50)
    assert "50 primeiras propostas" in fig.axes[0].get_title()
    plt.close("all")


def test_desenhar_ajuste_mmd_usa_o_desvio_com_ddof_0():
    from profundo import amostragem
    alvo = np.array([1.0, 2.0, 4.0, 7.0])          # poucos pontos: ddof = 0 e ddof = 1 diferem bastante
    hist = amostragem.HistoricoMMD(mmd2=[0.3, 0.1], media=[0.0, 3.0], desvio=[1.0, 2.0])
    fig = graficos.desenhar_ajuste_mmd(hist, alvo, alvo, janela=1)
    linhas = {l.get_label(): l for l in fig.axes[1].get_lines()}
    assert linhas["desvio do alvo"].get_ydata()[0] == pytest.approx(np.std(alvo, ddof=0))
    assert linhas["média do alvo"].get_ydata()[0] == pytest.approx(alvo.mean())
    plt.close("all")


# --- capítulo 27: validação de mosaico, grade_amostras e curvas_gan (revisão) ---------------

@pytest.mark.parametrize("kwargs, erro", [
    ({"ncolunas": 2.0}, TypeError), ({"ncolunas": "3"}, TypeError), ({"ncolunas": True}, TypeError),
    ({"ncolunas": None}, TypeError), ({"margem": 1.0}, TypeError), ({"margem": "1"}, TypeError),
    ({"margem": False}, TypeError), ({"ncolunas": 0}, ValueError), ({"margem": -1}, ValueError),
])
def test_mosaico_tipos_de_ncolunas_e_margem(kwargs, erro):
    with pytest.raises(erro, match=next(iter(kwargs))):
        graficos.mosaico(np.zeros((3, 784)), **kwargs)


def test_mosaico_aceita_inteiros_do_numpy_e_recusa_nan():
    imagens = np.random.default_rng(0).random((6, 784))
    np.testing.assert_array_equal(graficos.mosaico(imagens, np.int64(3), np.int32(2)),
                                  graficos.mosaico(imagens, 3, 2))
    for ruim in (np.nan, np.inf):
        com_ruim = imagens.copy()
        com_ruim[2, 100] = ruim
        with pytest.raises(ValueError, match="NaN"):
            graficos.mosaico(com_ruim)
        with pytest.raises(ValueError, match="NaN"):
            graficos.grade_amostras(com_ruim)
    with pytest.raises(TypeError, match="imagens"):
        graficos.mosaico([["a"] * 784])


def test_grade_amostras_confere_a_faixa():
    imagens = np.random.default_rng(0).random((20, 784))
    graficos.grade_amostras(np.clip(imagens + 1e-7, 0, 1 + 1e-7))      # dentro da tolerância
    plt.close("all")
    for ruim in (imagens * 2, imagens - 0.5, imagens * 255):
        with pytest.raises(ValueError, match=r"\[0, 1\]"):
            graficos.grade_amostras(ruim)


def test_grade_amostras_rotulos_linhas_qualquer_iteravel():
    imagens = np.random.default_rng(0).random((30, 784))
    for rotulos in (["a", "b", "c"], ("a", "b", "c"), np.array(["a", "b", "c"]), (r for r in "abc"), "abc"):
        ax = graficos.grade_amostras(imagens, rotulos_linhas=rotulos)
        assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
        plt.close("all")
    with pytest.raises(TypeError, match="rotulos_linhas"):
        graficos.grade_amostras(imagens, rotulos_linhas=3)
    with pytest.raises(ValueError, match="3 linhas"):
        graficos.grade_amostras(imagens, rotulos_linhas=iter(range(4)))
    with pytest.raises(TypeError, match="ncolunas"):
        graficos.grade_amostras(imagens, ncolunas=10.0)


def test_evolucao_amostras_exige_dicionario():
    with pytest.raises(TypeError, match="dicionário"):
        graficos.evolucao_amostras([np.zeros((100, 784))])
    fig = graficos.evolucao_amostras({0: np.zeros((100, 784))}, rotulos_linhas=(str(d) for d in range(10)))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [str(d) for d in range(10)]
    plt.close(fig)


def test_curvas_gan_equilibrio_conforme_a_variante():
    import math

    from profundo import gan

    series = dict(perda_d=[1.3, 1.4], d_real=[0.6, 0.5], d_falso=[0.4, 0.5], tempo_s=[0.1, 0.1])
    esperado = {"nao_saturante": (math.log(2), "log 2"), "minimax": (-math.log(2), "−log 2")}
    for variante, (valor, texto) in esperado.items():
        h = gan.HistoricoGAN(perda_g=[0.8, 0.7] if variante == "nao_saturante" else [-0.6, -0.7],
                             variante=variante, **series)
        ax_perda = graficos.curvas_gan(h).axes[0]
        horizontais = [float(l.get_ydata()[0]) for l in ax_perda.lines[2:]]
        assert horizontais == pytest.approx([2 * math.log(2), valor])
        assert [t.get_text() for t in ax_perda.texts] == ["2·log 2", texto]
        plt.close("all")
    with pytest.raises(ValueError, match="variante"):
        graficos.curvas_gan(gan.HistoricoGAN(perda_g=[0.7, 0.7], variante="wgan", **series))
