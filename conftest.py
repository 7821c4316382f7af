"""Configuração comum do pytest: os notebooks rodam no modo rápido nos testes."""
import os

os.environ.setdefault("PROFUNDO_MODO", "rapido")
