"""Benchmark de uma camada LSTM: a do zero (``profundo.rnn``) contra ``torch.nn.LSTM``.

Não é teste: mede e grava uma tabela. Mede o tempo de uma passada para a
frente **e** para trás (BPTT) de uma camada LSTM nas formas do modelo de
linguagem de caracteres do capítulo 23 (lote 64, sequências de 100
caracteres, 512 unidades ocultas; entrada de 512, a da 2ª camada do modelo),
com os MESMOS pesos e o mesmo gradiente vindo de cima em todas as versões:

1. ``profundo.rnn`` (NumPy, CPU, float64): ``lstm_frente`` + ``lstm_tras``,
   as equações escritas à mão, com o laço no tempo em Python;
2. LSTM com tensores do PyTorch: o mesmo laço no tempo, escrito aqui com
   operações de tensor (produto de matrizes, sigmoide, tanh) e derivado pelo
   autograd — só como referência, na CPU e, se houver, na GPU;
3. ``torch.nn.LSTM``: a implementação fundida da biblioteca (na GPU, a do
   cuDNN), na CPU e, se houver, na GPU.

Cada versão roda uma vez para aquecer e depois ``--repeticoes`` vezes; vale a
mediana (na GPU, cada medida espera a GPU terminar). A tabela traz também a
maior diferença de ``hs`` e do gradiente de ``W_hh`` em relação a uma
referência em float64 (``nn.LSTM`` na CPU), para mostrar que as contas são as
mesmas. Com pouca CPU, reduza as formas (``--lote 16 --sequencia 25``).

Uso: ``python benchmarks/lstm.py [--lote 64] [--sequencia 100] [--ocultos 512]
[--entrada 512] [--repeticoes 5] [--threads N] [--sem-numpy] [--saida benchmarks/resultados/lstm.json]``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn

from profundo import ambiente, rnn


def sincronizar(disp: torch.device) -> None:
    if disp.type == "cuda":
        torch.cuda.synchronize(disp)
    elif disp.type == "mps":
        torch.mps.synchronize()


def lstm_tensores(x: torch.Tensor, W_ih, W_hh, b_ih, b_hh) -> torch.Tensor:
    """LSTM (portões i, f, g, o como no ``nn.LSTM``) com um laço no tempo; x (T, N, D) → hs (T, N, H)."""
    T, N, _ = x.shape
    H = W_hh.shape[1]
    h = x.new_zeros(N, H)
    c = x.new_zeros(N, H)
    entrada = x @ W_ih.T + (b_ih + b_hh)         # a parte que não depende de h: de uma vez
    saidas = []
    for t in range(T):
        i, f, g, o = (entrada[t] + h @ W_hh.T).chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        saidas.append(h)
    return torch.stack(saidas)


def preparar(args) -> dict:
    """Pesos, entrada e gradiente de cima (float64, CPU), os mesmos para todas as versões."""
    torch.manual_seed(0)
    ref = nn.LSTM(args.entrada, args.ocultos).double()
    gerador = torch.Generator().manual_seed(1)
    x = torch.randn(args.sequencia, args.lote, args.entrada, generator=gerador, dtype=torch.float64)
    dhs = torch.randn(args.sequencia, args.lote, args.ocultos, generator=gerador, dtype=torch.float64)
    return {"modulo": ref, "pesos": rnn.pesos_de_torch(ref), "x": x, "dhs": dhs}


def versao_numpy(dados: dict) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    x, dhs, pesos = dados["x"].numpy(), dados["dhs"].numpy(), dados["pesos"]

    def passo():
        hs, _, cache = rnn.lstm_frente(x, None, None, pesos)
        g = rnn.lstm_tras(dhs, cache)
        return hs, g["W_hh"]
    return passo


def versao_tensores(dados: dict, disp: torch.device, tipo: torch.dtype):
    x, dhs = dados["x"].to(disp, tipo), dados["dhs"].to(disp, tipo)
    pesos = {k: torch.tensor(v, device=disp, dtype=tipo, requires_grad=True) for k, v in dados["pesos"].items()}

    def passo():
        for p in pesos.values():
            p.grad = None
        hs = lstm_tensores(x, pesos["W_ih"], pesos["W_hh"], pesos["b_ih"], pesos["b_hh"])
        hs.backward(dhs)
        return hs.detach(), pesos["W_hh"].grad
    return passo


def versao_nn(dados: dict, disp: torch.device, tipo: torch.dtype):
    modulo = nn.LSTM(dados["x"].shape[2], dados["dhs"].shape[2])
    modulo.load_state_dict(dados["modulo"].state_dict())
    modulo = modulo.to(disp, tipo)
    x, dhs = dados["x"].to(disp, tipo), dados["dhs"].to(disp, tipo)

    def passo():
        modulo.zero_grad(set_to_none=True)
        hs, _ = modulo(x)
        hs.backward(dhs)
        return hs.detach(), modulo.weight_hh_l0.grad
    return passo


def para_numpy(a) -> np.ndarray:
    return a.detach().cpu().double().numpy() if torch.is_tensor(a) else np.asarray(a, dtype=np.float64)


def medir(passo: Callable, disp: torch.device, repeticoes: int) -> tuple[list[float], tuple]:
    resultado = passo()                           # aquecimento (cuDNN, alocador, caches)
    sincronizar(disp)
    tempos = []
    for _ in range(repeticoes):
        sincronizar(disp)
        inicio = time.perf_counter()
        resultado = passo()
        sincronizar(disp)
        tempos.append(time.perf_counter() - inicio)
    return tempos, resultado


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lote", type=int, default=64)
    parser.add_argument("--sequencia", type=int, default=100)
    parser.add_argument("--ocultos", type=int, default=512)
    parser.add_argument("--entrada", type=int, default=512)
    parser.add_argument("--repeticoes", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None,
                        help="threads do PyTorch e do BLAS do NumPy na CPU (padrão: os das bibliotecas); "
                             "1 evita disputa numa máquina cheia")
    parser.add_argument("--sem-numpy", action="store_true", help="pula a versão NumPy (a mais lenta)")
    parser.add_argument("--saida", default=str(Path(__file__).parent / "resultados" / "lstm.json"))
    args = parser.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
        try:   # o NumPy usa o BLAS (OpenBLAS/MKL), com threads próprias
            from threadpoolctl import threadpool_limits
            threadpool_limits(args.threads)
        except ImportError:
            print("threadpoolctl ausente: para limitar o NumPy, use OPENBLAS_NUM_THREADS/OMP_NUM_THREADS.")

    dados = preparar(args)
    cpu = torch.device("cpu")
    gpu = ambiente.dispositivo() if ambiente.tem_gpu() else None

    # referência: nn.LSTM em float64 na CPU (uma passada só)
    hs_ref, dW_ref = (para_numpy(a) for a in versao_nn(dados, cpu, torch.float64)())

    versoes: list[tuple[str, torch.device, str, Callable]] = []
    if not args.sem_numpy:
        versoes.append(("profundo.rnn (NumPy)", cpu, "float64", versao_numpy(dados)))
    versoes += [("LSTM com tensores (laço no tempo)", cpu, "float32", versao_tensores(dados, cpu, torch.float32)),
                ("torch.nn.LSTM", cpu, "float32", versao_nn(dados, cpu, torch.float32))]
    if gpu is not None:
        versoes += [("LSTM com tensores (laço no tempo)", gpu, "float32",
                     versao_tensores(dados, gpu, torch.float32)),
                    ("torch.nn.LSTM" + (" (cuDNN)" if gpu.type == "cuda" else ""), gpu, "float32",
                     versao_nn(dados, gpu, torch.float32))]

    linhas = []
    for nome, disp, tipo, passo in versoes:
        print(f"medindo {nome} em {disp.type} ...", flush=True)
        tempos, (hs, dW) = medir(passo, disp, args.repeticoes)
        mediana = statistics.median(tempos)
        linhas.append({
            "implementacao": nome,
            "dispositivo": disp.type,
            "tipo": tipo,
            "ms_frente_tras": round(1000 * mediana, 3),
            "ms_minimo": round(1000 * min(tempos), 3),
            "caracteres_por_s": round(args.lote * args.sequencia / mediana),
            "maior_diferenca_hs": float(np.abs(para_numpy(hs) - hs_ref).max()),
            "maior_diferenca_grad_W_hh": float(np.abs(para_numpy(dW) - dW_ref).max()),
        })
    # razões: cada versão contra o nn.LSTM do mesmo dispositivo e contra o mais rápido de todos
    mais_rapido = min(l["ms_frente_tras"] for l in linhas)
    for l in linhas:
        nn_mesmo = next(m["ms_frente_tras"] for m in linhas
                        if m["implementacao"].startswith("torch.nn.LSTM") and m["dispositivo"] == l["dispositivo"])
        l["relativo_ao_nn_lstm_mesmo_dispositivo"] = round(l["ms_frente_tras"] / nn_mesmo, 2)
        l["relativo_ao_mais_rapido"] = round(l["ms_frente_tras"] / mais_rapido, 2)

    relatorio = {
        "descricao": "uma camada LSTM, passada para a frente + para trás (BPTT), mesmos pesos e gradiente de cima",
        "formas": {"lote": args.lote, "sequencia": args.sequencia, "entrada": args.entrada,
                   "ocultos": args.ocultos},
        "repeticoes": args.repeticoes,
        "criterio": f"mediana de {args.repeticoes} execuções, depois de 1 de aquecimento",
        "referencia_das_diferencas": "torch.nn.LSTM em float64 na CPU",
        "cpu": f"{platform.processor() or platform.machine()} ({os.cpu_count()} núcleos)",
        "gpu": ambiente.nome_dispositivo() if gpu is not None else None,
        "threads_torch": torch.get_num_threads(),
        "threads_pedidas": args.threads,
        "cudnn": torch.backends.cudnn.version() if gpu is not None and gpu.type == "cuda" else None,
        "tf32": {"matmul": torch.backends.cuda.matmul.allow_tf32, "cudnn": torch.backends.cudnn.allow_tf32}
        if gpu is not None and gpu.type == "cuda" else None,
        "versoes": ambiente.versoes(),
        "data": datetime.datetime.now().isoformat(timespec="seconds"),
        "resultados": linhas,
    }
    Path(args.saida).parent.mkdir(parents=True, exist_ok=True)
    Path(args.saida).write_text(json.dumps(relatorio, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nlote {args.lote}, sequência {args.sequencia}, entrada {args.entrada}, ocultos {args.ocultos}")
    print(f"{'implementação':36s} {'disp.':>6s} {'tipo':>8s} {'ms':>10s} {'÷ nn.LSTM':>10s} {'dif. hs':>9s}")
    for l in linhas:
        print(f"{l['implementacao']:36s} {l['dispositivo']:>6s} {l['tipo']:>8s} {l['ms_frente_tras']:10.2f} "
              f"{l['relativo_ao_nn_lstm_mesmo_dispositivo']:10.2f} {l['maior_diferenca_hs']:9.1e}")
    print(f"Gravado em {args.saida}")


if __name__ == "__main__":
    main()
