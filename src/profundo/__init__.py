"""profundo — o pacote auxiliar do livro *Aprendizado Profundo Interativo*.

Cada módulo corresponde a um tema do livro::

    ambiente      dispositivo (GPU/CPU), modo rápido/completo, sementes
    dados         MNIST e Fashion-MNIST, com ou sem internet
    graficos      gráficos no estilo do livro (vírgula decimal)
    widgets       widgets interativos com imagem estática de reserva
    perceptron    o perceptron de Rosenblatt e as portas lógicas
    ativacoes     funções de ativação e derivadas
    arquiteturas  contagem de parâmetros e diagramas de arquiteturas
    exercicios    conferência automática dos exercícios
    gradiente     descida do gradiente, vales de exemplo e mínimos quadrados
    grafo         grafos computacionais e diferenciação automática (retropropagação)
    custos        funções de custo: quadrático, entropia cruzada, log-verossimilhança
    regularizacao L2, L1, dropout, parada antecipada e aumento de dados
    rede          rede densa treinada por SGD em mini-lotes (retropropagação matricial)
    historia      marcos da história das redes neurais
    livro         executor e carimbos dos notebooks
    sphinx_ptbr   extensão Sphinx: citações e tema em português
"""

from . import (ambiente, arquiteturas, ativacoes, custos, dados, exercicios, gradiente, grafo,
               graficos, perceptron, rede, regularizacao)

__version__ = "0.1.0"

graficos.aplicar_estilo()

__all__ = ["ambiente", "arquiteturas", "ativacoes", "custos", "dados", "exercicios", "gradiente",
           "grafo", "graficos", "perceptron", "rede", "regularizacao"]
