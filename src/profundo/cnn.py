"""Redes convolucionais: convolução e pooling do zero (numpy) e os modelos do livro (PyTorch).

Parte numpy, vetorizada (sem laços sobre pixels):

* ``tamanho_saida``: o tamanho ⌊(n + 2p − k)/s⌋ + 1 de uma saída;
* ``correlacao1d``/``convolucao1d`` e ``correlacao2d``/``convolucao2d``: uma série
  ou uma imagem e um filtro, para ver a operação de perto;
* ``conv2d_frente``/``conv2d_tras``: a camada convolucional de verdade, com
  lote (N), canais (C) e filtros (F), e seus gradientes;
* ``pool_frente``/``pool_tras``: *pooling* de máximo, média ou norma L2;
* contagens de parâmetros de camadas convolucionais, densas e de modelos.

Como no PyTorch e no Keras, a "convolução" das redes é a correlação cruzada:
o filtro desliza sobre a entrada **sem** ser invertido. ``convolucao1d`` e
``convolucao2d`` fazem a convolução da matemática (filtro invertido) só para
comparar.

Parte PyTorch: os modelos das fontes (``cnn_pereira``, ``cnn_silva``,
``cnn_morettin``), a ``lenet5`` e as CNNs do Fashion-MNIST (``cnn_duas_camadas``,
``cnn_profunda``). Todos devolvem *logits* (a softmax fica dentro da entropia
cruzada, ``nn.CrossEntropyLoss``) e aceitam imagens (N, 1, 28, 28), (N, 28, 28)
ou vetores (N, 784), graças à primeira camada, ``Remodelar``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike
from torch import nn

TIPOS_POOLING = ("max", "media", "l2")


# ---------------------------------------------------------------------------
# Validação da entrada
# ---------------------------------------------------------------------------

def _inteiro(valor: Any, nome: str, minimo: int) -> int:
    """Confere que ``valor`` é um inteiro ≥ ``minimo``."""
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um número inteiro; recebi {valor!r} ({type(valor).__name__}).")
    if valor < minimo:
        raise ValueError(f"{nome} deve ser pelo menos {minimo}; recebi {valor}.")
    return int(valor)


def _array(valor: Any, nome: str, dimensoes: int, formato: str) -> np.ndarray:
    """Converte ``valor`` num array de números reais finitos com ``dimensoes`` eixos.

    Inteiros viram float64; arrays float32/float64 mantêm o tipo.
    """
    try:
        a = np.asarray(valor)
    except (ValueError, TypeError, RuntimeError) as erro:
        raise TypeError(f"{nome}: não deu para converter num array numérico ({erro}).") from None
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    elif a.dtype.kind != "f":
        raise TypeError(f"{nome}: esperava números reais; recebi um array do tipo {a.dtype}.")
    if a.ndim != dimensoes:
        eixos = "1 dimensão" if dimensoes == 1 else f"{dimensoes} dimensões"
        raise ValueError(f"{nome}: esperava um array com {eixos}, {formato}; recebi a forma {a.shape}.")
    if a.size == 0:
        raise ValueError(f"{nome}: o array não tem elementos (forma {a.shape}).")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{nome}: há NaN ou infinito entre os valores.")
    return a


# ---------------------------------------------------------------------------
# Tamanho da saída
# ---------------------------------------------------------------------------

def tamanho_saida(n: int, nucleo: int, passo: int = 1, preenchimento: int = 0) -> int:
    """Tamanho da saída ao deslizar um filtro de tamanho ``nucleo`` sobre ``n`` posições.

    Com preenchimento p, a entrada passa a ter n + 2p posições; o filtro cabe
    em n + 2p − k + 1 delas e, andando de s em s, usa ⌊(n + 2p − k)/s⌋ + 1.
    """
    n = _inteiro(n, "o tamanho da entrada", 1)
    k = _inteiro(nucleo, "o tamanho do filtro (núcleo)", 1)
    s = _inteiro(passo, "o passo", 1)
    p = _inteiro(preenchimento, "o preenchimento", 0)
    if k > n + 2 * p:
        raise ValueError(f"o filtro (k = {k}) é maior que a entrada preenchida "
                         f"(n + 2p = {n} + 2·{p} = {n + 2 * p}).")
    return (n + 2 * p - k) // s + 1


# ---------------------------------------------------------------------------
# Uma série, uma imagem, um filtro
# ---------------------------------------------------------------------------

def correlacao1d(serie: ArrayLike, filtro: ArrayLike, passo: int = 1, preenchimento: int = 0) -> np.ndarray:
    """Correlação cruzada de uma série 1-D com um filtro 1-D (zeros nas duas pontas).

    saída[t] = Σᵢ filtro[i] · série_preenchida[t·s + i]
    """
    x = _array(serie, "a série", 1, "(n,)")
    w = _array(filtro, "o filtro", 1, "(k,)")
    p = _inteiro(preenchimento, "o preenchimento", 0)
    s = _inteiro(passo, "o passo", 1)
    tamanho_saida(len(x), len(w), s, p)  # só para validar
    xp = np.pad(x, p)
    janelas = sliding_window_view(xp, len(w))[::s]  # (n', k): uma janela por linha
    return janelas @ w


def convolucao1d(serie: ArrayLike, filtro: ArrayLike, passo: int = 1, preenchimento: int = 0) -> np.ndarray:
    """Convolução 1-D da matemática: a correlação com o filtro invertido."""
    w = _array(filtro, "o filtro", 1, "(k,)")
    return correlacao1d(serie, w[::-1], passo, preenchimento)


def correlacao2d(imagem: ArrayLike, nucleo: ArrayLike, passo: int = 1, preenchimento: int = 0) -> np.ndarray:
    """Correlação cruzada de uma imagem (H, W) com um filtro (kh, kw).

    saída[a, b] = Σᵢ Σⱼ filtro[i, j] · imagem_preenchida[a·s + i, b·s + j]
    """
    x = _array(imagem, "a imagem", 2, "(H, W)")
    w = _array(nucleo, "o filtro (núcleo)", 2, "(kh, kw)")
    s = _inteiro(passo, "o passo", 1)
    p = _inteiro(preenchimento, "o preenchimento", 0)
    tamanho_saida(x.shape[0], w.shape[0], s, p)
    tamanho_saida(x.shape[1], w.shape[1], s, p)
    xp = np.pad(x, p)
    janelas = sliding_window_view(xp, w.shape)[::s, ::s]  # (H', W', kh, kw)
    return np.einsum("abij,ij->ab", janelas, w)


def convolucao2d(imagem: ArrayLike, nucleo: ArrayLike, passo: int = 1, preenchimento: int = 0) -> np.ndarray:
    """Convolução 2-D da matemática: a correlação com o filtro girado 180°."""
    w = _array(nucleo, "o filtro (núcleo)", 2, "(kh, kw)")
    return correlacao2d(imagem, w[::-1, ::-1], passo, preenchimento)


# ---------------------------------------------------------------------------
# Janelas: im2col e o caminho de volta
# ---------------------------------------------------------------------------

def _janelas(x: np.ndarray, kh: int, kw: int, passo: int) -> np.ndarray:
    """Todas as janelas kh × kw de x (N, C, H, W), de ``passo`` em ``passo``.

    Devolve uma *vista* (N, C, H', W', kh, kw), sem copiar nada:
    janelas[n, c, a, b, i, j] = x[n, c, a·s + i, b·s + j].
    """
    return sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::passo, ::passo]


def _somar_janelas(g: np.ndarray, forma: tuple[int, ...], passo: int) -> np.ndarray:
    """O caminho inverso de ``_janelas``: põe cada janela de volta no lugar e soma.

    Onde janelas se sobrepõem (passo < filtro), um mesmo pixel recebe a soma
    das contribuições de todas as janelas que o contêm.
    """
    _, _, ho, wo, kh, kw = g.shape
    dx = np.zeros(forma, dtype=g.dtype)
    # Laço só sobre as kh·kw posições do filtro (nunca sobre pixels): a posição
    # (i, j) de todas as janelas cai nos pixels (i + a·s, j + b·s), uma fatia com passo s.
    for i in range(kh):
        for j in range(kw):
            dx[:, :, i:i + passo * ho:passo, j:j + passo * wo:passo] += g[:, :, :, :, i, j]
    return dx


# ---------------------------------------------------------------------------
# Camada convolucional
# ---------------------------------------------------------------------------

def conv2d_frente(x: ArrayLike, pesos: ArrayLike, vies: ArrayLike | None = None, passo: int = 1,
                  preenchimento: int = 0) -> tuple[np.ndarray, dict]:
    """Propagação para a frente de uma camada convolucional.

    x (N, C, H, W), pesos (F, C, kh, kw), vies (F,) ou None. Devolve a saída
    (N, F, H', W') e o ``cache`` de que ``conv2d_tras`` precisa.
    """
    x = _array(x, "x", 4, "(N, C, H, W)")
    pesos = _array(pesos, "os pesos", 4, "(F, C, kh, kw)")
    f, c, kh, kw = pesos.shape
    if x.shape[1] != c:
        raise ValueError(f"x tem {x.shape[1]} canais, mas os pesos esperam {c} "
                         f"(pesos com forma (F, C, kh, kw) = {pesos.shape}).")
    if vies is not None:
        vies = _array(vies, "o viés", 1, "(F,)")
        if vies.shape != (f,):
            raise ValueError(f"o viés deve ter forma ({f},), um por filtro; recebi {vies.shape}.")
    s = _inteiro(passo, "o passo", 1)
    p = _inteiro(preenchimento, "o preenchimento", 0)
    tamanho_saida(x.shape[2], kh, s, p)  # valida altura e largura
    tamanho_saida(x.shape[3], kw, s, p)

    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))  # zeros só nos eixos espaciais
    janelas = _janelas(xp, kh, kw, s)  # (N, C, H', W', kh, kw)
    # saída[n, f, a, b] = Σ_c Σ_i Σ_j janelas[n, c, a, b, i, j] · pesos[f, c, i, j]
    saida = np.einsum("ncabij,fcij->nfab", janelas, pesos, optimize=True)
    if vies is not None:
        saida = saida + vies[None, :, None, None]  # o mesmo viés em todas as posições
    cache = {"x": x, "pesos": pesos, "tem_vies": vies is not None, "passo": s,
             "preenchimento": p, "forma_saida": saida.shape}
    return saida, cache


def _conferir_cache(cache: Any, chaves: tuple[str, ...], quem: str) -> None:
    if not isinstance(cache, dict) or not all(ch in cache for ch in chaves):
        raise TypeError(f"cache inválido: use o dicionário devolvido por {quem}.")


def _conferir_dsaida(dsaida: Any, forma: tuple[int, ...]) -> np.ndarray:
    d = _array(dsaida, "dsaida", 4, "(N, F, H', W')")
    if d.shape != tuple(forma):
        raise ValueError(f"dsaida deve ter a forma da saída, {tuple(forma)}; recebi {d.shape}.")
    return d


def conv2d_tras(dsaida: ArrayLike, cache: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Retropropagação da camada convolucional: devolve (dx, dpesos, dvies).

    ``dsaida`` é ∂C/∂saída, com a forma da saída; dvies é None se a camada não tem viés.
    """
    _conferir_cache(cache, ("x", "pesos", "tem_vies", "passo", "preenchimento", "forma_saida"),
                    "conv2d_frente")
    d = _conferir_dsaida(dsaida, cache["forma_saida"])
    x, pesos, s, p = cache["x"], cache["pesos"], cache["passo"], cache["preenchimento"]
    _, _, kh, kw = pesos.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    janelas = _janelas(xp, kh, kw, s)

    # o viés entra em todas as posições de todos os exemplos: soma-se tudo
    dvies = d.sum(axis=(0, 2, 3)) if cache["tem_vies"] else None
    # cada peso multiplica o mesmo pixel da janela em todas as posições (a, b):
    # dpesos[f, c, i, j] = Σ_n Σ_a Σ_b dsaida[n, f, a, b] · janelas[n, c, a, b, i, j]
    dpesos = np.einsum("nfab,ncabij->fcij", d, janelas, optimize=True)
    # gradiente de cada janela: djanelas[n, c, a, b, i, j] = Σ_f dsaida[n, f, a, b] · pesos[f, c, i, j]
    djanelas = np.einsum("nfab,fcij->ncabij", d, pesos, optimize=True)
    # ... e cada pixel soma o gradiente de todas as janelas em que aparece;
    # no fim, corta-se a moldura de zeros do preenchimento
    dxp = _somar_janelas(djanelas, xp.shape, s)
    dx = dxp[:, :, p:p + x.shape[2], p:p + x.shape[3]]
    return dx, dpesos, dvies


