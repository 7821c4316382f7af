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

O aumento de dados segue a mesma ideia: ``treinar(..., aumento=treino.deslocamento_aleatorio(2))``
desloca as imagens de cada lote já no dispositivo, todas de uma vez. Depois do
treino, ``prever`` dá as classes previstas e ``matriz_confusao`` conta os acertos
e as trocas por classe. ``benchmarks/laco_treino.py`` compara este laço com o
laço usual sobre um ``DataLoader``.
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
            tamanho_lote: int = 4096, custo: Callable | None = None) -> tuple[float, float]:
    """(custo médio, acurácia) de ``modelo`` em ``(x, y)``, sem gradientes.

    ``custo(saida, alvo)`` é, por padrão, a entropia cruzada sobre logits; deve
    devolver a média do lote (como as perdas do ``torch.nn``).
    """
    if custo is None:
        custo = nn.CrossEntropyLoss()
    estava_treinando = modelo.training
    modelo.eval()
    soma_custo, acertos = 0.0, 0
    for i in range(0, len(x), tamanho_lote):
        saida = modelo(x[i:i + tamanho_lote])
        alvo = y[i:i + tamanho_lote]
        soma_custo += float(custo(saida, alvo)) * len(alvo)
        acertos += int((saida.argmax(1) == alvo).sum())
    modelo.train(estava_treinando)
    return soma_custo / len(x), acertos / len(x)


