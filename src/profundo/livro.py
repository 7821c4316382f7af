"""O executor do livro: executa notebooks, carimba e confere os carimbos.

Uso (de dentro do ``.venv``)::

    python -m profundo.livro executar notebooks/01_neuronio_perceptron.ipynb
    python -m profundo.livro executar            # todos os notebooks
    python -m profundo.livro verificar           # falha se algum carimbo faltar ou estiver velho
    python -m profundo.livro figuras             # redesenha as figuras das páginas do livro

Cada notebook é executado do começo ao fim num kernel novo, com o Python do
ambiente atual, e as saídas são gravadas de volta no arquivo. Os metadados
``metadata.profundo`` (o carimbo) guardam modo, dispositivo, origem dos
dados, data, duração, versões e o hash das células de código.

Os notebooks usam ``livro.glue`` para mandar números à prosa do livro: ele
funciona também fora do Jupyter Book (no Colab, sem o MyST-NB instalado).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Iterable, Sequence

RAIZ = Path(__file__).resolve().parents[2]
PASTA_NOTEBOOKS = RAIZ / "notebooks"
PASTA_FIGURAS = RAIZ / "book" / "figuras"
VERSAO_CARIMBO = 1
_MARCA = "PROFUNDO_CARIMBO:"

# Célula acrescentada ao fim da execução (e removida depois): o próprio kernel
# informa modo, dispositivo, dados usados e versões, que vão para o carimbo.
_CELULA_CARIMBO = f"""\
import json as _json
from profundo import ambiente as _amb, dados as _dad
print({_MARCA!r} + _json.dumps({{"modo": _amb.modo(), "dispositivo": _amb.nome_dispositivo(),
      "dados": _dad.fontes_usadas(), "versoes": _amb.versoes()}}))
"""


class ErroCarimbo(Exception):
    """Notebook sem carimbo, com carimbo velho ou com erro nas saídas."""


def glue(nome: str, valor, display: bool = True):
    """Guarda ``valor`` para o livro colar na prosa (``{glue:text}`nome` ``).

    Usa o ``glue`` do MyST-NB quando ele está instalado; sem ele (no Colab,
    por exemplo), só mostra o valor se ``display`` for verdadeiro.
    """
    if not isinstance(nome, str) or not nome.isidentifier():
        raise ValueError(f"o nome do glue deve ser um identificador Python, não {nome!r}.")
    try:
        from myst_nb import glue as _glue_myst
    except ImportError:
        if display:
            from IPython.display import display as _mostrar
            _mostrar(valor)
        return None
    return _glue_myst(nome, valor, display=display)


def colar_contexto(prefixo: str, dados=None) -> dict[str, str]:
    """Cola modo, dispositivo, data e (se dado) o conjunto usado, com chaves ``{prefixo}_modo`` etc.

    A tabela de reprodução do livro lê essas chaves de cada notebook. O modo
    sai na forma de leitura ("rápido", com acento), não no valor da variável.
    """
    from . import ambiente

    contexto = {
        "modo": {"rapido": "rápido"}.get(ambiente.modo(), ambiente.modo()),
        "dispositivo": ambiente.nome_dispositivo(),
        "data": _dt.date.today().strftime("%d/%m/%Y"),
    }
    if dados is not None:
        contexto["dados"] = getattr(dados, "descricao", str(dados))
    for chave, valor in contexto.items():
        glue(f"{prefixo}_{chave}", valor, display=False)
    return contexto


def hash_codigo(nb) -> str:
    """SHA-256 das células de código, na ordem (espaços no fim de cada célula não contam)."""
    h = hashlib.sha256()
    for celula in nb.cells:
        if celula.cell_type == "code":
            h.update(celula.source.rstrip().encode("utf-8"))
            h.update(b"\n\x00")
    return h.hexdigest()


def _gerenciador_kernel():
    """Um KernelManager que usa o Python deste ambiente (não um kernel 'python3' qualquer)."""
    import ipykernel.kernelspec
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class _AmbienteAtual(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    return KernelManager(kernel_name="python3", kernel_spec_manager=_AmbienteAtual())


def executar(caminho: str | os.PathLike, *, modo: str | None = None,
             tempo_limite: int = 1800) -> dict:
    """Executa o notebook num kernel novo, grava as saídas e o carimbo; devolve o carimbo.

    ``modo`` (``rapido``/``completo``) vale só para esta execução; sem ele, vale
    ``PROFUNDO_MODO`` ou o padrão de ``ambiente.modo()``.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    caminho = Path(caminho)
    nb = nbformat.read(caminho, as_version=4)
    anterior = os.environ.get("PROFUNDO_MODO")
    if modo is not None:
        os.environ["PROFUNDO_MODO"] = modo
    try:
        from . import ambiente
        ambiente.modo()  # valida antes de gastar tempo com o kernel
        nb.cells.append(nbformat.v4.new_code_cell(_CELULA_CARIMBO))
        cliente = NotebookClient(nb, km=_gerenciador_kernel(), timeout=tempo_limite,
                                 resources={"metadata": {"path": str(caminho.parent)}})
        inicio = time.perf_counter()
        try:
            cliente.execute()
        except CellExecutionError as erro:
            raise ErroCarimbo(f"{caminho.name}: uma célula falhou; nada foi gravado.\n{erro}") from None
        duracao = time.perf_counter() - inicio
    finally:
        if modo is not None:
            if anterior is None:
                os.environ.pop("PROFUNDO_MODO", None)
            else:
                os.environ["PROFUNDO_MODO"] = anterior

    ultima = nb.cells.pop()
    texto = "".join(s.get("text", "") for s in ultima.outputs if s.get("output_type") == "stream")
    linha = next((l for l in texto.splitlines() if l.startswith(_MARCA)), None)
    if linha is None:
        raise ErroCarimbo(f"{caminho.name}: o kernel não informou o ambiente para o carimbo.")
    info = json.loads(linha[len(_MARCA):])
    carimbo = {
        "versao_carimbo": VERSAO_CARIMBO,
        "modo": info["modo"],
        "dispositivo": info["dispositivo"],
        "dados": info["dados"],
        "data": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "duracao_s": round(duracao, 1),
        "versoes": info["versoes"],
        "hash_codigo": hash_codigo(nb),
    }
    nb.metadata["profundo"] = carimbo
    nb.metadata.pop("widgets", None)  # estado de widgets não é guardado (o livro usa a imagem)
    nbformat.validate(nb)
    nbformat.write(nb, caminho)
    return carimbo


