"""Keeping the inspector's place in an audit's list: which criterion is at the top, through a
new layout (rotation, restart, compact mode), filters that open at their first item, jumps."""

from __future__ import annotations

from field_audit.ui.state.place import SPACING, ListPlace, Scroll

CARD, TITLE, WIDE, NARROW = 300.0, 30.0, 900.0, 760.0
ITEMS = [("group-1", False), *((f"B{n:02}", True) for n in range(1, 11))]


def place_on(width: float = WIDE, current: str | None = None, built: int = 4) -> ListPlace:
    """A list of a title and ten cards, the first ``built`` items laid out at ``width``."""
    place = ListPlace(current)
    place.listed(ITEMS)
    for key, is_card in ITEMS[:built]:
        place.measured(key, width, CARD if is_card else TITLE)
    return place


def top_of(card: int) -> float:
    """Where card number ``card`` (1-based) starts when every card is CARD high."""
    return TITLE + SPACING + (card - 1) * (CARD + SPACING)


def test_the_criterion_at_the_top_follows_the_scrolling() -> None:
    place = place_on(built=11)
    assert place.current is None
    assert place.scrolled(0)
    assert place.current == "B01"
    assert place.scrolled(top_of(4) + 5)  # B04's top just scrolled off: still on B04
    assert place.current == "B04"
    assert not place.scrolled(top_of(4) + 100)
    assert place.scrolled(top_of(5) + 1)
    assert place.current == "B05"


def test_a_new_width_brings_the_same_criterion_back_by_estimate_then_by_key() -> None:
    place = place_on(built=11)
    place.scrolled(top_of(7) + 20)
    assert place.current == "B07"
    # rotated: a new, narrower list at the top; its first cards report their new sizes
    assert place.measured("group-1", NARROW, TITLE) is None  # no card measured yet
    step = place.measured("B01", NARROW, CARD * 1.2)
    assert step is not None
    assert step.key is None
    assert step.offset is not None
    assert abs(step.offset - (TITLE + SPACING + 6 * (CARD * 1.2 + SPACING))) < 1  # scaled hints
    assert not place.scrolled(step.offset)  # the jump's own offset moves nothing
    assert place.landed() is None  # B07's card is not built yet
    assert place.measured("B07", NARROW, CARD * 1.2) == Scroll(key="B07")  # now it is
    assert not place.scrolled(2500.0)  # the key jump's offset: the anchor, not a move
    place.arrived()
    assert place.current == "B07"
    assert not place.scrolled(2500.0 + 10)
    assert place.scrolled(2500.0 + CARD * 1.2 + SPACING + 1)
    assert place.current == "B08"


def test_a_built_card_is_scrolled_to_by_its_key_at_once() -> None:
    place = place_on(built=6)
    assert place.show("B03") == Scroll(key="B03")
    assert place.show("B04") is None  # asked while the first jump is under way
    assert place.arrived() == Scroll(key="B04")
    assert place.arrived() is None
    assert place.current == "B04"


def test_a_restart_waits_for_the_first_card_before_estimating() -> None:
    place = ListPlace("B09")
    place.listed(ITEMS)
    assert place.measured("group-1", WIDE, TITLE) is None
    step = place.measured("B01", WIDE, CARD)
    assert step == Scroll(offset=top_of(9))


def test_scrolling_before_the_card_is_found_trusts_the_estimate() -> None:
    place = place_on(current="B09", built=2)
    place.landed()
    assert place.scrolled(top_of(9) + CARD + SPACING + 1)  # the inspector scrolled on
    assert place.current == "B10"


def test_a_filter_opens_a_new_list_at_its_first_item() -> None:
    place = place_on(built=11)
    place.scrolled(top_of(8))
    generation = place.generation
    place.start_over("B02")
    assert place.generation == generation + 1
    assert place.current == "B02"
    place.listed([("group-1", False), ("B02", True), ("B05", True)])
    assert place.measured("B02", WIDE, CARD) is None  # nothing to bring up: it is the top


def test_the_compact_mode_keeps_the_place_through_a_new_list() -> None:
    place = place_on(built=11)
    place.scrolled(top_of(6))
    place.relayout()
    place.listed(ITEMS)  # the new list renders
    assert place.measured("group-1", WIDE, TITLE) is None
    step = place.measured("B01", WIDE, CARD / 2)
    assert step is not None
    assert step.offset is not None
    assert step.offset < top_of(6)  # the cards are shorter now


def test_a_criterion_not_listed_is_not_waited_for() -> None:
    place = place_on(current="Z99", built=2)
    assert place.measured("B02", WIDE, CARD) is None
    assert place.scrolled(top_of(2))  # nothing pending: the scrolling is followed
    assert place.current == "B02"


