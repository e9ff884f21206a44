"""The dialog where a member says which criteria their audit covers: their share of the
committee's work, by block, by category or item by item (``field_audit.domain.shares``).
It opens on the audit's scope (or the share the office planned) and writes nothing until
the member confirms."""

from __future__ import annotations

import flet as ft

from field_audit.domain.edition import Edition
from field_audit.domain.shares import Scope, share_of, whole


class ShareEditor(ft.Observable):
    """The criteria ticked in the open dialog (``chosen`` None: the dialog is closed)."""

    chosen: frozenset[str] | None

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.chosen = None

    def start(self, scope: Scope | None) -> None:
        self.chosen = frozenset(scope) if scope is not None else whole(self.edition)

    def close(self) -> None:
        self.chosen = None

    def toggle_item(self, criterion_id: str) -> None:
        chosen = self.chosen or frozenset()
        self.chosen = chosen - {criterion_id} if criterion_id in chosen else chosen | {criterion_id}

    def toggle_block(self, block_id: str) -> None:
        self._toggle_group(share_of(self.edition, blocks=[block_id]))

    def toggle_category(self, category: str) -> None:
        self._toggle_group(share_of(self.edition, categories=[category]))

    def all_of(self, group: Scope) -> bool:
        return group <= (self.chosen or frozenset())

    def everything(self) -> None:
        self.chosen = whole(self.edition)

    def result(self) -> Scope | None:
        """The scope to keep: None when every criterion is ticked (a full audit)."""
        chosen = self.chosen or frozenset()
        return None if chosen == whole(self.edition) else chosen

    def _toggle_group(self, group: Scope) -> None:
        chosen = self.chosen or frozenset()
        self.chosen = chosen - group if group <= chosen else chosen | group
