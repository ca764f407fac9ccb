"""Errors a service raises for the CLI and the web to show as they are: one clear line each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class ServiceError(Exception):
    """A problem the user can fix; str() is the message to show."""


class NotFound(ServiceError):
    def __init__(self, label: str, pk: object) -> None:
        super().__init__(f"No {label} with id {pk}.")
        self.label = label
        self.pk = pk


class InvalidInput(ServiceError):
    """Input that fails validation; errors maps each field name to its messages."""

    def __init__(self, errors: Mapping[str, Sequence[str]], label: str = "") -> None:
        self.errors = {field: list(messages) for field, messages in errors.items()}
        parts = []
        for field, messages in self.errors.items():
            name = field.replace("_", " ") if field != "__all__" else ""
            text = " ".join(m.rstrip(".") + "." for m in messages)
            parts.append(f"{name}: {text}" if name else text)
        prefix = f"Invalid {label}: " if label else ""
        super().__init__(prefix + " ".join(parts))

    @classmethod
    def one(cls, field: str, message: str, label: str = "") -> InvalidInput:
        return cls({field: [message]}, label)
