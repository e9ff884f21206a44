"""The fix to Flet's session: an answer for a control that left the page ends its call and
leaves the session running (Flet 1.0 raised inside its receive loop, and the page went dead)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from flet.messaging.connection import Connection
from flet.messaging.protocol import Message
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

from field_audit.ui.flet_fixes import CONTROL_GONE, end_calls_to_removed_controls, is_control_gone

GONE_ID = 436  # no control on the page has this id


class Recorded(Connection):
    """A connection that keeps what the session sends."""

    def __init__(self) -> None:
        super().__init__()
        self.pubsubhub = PubSubHub()
        self.sent: list[Message] = []

    def send_message(self, message: Message) -> None:
        self.sent.append(message)


async def call_and_answer(control_id: int, answer: Any) -> tuple[Session, asyncio.Task[Any]]:
    """Invoke a method of ``control_id`` and answer it as the client would."""
    end_calls_to_removed_controls()
    connection = Recorded()
    connection.loop = asyncio.get_running_loop()
    session = Session(connection)
    call = asyncio.create_task(session.invoke_method(control_id, "scroll_to", {"offset": 0}))
    while not connection.sent:  # the call is sent as soon as the task first runs
        await asyncio.sleep(0)
    call_id = connection.sent[-1].body.call_id
    session.handle_invoke_method_results(control_id, call_id, answer, None)  # must not raise
    return session, call


def test_an_answer_for_a_control_that_left_the_page_ends_its_call_with_words() -> None:
    async def scenario() -> None:
        _session, call = await call_and_answer(GONE_ID, None)
        await asyncio.wait_for(call, 5)  # ended, not left waiting for an answer never coming

    with pytest.raises(RuntimeError, match=CONTROL_GONE) as raised:
        asyncio.run(scenario())
    assert is_control_gone(raised.value)


def test_an_answer_for_a_control_on_the_page_still_returns_its_result() -> None:
    async def scenario() -> Any:
        connection = Recorded()
        connection.loop = asyncio.get_running_loop()
        page_id = Session(connection).page._i  # the page is always on its own page
        _session, call = await call_and_answer(page_id, "done")
        return await asyncio.wait_for(call, 5)

    assert asyncio.run(scenario()) == "done"


def test_the_fix_is_applied_once() -> None:
    end_calls_to_removed_controls()
    fixed = Session.handle_invoke_method_results
    end_calls_to_removed_controls()
    assert Session.handle_invoke_method_results is fixed
    assert not is_control_gone(RuntimeError("another error"))
