"""Benchmark da ``profundo.rede.Rede`` (não é teste: mede e grava uma tabela).

Três implementações do MESMO algoritmo — rede [784, 30, 10] sigmoide, custo
quadrático, SGD com mini-lote 10 e η = 3,0, mesmos dados e mesma ordem dos
lotes — treinadas na CPU pelo mesmo número de épocas:

1. ``profundo``: retropropagação matricial sobre o mini-lote inteiro;
2. ``laço por exemplo``: a retropropagação exemplo a exemplo (como no
   ``network.py`` original de Nielsen), escrita aqui só para comparação;
3. ``PyTorch (CPU)``: o laço de treino usual com autograd e ``torch.optim.SGD``.

Cada implementação roda três vezes e vale o menor tempo.

Uso: ``python benchmarks/rede.py [--epocas 3] [--saida benchmarks/resultados/rede.json]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from profundo import ambiente, dados
from profundo.ativacoes import sigmoide
from profundo.rede import Rede, um_quente

TAMANHO_LOTE = 10
ETA = 3.0
CAMADAS = [784, 30, 10]


def ordens(n: int, epocas: int, semente: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(semente)
    return [rng.permutation(n) for _ in range(epocas)]


def treinar_profundo(X, Y, ordens_epocas) -> Rede:
    rede = Rede(CAMADAS, semente=1)
    for ordem in ordens_epocas:
        rede._epoca(X, Y, ordem, TAMANHO_LOTE, ETA)
    return rede


def treinar_laco_por_exemplo(X, Y, ordens_epocas) -> Rede:
    """Mesma conta, mas um exemplo por vez (vetores-coluna), somando os gradientes do lote."""
    rede = Rede(CAMADAS, semente=1)
    W, B = rede.pesos, [b[:, None] for b in rede.vieses]
    for ordem in ordens_epocas:
        for k in range(0, len(X), TAMANHO_LOTE):
            lote = ordem[k:k + TAMANHO_LOTE]
            soma_w = [np.zeros_like(w) for w in W]
            soma_b = [np.zeros_like(b) for b in B]
            for i in lote:
                a = X[i][:, None]
                ativs = [a]
                for w, b in zip(W, B):
                    a = sigmoide(w @ a + b)
                    ativs.append(a)
                delta = (a - Y[i][:, None]) * a * (1 - a)
                for l in range(len(W) - 1, -1, -1):
                    soma_b[l] += delta
                    soma_w[l] += delta @ ativs[l].T
                    if l > 0:
                        delta = (W[l].T @ delta) * ativs[l] * (1 - ativs[l])
            for l in range(len(W)):
                W[l] -= ETA / len(lote) * soma_w[l]
                B[l] -= ETA / len(lote) * soma_b[l]
    rede.vieses = [b[:, 0] for b in B]
    return rede


def treinar_pytorch(X, Y, ordens_epocas, dtype=torch.float64) -> Rede:
    """O laço de treino usual do PyTorch, com os mesmos pesos iniciais."""
    inicial = Rede(CAMADAS, semente=1)
    camadas = []
    for w, b in zip(inicial.pesos, inicial.vieses):
        linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.copy_(torch.from_numpy(b))
        camadas += [linear, torch.nn.Sigmoid()]
    modelo = torch.nn.Sequential(*camadas)
    otimizador = torch.optim.SGD(modelo.parameters(), lr=ETA)
    Xt, Yt = torch.from_numpy(X).to(dtype), torch.from_numpy(Y).to(dtype)
    for ordem in ordens_epocas:
        ordem_t = torch.from_numpy(ordem)
        for k in range(0, len(X), TAMANHO_LOTE):
            lote = ordem_t[k:k + TAMANHO_LOTE]
            saida = modelo(Xt[lote])
            custo = 0.5 * ((saida - Yt[lote]) ** 2).sum() / len(lote)
            otimizador.zero_grad()
            custo.backward()
            otimizador.step()
    resultado = Rede(CAMADAS, semente=1)
    lineares = [c for c in modelo if isinstance(c, torch.nn.Linear)]
    resultado.pesos = [c.weight.detach().double().numpy().copy() for c in lineares]
    resultado.vieses = [c.bias.detach().double().numpy().copy() for c in lineares]
    return resultado


def medir(nome, funcao, *args, repeticoes: int = 3) -> tuple[str, float, Rede]:
    """Melhor tempo de ``repeticoes`` execuções (o menos perturbado por outros processos)."""
    tempos = []
    for _ in range(repeticoes):
        inicio = time.perf_counter()
        rede = funcao(*args)
        tempos.append(time.perf_counter() - inicio)
    return nome, min(tempos), rede


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epocas", type=int, default=3)
    parser.add_argument("--saida", default=str(Path(__file__).parent / "resultados" / "rede.json"))
    args = parser.parse_args()

    ambiente.semear(0)
    conjunto = dados.carregar_mnist(progresso=False)
    X = conjunto.x_treino.astype(np.float64)
    Y = um_quente(conjunto.y_treino)
    ordens_epocas = ordens(len(X), args.epocas)

    resultados = [
        medir("profundo (mini-lote matricial)", treinar_profundo, X, Y, ordens_epocas),
        medir("laço por exemplo (NumPy)", treinar_laco_por_exemplo, X, Y, ordens_epocas),
        medir("PyTorch CPU, float64", treinar_pytorch, X, Y, ordens_epocas, torch.float64),
        medir("PyTorch CPU, float32", treinar_pytorch, X, Y, ordens_epocas, torch.float32),
    ]
    referencia = resultados[0][2]
    base = resultados[0][1]
    linhas = []
    for nome, segundos, rede in resultados:
        diferenca = max(float(np.abs(a - b).max()) for a, b in zip(rede.pesos, referencia.pesos))
        linhas.append({
            "implementacao": nome,
            "segundos": round(segundos, 3),
            "ms_por_lote": round(1000 * segundos / (args.epocas * np.ceil(len(X) / TAMANHO_LOTE)), 4),
            "relativo_ao_profundo": round(segundos / base, 2),
            "acuracia_teste": round(rede.acuracia(conjunto.x_teste, conjunto.y_teste), 4),
            "maior_diferenca_de_peso": diferenca,
        })
    relatorio = {
        "dados": conjunto.descricao,
        "exemplos_treino": len(X),
        "epocas": args.epocas,
        "repeticoes": 3,
        "criterio": "menor tempo de 3 execuções",
        "tamanho_lote": TAMANHO_LOTE,
        "taxa_aprendizado": ETA,
        "camadas": CAMADAS,
        "cpu": ambiente.nome_dispositivo() if not ambiente.tem_gpu() else platform.processor(),
        "threads_torch": torch.get_num_threads(),
        "versoes": ambiente.versoes(),
        "resultados": linhas,
    }
    Path(args.saida).parent.mkdir(parents=True, exist_ok=True)
    Path(args.saida).write_text(json.dumps(relatorio, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    print(f"{'implementação':34s} {'s':>8s} {'ms/lote':>9s} {'× profundo':>11s}")
    for l in linhas:
        print(f"{l['implementacao']:34s} {l['segundos']:8.2f} {l['ms_por_lote']:9.3f} "
              f"{l['relativo_ao_profundo']:11.2f}")
    print(f"Gravado em {args.saida}")


if __name__ == "__main__":
    main()
