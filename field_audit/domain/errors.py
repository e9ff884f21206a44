"""Errors of the domain, each carrying the data a caller needs to explain it.

DomainError
├── EditionError       an edition document is malformed (``problems`` lists every one)
├── VerdictError       verdicts name unknown criteria or use words other than met/not_met
├── RulingError        a chair's ruling is for a criterion that is not disputed, or has no reason
├── RecordError        an evidence record that cannot be kept (``th``: the same in Thai)
└── TransitionError    a lifecycle step that the current state does not allow
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule the domain refuses."""


class EditionError(DomainError):
    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class VerdictError(DomainError):
    pass


class RulingError(DomainError):
    pass


class RecordError(DomainError):
    def __init__(self, en: str, th: str) -> None:
        super().__init__(en)
        self.th = th


class TransitionError(DomainError):
    def __init__(self, action: str, current: str, allowed: tuple[str, ...]) -> None:
        super().__init__(
            f"cannot {action}: the audit is {current}, and that needs {' or '.join(allowed)}"
        )
        self.action = action
        self.current = current
        self.allowed = allowed
