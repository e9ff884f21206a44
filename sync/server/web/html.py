"""A tiny HTML builder that escapes everything it is not told is already HTML.

``element("p", text, class_="x")`` escapes ``text`` and every attribute value; a child that is
an ``Html`` (made by ``element`` or ``raw``) goes in as it is. Nothing else ever reaches the
page unescaped, so a certificate field or a typed reference cannot inject markup.
"""

from __future__ import annotations

import html


class Html(str):
    """Text that is already safe HTML."""

    __slots__ = ()


def escape(value: object) -> Html:
    """``value`` as HTML: escaped unless it is already ``Html``."""
    return Html(_escaped(value))


def raw(markup: str) -> Html:
    """Trusted markup written in this package (never data)."""
    return Html(markup)


def join(*parts: object) -> Html:
    return Html("".join(map(_escaped, parts)))


def element(name: str, /, *children: object, **attributes: object) -> Html:
    """``<name attributes>children</name>``; attribute ``class_`` is ``class``, ``for_``
    ``for``; an attribute whose value is None or False is left out, True writes it bare."""
    opening = name + "".join(_attribute(k, v) for k, v in attributes.items())
    if name in VOID:
        return Html(f"<{opening}>")
    return Html(f"<{opening}>{''.join(map(_escaped, children))}</{name}>")


def _escaped(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(value if isinstance(value, str) else str(value))


def _attribute(key: str, value: object) -> str:
    if value is None or value is False:
        return ""
    name = key.rstrip("_").replace("_", "-")
    if value is True:
        return f" {name}"
    return f' {name}="{_escaped(value)}"'


VOID = frozenset({"input", "meta", "br", "link"})
