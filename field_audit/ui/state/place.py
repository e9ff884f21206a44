"""Where the inspector is in one audit's list of criteria: the criterion at the top of the view.

The list is lazy (Flutter builds only the cards near the view, which keeps a 60-card audit
quick to open), so no one knows every card's offset. This object learns what it can: the list
says what it lists (``listed``), each card's size when it is built (``measured``) and the
scroll offset (``scrolled``). Offsets are counted from an anchor, a card whose top is known to
be at a given offset: the first card at 0, or the card last scrolled to by its key. Cards not
measured yet count at the mean height of those that were.

To bring a criterion to the top (a jump, or the place kept through a new layout: a rotation, a
restart, the compact mode), the list first scrolls to its estimated offset, which builds the
cards there; once the criterion's own card is built, it scrolls to it by key, exactly. If the
estimate missed (cards with photos are taller than the mean), it scrolls by key to a card built
there instead, which fixes the anchor, and estimates again from it: a card built as the list
arrives says so by its size; a card built before (within the list's cache) sends no new size,
so the card the estimate put at the top is taken when the list lands. Offsets
reported while a jump is under way are the jump's, not the inspector's, and move nothing.
A filter is a new list that opens at its first item (``start_over``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

import flet as ft

SPACING = 10  # pixels between the list's items (the view lays them out with this)
WIDTH_SLACK = 0.5
TITLE_GUESS, CARD_GUESS = 34.0, 380.0  # before anything is measured
IN_VIEW = 0.4  # a card scrolled off by more than this share of it is no longer the place
MAX_HOPS = 4  # estimates corrected on the way to a card, before leaving it to the inspector
NEAR_PX = 2000  # a card measured this close to the view is still built (the list's cache is
# 2,500 px, criteria_list.CACHE_PX); one farther may have been let go, and a scroll to its key
# would go nowhere


@dataclass(frozen=True)
class Scroll:
    """What the list should do next: scroll to a card by ``key``, or to an ``offset``."""

    key: str | None = None
    offset: float | None = None


class ListPlace(ft.Observable):
    """``current``: the criterion at the top of the list (None: the top of the list)."""

    current: str | None

    def __init__(self, current: str | None = None) -> None:
        self.current = current
        self._pending = current  # to bring to the top once the list is laid out
        self._items: list[tuple[str, bool]] = []  # (key, is a criterion) in list order
        self._sizes: dict[str, float] = {}  # heights at ``_width``
        self._hints: dict[str, float] = {}  # heights at the width before (a rotation)
        self._width: float | None = None
        self._width_before: float | None = None  # the layout just left (a rotation's other side)
        self._anchor: tuple[str | None, float] = (None, 0.0)  # None: the first item
        self._pixels = 0.0
        self._moving: str | None = None  # "offset" or "key" while a jump is under way
        self._landed = False
        self._pending_key: str | None = None  # the card a key jump is bringing up
        self._guess = 0.0  # the offset an estimate jump went to
        self._hops = 0  # cards scrolled to on the way to the one asked for
        self._generation = 0

    @property
    def generation(self) -> int:
        """Which list this is: a new number asks the view for a new list, laid out afresh."""
        return self._generation

    def listed(self, items: Iterable[tuple[str, bool]]) -> None:
        """What the list shows now: each item's key and whether it is a criterion's card."""
        self._items = list(items)

    def measured(self, key: str, width: float, height: float) -> Scroll | None:
        """One item's laid-out size; returns where to scroll now, if anywhere."""
        if self._width is not None and abs(width - self._width) > WIDTH_SLACK:
            if self._chasing() and self._is_width_before(width):
                # a late size from the layout just left, while the new one is being found: a
                # new layout on each would chase the place back and forth without end
                return None
            self._width_before = self._width
            self._hints = self._sizes or self._hints  # a new layout: keep the place
            self._sizes = {}
            self._pending = self._pending or self.current
            self._anchor, self._moving, self._landed = (None, 0.0), None, False
        self._width = width
        self._sizes[key] = height
        if self._moving == "offset":
            return None
        if self._landed and self._pending not in (None, key) and self._hops < MAX_HOPS:
            # the estimate missed the card; this one is built near there: scroll to it by
            # key, which tells exactly where it is, and estimate again from it
            self._hops += 1
            self._pending_key, self._moving, self._landed = key, "key", False
            return Scroll(key=key)
        return self._step()

    def scrolled(self, pixels: float) -> bool:
        """The list is scrolled ``pixels`` down; True if that changed the current criterion."""
        self._pixels = pixels
        if self._moving == "key":
            self._anchor = (self._pending_key, pixels)
            return False
        if self._pending is not None:
            if not self._landed:
                return False
            # the inspector scrolls before the card was found: trust the estimate from here
            self._anchor, self._pending, self._landed = (self._pending, self._guess), None, False
        top = self._top(pixels)
        if top is None or top == self.current:
            return False
        self.current = top
        return True

    def show(self, criterion_id: str) -> Scroll | None:
        """Bring ``criterion_id`` to the top: where to scroll now (None: once laid out)."""
        self._pending = self.current = criterion_id
        self._landed, self._hops = False, 0
        return None if self._moving else self._step()

    def landed(self) -> Scroll | None:
        """The list reached the estimated offset; the cards there are being built (or were
        built before: then the one at the estimate is where to go on from)."""
        self._moving, self._landed = None, True
        return self._step() or self._hop_from_built()

    def arrived(self) -> Scroll | None:
        """The list scrolled to the card by its key: that card is the anchor now. Returns
        the next scroll if another jump was asked for meanwhile."""
        if self._moving == "key" and self._anchor[0] != self._pending_key:
            self._anchor = (self._pending_key, self._pixels)  # no offset came: it was there
        self._moving = None
        return self._step()

    def lost(self) -> None:
        """The list left the page while scrolling (a new layout replaced it): that jump is
        over, and the place is brought to the top once the new list lays its cards out."""
        self._pending = self._pending or self.current
        self._moving, self._landed = None, False

    def relayout(self) -> None:
        """Every item is about to be laid out anew (a new list): keep the place through it."""
        self._pending = self._pending or self.current
        self._new_list()

    def start_over(self, first: str | None) -> None:
        """A new list (another filter) that opens at its first item, ``first``."""
        self._pending = None
        self._new_list()
        self.current = first

    def _new_list(self) -> None:
        self._hints = self._sizes or self._hints
        self._sizes, self._items = {}, []  # the view lists the new list's items as it renders
        self._anchor, self._moving, self._landed = (None, 0.0), None, False
        self._generation += 1

    def _step(self) -> Scroll | None:
        target = self._pending
        if target is None or self._moving or (target, True) not in self._items:
            if target is not None and (target, True) not in self._items and self._items:
                self._pending = None  # not listed: nothing to scroll to
            return None
        if target in self._sizes and (self._landed or self._near(target)):
            # built, and still: exactly there by its key
            self._pending_key, self._moving, self._pending = target, "key", None
            self._landed, self._hops = False, 0
            return Scroll(key=target)
        if self._landed or not any(c for k, c in self._items if k in self._sizes):
            return None  # wait for the cards at the estimate (or any card at all)
        self._guess = self._offset_of(target)
        self._moving = "offset"
        return Scroll(offset=self._guess)

    def _hop_from_built(self) -> Scroll | None:
        """Scroll by key to the card the estimate put at the top, if it was measured already
        (so no new size will come to say where the estimate landed)."""
        if self._pending is None or self._hops >= MAX_HOPS:
            return None
        heights = self._heights()
        for (key, is_criterion), top, height in zip(
            self._items, self._offsets(heights), heights, strict=True
        ):
            if is_criterion and top <= self._guess < top + height + SPACING:
                if key not in self._sizes or key == self._pending:
                    return None
                self._hops += 1
                self._pending_key, self._moving, self._landed = key, "key", False
                return Scroll(key=key)
        return None

    def _chasing(self) -> bool:
        return self._pending is not None or self._moving is not None

    def _is_width_before(self, width: float) -> bool:
        return self._width_before is not None and abs(width - self._width_before) <= WIDTH_SLACK

    def _near(self, target: str) -> bool:
        return abs(self._offset_of(target) - self._pixels) < NEAR_PX

    def _heights(self) -> list[float]:
        """Each item's height: as measured, else as at the width before (scaled to this
        width), else the mean of its kind (titles, cards) measured so far."""
        guess = {kind: self._guesses(kind) for kind in (True, False)}
        heights = []
        for key, kind in self._items:
            mean, scale = guess[kind]
            hint = self._hints.get(key)
            heights.append(self._sizes.get(key) or (hint * scale if hint else mean))
        return heights

    def _guesses(self, is_criterion: bool) -> tuple[float, float]:
        """For one kind of item: the mean measured height, and how much taller items are at
        this width than at the width before."""
        measured = [
            (k, h) for k, c in self._items if c == is_criterion and (h := self._sizes.get(k))
        ]
        if not measured:
            return (CARD_GUESS if is_criterion else TITLE_GUESS), 1.0
        pairs = [(self._hints[k], h) for k, h in measured if k in self._hints]
        scale = fmean(h for _o, h in pairs) / fmean(o for o, _h in pairs) if pairs else 1.0
        return fmean(h for _k, h in measured), scale

    def _offsets(self, heights: list[float]) -> list[float]:
        """Each item's estimated top offset, counted from the anchor."""
        keys = [k for k, _c in self._items]
        key, at = self._anchor
        start = keys.index(key) if key in keys else 0
        tops = [at] * len(keys)
        for i in range(start + 1, len(keys)):
            tops[i] = tops[i - 1] + heights[i - 1] + SPACING
        for i in range(start - 1, -1, -1):
            tops[i] = tops[i + 1] - heights[i] - SPACING
        return tops

    def _offset_of(self, target: str) -> float:
        keys = [k for k, _c in self._items]
        return self._offsets(self._heights())[keys.index(target)]

    def _top(self, pixels: float) -> str | None:
        """The first criterion with most of its card still in view (over ``IN_VIEW`` of it)."""
        heights = self._heights()
        last = None
        for (key, is_criterion), top, height in zip(
            self._items, self._offsets(heights), heights, strict=True
        ):
            if is_criterion:
                last = key
                if top + height * (1 - IN_VIEW) > pixels:
                    return key
        return last
