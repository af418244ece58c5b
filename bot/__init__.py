"""KYRA, the Know-Your-Rights Assistant: Rasa components, content and channels."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
