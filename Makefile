# Aprendizado Profundo Interativo — comandos do dia a dia.
#   make livro     prepara o .venv e constrói o livro (HTML) com as saídas guardadas
#   make teste     prepara o .venv e roda todos os testes (unidade + notebooks + livro)
#   make aula      abre o JupyterLab na pasta notebooks/
#   make executar  reexecuta e carimba os notebooks (NB=notebooks/01_....ipynb para um só)
#   make verificar confere os carimbos de execução dos notebooks
#   make benchmark mede a Rede do zero, o laço de treino e a LSTM (grava benchmarks/resultados/*.json)
#   make meta-fashion treina a CNN profunda do cap. 19 no Fashion-MNIST completo (meta: > 93,4%)
#   make lstm-fonte    treina a LSTM de caracteres 2 × 512 do cap. 23 (configuração da fonte)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
PRONTO := $(VENV)/.instalado
NB     ?= notebooks/*.ipynb
XDIST  ?= auto

.PHONY: livro teste aula executar verificar figuras benchmark meta-fashion lstm-fonte limpar ambiente

ambiente: $(PRONTO)

$(PRONTO): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(PRONTO)

livro: $(PRONTO)
	$(JB) build .
	@echo "Livro pronto: _build/html/index.html"

teste: $(PRONTO)
	PROFUNDO_MODO=rapido $(PY) -m pytest -n $(XDIST) --dist loadfile tests notebooks
	$(JB) build . --all -W --keep-going
	@grep -q 'lang="pt-BR"' _build/html/book/prefacio.html || (echo "O HTML não declara lang=pt-BR" && exit 1)

aula: $(PRONTO)
	$(VENV)/bin/jupyter lab notebooks/

executar: $(PRONTO)
	$(PY) -m profundo.livro executar $(NB)

verificar: $(PRONTO)
	$(PY) -m profundo.livro verificar $(NB)

figuras: $(PRONTO)
	$(PY) -m profundo.livro figuras

benchmark: $(PRONTO)
	$(PY) benchmarks/rede.py
	$(PY) benchmarks/laco_treino.py
	$(PY) benchmarks/lstm.py

meta-fashion: $(PRONTO)
	$(PY) benchmarks/fashion_profunda.py

lstm-fonte: $(PRONTO)
	$(PY) benchmarks/modelo_caracteres.py

limpar:
	rm -rf _build