# ---------------------------------------------------------------------------
# Pooling
# ---------------------------------------------------------------------------

def _tipo_pooling(tipo: Any) -> str:
    if not isinstance(tipo, str):
        raise TypeError(f"o tipo de pooling deve ser um texto; recebi {tipo!r}.")
    t = tipo.strip().lower().replace("é", "e")
    if t not in TIPOS_POOLING:
        raise ValueError(f"tipo de pooling desconhecido: {tipo!r}; use 'max', 'media' ou 'l2'.")
    return t


def pool_frente(x: ArrayLike, tamanho: int = 2, passo: int | None = None,
                tipo: str = "max") -> tuple[np.ndarray, dict]:
    """*Pooling* de janelas tamanho × tamanho em x (N, C, H, W), canal a canal.

    ``tipo``: "max" (maior valor da janela), "media" ou "l2" (raiz da soma dos
    quadrados da janela). O passo padrão é o próprio tamanho (janelas sem
    sobreposição). Devolve a saída (N, C, H', W') e o ``cache``.
    """
    x = _array(x, "x", 4, "(N, C, H, W)")
    t = _inteiro(tamanho, "o tamanho da janela", 1)
    s = t if passo is None else _inteiro(passo, "o passo", 1)
    tipo = _tipo_pooling(tipo)
    tamanho_saida(x.shape[2], t, s)
    tamanho_saida(x.shape[3], t, s)

    janelas = _janelas(x, t, t, s)  # (N, C, H', W', t, t)
    if tipo == "max":
        saida = janelas.max(axis=(4, 5))
    elif tipo == "media":
        saida = janelas.mean(axis=(4, 5))
    else:  # l2: √(Σ x²) na janela
        saida = np.sqrt((janelas ** 2).sum(axis=(4, 5)))
    cache = {"x": x, "tamanho": t, "passo": s, "tipo": tipo, "saida": saida}
    return saida, cache


