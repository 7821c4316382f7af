"""Modelos de linguagem: n-gramas contados e um modelo de caracteres com LSTM.

Um modelo de linguagem dá a probabilidade do próximo símbolo (palavra ou
caractere) dado o que veio antes. Este módulo tem as duas versões do livro:

* **n-gramas** (de palavras ou de caracteres): ``ngramas``, ``contar_ngramas``
  e ``ModeloNgrama``, que estima P(token | n − 1 tokens anteriores) por contagem, com
  suavização aditiva (de Laplace), mede a perplexidade e gera texto;
* **caracteres** (rede neural): ``Vocabulario`` (caractere ↔ índice),
  ``lotes_sequencias`` (fatias aleatórias do texto codificado),
  ``ModeloCaracteres`` (embedding → LSTM → camada linear), ``treinar_caracteres``
  e ``amostrar``, que gera texto caractere a caractere com temperatura.

``perplexidade(custo)`` = exp(custo médio em nats) liga as duas: é o número
de escolhas igualmente prováveis que deixariam o modelo tão indeciso quanto
ele está.

O corpus, ``carregar_corpus()``, vem com o pacote, sem download: é a prosa do
próprio livro (células markdown dos notebooks e páginas ``book/*.md``), sem
código, sem LaTeX e sem saídas, guardada em ``profundo/dados_texto/livro.txt``.
Para reconstruí-lo depois de mudar o texto do livro, na raiz do repositório::

    python -m profundo.linguagem corpus

(``python -m profundo.linguagem info`` mostra o tamanho e o vocabulário.)
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import torch
from torch import nn

from . import ambiente

try:  # barra de progresso: tqdm.auto escolhe a versão de notebook quando existe
    from tqdm.auto import tqdm
except ImportError:  # pragma: no cover - tqdm está no requirements.txt
    tqdm = None

DESCONHECIDO = "<desc>"
"""Marca que ``ModeloNgrama`` usa no lugar das palavras que não viu no treino."""


# ---------------------------------------------------------------------------
# Validação
# ---------------------------------------------------------------------------

def _inteiro(valor: Any, nome: str, minimo: int) -> int:
    if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)):
        raise TypeError(f"{nome} deve ser um número inteiro; recebi {valor!r} ({type(valor).__name__}).")
    if valor < minimo:
        raise ValueError(f"{nome} deve ser pelo menos {minimo}; recebi {valor}.")
    return int(valor)


def _real(valor: Any, nome: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, (int, float, np.integer, np.floating)):
        raise TypeError(f"{nome} deve ser um número real; recebi {valor!r} ({type(valor).__name__}).")
    return float(valor)


# ---------------------------------------------------------------------------
# Palavras e n-gramas
# ---------------------------------------------------------------------------

_PALAVRA = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[.,;:!?]")


def tokenizar(texto: str) -> list[str]:
    """Separa ``texto`` em palavras e sinais de pontuação (``.,;:!?``), nessa ordem.

    Palavras compostas com hífen ("n-gramas", "dá-se") ficam inteiras;
    maiúsculas e acentos são mantidos; outros símbolos são descartados.
    """
    if not isinstance(texto, str):
        raise TypeError(f"texto deve ser uma str; recebi {type(texto).__name__}.")
    return _PALAVRA.findall(texto)


def _tokens(valor: Any, nome: str = "tokens") -> list[str]:
    """Uma str é tokenizada; uma sequência de str é usada como está."""
    if isinstance(valor, str):
        return tokenizar(valor)
    if isinstance(valor, (bytes, dict)) or not isinstance(valor, Iterable):
        raise TypeError(f"{nome} deve ser um texto (str) ou uma lista de palavras; "
                        f"recebi {type(valor).__name__}.")
    tokens = list(valor)
    for t in tokens:
        if not isinstance(t, str):
            raise TypeError(f"{nome}: cada palavra deve ser uma str; recebi {t!r} ({type(t).__name__}).")
    return tokens


def ngramas(texto_ou_tokens: str | Sequence[str], n: int) -> list[tuple[str, ...]]:
    """Os n-gramas (sequências de ``n`` palavras vizinhas) em ordem de ocorrência.

    Um texto (str) é antes separado em palavras por ``tokenizar``. Um texto com
    ``m`` palavras tem ``m − n + 1`` n-gramas (nenhum se ``m < n``)::

        >>> ngramas("Está fazendo sol hoje", 3)
        [('Está', 'fazendo', 'sol'), ('fazendo', 'sol', 'hoje')]
    """
    n = _inteiro(n, "n", 1)
    tokens = _tokens(texto_ou_tokens, "texto_ou_tokens")
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def contar_ngramas(textos: str | Iterable[str | Sequence[str]], n: int) -> Counter:
    """Conta os n-gramas de um ou vários textos num ``collections.Counter``.

    ``textos`` é um texto (str) ou uma lista de textos; cada texto pode ser
    uma str ou uma lista de palavras. Os n-gramas não atravessam a fronteira
    entre dois textos.
    """
    n = _inteiro(n, "n", 1)
    if isinstance(textos, str):
        textos = [textos]
    elif isinstance(textos, (bytes, dict)) or not isinstance(textos, Iterable):
        raise TypeError(f"textos deve ser um texto ou uma lista de textos; recebi {type(textos).__name__}.")
    contagem: Counter = Counter()
    for texto in textos:
        contagem.update(ngramas(texto, n))
    return contagem


def perplexidade(custo_medio_nats: float) -> float:
    """Perplexidade = exp(custo), com o custo médio de entropia cruzada em nats (log natural).

    Um modelo que espalha a probabilidade igualmente entre ``V`` símbolos tem
    custo ln V e perplexidade ``V``.
    """
    if torch.is_tensor(custo_medio_nats) and custo_medio_nats.numel() == 1:
        custo_medio_nats = float(custo_medio_nats)
    custo = _real(custo_medio_nats, "custo_medio_nats")
    if math.isnan(custo) or custo < 0:
        raise ValueError(f"o custo médio de entropia cruzada deve ser ≥ 0; recebi {custo}.")
    return math.inf if custo > 709 else math.exp(custo)


class ModeloNgrama:
    """Modelo de n-gramas de *tokens* (palavras ou caracteres) com suavização aditiva (de Laplace).

    Depois de ``ajustar(tokens)``, a probabilidade de ``w`` dado o contexto
    ``c`` (as ``n − 1`` palavras anteriores) é

        P(w | c) = (contagem(c, w) + k) / (contagem(c) + k·V),

    com ``k = suavizacao`` e ``V`` o tamanho do vocabulário (as palavras do
    treino mais ``DESCONHECIDO``, que representa toda palavra nova). Com
    ``k = 1`` é a suavização de Laplace; com ``k = 0``, a contagem pura, que
    dá probabilidade zero a tudo o que não apareceu no treino (e, para um
    contexto nunca visto, a distribuição uniforme 1/V).

    Quando o contexto tem menos de ``n − 1`` palavras (o começo de um texto),
    usa-se a contagem do n-grama de ordem menor que cabe nele; assim todas as
    palavras de um texto recebem probabilidade e ``gerar`` pode partir de
    qualquer começo, até vazio.
    """

    def __init__(self, n: int, suavizacao: float = 1.0) -> None:
        self.n = _inteiro(n, "n", 1)
        k = _real(suavizacao, "suavizacao")
        if not math.isfinite(k) or k < 0:
            raise ValueError(f"suavizacao deve ser um número real ≥ 0; recebi {suavizacao!r}.")
        self.suavizacao = k
        self.vocabulario: list[str] = []
        self.contagens: Counter = Counter()
        self._indice: dict[str, int] = {}
        self._seguintes: dict[tuple[str, ...], Counter] = {}
        self._totais: dict[tuple[str, ...], int] = {}

    def __repr__(self) -> str:
        return f"ModeloNgrama(n={self.n}, suavizacao={self.suavizacao}, vocabulario={len(self.vocabulario)})"

    def ajustar(self, tokens: str | Sequence[str]) -> "ModeloNgrama":
        """Conta os n-gramas (e os de ordem menor) de ``tokens``; devolve o próprio modelo."""
        tokens = _tokens(tokens)
        if len(tokens) == 0:
            raise ValueError("tokens está vazio: não há o que contar.")
        self.vocabulario = sorted(set(tokens)) + [DESCONHECIDO]
        self._indice = {t: i for i, t in enumerate(self.vocabulario)}
        self.contagens = contar_ngramas([tokens], self.n)
        self._seguintes, self._totais = {}, {}
        for i, palavra in enumerate(tokens):
            for m in range(min(self.n, i + 1)):      # contextos de 0 a n − 1 palavras
                contexto = tuple(tokens[i - m:i])
                self._seguintes.setdefault(contexto, Counter())[palavra] += 1
                self._totais[contexto] = self._totais.get(contexto, 0) + 1
        return self

    def _conferir_ajustado(self) -> None:
        if not self.vocabulario:
            raise RuntimeError("o modelo ainda não foi ajustado: chame ajustar(tokens) antes.")

    def _contexto(self, contexto: str | Sequence[str]) -> tuple[str, ...]:
        palavras = _tokens(contexto, "contexto")
        palavras = palavras[len(palavras) - (self.n - 1):] if self.n > 1 else []
        return tuple(p if p in self._indice else DESCONHECIDO for p in palavras)

    def distribuicao(self, contexto: str | Sequence[str] = ()) -> np.ndarray:
        """Vetor com P(w | contexto) para cada palavra ``w`` de ``self.vocabulario`` (soma 1)."""
        self._conferir_ajustado()
        c = self._contexto(contexto)
        v, k = len(self.vocabulario), self.suavizacao
        total = self._totais.get(c, 0)
        if total + k * v == 0:                       # k = 0 e contexto nunca visto
            return np.full(v, 1.0 / v)
        p = np.full(v, k, dtype=np.float64)
        for palavra, conta in self._seguintes.get(c, {}).items():
            p[self._indice[palavra]] += conta
        return p / (total + k * v)

    def probabilidade(self, contexto: str | Sequence[str], token: str) -> float:
        """P(token | contexto); só as últimas ``n − 1`` palavras do contexto contam."""
        self._conferir_ajustado()
        if not isinstance(token, str):
            raise TypeError(f"token deve ser uma str; recebi {type(token).__name__}.")
        c = self._contexto(contexto)
        palavra = token if token in self._indice else DESCONHECIDO
        v, k = len(self.vocabulario), self.suavizacao
        total = self._totais.get(c, 0)
        if total + k * v == 0:
            return 1.0 / v
        return (self._seguintes.get(c, {}).get(palavra, 0) + k) / (total + k * v)

    def custo(self, tokens: str | Sequence[str]) -> float:
        """Custo médio (em nats) −(1/m) Σ ln P(wᵢ | palavras anteriores) sobre as m palavras."""
        self._conferir_ajustado()
        tokens = _tokens(tokens)
        if len(tokens) == 0:
            raise ValueError("tokens está vazio: não há o que avaliar.")
        soma = 0.0
        for i, palavra in enumerate(tokens):
            p = self.probabilidade(tokens[max(0, i - self.n + 1):i], palavra)
            if p == 0.0:
                return math.inf
            soma -= math.log(p)
        return soma / len(tokens)

    def perplexidade(self, tokens: str | Sequence[str]) -> float:
        """exp(custo médio) sobre ``tokens``: quantas palavras, em média, o modelo "hesita" entre."""
        return perplexidade(self.custo(tokens))

    def gerar(self, inicio: str | Sequence[str] = (), k: int = 20,
              gerador: np.random.Generator | int | None = None) -> list[str]:
        """Sorteia ``k`` palavras novas, uma a uma, depois de ``inicio``; devolve início + novas.

        ``gerador`` é um ``np.random.Generator`` ou uma semente (``None`` = semente 0):
        a mesma semente dá o mesmo texto. ``DESCONHECIDO`` nunca é sorteada.
        """
        self._conferir_ajustado()
        k = _inteiro(k, "k", 0)
        if gerador is None or isinstance(gerador, (int, np.integer)) and not isinstance(gerador, bool):
            gerador = np.random.default_rng(0 if gerador is None else int(gerador))
        elif not isinstance(gerador, np.random.Generator):
            raise TypeError("gerador deve ser um np.random.Generator ou uma semente inteira; "
                            f"recebi {type(gerador).__name__}.")
        texto = _tokens(inicio, "inicio")
        sem_desconhecido = len(self.vocabulario) - 1
        for _ in range(k):
            p = self.distribuicao(texto)[:sem_desconhecido]
            if p.sum() == 0:                          # k = 0 e só DESCONHECIDO no contexto
                p = np.ones(sem_desconhecido)
            texto.append(self.vocabulario[gerador.choice(sem_desconhecido, p=p / p.sum())])
        return texto


# ---------------------------------------------------------------------------
# O corpus: a prosa do próprio livro
# ---------------------------------------------------------------------------

_ADMONICOES = {"note", "tip", "warning", "important", "caution", "attention", "hint", "seealso",
               "admonition", "danger", "error", "dropdown", "epigraph", "sidebar"}
_FORMAS_ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`", re.S)
_ACENTOS_PT = "áàâãéêíóôõúüçÁÀÂÃÉÊÍÓÔÕÚÜÇ"
_PERMITIDOS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                  " \n.,;:!?()\"'-%/" + _ACENTOS_PT)
_TROCAS = {"—": "-", "–": "-", "−": "-", "‐": "-", "“": '"', "”": '"', "«": '"', "»": '"',
           "‘": "'", "’": "'", "…": "...", "×": "x", "÷": "/", "\t": " ", "\u00a0": " "}


def _autores_bib(caminho: Path) -> dict[str, str]:
    """Chave → "Sobrenome (ano)" para trocar ``{cite:t}`chave``` por texto."""
    if not caminho.exists():
        return {}
    texto = caminho.read_text(encoding="utf-8")
    resultado = {}
    for entrada in re.split(r"\n@", "\n" + texto)[1:]:
        chave = re.match(r"\w+\s*\{\s*([^,\s]+)\s*,", entrada)
        autor = re.search(r"\bauthor\s*=\s*\{(.*?)\}\s*,?\s*\n", entrada, re.S)
        ano = re.search(r"\byear\s*=\s*\{?(\d{4})", entrada)
        if not (chave and autor):
            continue
        nomes = [a.strip() for a in re.split(r"\s+and\s+", autor.group(1).replace("\n", " "))]
        sobrenomes = []
        for nome in nomes:
            nome = nome.replace("{", "").replace("}", "").strip()
            if "," in nome:
                sobrenomes.append(nome.split(",")[0].strip())
            elif autor.group(1).strip().startswith("{"):
                sobrenomes.append(nome)                # instituição: nome inteiro
            else:
                sobrenomes.append(nome.split()[-1] if nome.split() else nome)
        if nomes and nomes[-1].lower() == "others" or len(sobrenomes) > 2:
            quem = f"{sobrenomes[0]} et al."
        else:
            quem = " e ".join(sobrenomes)
        resultado[chave.group(1)] = f"{quem} ({ano.group(1)})" if ano else quem
    return resultado


def _trocar_role(m: re.Match, autores: dict[str, str]) -> str:
    papel, conteudo = m.group(1), m.group(2)
    if papel == "cite:t":
        return ", ".join(autores.get(c.strip(), "") for c in conteudo.split(","))
    explicito = re.match(r"(.*?)\s*<[^<>]*>\s*$", conteudo, re.S)
    if papel in ("doc", "ref", "numref", "term", "abbr") and explicito and "%s" not in explicito.group(1):
        return explicito.group(1)
    if papel == "term":
        return conteudo
    return ""                                   # cite:p, glue:text, numref sem texto...


def _matematica_simples(m: re.Match) -> str:
    """Mantém ``$n$``, ``$0{,}5$`` ou ``$N(0, 1)$``; o resto do LaTeX some."""
    conteudo = m.group(1)
    if re.fullmatch(r"[A-Za-z0-9 ,.(){}-]+", conteudo):
        return conteudo.replace("{", "").replace("}", "")
    return ""


def _blocos(linhas: list[str]) -> list[str]:
    """Tira os blocos cercados (```), mantendo o texto das notas e avisos ({note}, {tip}...)."""
    saida: list[str] = []
    i = 0
    while i < len(linhas):
        cerca = re.match(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{([\w-]+)\})?\s*(.*)$", linhas[i])
        if not cerca:
            saida.append(linhas[i])
            i += 1
            continue
        marca, diretiva, titulo = cerca.group(1), cerca.group(3), cerca.group(4).strip()
        fim = re.compile(r"^\s*" + re.escape(marca[0]) + "{" + str(len(marca)) + r",}\s*$")
        j = i + 1
        while j < len(linhas) and not fim.match(linhas[j]):
            j += 1
        if diretiva in _ADMONICOES:
            dentro = [l for l in linhas[i + 1:j] if not re.match(r"^\s*:[\w-]+:", l)]
            if titulo:
                saida += ["", titulo, ""]
            saida += [""] + _blocos(dentro) + [""]
        else:
            saida.append("")
        i = j + 1
    return saida


def texto_de_markdown(markdown: str, autores: dict[str, str] | None = None) -> str:
    """Só a prosa de um markdown MyST: um parágrafo por linha, sem código nem LaTeX.

    Saem: blocos de código e diretivas (o texto de notas e avisos fica), fórmulas
    (``$…$`` só fica se for um símbolo simples, como ``$n$``), papéis MyST
    (``{cite:p}``, ``{glue:text}``; ``{cite:t}`` vira "Autor (ano)" e
    ``{doc}`texto <alvo>``` vira "texto"), rótulos ``(x)=``, tabelas, HTML,
    marcas de ênfase, listas e títulos, código entre crases (menos nomes
    simples, como ``numpy``) e caracteres raros.
    """
    if not isinstance(markdown, str):
        raise TypeError(f"markdown deve ser uma str; recebi {type(markdown).__name__}.")
    autores = autores or {}
    t = markdown.replace("\r\n", "\n")
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    t = "\n".join(_blocos(t.split("\n")))
    t = re.sub(r"\$\$.*?\$\$", "\n\n", t, flags=re.S)
    t = re.sub(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", "", t, flags=re.S)
    t = re.sub(r"(?<!\\)\$([^$\n]+?)\$", _matematica_simples, t)
    t = _FORMAS_ROLE.sub(lambda m: _trocar_role(m, autores), t)
    t = re.sub(r"``([^`]*)``|`([^`\n]*)`",
               lambda m: (lambda s: s if re.fullmatch(r"[A-Za-zÀ-ÿ][\wÀ-ÿ.]{0,29}", s) and "_" not in s
                          else "")(m.group(1) or m.group(2) or ""), t)
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", t)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\[\^[^\]]*\]", "", t)
    t = re.sub(r"</?[A-Za-z][^>]*>", "", t)
    paragrafos: list[str] = []
    atual: list[str] = []
    for linha in t.split("\n"):
        s = linha.strip()
        if re.match(r"^\(.+\)=$", s) or re.match(r"^(\+\+\+|-{3,}|\*{3,}|_{3,})$", s):
            s = ""
        if s.startswith("|"):                        # tabela
            s = ""
        titulo = re.match(r"^#{1,6}\s+(.*)$", s)
        s = titulo.group(1) if titulo else s
        s = re.sub(r"^(>\s*)+", "", s)
        s = re.sub(r"^:\s+", "", s)                  # definição (glossário)
        s = re.sub(r"^([-*+]|\d+[.)])\s+", "", s)    # item de lista
        if not s or titulo:
            if atual:
                paragrafos.append(" ".join(atual))
            atual = []
            if titulo and s:
                paragrafos.append(s)
            continue
        atual.append(s)
    if atual:
        paragrafos.append(" ".join(atual))
    limpos = [_limpar_caracteres(p) for p in paragrafos]
    return "\n".join(p for p in limpos if re.search(r"[^\W\d_]", p))


def _limpar_caracteres(texto: str) -> str:
    texto = texto.replace("**", "").replace("__", "")
    texto = re.sub(r"(?<![\w*])\*(?!\s)|(?<![\s*])\*(?![\w*])", "", texto)
    pedacos = []
    for c in unicodedata.normalize("NFC", texto):
        if c in _PERMITIDOS:
            pedacos.append(c)
        elif c in _TROCAS:
            pedacos.append(_TROCAS[c])
        else:
            base = unicodedata.normalize("NFKD", c)[0]
            pedacos.append(base if base.isascii() and base.isalpha() else " ")
    t = "".join(pedacos).replace("\n", " ")
    t = re.sub(r" {2,}", " ", t)
    for _ in range(2):
        t = re.sub(r"\(\s*[,;:.]*\s*\)", "", t)             # parênteses que ficaram vazios
        t = re.sub(r"\(\s+", "(", t)
        t = re.sub(r"\s+\)", ")", t)
        t = re.sub(r"\s+([.,;:!?])", r"\1", t)
        t = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", t)        # ", ," → ","
        t = re.sub(r"[,;:]+(?=[.!?])", "", t)                  # ",." → "."
        t = re.sub(r" {2,}", " ", t)
    return t.strip()


def _raiz_projeto() -> Path:
    return Path(__file__).resolve().parents[2]


def construir_corpus(raiz: str | Path | None = None) -> str:
    """Junta a prosa de ``notebooks/*.ipynb`` (células markdown) e de ``book/*.md``.

    ``raiz`` é a pasta do repositório (por padrão, a que contém ``src/profundo``).
    Os notebooks vêm primeiro, em ordem de capítulo, e depois as páginas do livro.
    """
    raiz = _raiz_projeto() if raiz is None else Path(raiz)
    notebooks = sorted((raiz / "notebooks").glob("*.ipynb"))
    paginas = sorted((raiz / "book").glob("*.md"))
    if not notebooks and not paginas:
        raise FileNotFoundError(f"não achei notebooks/*.ipynb nem book/*.md em {raiz}; o corpus "
                                "só pode ser reconstruído a partir do repositório do livro.")
    autores = _autores_bib(raiz / "book" / "referencias.bib")
    partes = []
    for caminho in notebooks:
        nb = json.loads(caminho.read_text(encoding="utf-8"))
        for celula in nb.get("cells", []):
            if celula.get("cell_type") == "markdown":
                fonte = celula.get("source", "")
                partes.append(texto_de_markdown("".join(fonte) if isinstance(fonte, list) else fonte,
                                                autores))
    for caminho in paginas:
        partes.append(texto_de_markdown(caminho.read_text(encoding="utf-8"), autores))
    return "\n".join(p for p in partes if p) + "\n"


def _arquivo_corpus(nome: str):
    return resources.files("profundo").joinpath("dados_texto", f"{nome}.txt")


def carregar_corpus(nome: str = "livro") -> str:
    """O texto de um corpus que vem com o pacote (sem download); hoje só ``"livro"``.

    ``"livro"`` é a prosa do próprio livro, um parágrafo por linha (veja
    ``construir_corpus``), lida de ``profundo/dados_texto/livro.txt``.
    """
    if not isinstance(nome, str):
        raise TypeError(f"nome deve ser uma str; recebi {type(nome).__name__}.")
    if not re.fullmatch(r"[\w-]+", nome):
        raise ValueError(f"nome de corpus inválido: {nome!r}.")
    arquivo = _arquivo_corpus(nome)
    if not arquivo.is_file():
        pasta = resources.files("profundo").joinpath("dados_texto")
        existentes = sorted(p.name[:-4] for p in pasta.iterdir() if p.name.endswith(".txt")) \
            if pasta.is_dir() else []
        raise ValueError(f"não há corpus chamado {nome!r}; disponíveis: {existentes}. "
                         "Para (re)criar o do livro: python -m profundo.linguagem corpus")
    return arquivo.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Caracteres
# ---------------------------------------------------------------------------

class Vocabulario:
    """Correspondência caractere ↔ índice inteiro (0, 1, 2, …), em ordem de código Unicode."""

    def __init__(self, caracteres: Iterable[str]) -> None:
        lista = list(caracteres)
        for c in lista:
            if not isinstance(c, str) or len(c) != 1:
                raise TypeError(f"cada elemento do vocabulário deve ser um caractere; recebi {c!r}.")
        if len(set(lista)) != len(lista):
            raise ValueError("o vocabulário tem caracteres repetidos.")
        if not lista:
            raise ValueError("o vocabulário precisa de pelo menos um caractere.")
        self.caracteres: tuple[str, ...] = tuple(lista)
        self.indices: dict[str, int] = {c: i for i, c in enumerate(lista)}

    @classmethod
    def de_texto(cls, texto: str) -> "Vocabulario":
        """Os caracteres distintos de ``texto``, ordenados."""
        if not isinstance(texto, str):
            raise TypeError(f"texto deve ser uma str; recebi {type(texto).__name__}.")
        if not texto:
            raise ValueError("texto está vazio: não há caracteres para o vocabulário.")
        return cls(sorted(set(texto)))

    def __len__(self) -> int:
        return len(self.caracteres)

    def __contains__(self, caractere: object) -> bool:
        return caractere in self.indices

    def __repr__(self) -> str:
        return f"Vocabulario({len(self)} caracteres)"

    def codificar(self, texto: str) -> np.ndarray:
        """Texto → vetor ``int64`` de índices; ``ValueError`` com o caractere fora do vocabulário."""
        if not isinstance(texto, str):
            raise TypeError(f"texto deve ser uma str; recebi {type(texto).__name__}.")
        try:
            return np.fromiter((self.indices[c] for c in texto), dtype=np.int64, count=len(texto))
        except KeyError as erro:
            c = erro.args[0]
            raise ValueError(f"o caractere {c!r} (posição {texto.index(c)}) não está no vocabulário "
                             f"de {len(self)} caracteres.") from None

    def decodificar(self, indices: Any) -> str:
        """Índices (lista, array ou tensor de inteiros) → texto."""
        if torch.is_tensor(indices):
            indices = indices.detach().cpu().numpy()
        arr = np.asarray(indices)
        if arr.size == 0:
            return ""
        if arr.dtype.kind not in "iu":
            raise TypeError(f"os índices devem ser inteiros; recebi o tipo {arr.dtype}.")
        arr = arr.reshape(-1)
        if arr.min() < 0 or arr.max() >= len(self):
            raise ValueError(f"há índices fora de 0..{len(self) - 1}.")
        return "".join(self.caracteres[i] for i in arr.tolist())


def _indices_tensor(indices: Any, nome: str, minimo: int) -> torch.Tensor:
    if torch.is_tensor(indices):
        t = indices
    else:
        arr = np.asarray(indices)
        if arr.dtype.kind not in "iu":
            raise TypeError(f"{nome} deve conter índices inteiros; recebi o tipo {arr.dtype}.")
        t = torch.from_numpy(arr.astype(np.int64, copy=False))
    if t.is_floating_point() or t.is_complex() or t.dtype == torch.bool:
        raise TypeError(f"{nome} deve conter índices inteiros; recebi o tipo {t.dtype}.")
    if t.ndim != 1:
        raise ValueError(f"{nome} deve ser um vetor (o texto codificado); recebi a forma {tuple(t.shape)}.")
    if len(t) < minimo:
        raise ValueError(f"{nome} tem {len(t)} caracteres; são precisos pelo menos {minimo}.")
    return t.long()


def lotes_sequencias(indices: Any, comprimento: int, tamanho_lote: int, semente: int = 0,
                     n_lotes: int | None = None) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Pares ``(entrada, alvo)`` de fatias aleatórias do texto codificado, cada um ``(lote, comprimento)`` int64.

    Cada linha do lote começa numa posição sorteada ``s`` do texto: a entrada é
    ``indices[s : s + comprimento]`` e o alvo, a mesma fatia deslocada de um
    caractere, ``indices[s + 1 : s + comprimento + 1]`` (o próximo caractere de
    cada posição). Sem ``n_lotes``, gera ⌊(len − 1) / (comprimento · tamanho_lote)⌋
    lotes (no mínimo 1), o bastante para ver o texto uma vez em média. Se
    ``indices`` já é um tensor no dispositivo, os lotes são montados lá, sem
    cópias.
    """
    comprimento = _inteiro(comprimento, "comprimento", 1)
    tamanho_lote = _inteiro(tamanho_lote, "tamanho_lote", 1)
    semente = _inteiro(semente, "semente", 0)
    t = _indices_tensor(indices, "indices", comprimento + 1)
    if n_lotes is None:
        n_lotes = max(1, (len(t) - 1) // (comprimento * tamanho_lote))
    n_lotes = _inteiro(n_lotes, "n_lotes", 0)
    gerador = torch.Generator(device=t.device).manual_seed(semente)
    deslocamentos = torch.arange(comprimento + 1, device=t.device)

    def gerar() -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        for _ in range(n_lotes):
            inicios = torch.randint(0, len(t) - comprimento, (tamanho_lote,), device=t.device,
                                    generator=gerador)
            janelas = t[inicios[:, None] + deslocamentos]       # (lote, comprimento + 1)
            yield janelas[:, :-1], janelas[:, 1:]

    return gerar()


class ModeloCaracteres(nn.Module):
    """Modelo de linguagem de caracteres: embedding → LSTM de várias camadas → linear.

    Os padrões (2 camadas de 512 unidades) são os da fonte. ``forward(x, estado)``
    recebe índices ``(lote, T)`` e devolve os logits ``(lote, T, V)`` do próximo
    caractere em cada posição e o estado final ``(h, c)`` da LSTM, que pode ser
    passado de volta para continuar a sequência (é o que ``amostrar`` faz).
    ``dropout`` age entre as camadas da LSTM e na saída dela, só no treino.

    Usa ``torch.nn.LSTM`` e não a LSTM do zero de ``profundo.rnn``
    (``lstm_frente``/``lstm_tras``, que mostra as contas): as mesmas equações,
    mas numa implementação fundida muito mais rápida (na GPU, a do cuDNN),
    essencial para treinar 2 × 512 unidades em sequências de 100 caracteres.
    ``benchmarks/lstm.py`` mede a diferença.
    """

    def __init__(self, tamanho_vocabulario: int | Vocabulario, dimensao_embedding: int = 64,
                 ocultos: int = 512, camadas: int = 2, dropout: float = 0.2) -> None:
        super().__init__()
        if isinstance(tamanho_vocabulario, Vocabulario):
            tamanho_vocabulario = len(tamanho_vocabulario)
        self.tamanho_vocabulario = _inteiro(tamanho_vocabulario, "tamanho_vocabulario", 1)
        self.dimensao_embedding = _inteiro(dimensao_embedding, "dimensao_embedding", 1)
        self.ocultos = _inteiro(ocultos, "ocultos", 1)
        self.camadas = _inteiro(camadas, "camadas", 1)
        dropout = _real(dropout, "dropout")
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout deve estar em [0, 1); recebi {dropout}.")
        self.embedding = nn.Embedding(self.tamanho_vocabulario, self.dimensao_embedding)
        # dropout entre as camadas da LSTM (o nn.LSTM só o aplica entre camadas) e na saída dela
        self.lstm = nn.LSTM(self.dimensao_embedding, self.ocultos, num_layers=self.camadas,
                            batch_first=True, dropout=dropout if self.camadas > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.saida = nn.Linear(self.ocultos, self.tamanho_vocabulario)

    def forward(self, x: torch.Tensor, estado: tuple[torch.Tensor, torch.Tensor] | None = None
                ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        if not torch.is_tensor(x) or x.is_floating_point() or x.ndim != 2:
            raise TypeError("x deve ser um tensor de índices inteiros de forma (lote, comprimento).")
        h, estado = self.lstm(self.embedding(x), estado)
        return self.saida(self.dropout(h)), estado


@dataclass
class HistoricoCaracteres:
    """Uma entrada por época: custo (nats por caractere) e perplexidade de treino e validação."""

    custo_treino: list[float] = field(default_factory=list)
    perplexidade_treino: list[float] = field(default_factory=list)
    custo_validacao: list[float] = field(default_factory=list)
    perplexidade_validacao: list[float] = field(default_factory=list)
    passos: list[int] = field(default_factory=list)
    tempo_s: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.tempo_s)


def _dispositivo_do(modelo: nn.Module) -> torch.device:
    parametro = next(modelo.parameters(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


@torch.no_grad()
def avaliar_caracteres(modelo: nn.Module, indices: Any, comprimento: int = 100,
                       tamanho_lote: int = 256) -> float:
    """Custo médio (nats por caractere) de ``modelo`` prevendo cada próximo caractere de ``indices``.

    O texto é cortado em pedaços consecutivos de ``comprimento`` caracteres,
    cada um lido a partir do estado zero, em modo de avaliação (sem dropout).
    """
    comprimento = _inteiro(comprimento, "comprimento", 1)
    tamanho_lote = _inteiro(tamanho_lote, "tamanho_lote", 1)
    disp = _dispositivo_do(modelo)
    t = _indices_tensor(indices, "indices", 2).to(disp)
    pedacos = (len(t) - 1) // comprimento
    if pedacos == 0:                                  # texto mais curto que um pedaço
        comprimento, pedacos = len(t) - 1, 1
    entrada = t[:pedacos * comprimento].reshape(pedacos, comprimento)
    alvo = t[1:pedacos * comprimento + 1].reshape(pedacos, comprimento)
    estava_treinando = modelo.training
    modelo.eval()
    soma = torch.zeros((), device=disp, dtype=torch.float64)
    try:
        for i in range(0, pedacos, tamanho_lote):
            logits, _ = modelo(entrada[i:i + tamanho_lote])
            soma += nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                                alvo[i:i + tamanho_lote].reshape(-1), reduction="sum")
    finally:
        modelo.train(estava_treinando)
    return float(soma) / alvo.numel()


def treinar_caracteres(modelo: ModeloCaracteres, indices_treino: Any, indices_validacao: Any | None,
                       *, epocas: int = 1, passos: int | None = None, comprimento: int = 100,
                       tamanho_lote: int = 64, taxa_aprendizado: float = 2e-3,
                       recorte: float | None = 5.0, semente: int = 0, dispositivo: Any = None,
                       progresso: bool = True) -> HistoricoCaracteres:
    """Treina ``modelo`` para prever o próximo caractere (entropia cruzada), com Adam.

    Cada época tem ``passos`` lotes (por padrão, os que cobrem o texto de treino
    uma vez em média; veja ``lotes_sequencias``) de ``tamanho_lote`` fatias
    aleatórias de ``comprimento`` caracteres; cada fatia começa do estado zero.
    Antes de cada passo do Adam, o gradiente é recortado para ter norma global
    no máximo ``recorte`` (``clip_grad_norm_``; ``None`` desliga). Os textos
    codificados vão uma vez para o dispositivo (por padrão o de
    ``ambiente.dispositivo()``). No fim de cada época, mede custo e
    perplexidade de validação com ``avaliar_caracteres`` (se houver
    ``indices_validacao``). Os padrões são os da fonte: sequências de 100,
    lotes de 64, η = 2·10⁻³ e recorte 5.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module; recebi {type(modelo).__name__}.")
    epocas = _inteiro(epocas, "epocas", 1)
    comprimento = _inteiro(comprimento, "comprimento", 1)
    tamanho_lote = _inteiro(tamanho_lote, "tamanho_lote", 1)
    semente = _inteiro(semente, "semente", 0)
    if passos is not None:
        passos = _inteiro(passos, "passos", 1)
    eta = _real(taxa_aprendizado, "taxa_aprendizado")
    if not math.isfinite(eta) or eta <= 0:
        raise ValueError(f"taxa_aprendizado deve ser positiva; recebi {taxa_aprendizado}.")
    if recorte is not None:
        recorte = _real(recorte, "recorte")
        if not recorte > 0:
            raise ValueError(f"recorte deve ser positivo (ou None para não recortar); recebi {recorte}.")
    disp = ambiente.dispositivo() if dispositivo is None else torch.device(dispositivo)
    treino = _indices_tensor(indices_treino, "indices_treino", comprimento + 1).to(disp)
    validacao = None if indices_validacao is None else \
        _indices_tensor(indices_validacao, "indices_validacao", 2).to(disp)
    v = getattr(modelo, "tamanho_vocabulario", None)
    if int(treino.min()) < 0 or (v is not None and int(treino.max()) >= v):
        raise ValueError(f"indices_treino tem índices fora de 0..{v - 1 if v else '?'} "
                         "(o vocabulário do modelo).")
    modelo.to(disp).train()
    otimizador = torch.optim.Adam(modelo.parameters(), lr=eta)
    if passos is None:
        passos = max(1, (len(treino) - 1) // (comprimento * tamanho_lote))
    historico = HistoricoCaracteres()
    barra = tqdm(total=epocas * passos, desc="treino", unit="lote", leave=False) \
        if (progresso and tqdm) else None
    total_passos = 0
    for epoca in range(1, epocas + 1):
        inicio = time.perf_counter()
        soma = torch.zeros((), device=disp)
        for entrada, alvo in lotes_sequencias(treino, comprimento, tamanho_lote,
                                              semente=semente * 100_003 + epoca, n_lotes=passos):
            logits, _ = modelo(entrada)
            perda = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), alvo.reshape(-1))
            otimizador.zero_grad(set_to_none=True)
            perda.backward()
            if recorte is not None:
                nn.utils.clip_grad_norm_(modelo.parameters(), recorte)
            otimizador.step()
            soma += perda.detach()                 # fica no dispositivo: sem sincronizar a cada lote
            total_passos += 1
            if barra is not None:
                barra.update(1)
        custo = float(soma) / passos
        historico.custo_treino.append(custo)
        historico.perplexidade_treino.append(perplexidade(custo))
        historico.passos.append(total_passos)
        texto = {"época": epoca, "custo": f"{custo:.3f}".replace(".", ",")}
        if validacao is not None:
            c_val = avaliar_caracteres(modelo, validacao, comprimento)
            historico.custo_validacao.append(c_val)
            historico.perplexidade_validacao.append(perplexidade(c_val))
            texto["perplexidade val."] = f"{perplexidade(c_val):.2f}".replace(".", ",")
        historico.tempo_s.append(time.perf_counter() - inicio)
        if barra is not None:
            barra.set_postfix(texto)
    if barra is not None:
        barra.close()
    return historico


@torch.no_grad()
def amostrar(modelo: ModeloCaracteres, vocab: Vocabulario, inicio: str, n: int,
             temperatura: float = 1.0, semente: int = 0) -> str:
    """Gera ``n`` caracteres depois de ``inicio`` e devolve ``inicio`` + os novos.

    O modelo lê ``inicio`` inteiro e, a cada passo, sorteia o próximo
    caractere da softmax de logits/``temperatura``, que depois volta como
    entrada. Temperatura 1 usa as probabilidades do modelo; abaixo de 1 o
    sorteio se concentra nos mais prováveis (perto de 0 é quase sempre o
    máximo); acima de 1 se espalha. O sorteio é feito na CPU com um gerador
    semeado por ``semente``: a mesma semente dá o mesmo texto.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo deve ser um torch.nn.Module; recebi {type(modelo).__name__}.")
    if not isinstance(vocab, Vocabulario):
        raise TypeError(f"vocab deve ser um Vocabulario; recebi {type(vocab).__name__}.")
    if not isinstance(inicio, str):
        raise TypeError(f"inicio deve ser uma str; recebi {type(inicio).__name__}.")
    if not inicio:
        raise ValueError("inicio está vazio: o modelo precisa de pelo menos um caractere para começar.")
    n = _inteiro(n, "n", 0)
    temperatura = _real(temperatura, "temperatura")
    if not math.isfinite(temperatura) or temperatura <= 0:
        raise ValueError(f"temperatura deve ser positiva; recebi {temperatura}.")
    semente = _inteiro(semente, "semente", 0)
    v = getattr(modelo, "tamanho_vocabulario", None)
    if v is not None and v != len(vocab):
        raise ValueError(f"o vocabulário tem {len(vocab)} caracteres, mas o modelo espera {v}.")
    codigos = vocab.codificar(inicio)                 # ValueError com o caractere desconhecido
    disp = _dispositivo_do(modelo)
    gerador = torch.Generator().manual_seed(semente)
    estava_treinando = modelo.training
    modelo.eval()
    novos: list[int] = []
    try:
        logits, estado = modelo(torch.as_tensor(codigos, device=disp)[None, :])
        for _ in range(n):
            z = logits[0, -1].double().cpu() / temperatura
            p = torch.softmax(z - z.max(), dim=0)
            proximo = int(torch.multinomial(p, 1, generator=gerador))
            novos.append(proximo)
            logits, estado = modelo(torch.tensor([[proximo]], device=disp), estado)
    finally:
        modelo.train(estava_treinando)
    return inicio + vocab.decodificar(np.asarray(novos, dtype=np.int64))


# ---------------------------------------------------------------------------
# Linha de comando: python -m profundo.linguagem corpus | info
# ---------------------------------------------------------------------------

def _milhar(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m profundo.linguagem",
                                     description="Corpus de texto do livro para os modelos de linguagem.")
    sub = parser.add_subparsers(dest="comando", required=True)
    p_corpus = sub.add_parser("corpus", help="reconstrói src/profundo/dados_texto/livro.txt a partir "
                                             "de notebooks/ e book/")
    p_corpus.add_argument("--raiz", default=None, help="pasta do repositório (padrão: a deste pacote)")
    p_corpus.add_argument("--saida", default=None, help="arquivo de saída (padrão: dados_texto/livro.txt)")
    sub.add_parser("info", help="mostra tamanho e vocabulário do corpus instalado")
    args = parser.parse_args(argv)
    if args.comando == "corpus":
        texto = construir_corpus(args.raiz)
        saida = Path(args.saida) if args.saida else Path(__file__).resolve().parent / "dados_texto" / "livro.txt"
        saida.parent.mkdir(parents=True, exist_ok=True)
        saida.write_text(texto, encoding="utf-8")
        print(f"Gravado {saida}: {_milhar(len(texto))} caracteres, {len(set(texto))} distintos, "
              f"{_milhar(len(tokenizar(texto)))} palavras e sinais.")
    else:
        texto = carregar_corpus()
        vocab = Vocabulario.de_texto(texto)
        print(f"{_milhar(len(texto))} caracteres, {len(vocab)} distintos, "
              f"{_milhar(len(tokenizar(texto)))} palavras e sinais.")
        print("Vocabulário:", "".join(vocab.caracteres).replace("\n", "\\n"))


if __name__ == "__main__":
    main()
