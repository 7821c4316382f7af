"""Extensão Sphinx do livro: citações e referências bibliográficas em português.

O sphinxcontrib-bibtex e o pybtex escrevem "and", "In", "pages", "PhD
thesis"… Aqui registramos:

- o estilo de referências ``ptbr`` (lista de referências), baseado no
  ``unsrt`` do pybtex, com "e", "Em", "p.", "cap.", "Tese de doutorado";
- o estilo de citação ``autor_ano``, que escreve "Hochreiter e Schmidhuber (1997)";
- traduções das frases dos temas que ainda não têm português ("Back to top",
  "Launch on Colab"…), acrescentadas como catálogo de reserva.

Ativada em ``_config.yml`` (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.unsrt import Style as _Unsrt
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.template import field as campo
from pybtex.style.template import first_of, join, names, optional, sentence, tag, together, words
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


class EstiloPtBr(_Unsrt):
    """Lista de referências em português (sobrescreve só o que tem palavras em inglês)."""

    def format_names(self, role, as_sentence=True):
        nomes = names(role, sep=", ", sep2=" e ", last_sep=" e ")
        return sentence[nomes] if as_sentence else nomes

    def format_editor(self, e, as_sentence=True):
        editores = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editores
        resultado = join(sep=" ")[editores, "(org.)"]
        return sentence[resultado] if as_sentence else resultado

    def format_volume_and_series(self, e, as_sentence=True):
        volume = optional[together["v.", campo("volume")]]
        serie = optional[campo("series")]
        resultado = join(sep=", ")[volume, serie]
        return sentence(capfirst=False)[resultado] if as_sentence else resultado

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together["cap.", campo("chapter")]],
            optional[together["p.", pages]],
        ]

    def get_article_template(self, e):
        volume_e_paginas = first_of[
            optional[join[campo("volume"), optional["(", campo("number"), ")"], ", p. ", pages]],
            optional[together["p.", pages]],
            words[campo("volume"), optional["(", campo("number"), ")"]],
        ]
        return join[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[campo("journal")], optional[volume_e_paginas], date],
            sentence[optional[campo("note")]],
            self.format_web_refs(e),
        ]

    def _em(self, e, titulo_obra):
        return words[
            "Em",
            sentence(capfirst=False)[
                optional[self.format_editor(e, as_sentence=False)],
                self.format_btitle(e, titulo_obra, as_sentence=False),
                self.format_volume_and_series(e, as_sentence=False),
                self.format_chapter_and_pages(e),
            ],
        ]

    def get_incollection_template(self, e):
        return join[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            self._em(e, "booktitle"),
            self.format_address_organization_publisher_date(e),
            sentence[optional[campo("note")]],
            self.format_web_refs(e),
        ]

    def get_inproceedings_template(self, e):
        return self.get_incollection_template(e)

    def get_phdthesis_template(self, e):
        return join[
            sentence[self.format_names("author")],
            self.format_btitle(e, "title"),
            sentence[first_of[optional[campo("type")], "Tese de doutorado"],
                     campo("school"), optional[campo("address")], date],
            sentence[optional[campo("note")]],
            self.format_web_refs(e),
        ]

    def get_mastersthesis_template(self, e):
        return join[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[first_of[optional[campo("type")], "Dissertação de mestrado"],
                     campo("school"), optional[campo("address")], date],
            sentence[optional[campo("note")]],
            self.format_web_refs(e),
        ]


def _pessoas() -> PersonStyle:
    return PersonStyle(sep2=" e ", last_sep=" e ", other=" et al.")


@dataclass
class EstiloAutorAno(AuthorYearReferenceStyle):
    """Citações autor-ano com "e" entre os autores."""

    person: PersonStyle = field(default_factory=_pessoas)


pybtex.plugin.register_plugin("pybtex.style.formatting", "ptbr", EstiloPtBr)
sphinxcontrib.bibtex.plugin.register_plugin(
    "sphinxcontrib.bibtex.style.referencing", "autor_ano", EstiloAutorAno)


# Frases dos temas sem tradução para o português (catálogo -> {inglês: português}).
TRADUCOES = {
    "sphinx": {  # pydata-sphinx-theme
        "Skip to main content": "Pular para o conteúdo",
        "Back to top": "Voltar ao topo",
        "Color mode": "Modo de cor",
        "Light": "Claro",
        "Dark": "Escuro",
        "System Settings": "Configuração do sistema",
        "On this page": "Nesta página",
        "Site navigation": "Navegação do site",
        "Main": "Principal",
        "Page": "Página",
        "next page": "próxima página",
        "previous page": "página anterior",
        "Version warning": "Aviso de versão",
    },
    "booktheme": {  # sphinx-book-theme
        "Open issue": "Abrir um problema",
        "Repository": "Repositório",
        "Source repositories": "Repositórios do código",
        "Launch interactive content": "Abrir em modo interativo",
        "Launch on": "Abrir no",
        "Launch on Binder": "Abrir no Binder",
        "Launch on Colab": "Abrir no Colab",
        "Toggle primary sidebar": "Mostrar ou ocultar a barra lateral",
        "Toggle secondary sidebar": "Mostrar ou ocultar o sumário da página",
    },
}


def _catalogos(pasta: Path) -> Path:
    """Grava os arquivos .mo de ``TRADUCOES`` em ``pasta/pt_BR/LC_MESSAGES``."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    destino = pasta / "pt_BR" / "LC_MESSAGES"
    destino.mkdir(parents=True, exist_ok=True)
    for nome, frases in TRADUCOES.items():
        catalogo = Catalog(locale="pt_BR", domain=nome)
        for ingles, portugues in frases.items():
            catalogo.add(ingles, portugues)
        with open(destino / f"{nome}.mo", "wb") as arquivo:
            write_mo(arquivo, catalogo)
    return pasta


def setup(app):
    """Ponto de entrada do Sphinx: registra as traduções de reserva dos temas."""
    pasta = _catalogos(Path(tempfile.mkdtemp(prefix="profundo-locale-")))
    for nome in TRADUCOES:
        app.add_message_catalog(nome, str(pasta))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
