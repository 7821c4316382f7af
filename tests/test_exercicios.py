from profundo.exercicios import conferir


def test_conferir(capsys):
    assert conferir(..., lambda r: True) is False
    assert "ainda não respondido" in capsys.readouterr().out
    assert conferir(4, lambda r: r == 4) is True
    assert "Correto" in capsys.readouterr().out
    assert conferir(3, lambda r: r == 4, dica="some 1") is False
    assert "Dica: some 1" in capsys.readouterr().out
    assert conferir("x", lambda r: r + 1 > 0) is False
    assert "não pôde ser conferida" in capsys.readouterr().out
