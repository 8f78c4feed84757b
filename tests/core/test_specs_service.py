"""An order's specification: saved with its score, only while the contract is open."""

import pytest

from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.speclint import lint
from ta_desktop.core.domain.specs import readiness, sections_on_order, spec_report
from ta_desktop.core.services.demo import load_demo
from tests.factories import make_order, make_supplier

VAGUE = "Mugs in good quality, red colour. Ship in July."


def draft(workspace, **fields):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order(supplier_id=supplier.id, **fields)).value


def save_spec(workspace, order_id, text):
    """What the order screen does: the specification is saved with the order."""
    order = workspace.orders.get(order_id)
    order.spec_text = text
    return workspace.orders.save(order).value


def test_saving_a_spec_stores_its_score_for_the_order_list(workspace):
    order = draft(workspace)
    saved = save_spec(workspace, order.id, VAGUE)
    assert saved.spec_text == VAGUE
    assert saved.spec_score == spec_report(saved).score < 50
    [row] = workspace.orders.rows()
    assert row.spec_score == saved.spec_score


def test_a_sent_order_keeps_its_spec(workspace):
    order = draft(workspace, spec_text=VAGUE)
    workspace.orders.perform(order.id, Action.SUBMIT)
    with pytest.raises(NotAllowed) as error:
        save_spec(workspace, order.id, "Colour: Pantone 186 C")
    assert error.value.rule == "MOD-REQ"
    assert workspace.orders.get(order.id).spec_text == VAGUE


def test_saving_the_order_recomputes_the_score_from_the_text(workspace):
    order = draft(workspace, spec_text=VAGUE)
    assert order.spec_score == readiness(order) is not None
    order.spec_text = ""
    order.spec_score = 99  # a stale score never survives a save
    assert workspace.orders.save(order).value.spec_score is None


def test_the_orders_own_shipment_date_and_line_quantities_count_as_stated(workspace):
    text = "Mugs in good quality, red colour."
    order = draft(workspace, spec_text=text)
    on_order = spec_report(order)
    text_only = lint(text)
    assert "shipment_date" in text_only.missing and "quantity" in text_only.missing
    assert "shipment_date" not in on_order.missing and "quantity" not in on_order.missing
    assert order.spec_score == on_order.score > text_only.score
    assert sections_on_order(make_order(shipment_date=None, lines=[])) == frozenset()


def test_demo_orders_show_their_readiness(workspace):
    load_demo(workspace)
    scores = {row.order_number: row.spec_score for row in workspace.orders.rows()}
    assert scores["TA-2026-0101"] > 90 > 50 > scores["TA-2026-0102"]
