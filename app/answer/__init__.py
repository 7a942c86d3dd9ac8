"""Answerer backends behind one small contract (see base.py) and their factory."""
from app.answer.base import BACKENDS, Answerer, make_answerer

__all__ = ["Answerer", "BACKENDS", "make_answerer"]