def test_an_estimate_that_lands_on_cards_built_before_goes_on_from_them() -> None:
    """Cards already built (the list keeps them in its cache) report no size again when the
    list scrolls to them: the card the estimate put at the top is the one to go on from."""
    cards = [(f"C{n:02}", True) for n in range(1, 31)]
    place = ListPlace("C25")
    place.listed(cards)
    step = place.measured("C01", WIDE, CARD)
    assert step is not None
    assert step.offset is not None
    measured_before = {f"C{n:02}" for n in range(2, 21)}
    for key in sorted(measured_before):  # built while the list was on its way, taller
        assert place.measured(key, WIDE, CARD * 1.5) is None
    hop = place.landed()  # no card will report a size now: go on from the one at the estimate
    assert hop is not None
    assert hop.key in measured_before
    assert not place.scrolled(step.offset)
    again = place.arrived()
    assert again is not None
    assert again.offset is not None
    assert again.offset > step.offset  # the cards were taller than the first one said


def test_a_missed_estimate_is_corrected_from_a_card_built_near_it() -> None:
    cards = [(f"C{n:02}", True) for n in range(1, 31)]
    real = {key: (CARD if n < 2 else CARD * 1.5) for n, (key, _c) in enumerate(cards)}
    offset = {}
    at = 0.0
    for key, _c in cards:
        offset[key] = at
        at += real[key] + SPACING
    place = ListPlace("C25")
    place.listed(cards)
    step = place.measured("C01", WIDE, real["C01"])
    assert step is not None
    assert step.offset is not None
    assert step.offset < offset["C25"] - 2000  # C01 was short: the estimate falls well short
    assert place.landed() is None
    hop = place.measured("C15", WIDE, real["C15"])  # built near the estimate
    assert hop == Scroll(key="C15")
    assert not place.scrolled(offset["C15"])
    again = place.arrived()  # estimate again, from C15's exact place
    assert again is not None
    assert again.offset is not None
    assert abs(again.offset - offset["C25"]) < abs(step.offset - offset["C25"])
    assert place.landed() is None
    assert place.measured("C25", WIDE, real["C25"]) == Scroll(key="C25")
    assert not place.scrolled(offset["C25"])
    assert place.arrived() is None
    assert place.current == "C25"
    assert not place.scrolled(offset["C25"] + 10)


def test_a_card_measured_far_from_the_view_is_reached_by_its_estimate_first() -> None:
    """The list lets go of cards far from the view, and a scroll to a key it let go of goes
    nowhere: a card measured long ago is reached by its offset, then exactly by its key."""
    cards = [(f"C{n:02}", True) for n in range(1, 41)]
    place = ListPlace()
    place.listed(cards)
    for key, _c in cards:  # the inspector scrolled through every card
        place.measured(key, WIDE, CARD)
    assert place.scrolled(38 * (CARD + SPACING))
    assert place.current == "C39"
    step = place.show("C02")
    assert step == Scroll(offset=CARD + SPACING)  # far away: by its offset first
    assert not place.scrolled(CARD + SPACING)
    assert place.landed() == Scroll(key="C02")  # built again: now by its key
    assert not place.scrolled(CARD + SPACING)
    assert place.arrived() is None
    assert place.current == "C02"


def test_late_sizes_from_the_layout_just_left_do_not_chase_the_place_back_and_forth() -> None:
    """While a tablet turns, cards of the layout just left may still report their old width:
    those are not a new layout, so the list goes on to the place at the new width."""
    cards = [(f"C{n:02}", True) for n in range(1, 41)]
    place = ListPlace("C30")
    place.listed(cards)
    asked = 0
    for turn in range(200):
        width = NARROW if turn % 2 else WIDE
        step = place.measured(f"C{turn % 5 + 1:02}", width, CARD)
        if step is not None:
            asked += 1
            if step.offset is not None:
                place.landed()
            else:
                place.arrived()
    assert asked <= 4
    assert place.current == "C30"


def test_a_list_replaced_while_it_scrolls_hands_the_place_to_the_new_one() -> None:
    place = place_on(built=11)
    assert place.show("B06") == Scroll(key="B06")  # the jump is under way...
    place.lost()  # ...when a new layout (at the same width) replaces the list
    assert not place.scrolled(0.0)  # the new list opens at its top: no jump's offset any more
    assert place.current == "B06"
    assert place.measured("B01", WIDE, CARD) == Scroll(key="B06")  # the new list takes it up
    place.arrived()
    assert place.current == "B06"
