"""The undo history on its own: any edits then undos give back each earlier
state exactly; redo gives the later ones back; a new edit forgets the redo."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.undo import History

states = st.tuples(st.text(max_size=6), st.integers(0, 3))


def distinct_runs(values):
    """The states a history really records: an equal neighbour is not a change."""
    out = []
    for v in values:
        if not out or out[-1] != v:
            out.append(v)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(states, max_size=30), states)
def test_undo_gives_back_every_earlier_state_then_redo_every_later_one(edits, initial):
    h = History(initial, limit=1000)
    for state in edits:
        h.do(state)
    seen = distinct_runs([initial] + edits)
    assert h.present == seen[-1]
    for earlier in reversed(seen[:-1]):
        assert h.can_undo
        assert h.undo() == earlier
        assert h.present == earlier
    assert not h.can_undo and h.undo() is None and h.present == initial
    for later in seen[1:]:
        assert h.can_redo
        assert h.redo() == later
    assert not h.can_redo and h.redo() is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(states.map(lambda s: ("do", s)), st.just(("undo",)), st.just(("redo",))),
                max_size=60), states)
def test_any_mix_of_edits_undos_and_redos_behaves_like_a_list_and_a_cursor(ops, initial):
    """A model: the list of states on the current branch and where we are in it."""
    h = History(initial, limit=1000)
    branch, at = [initial], 0
    for op in ops:
        if op[0] == "do":
            changed = h.do(op[1])
            assert changed == (op[1] != branch[at])
            if changed:
                branch, at = branch[:at + 1] + [op[1]], at + 1
        elif op[0] == "undo":
            assert h.can_undo == (at > 0)
            if at > 0:
                at -= 1
                assert h.undo() == branch[at]
            else:
                assert h.undo() is None
        else:
            assert h.can_redo == (at < len(branch) - 1)
            if at < len(branch) - 1:
                at += 1
                assert h.redo() == branch[at]
            else:
                assert h.redo() is None
        assert h.present == branch[at]
        assert len(h) == len(branch)


def test_a_new_edit_after_an_undo_drops_the_redo_branch():
    h = History("a")
    h.do("ab")
    h.do("abc")
    assert h.undo() == "ab"
    assert h.can_redo
    h.do("abX")
    assert not h.can_redo and h.redo() is None
    assert h.undo() == "ab" and h.undo() == "a"


def test_an_edit_that_changes_nothing_is_not_an_entry():
    h = History("a")
    assert h.do("a") is False
    assert not h.can_undo


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 20), st.integers(0, 60))
def test_the_history_is_capped_keeping_the_most_recent_states(limit, n):
    h = History(0, limit=limit)
    for i in range(1, n + 1):
        h.do(i)
    undone = []
    while h.can_undo:
        undone.append(h.undo())
    assert len(undone) == min(n, limit)
    assert undone == list(range(n - 1, n - 1 - len(undone), -1))


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        History(0, limit=0)


def test_how_many_undos_bring_back_a_state():
    h = History("a")
    for s in ("ab", "abc", "ab", "abd"):
        h.do(s)
    assert h.undos_to(lambda s: s == "abd") == 0
    assert h.undos_to(lambda s: s == "ab") == 1  # the most recent one
    assert h.undos_to(lambda s: s == "a") == 4
    assert h.undos_to(lambda s: s == "zz") is None
    h.undo()
    assert h.undos_to(lambda s: s == "a") == 3
