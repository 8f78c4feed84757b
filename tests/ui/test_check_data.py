"""Help → Check data…: the report ``verify`` prints, in a dialog; a repair offered when
something is wrong and it may help."""

from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier


def test_check_data_reports_all_is_well(window, messages):
    window.check_data_action.trigger()
    kind, title, text = messages.shown[-1]
    assert (kind, title) == ("info", "Check data")
    assert "integrity_check ok" in text and text.endswith("All is well.")


def test_a_missing_file_is_shown_and_a_repair_offered(window, workspace, messages, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-9", supplier_id=supplier.id)).value
    [item] = workspace.evidence.add_files(order.id, [image_file(tmp_path, "crack.jpg")]).value
    store = workspace.evidence.store
    store.set_aside(item.sha256, store.aside_path(item.sha256))  # as a crash mid-purge leaves it
    messages.answer_confirm = True

    window.check_data()

    [(asked, _, question), (told, _, after)] = messages.shown[-2:]
    assert asked == "confirm" and "crack.jpg (evidence #" in question and "TA-9" in question
    assert told == "info" and "Repaired: put" in after and after.endswith("All is well.")
    assert store.holds(item.sha256, item.size)


def test_when_nothing_can_be_repaired_it_only_says_so(window, workspace, messages, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-9", supplier_id=supplier.id)).value
    [item] = workspace.evidence.add_files(order.id, [image_file(tmp_path, "crack.jpg")]).value
    workspace.evidence.path_of(item).unlink()
    messages.answer_confirm = True
    window.check_data()
    kinds = [kind for kind, _, _ in messages.shown]
    assert kinds[-2:] == ["confirm", "error"]  # repair tried once, then the rest is said
    assert "Add the files named above again" in messages.shown[-1][2]
