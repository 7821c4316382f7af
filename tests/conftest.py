"""Configuração dos testes de unidade."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fechar_figuras():
    yield
    plt.close("all")
