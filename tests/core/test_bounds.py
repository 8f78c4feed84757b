"""Money and numbers in range: more than 4 decimals is refused (never rounded), amounts,
totals and quantities have bounds with a field message, and nothing overflows the store."""

from decimal import Decimal

import pytest

from ta_desktop.core.domain.bounds import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    amount_problem,
    parse_amount,
    quantity_problem,
)
from ta_desktop.core.domain.entities import Action, OrderLine, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, Party, PaymentStatus
from ta_desktop.core.domain.validation import parse_price, parse_quantity
from ta_desktop.core.storage.orm import ScaledDecimal
from tests.factories import TODAY, make_order, make_supplier


@pytest.mark.parametrize(("text", "words"), [
    ("0.00001", "more than 4 decimal places"),
    ("1.00005", "more than 4 decimal places"),
    ("1e-30", "more than 4 decimal places"),
    ("0", "above 0"),
    ("-5", "above 0"),
    ("1000000000000.0001", "at most 1,000,000,000,000"),
    ("9.3e14", "at most"),
    ("1e400", "at most"),
])
def test_an_amount_out_of_range_is_refused_with_a_field_message(text, words):
    with pytest.raises(ValidationError) as error:
        parse_amount(text, "amount paid")
    assert words in error.value.field_errors["amount"]


@pytest.mark.parametrize("text", ["0.0001", "1,234.5678", "1000000000000", "785"])
def test_an_amount_in_range_is_kept_exactly(text):
    assert parse_amount(text) == Decimal(text.replace(",", ""))


def test_a_unit_price_may_be_zero_but_not_finer_than_a_ten_thousandth():
    assert parse_price("0") == 0
    assert amount_problem(Decimal("0.0000"), zero_ok=True) is None
    with pytest.raises(ValidationError, match="decimal places"):
        parse_price("0.12345")


def test_quantities_are_whole_and_bounded():
    assert parse_quantity("1,000,000,000") == MAX_QUANTITY
    for text in ("1000000001", "1e9", "0", "-1", "٣"):
        with pytest.raises(ValidationError):
            parse_quantity(text)
    assert quantity_problem(True) is not None
    assert "at most 1,000,000,000" in quantity_problem(MAX_QUANTITY + 1)


@pytest.fixture
def waiting(workspace):
    """An order of 785.00 USD waiting for payment."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    return order


def test_a_payment_of_a_hundred_thousandth_never_marks_an_order_paid(workspace, waiting):
    with pytest.raises(ValidationError) as error:
        workspace.orders.perform(waiting.id, Action.RECORD_PAYMENT, payment=Payment(
            Decimal("0.00001"), TODAY, PaymentStatus.RECEIVED))
    assert "decimal places" in error.value.field_errors["amount"]
    order = workspace.orders.get(waiting.id)
    assert order.status == OrderStatus.AWAITING_PAYMENT and order.payments == []


def test_a_payment_above_the_bound_is_refused(workspace, waiting):
    with pytest.raises(ValidationError, match="at most"):
        workspace.orders.perform(waiting.id, Action.RECORD_PAYMENT, payment=Payment(
            MAX_AMOUNT * 10, TODAY, PaymentStatus.RECEIVED))


@pytest.mark.parametrize(("line", "field"), [
    (OrderLine("Cups", MAX_QUANTITY, MAX_AMOUNT), "lines"),  # 10^21: no OverflowError
    (OrderLine("Cups", 10**15, Decimal(1)), "lines[0].quantity"),
    (OrderLine("Cups", 1, Decimal("9.2e14")), "lines[0].unit_price"),
    (OrderLine("Cups", 1, Decimal("0.12345")), "lines[0].unit_price"),
])
def test_an_order_beyond_the_bounds_is_refused_with_its_field(workspace, line, field):
    supplier = workspace.suppliers.save(make_supplier()).value
    with pytest.raises(ValidationError) as error:
        workspace.orders.save(make_order(supplier_id=supplier.id, lines=[line]))
    assert field in error.value.field_errors
    assert workspace.orders.count() == 0


def test_the_largest_order_total_is_stored_exactly(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    lines = [OrderLine("Machines", 1, MAX_AMOUNT - Decimal("0.0001"))]
    order = workspace.orders.save(make_order(supplier_id=supplier.id, lines=lines)).value
    assert workspace.orders.rows()[0].total == Money(MAX_AMOUNT - Decimal("0.0001"), "USD")
    assert workspace.orders.get(order.id).lines[0].unit_price == lines[0].unit_price


def test_a_supplier_limit_is_money_too(workspace):
    supplier = make_supplier(ta_limit=Money(Decimal("1.00001"), "USD"))
    with pytest.raises(ValidationError) as error:
        workspace.suppliers.save(supplier)
    assert "decimal places" in error.value.field_errors["ta_limit"]


def test_dispute_amounts_are_refused_finer_than_money(workspace, waiting):
    workspace.orders.perform(waiting.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    workspace.orders.perform(waiting.id, Action.MARK_SHIPPED)
    with pytest.raises(ValidationError) as error:
        workspace.disputes.open(waiting.id, claim=ClaimType.QUALITY,
                                requested_refund=Decimal("10.00001"), claim_text="Cracked cups")
    assert "decimal places" in error.value.field_errors["requested_refund"]
    workspace.disputes.open(waiting.id, claim=ClaimType.QUALITY, requested_refund=Decimal("10"),
                            claim_text="Cracked cups")
    with pytest.raises(NotAllowed, match="decimal places"):
        workspace.disputes.propose(waiting.id, Party.SUPPLIER, Decimal("5.00001"))


def test_the_store_refuses_to_round_money_it_is_given():
    column = ScaledDecimal()
    assert column.process_bind_param(Decimal("1.2345"), None) == 12345
    for value in (Decimal("0.00001"), Decimal("1e15"), Decimal("NaN")):
        with pytest.raises(ValueError, match="not rounded"):
            column.process_bind_param(value, None)

