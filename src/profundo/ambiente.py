"""Ambiente de execução: dispositivo (GPU ou CPU), modo de execução e sementes.

Todo notebook começa com ``ambiente.resumo()``: ele diz em que máquina o
código está rodando, em que modo (``rapido`` ou ``completo``) e de onde vêm
os dados. As células pesadas leem ``modo()`` e ``dispositivo()`` em vez de
fixar valores no código.
"""

from __future__ import annotations

import os
import platform
import random
import unicodedata
from contextlib import contextmanager
from importlib import metadata
from typing import Any, Iterator

import numpy as np

MODOS = ("rapido", "completo")
"""Modos aceitos em ``PROFUNDO_MODO``."""


def _torch():
    """Importa o PyTorch só quando preciso (ele demora um pouco a carregar)."""
    try:
        import torch
    except ImportError:  # pragma: no cover - o torch está no requirements.txt
        return None
    return torch


def dispositivo() -> Any:
    """Escolhe o melhor dispositivo disponível: ``cuda`` → ``mps`` → ``cpu``.

    Devolve um ``torch.device``. Sem o PyTorch instalado, devolve a string ``"cpu"``.
    """
    torch = _torch()
    if torch is None:
        return "cpu"
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def nome_dispositivo() -> str:
    """Nome legível do dispositivo (o modelo da GPU, ou ``CPU`` e o processador)."""
    disp = dispositivo()
    tipo = getattr(disp, "type", str(disp))
    if tipo == "cuda":
        return f"GPU {_torch().cuda.get_device_name(0)}"
    if tipo == "mps":
        return "GPU Apple (mps)"
    processador = platform.processor() or platform.machine()
    return f"CPU {processador} ({os.cpu_count()} núcleos)"


def tem_gpu() -> bool:
    """``True`` quando há uma GPU (CUDA ou Apple) disponível."""
    return getattr(dispositivo(), "type", "cpu") in ("cuda", "mps")


def _normalizar(texto: str) -> str:
    sem_acento = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return sem_acento.strip().lower()


def modo() -> str:
    """Modo de execução: ``rapido`` (subconjunto, poucas épocas) ou ``completo``.

    Lido de ``PROFUNDO_MODO``. Sem a variável, o padrão é ``completo`` quando há
    GPU e ``rapido`` caso contrário. ``rápido`` (com acento) também é aceito.
    """
    valor = os.environ.get("PROFUNDO_MODO")
    if valor is None or valor.strip() == "":
        return "completo" if tem_gpu() else "rapido"
    normalizado = _normalizar(valor)
    if normalizado not in MODOS:
        raise ValueError(
            f"PROFUNDO_MODO={valor!r} não é um modo válido; use 'rapido' ou 'completo'."
        )
    return normalizado


def rapido() -> bool:
    """Atalho: ``True`` no modo rápido."""
    return modo() == "rapido"


def conforme_modo(rapido: Any, completo: Any) -> Any:
    """Escolhe um valor conforme o modo, p. ex. ``epocas = conforme_modo(3, 30)``."""
    return rapido if modo() == "rapido" else completo


@contextmanager
def threads_torch(n: int | None) -> Iterator[None]:
    """Usa ``n`` threads do PyTorch na CPU dentro do bloco ``with`` e depois restaura o número anterior.

    Modelos pequenos, processados passo a passo (como as redes recorrentes),
    costumam ser mais rápidos com uma thread numa CPU disputada. ``None``
    deixa tudo como está (útil para escrever ``1 if not tem_gpu() else None``).
    """
    if n is not None and (isinstance(n, bool) or not isinstance(n, (int, np.integer))):
        raise TypeError(f"o número de threads deve ser um inteiro ou None, não {type(n).__name__}.")
    if n is not None and n < 1:
        raise ValueError(f"o número de threads deve ser positivo, não {n}.")
    torch = _torch()
    if torch is None or n is None:
        yield
        return
    antes = torch.get_num_threads()
    torch.set_num_threads(int(n))
    try:
        yield
    finally:
        torch.set_num_threads(antes)


def semear(semente: int = 0) -> np.random.Generator:
    """Fixa as sementes de ``random``, NumPy e PyTorch e devolve um gerador NumPy.

    Com a mesma semente, o mesmo notebook produz os mesmos números.
    """
    if isinstance(semente, bool) or not isinstance(semente, (int, np.integer)):
        raise TypeError(f"a semente deve ser um inteiro, não {type(semente).__name__}.")
    if semente < 0:
        raise ValueError(f"a semente deve ser um inteiro não negativo, não {semente}.")
    semente = int(semente)
    random.seed(semente)
    np.random.seed(semente % 2**32)
    torch = _torch()
    if torch is not None:
        torch.manual_seed(semente)
    return np.random.default_rng(semente)


def _versao(pacote: str) -> str | None:
    try:
        return metadata.version(pacote)
    except metadata.PackageNotFoundError:
        return None


def versoes() -> dict[str, str]:
    """Versões de Python e das bibliotecas principais (as ausentes ficam de fora)."""
    resultado = {"python": platform.python_version()}
    for pacote in ("profundo", "numpy", "torch", "matplotlib", "ipywidgets"):
        versao = _versao(pacote)
        if versao is not None:
            resultado[pacote] = versao
    return resultado


def informacoes() -> dict[str, Any]:
    """Tudo o que ``resumo()`` mostra, como dicionário (usado pelo carimbo de execução)."""
    from . import dados

    return {
        "modo": modo(),
        "dispositivo": nome_dispositivo(),
        "versoes": versoes(),
        "dados": dados.fontes_usadas() or dados.fontes_disponiveis(),
    }


def resumo() -> None:
    """Mostra dispositivo, modo, versões e de onde vêm os dados."""
    info = informacoes()
    print(f"Dispositivo: {info['dispositivo']}")
    explicacao = {
        "rapido": "subconjunto dos dados e poucas épocas",
        "completo": "dados completos, reproduz os números das fontes",
    }[info["modo"]]
    print(f"Modo: {info['modo']} ({explicacao})")
    print("Versões: " + ", ".join(f"{k} {v}" for k, v in info["versoes"].items()))
    for fonte in info["dados"].values():
        print(f"Dados: {fonte}")
