"""Benchmark do laço de treino de ``profundo.treino`` contra o laço usual com ``DataLoader``.

Não é teste: mede e grava uma tabela. Duas maneiras de alimentar o MESMO treino
(mesmo modelo inicial, mesmo otimizador, mesmo tamanho de lote, mesmas contas
por lote: entropia cruzada, passo do otimizador, custo e acertos somados no
dispositivo), no dispositivo de ``ambiente.dispositivo()``:

1. ``profundo``: ``treino.treinar``. O conjunto vai uma vez para o dispositivo;
   a cada época sorteia-se lá uma permutação e cada lote é uma fatia de índices.
2. ``DataLoader``: o laço dos tutoriais. ``TensorDataset`` na CPU,
   ``DataLoader(shuffle=True)`` monta cada lote na CPU (busca exemplo a exemplo
   e empilha) e o laço o copia com ``.to(dispositivo)``.

As épocas dos dois laços se intercalam (na época par o ``profundo`` vai
primeiro, na ímpar o ``DataLoader``), para que uma carga passageira na máquina
atinja os dois. Cada época é cronometrada até a GPU terminar; a 1ª de cada laço
é aquecimento (cuDNN, alocador, caches) e fica de fora. Reporta a mediana das
demais e a razão DataLoader ÷ profundo (> 1: o ``profundo`` é mais rápido).
A cópia única dos dados para o dispositivo, que o ``profundo`` paga antes da
1ª época, é medida à parte.

Modelos: ``cnn`` = ``cnn.cnn_pereira()`` (a CNN da fonte 000, 305.194
parâmetros); ``mlp`` = ``treino.mlp([784, 1024, 1024, 10])`` (capítulo 15), em
que o trabalho por lote é pequeno e o custo fixo do ``DataLoader`` pesa mais;
``ambos`` (padrão) mede os dois.

Uso: ``python benchmarks/laco_treino.py [--modelo cnn|mlp|ambos] [--epocas 5]
[--n-treino 4000] [--tamanho-lote 128] [--otimizador sgd|adam|adadelta]
[--saida benchmarks/resultados/laco_treino.json]``. Sem ``--n-treino``: 4.000
exemplos na CPU, o conjunto todo na GPU.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from profundo import ambiente, dados, treino
from profundo.graficos import formatar_numero

OTIMIZADORES: dict[str, Callable[[nn.Module], torch.optim.Optimizer]] = {
    "sgd": lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9),
    "adam": lambda m: torch.optim.Adam(m.parameters(), lr=1e-3),
    "adadelta": lambda m: torch.optim.Adadelta(m.parameters(), lr=1.0),   # o da fonte 000
}
DESCRICAO_OTIMIZADOR = {"sgd": "SGD (η = 0,05, momento 0,9)", "adam": "Adam (η = 0,001)",
                        "adadelta": "Adadelta (η = 1)"}


def construir(nome: str) -> tuple[nn.Module, str, tuple[int, ...]]:
    """(modelo, descrição, forma de cada exemplo) para ``nome`` em {"cnn", "mlp"}."""
    if nome == "cnn":
        from profundo import cnn
        return cnn.cnn_pereira(), "cnn_pereira (fonte 000)", (1, 28, 28)
    return treino.mlp([784, 1024, 1024, 10]), "mlp [784, 1024, 1024, 10]", (784,)


def sincronizar(disp: torch.device) -> None:
    if disp.type == "cuda":
        torch.cuda.synchronize(disp)
    elif disp.type == "mps":
        torch.mps.synchronize()


def epoca_profundo(modelo, x, y, otimizador, tamanho_lote, epoca, disp) -> tuple[float, float]:
    """Uma época de ``treino.treinar`` (dados já no dispositivo): (segundos, custo de treino)."""
    h = treino.treinar(modelo, (x, y), epocas=1, tamanho_lote=tamanho_lote, otimizador=otimizador,
                       semente=epoca, dispositivo=disp, progresso=False)
    return h.tempo_s[0], h.custo_treino[0]


def epoca_dataloader(modelo, carregador, otimizador, n, disp) -> tuple[float, float]:
    """Uma época do laço usual: cada lote sai do ``DataLoader`` na CPU e vai ao dispositivo."""
    custo = nn.CrossEntropyLoss()
    modelo.train()
    sincronizar(disp)
    inicio = time.perf_counter()
    soma_custo = torch.zeros((), device=disp)
    acertos = torch.zeros((), device=disp, dtype=torch.int64)
    for xb, yb in carregador:
        xb, yb = xb.to(disp), yb.to(disp)
        saida = modelo(xb)
        perda = custo(saida, yb)
        otimizador.zero_grad(set_to_none=True)
        perda.backward()
        otimizador.step()
        soma_custo += perda.detach() * len(yb)
        acertos += (saida.argmax(1) == yb).sum()
    custo_medio = float(soma_custo) / n        # float() espera a GPU terminar
    int(acertos)
    return time.perf_counter() - inicio, custo_medio


def medir(nome_modelo: str, conjunto: dados.ConjuntoDados, args, disp: torch.device) -> dict:
    ambiente.semear(0)
    base, descricao, forma = construir(nome_modelo)
    estado = copy.deepcopy(base.state_dict())
    x_np = conjunto.x_treino.reshape((-1,) + forma).astype(np.float32)
    y_np = conjunto.y_treino.astype(np.int64)
    n = len(x_np)

    modelos, otimizadores = {}, {}
    for laco in ("profundo", "DataLoader"):
        modelo, _, _ = construir(nome_modelo)
        modelo.load_state_dict(estado)
        modelos[laco] = modelo.to(disp)
        otimizadores[laco] = OTIMIZADORES[args.otimizador](modelo)

    sincronizar(disp)
    inicio = time.perf_counter()
    x_disp, y_disp = treino.para_tensores(x_np, y_np, disp)
    sincronizar(disp)
    carga_s = time.perf_counter() - inicio

    conjunto_cpu = TensorDataset(torch.from_numpy(x_np), torch.from_numpy(y_np))
    carregador = DataLoader(conjunto_cpu, batch_size=args.tamanho_lote, shuffle=True,
                            num_workers=args.workers, pin_memory=args.pin_memory,
                            generator=torch.Generator().manual_seed(0))

    tempos = {"profundo": [], "DataLoader": []}
    custos = {"profundo": [], "DataLoader": []}
    for epoca in range(args.epocas):
        ordem = ("profundo", "DataLoader") if epoca % 2 == 0 else ("DataLoader", "profundo")
        for laco in ordem:
            if laco == "profundo":
                s, c = epoca_profundo(modelos[laco], x_disp, y_disp, otimizadores[laco],
                                      args.tamanho_lote, epoca, disp)
            else:
                s, c = epoca_dataloader(modelos[laco], carregador, otimizadores[laco], n, disp)
            tempos[laco].append(s)
            custos[laco].append(c)

    x_te, y_te = treino.para_tensores(conjunto.x_teste.reshape((-1,) + forma).astype(np.float32),
                                      conjunto.y_teste.astype(np.int64), disp)
    lotes = int(np.ceil(n / args.tamanho_lote))
    resultado = {
        "modelo": descricao,
        "parametros": sum(p.numel() for p in base.parameters() if p.requires_grad),
        "exemplos_treino": n,
        "lotes_por_epoca": lotes,
        "carga_unica_para_o_dispositivo_s": round(carga_s, 4),
        "lacos": {},
    }
    for laco in ("profundo", "DataLoader"):
        medidas = tempos[laco][1:]
        mediana = statistics.median(medidas)
        resultado["lacos"][laco] = {
            "tempos_por_epoca_s": [round(t, 4) for t in tempos[laco]],
            "mediana_s_por_epoca": round(mediana, 4),
            "ms_por_lote": round(1000 * mediana / lotes, 3),
            "custo_treino_por_epoca": [round(c, 4) for c in custos[laco]],
            "acuracia_teste": round(treino.avaliar(modelos[laco], x_te, y_te)[1], 4),
        }
    resultado["razao_dataloader_sobre_profundo"] = round(
        resultado["lacos"]["DataLoader"]["mediana_s_por_epoca"]
        / resultado["lacos"]["profundo"]["mediana_s_por_epoca"], 2)
    return resultado


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modelo", choices=("cnn", "mlp", "ambos"), default="ambos")
    parser.add_argument("--dados", choices=("mnist", "fashion-mnist"), default="mnist")
    parser.add_argument("--epocas", type=int, default=None,
                        help="épocas de cada laço, a 1ª descartada (padrão: 4 na CPU, 6 na GPU)")
    parser.add_argument("--n-treino", type=int, default=None,
                        help="exemplos de treino (padrão: 4.000 na CPU, todos na GPU)")
    parser.add_argument("--tamanho-lote", type=int, default=128)
    parser.add_argument("--otimizador", choices=sorted(OTIMIZADORES), default="sgd")
    parser.add_argument("--workers", type=int, default=0, help="num_workers do DataLoader")
    parser.add_argument("--pin-memory", action="store_true", help="pin_memory=True no DataLoader")
    parser.add_argument("--saida", default=str(Path(__file__).parent / "resultados" / "laco_treino.json"))
    args = parser.parse_args()

    disp = torch.device(ambiente.dispositivo())
    gpu = disp.type != "cpu"
    if args.epocas is None:
        args.epocas = 6 if gpu else 4
    if args.n_treino is None and not gpu:
        args.n_treino = 4000
    if args.epocas < 2:
        parser.error("--epocas deve ser pelo menos 2 (a 1ª é aquecimento e fica de fora).")
    if args.tamanho_lote < 1 or (args.n_treino is not None and args.n_treino < 1) or args.workers < 0:
        parser.error("--tamanho-lote e --n-treino devem ser positivos; --workers, não negativo.")

    carregar = dados.carregar_mnist if args.dados == "mnist" else dados.carregar_fashion_mnist
    conjunto = carregar(progresso=False)
    if args.n_treino is not None and args.n_treino < len(conjunto.y_treino):
        conjunto = conjunto.subconjunto(args.n_treino, semente=0)

    nomes = ("cnn", "mlp") if args.modelo == "ambos" else (args.modelo,)
    resultados = [medir(nome, conjunto, args, disp) for nome in nomes]

    relatorio = {
        "descricao": "tempo por época: treino.treinar (dados no dispositivo) × laço com DataLoader",
        "data": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "dispositivo": ambiente.nome_dispositivo(),
        "cpu": platform.processor() or platform.machine(),
        "threads_torch": torch.get_num_threads(),
        "versoes": ambiente.versoes(),
        "dados": conjunto.descricao,
        "fonte_dados": conjunto.fonte,
        "tamanho_lote": args.tamanho_lote,
        "otimizador": DESCRICAO_OTIMIZADOR[args.otimizador],
        "epocas_por_laco": args.epocas,
        "criterio": "mediana das épocas 2 em diante (a 1ª é aquecimento); épocas dos dois laços intercaladas",
        "dataloader": {"num_workers": args.workers, "pin_memory": args.pin_memory, "shuffle": True},
        "resultados": resultados,
    }
    Path(args.saida).parent.mkdir(parents=True, exist_ok=True)
    Path(args.saida).write_text(json.dumps(relatorio, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")

    print(f"{relatorio['dispositivo']} — {len(conjunto.y_treino):,} exemplos de treino".replace(",", ".")
          + f", lote {args.tamanho_lote}, {relatorio['otimizador']}, "
          f"{args.epocas} épocas por laço (a 1ª descartada)")
    print(f"{'modelo':28s} {'profundo':>12s} {'DataLoader':>12s} {'DataLoader ÷':>13s}")
    print(f"{'':28s} {'(s/época)':>12s} {'(s/época)':>12s} {'profundo':>13s}")
    for r in resultados:
        p, d = r["lacos"]["profundo"], r["lacos"]["DataLoader"]
        print(f"{r['modelo']:28s} {formatar_numero(p['mediana_s_por_epoca'], 3):>12s} "
              f"{formatar_numero(d['mediana_s_por_epoca'], 3):>12s} "
              f"{formatar_numero(r['razao_dataloader_sobre_profundo'], 2):>13s}")
    print(f"Gravado em {args.saida}")


if __name__ == "__main__":
    main()