def pool_tras(dsaida: ArrayLike, cache: dict) -> np.ndarray:
    """Retropropagação do *pooling*: devolve dx, com a forma de x.

    max: o gradiente vai todo para o maior valor da janela (o primeiro, se houver empate);
    media: cada pixel da janela recebe 1/t² dele; l2: o pixel x recebe x/‖janela‖ dele.
    """
    _conferir_cache(cache, ("x", "tamanho", "passo", "tipo", "saida"), "pool_frente")
    d = _conferir_dsaida(dsaida, cache["saida"].shape)
    x, t, s, tipo, saida = cache["x"], cache["tamanho"], cache["passo"], cache["tipo"], cache["saida"]
    janelas = _janelas(x, t, t, s)
    d6 = d[..., None, None]  # (N, C, H', W', 1, 1): um gradiente por janela

    if tipo == "max":
        # máscara com 1 só na posição do máximo de cada janela
        planas = janelas.reshape(*janelas.shape[:4], t * t)
        mascara = np.arange(t * t) == planas.argmax(axis=-1)[..., None]
        g = mascara.reshape(janelas.shape) * d6
    elif tipo == "media":
        g = np.broadcast_to(d6 / (t * t), janelas.shape)
    else:
        # ∂√(Σ x²)/∂x = x / √(Σ x²); numa janela toda nula, fica 0
        norma = saida[..., None, None]
        g = np.divide(janelas, norma, out=np.zeros(janelas.shape, dtype=d.dtype),
                      where=norma > 0) * d6
    return _somar_janelas(g, x.shape, s)


