"""Testes da linha do tempo (``profundo.historia`` e ``graficos.linha_do_tempo``)."""

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from profundo import graficos, historia  # noqa: E402


def _rotulos(fig):
    ax = fig.axes[0]
    return [t for t in ax.texts if "\n" in t.get_text()]


def _caixas(fig):
    fig.canvas.draw()
    desenhador = fig.canvas.get_renderer()
    return [t.get_window_extent(desenhador) for t in _rotulos(fig)]


def test_eventos_em_ordem_e_dentro_dos_invernos_validos():
    anos = [a for a, _ in historia.EVENTOS]
    assert anos == sorted(anos) and len(set(anos)) == len(anos)
    assert anos[0] == 1943 and 1986 in anos and 2012 in anos
    for inicio, fim, rotulo in historia.INVERNOS:
        assert inicio < fim and "inverno" in rotulo
    assert set(historia.DESTAQUES) <= set(anos)


def test_figura_da_historia_sem_rotulos_sobrepostos():
    fig = historia.figura_linha_do_tempo()
    caixas = _caixas(fig)
    assert len(caixas) == len(historia.EVENTOS)
    for a, b in itertools.combinations(caixas, 2):
        assert not a.overlaps(b), "dois rótulos da linha do tempo se sobrepõem"
    # Os rótulos cabem na figura.
    largura, altura = fig.canvas.get_width_height()
    for c in caixas:
        assert c.x0 >= 0 and c.x1 <= largura and c.y0 >= 0 and c.y1 <= altura
    plt.close(fig)


def test_hastes_nao_cortam_outros_rotulos():
    eventos = [(1980 + i, f"evento\nnúmero {i} com texto longo") for i in range(8)]
    fig = graficos.linha_do_tempo(eventos)
    ax = fig.axes[0]
    caixas = _caixas(fig)
    hastes = [l for l in ax.lines if len(l.get_xdata()) == 2 and l.get_xdata()[0] == l.get_xdata()[1]]
    assert len(hastes) == len(eventos)
    for i, haste in enumerate(hastes):
        (x, _), (_, y1) = ax.transData.transform([(haste.get_xdata()[0], 0),
                                                  (haste.get_xdata()[0], haste.get_ydata()[1])])
        y0 = ax.transData.transform((0, 0))[1]
        baixo, cima = sorted((y0, y1))
        for j, c in enumerate(caixas):
            if i != j and c.x0 < x < c.x1:
                assert c.y1 <= baixo + 0.5 or c.y0 >= cima - 0.5, "uma haste atravessa um rótulo"
    for a, b in itertools.combinations(caixas, 2):
        assert not a.overlaps(b)
    plt.close(fig)


def test_periodos_e_destaques():
    fig = graficos.linha_do_tempo([(1958, "a"), (1986, "b")], destaques=[1986],
                                  periodos=[(1970, 1980, "inverno")])
    ax = fig.axes[0]
    assert any(t.get_text() == "inverno" for t in ax.texts)
    negrito = [t for t in ax.texts if t.get_text().startswith("1986")]
    assert negrito and negrito[0].get_fontweight() in ("bold", 700)
    plt.close(fig)


def test_entradas_invalidas():
    with pytest.raises(ValueError, match="período inválido"):
        graficos.linha_do_tempo([(1958, "a")], periodos=[(1980, 1970, "x")])
    with pytest.raises(ValueError, match="positivos"):
        graficos.linha_do_tempo([(1958, "a")], largura=0)
    with pytest.raises(ValueError):
        graficos.linha_do_tempo([])
    plt.close("all")
