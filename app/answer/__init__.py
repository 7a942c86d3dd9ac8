"""Answerer backends behind one small contract (see base.py) and their factory."""