# ---------------------------------------------------------------------------
# Contagem de parâmetros
# ---------------------------------------------------------------------------

def _bool(valor: Any, nome: str) -> bool:
    if not isinstance(valor, (bool, np.bool_)):
        raise TypeError(f"{nome} deve ser True ou False; recebi {valor!r}.")
    return bool(valor)


def contagem_parametros_conv(canais_entrada: int, filtros: int, nucleo: int | tuple[int, int],
                             vies: bool = True) -> int:
    """Parâmetros de uma camada convolucional: (kh·kw·C + 1)·F (sem o +1 se não houver viés).

    Cada um dos F filtros tem kh·kw pesos por canal de entrada e um viés; o
    número **não** depende do tamanho da imagem (pesos compartilhados).
    """
    c = _inteiro(canais_entrada, "o número de canais de entrada", 1)
    f = _inteiro(filtros, "o número de filtros", 1)
    if isinstance(nucleo, (tuple, list)):
        if len(nucleo) != 2:
            raise ValueError(f"o núcleo deve ser um inteiro ou um par (kh, kw); recebi {nucleo!r}.")
        kh, kw = (_inteiro(k, "o tamanho do filtro (núcleo)", 1) for k in nucleo)
    else:
        kh = kw = _inteiro(nucleo, "o tamanho do filtro (núcleo)", 1)
    return (kh * kw * c + int(_bool(vies, "vies"))) * f