def problemas(caminho: str | os.PathLike) -> list[str]:
    """Lista (vazia se tudo certo) do que impede o notebook de passar na verificação."""
    import nbformat

    caminho = Path(caminho)
    nb = nbformat.read(caminho, as_version=4)
    achados = []
    carimbo = nb.metadata.get("profundo")
    if not carimbo:
        return ["sem carimbo de execução (rode `make executar NB=...`)"]
    for chave in ("modo", "dispositivo", "dados", "data", "duracao_s", "versoes", "hash_codigo"):
        if chave not in carimbo:
            achados.append(f"carimbo incompleto: falta '{chave}'")
    if carimbo.get("hash_codigo") != hash_codigo(nb):
        achados.append("carimbo velho: o código mudou depois da última execução")
    contagens = []
    for i, celula in enumerate(nb.cells):
        if celula.cell_type != "code":
            continue
        if celula.source.strip():
            contagens.append(celula.execution_count)
        for saida in celula.get("outputs", []):
            if saida.get("output_type") == "error":
                achados.append(f"célula {i}: a saída guarda um erro ({saida.get('ename')})")
            elif saida.get("output_type") == "stream" and "Traceback (most recent call last)" in saida.get("text", ""):
                achados.append(f"célula {i}: a saída guarda um traceback")
    if contagens != list(range(1, len(contagens) + 1)):
        achados.append("as células não foram executadas em ordem, de cima para baixo, num kernel novo")
    return achados


def verificar(caminhos: Iterable[str | os.PathLike]) -> dict[str, list[str]]:
    """``{notebook: problemas}`` só para os notebooks com problema."""
    return {str(c): p for c in caminhos if (p := problemas(c))}


def figuras(pasta: Path = PASTA_FIGURAS) -> list[Path]:
    """Redesenha as figuras usadas pelas páginas sem código (``book/``)."""
    import matplotlib
    matplotlib.use("Agg")
    from . import graficos, historia

    pasta.mkdir(parents=True, exist_ok=True)
    graficos.aplicar_estilo()
    destino = pasta / "linha_do_tempo.svg"
    fig = historia.figura_linha_do_tempo()
    fig.savefig(destino, format="svg", metadata={"Date": None, "Creator": None})
    return [destino]


def _notebooks(args: Sequence[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    return sorted(PASTA_NOTEBOOKS.glob("*.ipynb"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m profundo.livro",
                                     description="Executa e confere os notebooks do livro.")
    sub = parser.add_subparsers(dest="comando", required=True)
    p_exec = sub.add_parser("executar", help="executa e carimba notebooks")
    p_exec.add_argument("notebooks", nargs="*")
    p_exec.add_argument("--modo", choices=["rapido", "completo"])
    p_exec.add_argument("--tempo-limite", type=int, default=1800,
                        help="segundos por célula (padrão 1800)")
    p_ver = sub.add_parser("verificar", help="confere os carimbos")
    p_ver.add_argument("notebooks", nargs="*")
    sub.add_parser("figuras", help="redesenha as figuras de book/figuras")
    args = parser.parse_args(argv)

    if args.comando == "executar":
        for nb in _notebooks(args.notebooks):
            print(f"Executando {nb} ...", flush=True)
            try:
                c = executar(nb, modo=args.modo, tempo_limite=args.tempo_limite)
            except ErroCarimbo as erro:
                print(erro, file=sys.stderr)
                return 1
            print(f"  ok: {c['duracao_s']} s, modo {c['modo']}, {c['dispositivo']}", flush=True)
        return 0
    if args.comando == "verificar":
        ruins = verificar(_notebooks(args.notebooks))
        for nb, lista in ruins.items():
            for p in lista:
                print(f"{nb}: {p}", file=sys.stderr)
        if not ruins:
            print("Todos os carimbos conferem.")
        return 1 if ruins else 0
    for f in figuras():
        print(f"Figura gravada: {f}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
