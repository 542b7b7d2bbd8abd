"""Asking `praxisbook new` for values: from its flags first, else at prompts on a terminal.

Each answer is checked against its field's schema before it is used, with the
validator's own message and hint, so a refused answer is explained at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..catalogue.explain import field_problem
from ..catalogue.problems import BuildError
from ..catalogue.schema import resolve
from .fielddocs import enum_inline


class MissingValue(BuildError):
    """A value `praxisbook new` cannot do without was given neither as a flag nor at a prompt."""


@dataclass
class Prompter:
    ask: Callable[[str], str]  # shows a prompt, returns the answer (`input`)
    tell: Callable[[str], None]  # explains why an answer was refused


@dataclass(frozen=True)
class Question:
    flag: str  # the argparse destination, also the flag's name
    prompt: str
    where: tuple[str, ...]  # the field it fills; () for the folder and file name
    parse: Callable[[str], object] = str


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@dataclass
class Asker:
    """Values from flags, else from prompts on a terminal; each checked against its schema."""

    defs: dict
    prompter: Prompter | None

    def value(self, given, question: Question, node: dict, default=None, needed=False):
        if given is not None:
            value = question.parse(given) if isinstance(given, str) else given
            if problem := field_problem(node, value, self.defs):
                raise BuildError(f"praxisbook new: --{question.flag.replace('_', '-')}: {problem}")
            return value
        if self.prompter is None:
            if needed and default is None:
                raise MissingValue(f"praxisbook new: give --{question.flag}: {question.prompt}")
            return default
        return self.prompt(question, node, default, needed)

    def prompt(self, question: Question, node: dict, default, needed: bool):
        shown = f" [{default}]" if default else ""
        for choices in enum_inline(resolve(node.get("items", node), self.defs), True):
            self.prompter.tell(choices)  # the ids to choose from, e.g. the themes
        while True:
            try:
                answer = self.prompter.ask(f"{question.prompt}{shown}: ").strip()
            except EOFError:
                raise BuildError("praxisbook new: stopped; nothing was written.") from None
            if not answer and (default is not None or not needed):
                return default
            value = question.parse(answer)
            problem = field_problem(node, value, self.defs) if answer else "an answer is needed"
            if problem is None:
                return value
            self.prompter.tell(f"{question.flag}: {problem}")


def set_value(values: dict, where: tuple[str, ...], value: object) -> None:
    if value is None:
        return
    for key in where[:-1]:
        values = values.setdefault(key, {})
    values[where[-1]] = value
