import numpy as np
import pytest
import torch

from profundo import ambiente


def test_modo_padrao_sem_gpu_e_rapido(monkeypatch):
    monkeypatch.delenv("PROFUNDO_MODO", raising=False)
    monkeypatch.setattr(ambiente, "tem_gpu", lambda: False)
    assert ambiente.modo() == "rapido"
    monkeypatch.setattr(ambiente, "tem_gpu", lambda: True)
    assert ambiente.modo() == "completo"


@pytest.mark.parametrize("valor, esperado", [("rapido", "rapido"), ("rápido", "rapido"),
                                             (" COMPLETO ", "completo"), ("", "rapido")])
def test_modo_lido_da_variavel(monkeypatch, valor, esperado):
    monkeypatch.setattr(ambiente, "tem_gpu", lambda: False)
    monkeypatch.setenv("PROFUNDO_MODO", valor)
    assert ambiente.modo() == esperado


def test_modo_invalido_tem_mensagem_clara(monkeypatch):
    monkeypatch.setenv("PROFUNDO_MODO", "turbo")
    with pytest.raises(ValueError, match="não é um modo válido"):
        ambiente.modo()


def test_conforme_modo(monkeypatch):
    monkeypatch.setenv("PROFUNDO_MODO", "rapido")
    assert ambiente.conforme_modo(3, 30) == 3
    monkeypatch.setenv("PROFUNDO_MODO", "completo")
    assert ambiente.conforme_modo(3, 30) == 30


def test_dispositivo_na_cpu_sem_gpu():
    disp = ambiente.dispositivo()
    assert isinstance(disp, torch.device)
    if not torch.cuda.is_available():
        assert disp.type in ("cpu", "mps")
    assert ambiente.nome_dispositivo()


def test_semear_reproduz_numpy_e_torch():
    g1 = ambiente.semear(7)
    a = (np.random.rand(3), torch.rand(3), g1.normal(size=3))
    g2 = ambiente.semear(7)
    b = (np.random.rand(3), torch.rand(3), g2.normal(size=3))
    np.testing.assert_array_equal(a[0], b[0])
    assert torch.equal(a[1], b[1])
    np.testing.assert_array_equal(a[2], b[2])


@pytest.mark.parametrize("semente, erro", [(-1, ValueError), (1.5, TypeError), ("0", TypeError),
                                           (True, TypeError)])
def test_semear_recusa_sementes_invalidas(semente, erro):
    with pytest.raises(erro):
        ambiente.semear(semente)


def test_resumo_mostra_dispositivo_modo_e_dados(capsys, monkeypatch):
    monkeypatch.setenv("PROFUNDO_MODO", "rapido")
    ambiente.resumo()
    texto = capsys.readouterr().out
    assert "Dispositivo:" in texto and "Modo: rapido" in texto
    assert "Dados: MNIST" in texto and "numpy" in texto


def test_threads_torch_restaura_o_valor():
    import torch
    antes = torch.get_num_threads()
    with ambiente.threads_torch(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == antes
    with ambiente.threads_torch(None):
        assert torch.get_num_threads() == antes
    with pytest.raises(ValueError, match="positivo"):
        with ambiente.threads_torch(0):
            pass
    with pytest.raises(TypeError, match="inteiro"):
        with ambiente.threads_torch(1.5):
            pass
    assert torch.get_num_threads() == antes
