"""The revision-chain rule both the device and the centre apply."""

from __future__ import annotations

from field_audit.domain.revisions import ChainFault, Revision, chain_fault

AUDIT = "gecc.sealed-audit"


def rev(hash_: str, revision: int, replaces: str | None, *, signer: str = "m1") -> Revision:
    return Revision(hash_, AUDIT, "visit-1", signer, revision, replaces)


FIRST = rev("h1", 1, None)


def fault(new: Revision, **held: object) -> ChainFault | None:
    options = {"previous": None, "replaced_by": None, "first_held": None} | held
    return chain_fault(new, **options)  # type: ignore[arg-type]


def test_a_first_revision_and_its_correction_join_the_chain() -> None:
    assert fault(FIRST) is None
    assert fault(rev("h2", 2, "h1"), previous=FIRST) is None


def test_the_same_result_again_is_no_fault() -> None:
    assert fault(FIRST, first_held="h1") is None
    assert fault(rev("h2", 2, "h1"), previous=FIRST, replaced_by="h2") is None


def test_a_second_first_revision_is_a_fork() -> None:
    assert fault(rev("other", 1, None), first_held="h1") is ChainFault.FIRST_ALREADY_HELD


def test_a_later_revision_must_name_what_it_replaces() -> None:
    assert fault(rev("h9", 9, None)) is ChainFault.LATER_WITHOUT_PREDECESSOR


def test_a_jump_in_revision_numbers_is_refused() -> None:
    assert fault(rev("h9", 9, "h1"), previous=FIRST) is ChainFault.REVISION_SKIPPED


def test_replacing_another_members_result_is_refused() -> None:
    chairs = rev("c1", 1, None, signer="chair")
    claim = rev("h2", 2, "c1")
    assert fault(claim, previous=chairs) is ChainFault.REPLACES_OTHER_CHAIN


def test_replacing_an_unknown_result_is_refused() -> None:
    assert fault(rev("h2", 2, "nowhere")) is ChainFault.REPLACES_UNKNOWN


def test_a_second_correction_of_one_revision_is_a_fork() -> None:
    assert (
        fault(rev("h2b", 2, "h1"), previous=FIRST, replaced_by="h2") is ChainFault.ALREADY_REPLACED
    )


def test_every_fault_has_words_in_both_languages() -> None:
    assert all(f.text.th and f.text.en for f in ChainFault)
