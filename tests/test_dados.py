"""Testes do carregamento de dados: formato IDX, download atômico, cadeia de busca.

Os downloads vão sempre a um servidor HTTP local (127.0.0.1) criado aqui,
com arquivos IDX pequenos escritos pelo próprio teste.
"""

import dataclasses
import gzip
import hashlib
import http.server
import struct
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest

from profundo import dados
from profundo.dados import AvisoDados, ErroDados

# ---------------------------------------------------------------------------
# arquivos IDX de brinquedo
# ---------------------------------------------------------------------------


def idx_bytes(array: np.ndarray, comprimir: bool = True) -> bytes:
    array = np.asarray(array, dtype=np.uint8)
    cabecalho = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    bruto = cabecalho + array.tobytes()
    return gzip.compress(bruto, mtime=0) if comprimir else bruto


def conjunto_brinquedo(n_treino=20, n_teste=10, semente=0):
    """Os quatro arquivos (nome -> bytes .gz) de um 'MNIST' minúsculo."""
    rng = np.random.default_rng(semente)
    partes = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (n_treino, 28, 28)),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, n_treino),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (n_teste, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, n_teste),
    }
    return {nome: idx_bytes(a) for nome, a in partes.items()}, partes


def spec_de_teste(nome, arquivos):
    """A especificação real, mas com as somas SHA-256 dos arquivos de brinquedo."""
    original = dados._ESPECIFICACOES[nome]
    somas = {papel: (arq, hashlib.sha256(arquivos[arq]).hexdigest())
             for papel, (arq, _) in original.arquivos.items()}
    return dataclasses.replace(original, arquivos=somas)


