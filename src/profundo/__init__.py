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
    universalidade  aproximação de funções por degraus, ressaltos e torres
    gradientes_instaveis  cadeias de neurônios: gradientes que somem ou explodem
    tamanho_lote  tamanho do mini-lote, ruído do gradiente e taxa de aprendizado
    treino        laço de treino em PyTorch com os dados no dispositivo
    cnn           convolução e pooling do zero e as CNNs das fontes
    rnn           RNN, BPTT, LSTM e GRU do zero e em PyTorch
    linguagem     n-gramas, perplexidade e o modelo de caracteres com LSTM
    amostragem    variáveis aleatórias, transformada inversa, rejeição e MMD
    gan           perdas das GANs, a GAN em 1-D e as GANs no MNIST
    historia      marcos da história das redes neurais
    livro         executor e carimbos dos notebooks
    sphinx_ptbr   extensão Sphinx: citações e tema em português

Os módulos que usam o PyTorch (de ``treino`` em diante) são importados à
parte, p. ex. ``from profundo import cnn``, para que ``import profundo`` seja rápido.
"""

from . import (ambiente, arquiteturas, ativacoes, custos, dados, exercicios, gradiente, grafo,
               graficos, perceptron, rede, regularizacao)

__version__ = "0.1.0"

graficos.aplicar_estilo()

__all__ = ["ambiente", "arquiteturas", "ativacoes", "custos", "dados", "exercicios", "gradiente",
           "grafo", "graficos", "perceptron", "rede", "regularizacao"]