@torch.no_grad()
def prever(modelo: nn.Module, x, tamanho_lote: int = 4096) -> torch.Tensor:
    """Classe prevista (o maior logit) para cada exemplo de ``x``, sem gradientes.

    ``x`` pode ser array ou tensor ``(N, ...)``; os lotes vão ao dispositivo do
    modelo e o resultado (``int64``, forma ``(N,)``) volta ao dispositivo de
    ``x`` (CPU quando ``x`` é um array). O modelo roda em modo de avaliação
    (dropout desligado, normalização em lote com as médias guardadas) e volta
    ao modo em que estava.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module, não {type(modelo).__name__}.")
    tamanho_lote = _inteiro(tamanho_lote, "tamanho_lote", 1)
    xt = x if torch.is_tensor(x) else torch.as_tensor(np.asarray(x))
    if xt.ndim < 2 or len(xt) == 0:
        raise ValueError(f"x deve ter forma (N, ...) com N ≥ 1 exemplos, não {tuple(xt.shape)}.")
    if not xt.is_floating_point():
        raise TypeError(f"x deve ser de ponto flutuante, não {xt.dtype}.")
    if torch.isnan(xt).any():
        raise ValueError("x contém NaN.")
    parametro = next(modelo.parameters(), None)
    disp_modelo = parametro.device if parametro is not None else xt.device
    tipo = parametro.dtype if parametro is not None and parametro.is_floating_point() else torch.float32
    estava_treinando = modelo.training
    modelo.eval()
    try:
        partes = [modelo(xt[i:i + tamanho_lote].to(disp_modelo, tipo)).argmax(1).to(xt.device)
                  for i in range(0, len(xt), tamanho_lote)]
    finally:
        modelo.train(estava_treinando)
    return torch.cat(partes)


def matriz_confusao(y_verdadeiro, y_previsto, n_classes: int = 10) -> np.ndarray:
    """Matriz ``(n_classes, n_classes)``: a entrada ``[i, j]`` conta exemplos da classe ``i`` previstos como ``j``.

    A diagonal são os acertos; a soma de cada linha, quantos exemplos há de
    cada classe. Aceita arrays, listas ou tensores de rótulos inteiros.
    """
    n_classes = _inteiro(n_classes, "n_classes", 1)
    rotulos = []
    for nome, valor in (("y_verdadeiro", y_verdadeiro), ("y_previsto", y_previsto)):
        arr = valor.detach().cpu().numpy() if torch.is_tensor(valor) else np.asarray(valor)
        if arr.ndim != 1:
            raise ValueError(f"{nome} deve ser um vetor de rótulos (N,), não forma {arr.shape}.")
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            raise TypeError(f"{nome} deve conter rótulos inteiros (0, 1, 2, ...), não {arr.dtype}.")
        if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
            raise ValueError(f"{nome} tem rótulos fora de 0..{n_classes - 1}.")
        rotulos.append(arr.astype(np.int64))
    if len(rotulos[0]) != len(rotulos[1]):
        raise ValueError(f"y_verdadeiro e y_previsto devem ter o mesmo tamanho, não "
                         f"{len(rotulos[0])} e {len(rotulos[1])}.")
    contagens = np.bincount(rotulos[0] * n_classes + rotulos[1], minlength=n_classes * n_classes)
    return contagens.reshape(n_classes, n_classes)


def _inteiro(valor, nome: str, minimo: int) -> int:
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
    if valor < minimo:
        raise ValueError(f"{nome} deve ser um inteiro ≥ {minimo}, não {valor}.")
    return int(valor)


def deslocamento_aleatorio(max_pixels: int = 2, espelhar: bool = False,
                           forma: Sequence[int] = (1, 28, 28),
                           ) -> Callable[[torch.Tensor, torch.Generator], torch.Tensor]:
    """Aumento de dados para ``treinar``: desloca cada imagem do lote ao acaso.

    Cada imagem anda um número inteiro de pixels sorteado entre ``−max_pixels``
    e ``+max_pixels`` na horizontal e, independentemente, na vertical
    (positivo = para a direita / para baixo); o que sai da moldura se perde e o
    que entra é zero. Com ``espelhar=True``, metade das imagens (em média) é
    também espelhada da esquerda para a direita — bom para roupas, ruim para
    dígitos. ``forma = (canais, altura, largura)``.

    Devolve ``aumento(lote, gerador) → lote``, que aceita lotes ``(N, C·H·W)`` ou
    ``(N, C, H, W)``, devolve a mesma forma e trabalha todo no dispositivo do
    lote, sem laço sobre as imagens: os índices de origem de cada linha e
    coluna são calculados de uma vez e um só ``gather`` busca os pixels.
    """
    max_pixels = _inteiro(max_pixels, "max_pixels", 0)
    if not isinstance(espelhar, (bool, np.bool_)):
        raise TypeError(f"espelhar deve ser True ou False, não {espelhar!r}.")
    if isinstance(forma, (str, bytes)) or not hasattr(forma, "__len__") or len(forma) != 3:
        raise ValueError(f"forma deve ser (canais, altura, largura), p. ex. (1, 28, 28), não {forma!r}.")
    canais, altura, largura = (_inteiro(v, "cada elemento de forma", 1) for v in forma)
    if max_pixels >= min(altura, largura):
        raise ValueError(f"max_pixels deve ser menor que a altura e a largura da imagem "
                         f"({min(altura, largura)}), não {max_pixels}.")
    espelhar = bool(espelhar)
    por_imagem = canais * altura * largura

    def aumento(lote: torch.Tensor, gerador: torch.Generator) -> torch.Tensor:
        if not torch.is_tensor(lote):
            raise TypeError(f"o lote deve ser um torch.Tensor, não {type(lote).__name__}.")
        if not isinstance(gerador, torch.Generator):
            raise TypeError(f"gerador deve ser um torch.Generator, não {type(gerador).__name__}.")
        forma_4d = (canais, altura, largura)
        if not ((lote.ndim == 2 and lote.shape[1] == por_imagem)
                or (lote.ndim == 4 and tuple(lote.shape[1:]) == forma_4d)):
            raise ValueError(f"esperava um lote de forma (N, {por_imagem}) ou (N, {canais}, {altura}, "
                             f"{largura}), não {tuple(lote.shape)}.")
        n, disp = lote.shape[0], lote.device
        if n == 0 or (max_pixels == 0 and not espelhar):
            return lote.clone()

        def sorteio(baixo: int, alto: int) -> torch.Tensor:   # sorteia onde o gerador vive
            return torch.randint(baixo, alto, (n,), generator=gerador, device=gerador.device).to(disp)

        dx = sorteio(-max_pixels, max_pixels + 1)
        dy = sorteio(-max_pixels, max_pixels + 1)
        # pixel de saída (i, j) vem da origem (i − dy, j − dx); fora da moldura vira zero
        linhas = torch.arange(altura, device=disp)[None, :] - dy[:, None]        # (N, H)
        colunas = torch.arange(largura, device=disp)[None, :] - dx[:, None]      # (N, W)
        dentro = (((linhas >= 0) & (linhas < altura))[:, :, None]
                  & ((colunas >= 0) & (colunas < largura))[:, None, :])          # (N, H, W)
        linhas, colunas = linhas.clamp(0, altura - 1), colunas.clamp(0, largura - 1)
        if espelhar:   # espelhar e depois deslocar: a coluna de origem é refletida
            vira = sorteio(0, 2).bool()
            colunas = torch.where(vira[:, None], largura - 1 - colunas, colunas)
        origem = (linhas[:, :, None] * largura + colunas[:, None, :]).reshape(n, 1, altura * largura)
        planos = lote.reshape(n, canais, altura * largura)          # cada canal achatado
        imagens = planos.gather(2, origem.expand(n, canais, altura * largura))
        dentro = dentro.reshape(n, 1, altura * largura)
        imagens = torch.where(dentro, imagens, torch.zeros((), dtype=lote.dtype, device=disp))
        return imagens.reshape(lote.shape)

    return aumento


_DESVIO_SEMENTE_AUMENTO = 104_729
"""Somado à ``semente`` de ``treinar`` para semear o gerador do aumento de dados."""


def _aplicar_aumento(aumento: Callable, lote: torch.Tensor, gerador: torch.Generator) -> torch.Tensor:
    """Chama ``aumento`` e confere que ele devolveu um tensor da mesma forma."""
    novo = aumento(lote, gerador)
    if not torch.is_tensor(novo) or novo.shape != lote.shape:
        forma = tuple(novo.shape) if torch.is_tensor(novo) else type(novo).__name__
        raise ValueError(f"o aumento deve devolver um tensor de forma {tuple(lote.shape)}, não {forma}.")
    return novo


def treinar(modelo: nn.Module, dados_treino: tuple, *, epocas: int, tamanho_lote: int,
            otimizador: torch.optim.Optimizer, dados_avaliacao: tuple | None = None,
            custo: Callable | None = None, agenda: Callable[[int], float] | None = None,
            semente: int = 0, dispositivo=None, progresso: bool = True,
            rotulo: str = "treino",
            aumento: Callable[[torch.Tensor, torch.Generator], torch.Tensor] | None = None,
            ) -> HistoricoTorch:
    """Treina ``modelo`` por ``epocas`` com lotes de ``tamanho_lote`` sorteados a cada época.

    ``dados_treino`` e ``dados_avaliacao`` são pares ``(x, rótulos)`` (arrays ou
    tensores); vão uma vez para o dispositivo (por padrão o de
    ``ambiente.dispositivo()``). ``custo`` é, por padrão, a entropia cruzada
    sobre logits. ``agenda(época) → η`` (épocas de 1 em diante) muda a taxa do
    otimizador no início de cada época. Custo e acurácia de treino são medidos
    durante a época, lote a lote; os de avaliação, no fim dela.

    ``aumento(lote, gerador) → lote`` (p. ex. ``deslocamento_aleatorio()``)
    transforma cada lote de treino já no dispositivo, antes do modelo; a
    avaliação vê os dados originais. Ele sorteia com um gerador próprio,
    semeado a partir de ``semente``, de modo que a ordem dos lotes é a mesma
    com e sem aumento. Com aumento, custo e acurácia de treino referem-se aos
    lotes transformados.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module, não {type(modelo).__name__}.")
    if not isinstance(otimizador, torch.optim.Optimizer):
        raise TypeError("otimizador deve ser um torch.optim.Optimizer (p. ex. torch.optim.SGD).")
    for nome, valor in (("epocas", epocas), ("tamanho_lote", tamanho_lote)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
            raise ValueError(f"{nome} deve ser um inteiro positivo, não {valor!r}.")
    if aumento is not None and not callable(aumento):
        raise TypeError("aumento deve ser uma função (lote, gerador) → lote, "
                        "p. ex. treino.deslocamento_aleatorio().")
    disp = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)
    x, y = para_tensores(*dados_treino, dispositivo=disp)
    if dados_avaliacao is not None:
        x_av, y_av = para_tensores(*dados_avaliacao, dispositivo=disp)
    custo = custo or nn.CrossEntropyLoss()
    modelo.to(disp).train()
    gerador = torch.Generator(device=disp).manual_seed(int(semente))
    # gerador separado para o aumento: a ordem dos lotes não muda quando se liga o aumento
    gerador_aumento = torch.Generator(device=disp).manual_seed(int(semente) + _DESVIO_SEMENTE_AUMENTO)
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
            entrada = x[indices]
            if aumento is not None:
                entrada = _aplicar_aumento(aumento, entrada, gerador_aumento)
            saida = modelo(entrada)
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
            c_av, a_av = avaliar(modelo, x_av, y_av, custo=custo)
            historico.custo_avaliacao.append(c_av)
            historico.acuracia_avaliacao.append(a_av)
            texto["acurácia"] = f"{100 * a_av:.2f}%".replace(".", ",")
        if barra is not None:
            barra.set_postfix(texto)
            barra.update(1)
    if barra is not None:
        barra.close()
    return historico
