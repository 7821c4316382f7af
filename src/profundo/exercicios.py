"""Conferência automática de exercícios.

Um exercício deixa uma variável com ``...`` (reticências) para o leitor
preencher; ``conferir`` diz se a resposta está certa sem interromper o
notebook (que precisa rodar inteiro mesmo com exercícios em branco).
"""

from __future__ import annotations

from typing import Any, Callable


def conferir(resposta: Any, verificador: Callable[[Any], bool], *, dica: str = "") -> bool:
    """Aplica ``verificador`` à ``resposta``, imprime o veredito e devolve ``True`` se correta.

    ``resposta`` igual a ``...`` (ainda não respondida) não é erro: só um lembrete.
    """
    if not callable(verificador):
        raise TypeError("verificador deve ser uma função que recebe a resposta e devolve bool.")
    if resposta is Ellipsis:
        print("Exercício ainda não respondido: troque as reticências (...) pela sua resposta.")
        return False
    try:
        certo = bool(verificador(resposta))
    except Exception as erro:  # a resposta pode ter qualquer forma: explicamos em vez de quebrar
        print(f"A resposta não pôde ser conferida ({type(erro).__name__}: {erro}).")
        certo = False
    else:
        print("Correto!" if certo else "Ainda não." + (f" Dica: {dica}" if dica else ""))
    return certo
