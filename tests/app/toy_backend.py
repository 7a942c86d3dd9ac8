"""A toy answerer: the whole of what adding a backend takes (tests/app/test_backend_registry.py imports it).

It answers with the first sentence of the best paragraph in the context, cited."""
from app.answer.base import Backend, register


class FirstSentence:
    name = "toy"

    def __init__(self, greeting: str):
        self.greeting = greeting

    def generate(self, question, context):
        best = context.paragraphs[0]
        yield f"{best.text.split('. ')[0].rstrip('.')}. [{best.label}]"


register(Backend(
    name="toy",
    make=lambda greeting="", **_: FirstSentence(greeting),
    options=lambda settings, embedder: {"greeting": "hello"},
    configured=lambda settings: True,
    description="the first sentence of the best paragraph",
))
