"""O laço de treino em PyTorch que os capítulos com GPU compartilham.

Ideia central: em vez de um ``DataLoader`` que monta cada lote na CPU e o
copia para a GPU, o conjunto inteiro vai **uma vez** para o dispositivo; a cada
época sorteia-se uma permutação ali mesmo e cada lote é só uma fatia de
índices. Para MNIST e Fashion-MNIST (≈ 200 MB em float32) isso cabe folgado em
qualquer GPU e evita trabalho do processador a cada lote.

Uso típico::

    modelo = treino.mlp([784, 1024, 1024, 10])
    hist = treino.treinar(modelo, (x_tr, y_tr), epocas=30, tamanho_lote=64,
                          otimizador=torch.optim.SGD(modelo.parameters(), lr=0.01),
                          dados_avaliacao=(x_te, y_te))
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import torch
from torch import nn

from . import ambiente

try:  # barra de progresso: tqdm.auto escolhe a versão de notebook quando existe
    from tqdm.auto import tqdm
except ImportError:  # pragma: no cover - tqdm está no requirements.txt
    tqdm = None


@dataclass
class HistoricoTorch:
    """Uma entrada por época: custo e acurácia no treino e na avaliação, tempo e η."""

    custo_treino: list[float] = field(default_factory=list)
    acuracia_treino: list[float] = field(default_factory=list)
    custo_avaliacao: list[float] = field(default_factory=list)
    acuracia_avaliacao: list[float] = field(default_factory=list)
    tempo_s: list[float] = field(default_factory=list)
    taxa_aprendizado: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.tempo_s)

    def juntar(self, outro: "HistoricoTorch") -> "HistoricoTorch":
        """Um histórico novo com as épocas deste seguidas das de ``outro``."""
        return HistoricoTorch(*(getattr(self, c) + getattr(outro, c) for c in self.__dataclass_fields__))


def mlp(camadas: Sequence[int], ativacao: str = "relu") -> nn.Sequential:
    """Perceptron multicamadas: camadas densas com ``ativacao`` entre elas e logits na saída.

    ``mlp([784, 1024, 1024, 10])`` é o modelo do capítulo 15. A saída não passa
    por softmax: ``nn.CrossEntropyLoss`` aplica log-softmax e o custo de
    log-verossimilhança de uma vez.
    """
    ativacoes = {"relu": nn.ReLU, "sigmoide": nn.Sigmoid, "tanh": nn.Tanh}
    if ativacao not in ativacoes:
        raise ValueError(f"ativacao deve ser uma de {sorted(ativacoes)}, não {ativacao!r}.")
    if isinstance(camadas, (str, bytes)) or len(camadas) < 2:
        raise ValueError("camadas deve listar pelo menos a entrada e a saída, p. ex. [784, 10].")
    for c in camadas:
        if isinstance(c, bool) or not isinstance(c, (int, np.integer)) or c < 1:
            raise ValueError(f"cada camada deve ser um inteiro positivo, não {c!r}.")
    partes: list[nn.Module] = []
    for i, (n_entrada, n_saida) in enumerate(zip(camadas[:-1], camadas[1:])):
        partes.append(nn.Linear(int(n_entrada), int(n_saida)))
        if i < len(camadas) - 2:
            partes.append(ativacoes[ativacao]())
    return nn.Sequential(*partes)


def para_tensores(x, y, dispositivo=None) -> tuple[torch.Tensor, torch.Tensor]:
    """Arrays (N, ...) e rótulos (N,) → tensores ``float32``/``int64`` já no dispositivo."""
    disp = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)
    xt = torch.as_tensor(np.asarray(x) if not torch.is_tensor(x) else x)
    yt = torch.as_tensor(np.asarray(y) if not torch.is_tensor(y) else y)
    if xt.ndim < 2:
        raise ValueError(f"x deve ter forma (N, ...) com N exemplos, não {tuple(xt.shape)}.")
    if yt.ndim != 1 or len(yt) != len(xt):
        raise ValueError(f"y deve ter forma ({len(xt)},): um rótulo por exemplo, não {tuple(yt.shape)}.")
    if not xt.is_floating_point():
        raise TypeError(f"x deve ser de ponto flutuante, não {xt.dtype}.")
    if torch.isnan(xt).any():
        raise ValueError("x contém NaN.")
    if yt.is_floating_point():
        raise TypeError("y deve conter rótulos inteiros (0, 1, 2, ...), não números reais.")
    return xt.to(disp, torch.float32), yt.to(disp, torch.int64)


@torch.no_grad()
def avaliar(modelo: nn.Module, x: torch.Tensor, y: torch.Tensor,
            tamanho_lote: int = 4096) -> tuple[float, float]:
    """(custo médio de entropia cruzada, acurácia) de ``modelo`` em ``(x, y)``, sem gradientes."""
    estava_treinando = modelo.training
    modelo.eval()
    soma_custo, acertos = 0.0, 0
    for i in range(0, len(x), tamanho_lote):
        saida = modelo(x[i:i + tamanho_lote])
        alvo = y[i:i + tamanho_lote]
        soma_custo += float(nn.functional.cross_entropy(saida, alvo, reduction="sum"))
        acertos += int((saida.argmax(1) == alvo).sum())
    modelo.train(estava_treinando)
    return soma_custo / len(x), acertos / len(x)


def treinar(modelo: nn.Module, dados_treino: tuple, *, epocas: int, tamanho_lote: int,
            otimizador: torch.optim.Optimizer, dados_avaliacao: tuple | None = None,
            custo: Callable | None = None, agenda: Callable[[int], float] | None = None,
            semente: int = 0, dispositivo=None, progresso: bool = True,
            rotulo: str = "treino") -> HistoricoTorch:
    """Treina ``modelo`` por ``epocas`` com lotes de ``tamanho_lote`` sorteados a cada época.

    ``dados_treino`` e ``dados_avaliacao`` são pares ``(x, rótulos)`` (arrays ou
    tensores); vão uma vez para o dispositivo (por padrão o de
    ``ambiente.dispositivo()``). ``custo`` é, por padrão, a entropia cruzada
    sobre logits. ``agenda(época) → η`` (épocas de 1 em diante) muda a taxa do
    otimizador no início de cada época. Custo e acurácia de treino são medidos
    durante a época, lote a lote; os de avaliação, no fim dela.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module, não {type(modelo).__name__}.")
    if not isinstance(otimizador, torch.optim.Optimizer):
        raise TypeError("otimizador deve ser um torch.optim.Optimizer (p. ex. torch.optim.SGD).")
    for nome, valor in (("epocas", epocas), ("tamanho_lote", tamanho_lote)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
            raise ValueError(f"{nome} deve ser um inteiro positivo, não {valor!r}.")
    disp = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)
    x, y = para_tensores(*dados_treino, dispositivo=disp)
    if dados_avaliacao is not None:
        x_av, y_av = para_tensores(*dados_avaliacao, dispositivo=disp)
    custo = custo or nn.CrossEntropyLoss()
    modelo.to(disp).train()
    gerador = torch.Generator(device=disp).manual_seed(int(semente))
    historico = HistoricoTorch()
    barra = tqdm(total=int(epocas), desc=rotulo, unit="época", leave=False) if (progresso and tqdm) else None
    for epoca in range(1, int(epocas) + 1):
        if agenda is not None:
            eta = float(agenda(epoca))
            if not np.isfinite(eta) or eta <= 0:
                raise ValueError(f"a agenda deu η = {eta} na época {epoca}; η deve ser positiva.")
            for grupo in otimizador.param_groups:
                grupo["lr"] = eta
        inicio = time.perf_counter()
        ordem = torch.randperm(len(x), device=disp, generator=gerador)
        soma_custo = torch.zeros((), device=disp)
        acertos = torch.zeros((), device=disp, dtype=torch.int64)
        for k in range(0, len(x), int(tamanho_lote)):
            indices = ordem[k:k + int(tamanho_lote)]
            saida = modelo(x[indices])
            perda = custo(saida, y[indices])
            otimizador.zero_grad(set_to_none=True)
            perda.backward()
            otimizador.step()
            soma_custo += perda.detach() * len(indices)   # fica no dispositivo: sem sincronizar a cada lote
            acertos += (saida.argmax(1) == y[indices]).sum()
        historico.custo_treino.append(float(soma_custo) / len(x))
        historico.acuracia_treino.append(int(acertos) / len(x))
        historico.tempo_s.append(time.perf_counter() - inicio)
        historico.taxa_aprendizado.append(float(otimizador.param_groups[0]["lr"]))
        texto = {"custo": f"{historico.custo_treino[-1]:.3f}"}
        if dados_avaliacao is not None:
            c_av, a_av = avaliar(modelo, x_av, y_av)
            historico.custo_avaliacao.append(c_av)
            historico.acuracia_avaliacao.append(a_av)
            texto["acurácia"] = f"{100 * a_av:.2f}%".replace(".", ",")
        if barra is not None:
            barra.set_postfix(texto)
            barra.update(1)
    if barra is not None:
        barra.close()
    return historico
