"""A fix to the Flet we run on, applied once per process before the app is served.

A control's method (a list's ``scroll_to``) is a round trip: the server asks, the client
answers with the result. If the control leaves the page in between (a tablet turned while the
list scrolls, and the new layout builds a new list), Flet 1.0's session raises on the answer
inside its receive loop, which ends that loop and the send loop with it: the page stays on
screen but nothing the inspector does reaches the app any more, and the client spins. Here the
answer for a control no longer on the page ends the waiting call with the error
``CONTROL_GONE`` instead, and the session carries on.
"""

from __future__ import annotations

from typing import Any

from flet.messaging.session import Session

CONTROL_GONE = "the control left the page before its method finished"
"""The error a method call ends with when its control has left the page."""


def is_control_gone(error: BaseException) -> bool:
    """Whether ``error`` (from awaiting a control's method) says the control left the page."""
    return isinstance(error, RuntimeError) and str(error) == CONTROL_GONE


def end_calls_to_removed_controls() -> None:
    original = Session.handle_invoke_method_results
    if getattr(original, "field_audit_fixed", False):
        return

    def handle_invoke_method_results(
        self: Session, control_id: int, call_id: str, result: Any, error: str | None
    ) -> None:
        if control_id in self.index:
            original(self, control_id, call_id, result, error)
            return
        # Flet's own names for the calls under way and their results (name-mangled)
        waiting = self._Session__method_calls.pop(call_id, None)  # type: ignore[attr-defined]
        if waiting is not None:
            self._Session__method_call_results[waiting] = (None, CONTROL_GONE)  # type: ignore[attr-defined]
            waiting.set()

    handle_invoke_method_results.field_audit_fixed = True  # type: ignore[attr-defined]
    Session.handle_invoke_method_results = handle_invoke_method_results  # type: ignore[method-assign]
