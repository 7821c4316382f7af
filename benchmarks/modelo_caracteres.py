"""A LSTM de caracteres do capítulo 23 na configuração da fonte (modo ``completo``).

Não é teste: treina uma vez e grava uma tabela. A configuração é a do modo
``completo`` do capítulo 23 — duas camadas de 512 unidades, dropout 0,2,
sequências de 100 caracteres, lotes de 64, Adam com η = 2·10⁻³ e recorte do
gradiente pela norma em 5 (a receita da fonte), 20 épocas de 100 passos — no
mesmo corpus e com a mesma divisão treino/validação (um parágrafo em cada dez
vai para a validação). Grava a perplexidade de validação de cada época, para
comparar com a do modelo pequeno do modo ``rapido`` que o capítulo mostra.
Numa GPU leva poucos minutos; numa CPU de 2 núcleos, cerca de meia hora.

Uso: ``python benchmarks/modelo_caracteres.py [--epocas 20] [--passos 100]
[--saida benchmarks/resultados/modelo_caracteres.json]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path

import torch

from profundo import ambiente, linguagem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epocas", type=int, default=20)
    parser.add_argument("--passos", type=int, default=100)
    parser.add_argument("--saida", default="benchmarks/resultados/modelo_caracteres.json")
    args = parser.parse_args(argv)
    if args.epocas < 1 or args.passos < 1:
        parser.error("--epocas e --passos devem ser positivos.")

    texto = linguagem.carregar_corpus()
    vocab = linguagem.Vocabulario.de_texto(texto)
    paragrafos = texto.splitlines(keepends=True)
    treino = vocab.codificar("".join(p for i, p in enumerate(paragrafos) if i % 10 != 9))
    validacao = vocab.codificar("".join(p for i, p in enumerate(paragrafos) if i % 10 == 9))

    ambiente.semear(0)
    modelo = linguagem.ModeloCaracteres(len(vocab), camadas=2, ocultos=512, dropout=0.2)
    inicio = time.perf_counter()
    historico = linguagem.treinar_caracteres(
        modelo, treino, validacao, epocas=args.epocas, passos=args.passos, comprimento=100,
        tamanho_lote=64, taxa_aprendizado=2e-3, recorte=5.0, semente=0, progresso=True)
    duracao = time.perf_counter() - inicio

    pp = historico.perplexidade_validacao
    resultado = {
        "descricao": "LSTM de caracteres 2 × 512 (configuração da fonte, modo completo do capítulo 23)",
        "data": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "dispositivo": ambiente.nome_dispositivo(),
        "cpu": platform.processor() or platform.machine(),
        "threads_torch": torch.get_num_threads(),
        "versoes": ambiente.versoes(),
        "corpus": f"prosa do livro: {len(texto)} caracteres, {len(vocab)} distintos; "
                  f"{len(treino)} de treino e {len(validacao)} de validação",
        "parametros": sum(p.numel() for p in modelo.parameters()),
        "receita": "2 × 512, dropout 0,2, sequências de 100, lotes de 64, Adam 2e-3, recorte 5, semente 0",
        "epocas": args.epocas,
        "passos_por_epoca": args.passos,
        "duracao_s": round(duracao, 1),
        "segundos_por_passo": round(duracao / (args.epocas * args.passos), 3),
        "perplexidade_treino": [round(v, 3) for v in historico.perplexidade_treino],
        "perplexidade_validacao": [round(v, 3) for v in pp],
        "perplexidade_validacao_final": round(pp[-1], 3),
        "perplexidade_validacao_minima": round(min(pp), 3),
        "epoca_minima": 1 + pp.index(min(pp)),
    }
    saida = Path(args.saida)
    saida.parent.mkdir(parents=True, exist_ok=True)
    saida.write_text(json.dumps(resultado, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"perplexidade de validação: {resultado['perplexidade_validacao_final']} no fim, "
          f"{resultado['perplexidade_validacao_minima']} no mínimo (época {resultado['epoca_minima']}); "
          f"{resultado['duracao_s']} s. Resultado gravado em {saida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
