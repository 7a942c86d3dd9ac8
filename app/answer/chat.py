"""An answerer around any LangChain chat model (ChatOpenAI, ChatLlamaCpp, FakeListChatModel in tests)."""
from __future__ import annotations

from typing import Iterator

from app.answer.prompts import PromptStyle, answer_messages
from app.context import PackedContext


class ChatModelAnswerer:
    def __init__(self, chat_model, *, name: str, style: str = PromptStyle.QUOTE):
        self.chat_model = chat_model  # the chain also uses it to condense follow-ups
        self.name = name
        self.style = PromptStyle(style)

    def generate(self, question: str, context: PackedContext) -> Iterator[str]:
        for chunk in self.chat_model.stream(answer_messages(question, context, self.style)):
            text = chunk.content if isinstance(chunk.content, str) else "".join(
                part.get("text", "") if isinstance(part, dict) else str(part) for part in chunk.content)
            if text:
                yield text