def contagem_parametros_densa(entradas: int, saidas: int, vies: bool = True) -> int:
    """Parâmetros de uma camada densa: (entradas + 1)·saídas (sem o +1 se não houver viés)."""
    e = _inteiro(entradas, "o número de entradas", 1)
    s = _inteiro(saidas, "o número de saídas", 1)
    return (e + int(_bool(vies, "vies"))) * s


def contagem_parametros(modelo: nn.Module) -> int:
    """Número de parâmetros treináveis de um modelo PyTorch (o "Trainable params" do Keras)."""
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module; recebi {type(modelo).__name__}.")
    return sum(p.numel() for p in modelo.parameters() if p.requires_grad)


def resumo(modelo: nn.Module, forma_entrada: tuple[int, ...] = (1, 28, 28)
           ) -> list[tuple[str, nn.Module, tuple[int, ...], int]]:
    """Camada a camada: ``(nome, módulo, forma da saída sem o lote, parâmetros treináveis)``.

    Passa um exemplo de zeros com ``forma_entrada`` pelo modelo e anota a saída
    de cada módulo folha (sem submódulos), na ordem em que são chamados — como o
    ``summary()`` do Keras. A soma da última coluna é ``contagem_parametros(modelo)``
    quando todo parâmetro pertence a um módulo folha.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module; recebi {type(modelo).__name__}.")
    if not isinstance(forma_entrada, (tuple, list)) or len(forma_entrada) == 0:
        raise TypeError(f"forma_entrada deve ser uma tupla de inteiros, como (1, 28, 28), sem o eixo do lote; "
                        f"recebi {forma_entrada!r}.")
    forma = tuple(_inteiro(v, "cada eixo de forma_entrada", 1) for v in forma_entrada)
    linhas: list[tuple[str, nn.Module, tuple[int, ...], int]] = []

    def anotar(nome: str):
        def gancho(modulo: nn.Module, entrada: Any, saida: torch.Tensor) -> None:
            linhas.append((nome, modulo, tuple(saida.shape[1:]), contagem_parametros(modulo)))
        return gancho

    folhas = [(nome, m) for nome, m in modelo.named_modules() if not list(m.children())]
    ganchos = [m.register_forward_hook(anotar(nome)) for nome, m in folhas]
    parametro = next(modelo.parameters(), None)
    estava_treinando = modelo.training
    try:
        modelo.eval()   # normalização em lote e dropout: um exemplo só, sem estatística de lote
        with torch.no_grad():
            modelo(torch.zeros((1, *forma), device=parametro.device if parametro is not None else "cpu",
                               dtype=parametro.dtype if parametro is not None else torch.float32))
    finally:
        modelo.train(estava_treinando)
        for g in ganchos:
            g.remove()
    return linhas


# ===========================================================================
# Parte PyTorch: os modelos
# ===========================================================================

class Remodelar(nn.Module):
    """Primeira camada dos modelos: põe cada exemplo na forma ``forma`` (padrão 1 × 28 × 28).

    Assim o mesmo modelo aceita vetores (N, 784), como os de ``profundo.dados``,
    imagens (N, 28, 28) ou já (N, 1, 28, 28).
    """

    def __init__(self, forma: tuple[int, ...] = (1, 28, 28)) -> None:
        super().__init__()
        self.forma = tuple(_inteiro(v, "cada eixo da forma", 1) for v in forma)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"a entrada deve ser um torch.Tensor; recebi {type(x).__name__}.")
        por_exemplo = math.prod(self.forma)
        if x.ndim < 2 or math.prod(x.shape[1:]) != por_exemplo:
            raise ValueError(f"a entrada deve ser um lote (N, ...) com {por_exemplo} valores por exemplo "
                             f"(p.ex. (N, {por_exemplo}) ou (N, {', '.join(map(str, self.forma))})); "
                             f"recebi a forma {tuple(x.shape)}.")
        return x.reshape(x.shape[0], *self.forma)

    def extra_repr(self) -> str:
        return f"forma={self.forma}"


def _sequencial(*camadas: tuple[str, nn.Module]) -> nn.Sequential:
    """``nn.Sequential`` com nomes nas camadas (aparecem ao imprimir o modelo)."""
    return nn.Sequential(OrderedDict(camadas))


def cnn_pereira() -> nn.Sequential:
    """A CNN para MNIST da Unidade III de Pereira (fonte 000; chave ``pereira-unidade3``).

    Duas convoluções seguidas, um único *pooling* e duas camadas densas. A fonte
    mostra o resumo do Keras (tirado de Vasilev et al., 2019), com 305.194 parâmetros::

        camada                         saída         parâmetros
        conv 3×3, 32 filtros + relu    32 × 26 × 26  (3·3·1 + 1)·32  =     320
        conv 3×3, 32 filtros + relu    32 × 24 × 24  (3·3·32 + 1)·32 =   9.248
        max pooling 2×2                32 × 12 × 12                          0
        achatamento                    4.608                                 0
        densa 64 + relu                64            (4.608 + 1)·64  = 294.976
        densa 10 (saída)               10            (64 + 1)·10     =     650
        total                                                          305.194

    Quase tudo (97 %) está na primeira densa: a convolução é barata em parâmetros.
    A softmax da fonte fica dentro da entropia cruzada (o modelo devolve *logits*).
    """
    return _sequencial(
        ("remodelar", Remodelar()),
        ("conv1", nn.Conv2d(1, 32, 3)), ("relu1", nn.ReLU()),
        ("conv2", nn.Conv2d(32, 32, 3)), ("relu2", nn.ReLU()),
        ("pool", nn.MaxPool2d(2)),
        ("achatar", nn.Flatten()),
        ("densa", nn.Linear(32 * 12 * 12, 64)), ("relu3", nn.ReLU()),
        ("saida", nn.Linear(64, 10)),
    )


def cnn_silva() -> nn.Sequential:
    """A CNN estilo Keras do minicurso de Silva et al. (fonte 001, §4.5.3; chave ``silva-minicurso``).

    Dois blocos convolução + relu + *max pooling*, *dropout* e uma densa de saída::

        camada                         saída         parâmetros
        conv 3×3, 32 filtros + relu    32 × 26 × 26  (3·3·1 + 1)·32  =    320
        max pooling 2×2                32 × 13 × 13                         0
        conv 3×3, 64 filtros + relu    64 × 11 × 11  (3·3·32 + 1)·64 = 18.496
        max pooling 2×2                64 × 5 × 5                           0
        achatamento                    1.600                                0
        dropout 0,5                    1.600                                0
        densa 10 (saída)               10            (1.600 + 1)·10  = 16.010
        total                                                          34.826

    A fonte não imprime o resumo; a contagem sai da arquitetura descrita. O único
    ponto que ela deixa implícito é o segundo *pooling*: 11 × 11 não se divide
    em janelas 2 × 2, e o texto fala em "reduzir à metade". Com arredondamento
    para baixo (o padrão do Keras e do PyTorch: a última linha e a última coluna
    ficam de fora) sai 5 × 5 e o total de 34.826; arredondando para cima (6 × 6)
    seriam 41.866. O *dropout* antes da densa está no código da fonte, não na prosa.
    """
    return _sequencial(
        ("remodelar", Remodelar()),
        ("conv1", nn.Conv2d(1, 32, 3)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(32, 64, 3)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
        ("achatar", nn.Flatten()),
        ("dropout", nn.Dropout(0.5)),
        ("saida", nn.Linear(64 * 5 * 5, 10)),
    )


def cnn_morettin() -> nn.Sequential:
    """A CNN da aula 16 de Morettin (fonte 003; chave ``morettin-aula16``).

    Uma só convolução, *pooling*, e duas densas pequenas com *dropout*. A fonte
    mostra o resumo do Keras (R), com 27.320 parâmetros::

        camada                         saída         parâmetros
        conv 3×3, 16 filtros + relu    16 × 26 × 26  (3·3·1 + 1)·16 =    160
        max pooling 2×2                16 × 13 × 13                        0
        dropout 0,25                   16 × 13 × 13                        0
        achatamento                    2.704                               0
        densa 10 + relu                10            (2.704 + 1)·10 = 27.050
        dropout 0,5                    10                                  0
        densa 10 (saída)               10            (10 + 1)·10    =    110
        total                                                         27.320

    Repare na camada oculta de só 10 neurônios: um gargalo estreito, mas é o
    que a fonte usa (e é o que dá 27.320).
    """
    return _sequencial(
        ("remodelar", Remodelar()),
        ("conv", nn.Conv2d(1, 16, 3)), ("relu1", nn.ReLU()), ("pool", nn.MaxPool2d(2)),
        ("dropout1", nn.Dropout(0.25)),
        ("achatar", nn.Flatten()),
        ("densa", nn.Linear(16 * 13 * 13, 10)), ("relu2", nn.ReLU()),
        ("dropout2", nn.Dropout(0.5)),
        ("saida", nn.Linear(10, 10)),
    )


def lenet5() -> nn.Sequential:
    """LeNet-5 (LeCun et al., 1998; chave ``lecun1998``) adaptada a imagens 28 × 28.

    O artigo usava imagens 32 × 32; aqui a 1ª convolução tem preenchimento 2,
    o que dá o mesmo mapa 28 × 28. Ativação tanh, *pooling* de média::

        camada                         saída         parâmetros
        C1 conv 5×5, 6 filtros + tanh  6 × 28 × 28   (5·5·1 + 1)·6    =    156
        S2 pooling média 2×2           6 × 14 × 14                           0
        C3 conv 5×5, 16 filtros + tanh 16 × 10 × 10  (5·5·6 + 1)·16   =  2.416
        S4 pooling média 2×2           16 × 5 × 5                            0
        C5 conv 5×5, 120 filtros + tanh 120 × 1 × 1  (5·5·16 + 1)·120 = 48.120
        F6 densa 84 + tanh             84            (120 + 1)·84     = 10.164
        densa 10 (saída)               10            (84 + 1)·10      =    850
        total                                                           61.706

    Diferenças em relação ao original, que tinha 60.000 parâmetros treináveis:
    lá, C3 ligava cada filtro a só alguns mapas de S2 (1.516 parâmetros em vez
    de 2.416), S2 e S4 tinham um coeficiente e um viés treináveis por mapa
    (12 e 32 parâmetros), a tanh era escalada (1,7159·tanh(2x/3)) e a saída eram
    unidades de base radial com pesos fixos, no lugar desta densa + softmax.
    """
    return _sequencial(
        ("remodelar", Remodelar()),
        ("c1", nn.Conv2d(1, 6, 5, padding=2)), ("tanh1", nn.Tanh()), ("s2", nn.AvgPool2d(2)),
        ("c3", nn.Conv2d(6, 16, 5)), ("tanh2", nn.Tanh()), ("s4", nn.AvgPool2d(2)),
        ("c5", nn.Conv2d(16, 120, 5)), ("tanh3", nn.Tanh()),
        ("achatar", nn.Flatten()),
        ("f6", nn.Linear(120, 84)), ("tanh4", nn.Tanh()),
        ("saida", nn.Linear(84, 10)),
    )


_ATIVACOES = {"relu": nn.ReLU, "elu": nn.ELU}


def _ativacao(nome: Any) -> type[nn.Module]:
    if not isinstance(nome, str) or nome.lower() not in _ATIVACOES:
        raise ValueError(f"ativação desconhecida: {nome!r}; use 'relu' ou 'elu'.")
    return _ATIVACOES[nome.lower()]


def _conv_bloco(nome: str, entrada: int, saida: int, nucleo: int, bn: bool,
                ativacao: type[nn.Module]) -> list[tuple[str, nn.Module]]:
    """conv (k × k, tamanho mantido) → [normalização em lote] → ativação.

    Com normalização em lote a convolução dispensa o viés: o β da normalização faz esse papel.
    """
    camadas = [(f"conv{nome}", nn.Conv2d(entrada, saida, nucleo, padding=nucleo // 2, bias=not bn))]
    if bn:
        camadas.append((f"bn{nome}", nn.BatchNorm2d(saida)))
    camadas.append((f"ativ{nome}", ativacao()))
    return camadas


def _densa_bloco(nome: str, entrada: int, saida: int, bn: bool,
                 ativacao: type[nn.Module]) -> list[tuple[str, nn.Module]]:
    """densa → [normalização em lote] → ativação."""
    camadas = [(f"densa{nome}", nn.Linear(entrada, saida, bias=not bn))]
    if bn:
        camadas.append((f"bn{nome}", nn.BatchNorm1d(saida)))
    camadas.append((f"ativ{nome}", ativacao()))
    return camadas


def cnn_duas_camadas(normalizacao_lote: bool = False) -> nn.Sequential:
    """A referência "2 conv + pooling" do Fashion-MNIST (Xiao et al., 2017; chave ``xiao2017``).

    É a rede do tutorial de camadas do TensorFlow que o repositório do
    Fashion-MNIST usa como referência (91,6 % de acurácia no teste; a entrada
    "2 Conv+pooling+BN" da mesma tabela chega a 93,4 %). Os filtros 5 × 5 têm
    preenchimento 2, que mantém o tamanho::

        camada                         saída         parâmetros (sem / com BN)
        conv 5×5, 32 filtros + relu    32 × 28 × 28      832 /       864
        max pooling 2×2                32 × 14 × 14        0
        conv 5×5, 64 filtros + relu    64 × 14 × 14   51.264 /    51.328
        max pooling 2×2                64 × 7 × 7          0
        achatamento                    3.136               0
        densa 1024 + relu              1.024       3.212.288 / 3.213.312
        dropout 0,4                    1.024               0
        densa 10 (saída)               10             10.250 /    10.250
        total                                      3.274.634 / 3.275.754

    Com ``normalizacao_lote=True``, cada convolução e a densa oculta ganham uma
    normalização em lote antes da relu (e perdem o viés, que ela torna
    redundante). O código da entrada com BN daquela tabela não foi conferido:
    esta é a nossa leitura de "2 conv + pooling + BN".
    """
    bn = _bool(normalizacao_lote, "normalizacao_lote")
    return _sequencial(
        ("remodelar", Remodelar()),
        *_conv_bloco("1", 1, 32, 5, bn, nn.ReLU), ("pool1", nn.MaxPool2d(2)),
        *_conv_bloco("2", 32, 64, 5, bn, nn.ReLU), ("pool2", nn.MaxPool2d(2)),
        ("achatar", nn.Flatten()),
        *_densa_bloco("3", 64 * 7 * 7, 1024, bn, nn.ReLU),
        ("dropout", nn.Dropout(0.4)),
        ("saida", nn.Linear(1024, 10)),
    )


def cnn_profunda(normalizacao_lote: bool = True, ativacao: str = "elu",
                 dropout: float = 0.25) -> nn.Sequential:
    """A CNN mais profunda do capítulo 19 (Fashion-MNIST): dois blocos de duas convoluções 3 × 3.

    Cada bloco: conv → [BN] → ativação → conv → [BN] → ativação → max pooling 2×2
    → dropout; depois uma densa de 256 e a saída. As convoluções mantêm o
    tamanho (preenchimento 1); o mesmo ``dropout`` vale para os três lugares.
    Com normalização em lote (padrão) as convoluções e a densa oculta não têm
    viés::

        camada                           saída         parâmetros (com / sem BN)
        conv 3×3, 32 [+ BN] + ativ       32 × 28 × 28       352 /     320
        conv 3×3, 32 [+ BN] + ativ       32 × 28 × 28     9.280 /   9.248
        max pooling 2×2 + dropout        32 × 14 × 14         0
        conv 3×3, 64 [+ BN] + ativ       64 × 14 × 14    18.560 /  18.496
        conv 3×3, 64 [+ BN] + ativ       64 × 14 × 14    36.992 /  36.928
        max pooling 2×2 + dropout        64 × 7 × 7           0
        achatamento                      3.136                0
        densa 256 [+ BN] + ativ          256            803.328 / 803.072
        dropout                          256                  0
        densa 10 (saída)                 10               2.570 /   2.570
        total                                           871.082 / 870.634

    ``ativacao``: "elu" (padrão; Clevert et al., 2015) ou "relu".
    """
    bn = _bool(normalizacao_lote, "normalizacao_lote")
    f = _ativacao(ativacao)
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"dropout deve ser uma probabilidade em [0, 1); recebi {dropout!r}.")
    return _sequencial(
        ("remodelar", Remodelar()),
        *_conv_bloco("1", 1, 32, 3, bn, f), *_conv_bloco("2", 32, 32, 3, bn, f),
        ("pool1", nn.MaxPool2d(2)), ("dropout1", nn.Dropout(dropout)),
        *_conv_bloco("3", 32, 64, 3, bn, f), *_conv_bloco("4", 64, 64, 3, bn, f),
        ("pool2", nn.MaxPool2d(2)), ("dropout2", nn.Dropout(dropout)),
        ("achatar", nn.Flatten()),
        *_densa_bloco("5", 64 * 7 * 7, 256, bn, f),
        ("dropout3", nn.Dropout(dropout)),
        ("saida", nn.Linear(256, 10)),
    )