class Servidor:
    """Servidor HTTP local: caminho -> bytes; 'truncar' manda menos bytes que o prometido."""

    def __init__(self, arquivos, truncar=()):
        self.arquivos, self.truncar, self.pedidos = dict(arquivos), set(truncar), []
        externo = self

        class Manipulador(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                nome = self.path.rsplit("/", 1)[-1]
                externo.pedidos.append(nome)
                if nome not in externo.arquivos:
                    self.send_error(404)
                    return
                corpo = externo.arquivos[nome]
                self.send_response(200)
                self.send_header("Content-Length", str(len(corpo)))
                self.end_headers()
                self.wfile.write(corpo[: len(corpo) // 2] if nome in externo.truncar else corpo)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Manipulador)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def fechar(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servidor():
    criados = []

    def criar(arquivos, **kw):
        s = Servidor(arquivos, **kw)
        criados.append(s)
        return s

    yield criar
    for s in criados:
        s.fechar()


@pytest.fixture
def porta_fechada():
    """Um endereço local onde ninguém escuta (simula estar sem internet)."""
    s = Servidor({})
    url = s.url
    s.fechar()
    return url


def sem_restos(pasta: Path):
    return [p.name for p in pasta.rglob("*") if p.name.startswith(".") or p.suffix == ".parcial"]


# ---------------------------------------------------------------------------
# formato IDX
# ---------------------------------------------------------------------------


def test_ler_idx_ida_e_volta(tmp_path):
    a = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a.gz").write_bytes(idx_bytes(a))
    (tmp_path / "a").write_bytes(idx_bytes(a, comprimir=False))
    np.testing.assert_array_equal(dados.ler_idx(tmp_path / "a.gz"), a)
    np.testing.assert_array_equal(dados.ler_idx(tmp_path / "a"), a)
    np.testing.assert_array_equal(dados.ler_idx(idx_bytes(a)), a)


@pytest.mark.parametrize("estrago, mensagem", [
    (lambda b: b[:-5], "truncado"),
    (lambda b: b[:6], "cabeçalho IDX truncado"),
    (lambda b: b + b"\x00\x00", "a mais"),
    (lambda b: b"\x01\x02" + b[2:], "cabeçalho IDX inválido"),
    (lambda b: bytes([0, 0, 0x07]) + b[3:], "cabeçalho IDX inválido"),
    (lambda b: b[:2], "curto demais"),
])
def test_ler_idx_recusa_arquivos_estragados(estrago, mensagem):
    bruto = idx_bytes(np.ones((3, 4)), comprimir=False)
    with pytest.raises(ErroDados, match=mensagem):
        dados.ler_idx(estrago(bruto))


def test_ler_idx_gzip_truncado():
    comprimido = idx_bytes(np.ones((50, 28, 28)))
    with pytest.raises(ErroDados, match="gzip corrompido ou truncado"):
        dados.ler_idx(comprimido[: len(comprimido) // 2])


def test_ler_idx_arquivo_ausente_e_tipo_errado(tmp_path):
    with pytest.raises(ErroDados, match="não encontrado"):
        dados.ler_idx(tmp_path / "nada.gz")
    with pytest.raises(TypeError, match="caminho ou bytes"):
        dados.ler_idx(123)


# ---------------------------------------------------------------------------
# download
# ---------------------------------------------------------------------------


def test_baixar_arquivo_confere_e_grava(tmp_path, servidor):
    conteudo = b"conteudo de teste" * 1000
    s = servidor({"x.bin": conteudo})
    destino = dados.baixar_arquivo(s.url + "x.bin", tmp_path / "cache" / "x.bin",
                                   hashlib.sha256(conteudo).hexdigest(), progresso=False)
    assert destino.read_bytes() == conteudo
    assert sem_restos(tmp_path) == []


def test_baixar_arquivo_soma_errada_nao_deixa_arquivo(tmp_path, servidor):
    s = servidor({"x.bin": b"abc"})
    with pytest.raises(ErroDados, match="SHA-256 .* não confere"):
        dados.baixar_arquivo(s.url + "x.bin", tmp_path / "x.bin", "0" * 64, progresso=False)
    assert list(tmp_path.iterdir()) == []


def test_baixar_arquivo_interrompido_nao_deixa_arquivo(tmp_path, servidor):
    conteudo = b"z" * 50_000
    s = servidor({"x.bin": conteudo}, truncar={"x.bin"})
    with pytest.raises(ErroDados):
        dados.baixar_arquivo(s.url + "x.bin", tmp_path / "x.bin",
                             hashlib.sha256(conteudo).hexdigest(), progresso=False)
    assert list(tmp_path.iterdir()) == []


def test_baixar_arquivo_404_e_sem_rede(tmp_path, servidor, porta_fechada):
    s = servidor({})
    with pytest.raises(ErroDados, match="não foi possível baixar"):
        dados.baixar_arquivo(s.url + "nada", tmp_path / "a", "0" * 64, progresso=False)
    with pytest.raises(ErroDados, match="não foi possível baixar"):
        dados.baixar_arquivo(porta_fechada + "a", tmp_path / "a", "0" * 64, progresso=False)
    assert list(tmp_path.iterdir()) == []


def test_baixar_arquivo_valida_soma():
    with pytest.raises(ValueError, match="64 caracteres"):
        dados.baixar_arquivo("http://127.0.0.1/", "x", "abc")


# ---------------------------------------------------------------------------
# a cadeia cache -> sistema -> download -> amostra
# ---------------------------------------------------------------------------


def test_cadeia_download_depois_cache(tmp_path, servidor, monkeypatch):
    arquivos, partes = conjunto_brinquedo()
    monkeypatch.setitem(dados._ESPECIFICACOES, "mnist", spec_de_teste("mnist", arquivos))
    s = servidor(arquivos)
    d = dados.carregar_mnist(tmp_path, espelhos=[s.url], pastas_sistema=[], progresso=False)
    assert d.fonte == "download"
    assert d.x_treino.shape == (20, 784) and d.x_treino.dtype == np.float32
    assert d.y_teste.shape == (10,) and d.y_teste.dtype == np.int64
    assert 0.0 <= d.x_treino.min() and d.x_treino.max() <= 1.0
    np.testing.assert_allclose(d.x_treino[3] * 255, partes["train-images-idx3-ubyte.gz"][3].ravel(),
                               atol=1e-3)
    assert sorted((tmp_path / "mnist").iterdir()) == sorted(tmp_path / "mnist" / n for n in arquivos)
    assert "MNIST" in dados.fontes_usadas()["mnist"]

    d2 = dados.carregar_mnist(tmp_path, espelhos=[s.url], pastas_sistema=[], progresso=False)
    assert d2.fonte == "cache" and len(s.pedidos) == 4
    x_tr, y_tr, x_te, y_te = d2
    np.testing.assert_array_equal(x_tr, d.x_treino)


def test_cadeia_cache_corrompido_e_baixado_de_novo(tmp_path, servidor, monkeypatch):
    arquivos, _ = conjunto_brinquedo()
    monkeypatch.setitem(dados._ESPECIFICACOES, "mnist", spec_de_teste("mnist", arquivos))
    s = servidor(arquivos)
    dados.carregar_mnist(tmp_path, espelhos=[s.url], pastas_sistema=[], progresso=False)
    estragado = tmp_path / "mnist" / "t10k-labels-idx1-ubyte.gz"
    estragado.write_bytes(b"lixo")
    with pytest.warns(AvisoDados, match="corrompido"):
        d = dados.carregar_mnist(tmp_path, espelhos=[s.url], pastas_sistema=[], progresso=False)
    assert d.fonte == "download"
    assert s.pedidos[-1] == "t10k-labels-idx1-ubyte.gz" and len(s.pedidos) == 5
    assert estragado.read_bytes() == arquivos[estragado.name]


def test_cadeia_copia_do_sistema(tmp_path, monkeypatch):
    arquivos, _ = conjunto_brinquedo(n_treino=6, n_teste=4)
    sistema = tmp_path / "sistema"
    sistema.mkdir()
    for nome, conteudo in arquivos.items():  # sem .gz, como algumas distribuições guardam
        (sistema / nome.removesuffix(".gz")).write_bytes(gzip.decompress(conteudo))
    d = dados.carregar_fashion_mnist(tmp_path / "cache", pastas_sistema=[sistema], baixar=False)
    assert d.fonte == "sistema" and d.x_treino.shape == (6, 784)
    assert d.classes[0] == "camiseta"


def test_cadeia_sistema_com_forma_errada(tmp_path):
    arquivos, _ = conjunto_brinquedo()
    arquivos["t10k-labels-idx1-ubyte.gz"] = idx_bytes(np.zeros(3))  # 10 imagens, 3 rótulos
    for nome, conteudo in arquivos.items():
        (tmp_path / nome).write_bytes(conteudo)
    with pytest.raises(ErroDados, match="10 imagens mas 3 rótulos"):
        dados.carregar_fashion_mnist(tmp_path / "cache", pastas_sistema=[tmp_path], baixar=False)


def test_offline_mnist_usa_amostra_e_avisa(tmp_path, porta_fechada):
    with pytest.warns(AvisoDados, match="amostra offline de 5.000"):
        d = dados.carregar_mnist(tmp_path, espelhos=[porta_fechada], pastas_sistema=[],
                                 progresso=False)
    assert d.fonte == "amostra"
    assert d.x_treino.shape == (4000, 784) and d.x_teste.shape == (1000, 784)
    assert np.bincount(d.y_treino).tolist() == [400] * 10
    assert np.bincount(d.y_teste).tolist() == [100] * 10
    assert d.x_treino.max() <= 1.0 and d.x_treino.dtype == np.float32
    assert sem_restos(tmp_path) == [] and not any((tmp_path / "mnist").glob("*"))
    assert "amostra" in d.descricao


def test_offline_fashion_explica_como_obter(tmp_path, porta_fechada):
    with pytest.raises(ErroDados, match="apt install dataset-fashion-mnist"):
        dados.carregar_fashion_mnist(tmp_path, espelhos=[porta_fechada], pastas_sistema=[],
                                     progresso=False)


def test_soma_errada_no_servidor_cai_na_amostra_sem_deixar_arquivo(tmp_path, servidor):
    arquivos, _ = conjunto_brinquedo()  # as somas reais do MNIST não conferem com estes
    s = servidor(arquivos)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvisoDados)
        d = dados.carregar_mnist(tmp_path, espelhos=[s.url], pastas_sistema=[], progresso=False)
    assert d.fonte == "amostra"
    assert list((tmp_path / "mnist").iterdir()) == []


def test_diretorio_cache_respeita_variavel(monkeypatch, tmp_path):
    monkeypatch.setenv("PROFUNDO_DADOS", str(tmp_path))
    assert dados.diretorio_cache() == tmp_path
    monkeypatch.delenv("PROFUNDO_DADOS")
    assert dados.diretorio_cache() == Path.home() / ".cache" / "profundo"


def test_subconjunto_e_validacao():
    x = np.zeros((50, 784), np.float32)
    d = dados.ConjuntoDados(x, np.arange(50) % 10, x[:20], np.arange(20) % 10, "mnist", "amostra")
    s = d.subconjunto(10, 5, semente=1)
    assert s.x_treino.shape == (10, 784) and s.y_teste.shape == (5,)
    assert d.subconjunto(1000).x_treino.shape == (50, 784)
    with pytest.raises(ValueError, match="positivo"):
        d.subconjunto(0)
    with pytest.raises(TypeError, match="inteiro"):
        d.subconjunto(2.5)


@pytest.mark.skipif(not Path("/usr/share/datasets/fashion-mnist").is_dir(),
                    reason="pacote Debian dataset-fashion-mnist não instalado")
def test_fashion_mnist_do_sistema_real(tmp_path):
    d = dados.carregar_fashion_mnist(tmp_path, baixar=False)
    assert d.fonte == "sistema"
    assert d.x_treino.shape == (60000, 784) and d.x_teste.shape == (10000, 784)
    assert np.bincount(d.y_treino).tolist() == [6000] * 10


def test_primeiros_corta_treino_e_mantem_teste():
    x = np.random.default_rng(0).random((20, 784), dtype=np.float32)
    y = np.arange(20) % 10
    c = dados.ConjuntoDados(x, y, x[:5], y[:5], nome="teste", fonte="amostra")
    p = c.primeiros(7)
    assert p.x_treino.shape == (7, 784) and (p.y_treino == y[:7]).all()
    assert p.x_teste.shape == (5, 784) and p.fonte == "amostra"
    assert len(c.primeiros(100).y_treino) == 20
    with pytest.raises(ValueError, match="positivo"):
        c.primeiros(0)
    with pytest.raises(TypeError, match="inteiro"):
        c.primeiros(3.5)
