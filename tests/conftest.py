"""Configuração dos testes de unidade."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fechar_figuras():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def uma_thread_torch():
    """Uma thread no PyTorch durante o módulo de testes: numa máquina pequena e
    compartilhada (o CI roda os arquivos em paralelo), mais threads só disputam os núcleos."""
    from profundo import ambiente

    with ambiente.threads_torch(1):
        yield
