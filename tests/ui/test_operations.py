"""run_op: a write runs, its error is shown once, its changes are broadcast, screens decide."""

import pytest

from ta_desktop.core.domain.changes import Changes, Kind, Outcome
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.ui.home.home_page import HomePage
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.tasks import SyncTaskRunner
from tests.factories import make_order, make_supplier


@pytest.fixture
def heard(ops):
    """Every Changes the hub broadcasts."""
    records: list[Changes] = []
    ops.changed.connect(records.append)
    return records


def test_a_user_error_is_shown_once_and_nothing_is_broadcast(ops, messages, heard):
    done = []

    def refuse():
        raise NotAllowed("RC-EXT: the receiving time can be extended once per party.")

    assert ops.run_op(None, refuse, done.append) is False
    assert messages.shown == [
        ("error", "TA Desktop", "RC-EXT: the receiving time can be extended once per party.")]
    assert done == [] and heard == []


def test_a_write_hands_its_value_on_then_broadcasts_its_changes(ops, messages, heard):
    changes = Changes.of(Kind.ORDER, 7)
    order = []
    ops.changed.connect(lambda _changes: order.append("broadcast"))
    assert ops.run_op(None, lambda: Outcome("saved", changes),
                      lambda value: order.append(value)) is True
    assert order == ["saved", "broadcast"]
    assert heard == [changes] and messages.shown == []


def test_a_write_that_changed_nothing_broadcasts_nothing(ops, heard):
    assert ops.run_op(None, lambda: Outcome(0))
    assert heard == []


class CountingRunner(SyncTaskRunner):
    def __init__(self):
        super().__init__()
        self.runs = 0

    def run(self, func, on_done, on_error=None):
        self.runs += 1
        super().run(func, on_done, on_error)


def test_a_slow_write_runs_on_the_task_runner(qtbot, messages):
    runner = CountingRunner()
    ops = Operations(messages, runner)
    heard, values = [], []
    ops.changed.connect(heard.append)
    ops.run_op(None, lambda: Outcome(3, Changes.of(Kind.SUPPLIER, 1)), values.append, slow=True)
    assert runner.runs == 1 and values == [3] and heard == [Changes.of(Kind.SUPPLIER, 1)]


def test_a_slow_write_that_fails_is_shown_once(ops, messages, heard):
    def refuse():
        raise ValidationError("That date is in the future; record what has happened.")

    ops.run_op(None, refuse, slow=True)
    assert [kind for kind, _title, _text in messages.shown] == ["error"]
    assert heard == []


def test_a_form_shows_a_validation_error_under_its_fields_instead(ops, messages):
    shown = []

    def refuse():
        raise ValidationError("Fix the order number.", field_errors={"order_number": "Empty."})

    assert not ops.run_op(None, refuse, on_invalid=lambda error: shown.append(
        error.field_errors))
    assert shown == [{"order_number": "Empty."}] and messages.shown == []


def test_a_bug_is_not_dressed_up_as_a_user_error(ops, messages):
    with pytest.raises(ZeroDivisionError):
        ops.run_op(None, lambda: 1 / 0)
    assert messages.shown == []


def test_the_open_order_reloads_only_when_a_write_touches_it(qtbot, workspace, ops):
    supplier = workspace.suppliers.save(make_supplier()).value
    shown = workspace.orders.save(make_order("TA-1", supplier.id)).value
    other = workspace.orders.save(make_order("TA-2", supplier.id)).value
    detail = OrderDetailWidget(workspace, ops)
    qtbot.addWidget(detail)
    detail.open_order(shown.id)
    notes = detail.form.fields["notes"]
    workspace.orders.save_notes(shown.id, "Written in another window")

    ops.run_op(None, lambda: workspace.orders.save_notes(other.id, "Another order"))
    assert notes.toPlainText() == ""
    ops.run_op(None, lambda: workspace.orders.save_notes(shown.id, "Now through the hub"))
    assert notes.toPlainText() == "Now through the hub"


def test_what_needs_me_rereads_only_when_its_deadlines_may_have_moved(qtbot, workspace, ops,
                                                                       monkeypatch):
    page = HomePage(workspace, ops)
    qtbot.addWidget(page)
    reads = []  # one summary count per re-read
    read = workspace.disputes.deadline_counts
    monkeypatch.setattr(workspace.disputes, "deadline_counts",
                        lambda *args, **kwargs: reads.append(1) or read(*args, **kwargs))
    ops.changed.emit(Changes.of(Kind.EVIDENCE, 1))  # evidence moves no deadline
    assert reads == []
    # A supplier's certificates are deadlines of their own (SUP-CERT).
    supplier = ops_value(ops, lambda: workspace.suppliers.save(make_supplier()))
    assert reads == [1]
    order = ops_value(ops, lambda: workspace.orders.save(make_order(supplier_id=supplier.id)))
    assert reads == [1, 1]
    ops.run_op(None, lambda: workspace.orders.perform(order.id, Action.SUBMIT))
    assert reads == [1, 1, 1]
    assert any(d.rule == "CONF-AUTO" for d in page.deadlines())


def ops_value(ops, write):
    values = []
    assert ops.run_op(None, write, values.append)
    return values[0]
