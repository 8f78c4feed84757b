"""Evidence kept with an order: copied under its hash, never lost by a slip, checked, bundled."""

from __future__ import annotations

import hashlib

import pytest

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.services.evidence.fit import drain
from tests.evidence_files import EXE_HEAD, image_bytes, image_file, pdf_file, write
from tests.factories import make_order, make_supplier

pytestmark = pytest.mark.both_engines


@pytest.fixture
def order_id(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order(supplier_id=supplier.id)).value.id


def test_attached_file_is_copied_under_its_sha256_and_the_original_untouched(
        workspace, order_id, tmp_path):
    photo = image_file(tmp_path, "破损 照片.jpg")
    before = photo.read_bytes()

    [item] = workspace.evidence.add_files(order_id, [photo]).value

    assert item.sha256 == hashlib.sha256(before).hexdigest()
    stored = workspace.evidence.path_of(item)
    assert stored.name == item.sha256 and stored.read_bytes() == before
    assert stored.is_relative_to(workspace.data_dir)
    assert photo.read_bytes() == before
    assert item.original_name == "破损 照片.jpg" and item.detected_type == "jpeg"
    assert item.image_size == (120, 90)
    assert workspace.evidence.items(order_id) == [item]


def test_a_dropped_folder_brings_every_file_inside_it_once(workspace, order_id, tmp_path):
    folder = tmp_path / "unboxing"
    (folder / "day 2").mkdir(parents=True)
    image_file(folder, "a.jpg")
    write(folder / "day 2", "copy of a.jpg", image_bytes())  # same bytes: kept once
    pdf_file(folder / "day 2", "report.pdf")
    write(folder, ".DS_Store", b"hidden")
    items = workspace.evidence.add_files(order_id, [folder]).value
    assert sorted(i.original_name for i in items) == ["a.jpg", "report.pdf"]
    assert workspace.evidence.add_files(order_id, [folder]).value == []


def test_the_check_judges_the_original_name_not_the_stored_hash(workspace, order_id, tmp_path):
    [good] = workspace.evidence.add_files(order_id, [image_file(tmp_path, "photo.jpg")]).value
    [bad] = workspace.evidence.add_files(order_id, [write(tmp_path, "照片#1.jpg", EXE_HEAD)]).value
    assert workspace.evidence.check(good).ok
    assert workspace.evidence.check(bad).rules() == {"EV-TYPE", "EV-NAME"}


def test_removing_evidence_moves_it_to_the_trash_and_it_can_come_back(
        workspace, order_id, tmp_path):
    [item] = workspace.evidence.add_files(order_id, [image_file(tmp_path, "photo.jpg")]).value
    workspace.evidence.trash(item.id)
    assert workspace.evidence.items(order_id) == []
    assert [i.id for i in workspace.evidence.trashed(order_id)] == [item.id]
    assert workspace.evidence.path_of(item).exists()
    workspace.evidence.restore(item.id)
    assert [i.id for i in workspace.evidence.items(order_id)] == [item.id]


def test_emptying_the_trash_deletes_only_bytes_nothing_else_uses(workspace, order_id, tmp_path):
    supplier = workspace.suppliers.save(make_supplier("Other supplier")).value
    other = workspace.orders.save(make_order("TA-2", supplier_id=supplier.id)).value.id
    shared, alone = image_file(tmp_path, "shared.jpg"), pdf_file(tmp_path, "alone.pdf")
    first, lonely = workspace.evidence.add_files(order_id, [shared, alone]).value
    [second] = workspace.evidence.add_files(other, [shared]).value
    workspace.evidence.trash(first.id)
    workspace.evidence.trash(lonely.id)

    assert workspace.evidence.empty_trash(order_id).value == 2

    assert workspace.evidence.trashed() == []
    assert workspace.evidence.path_of(second).exists()  # still evidence of the other order
    assert not workspace.evidence.path_of(lonely).exists()
    with pytest.raises(NotFound):
        workspace.evidence.restore(first.id)


def test_caption_and_claim_are_kept(workspace, order_id, tmp_path):
    [item] = workspace.evidence.add_files(order_id, [image_file(tmp_path, "photo.jpg")]).value
    workspace.evidence.set_caption(item.id, "  Carton 4, corner crushed ")
    workspace.evidence.set_claim(item.id, 7)
    [saved] = workspace.evidence.items(order_id)
    assert saved.caption == "Carton 4, corner crushed" and saved.claim_id == 7


def test_unreadable_files_are_skipped_with_a_reason(workspace, order_id, tmp_path):
    result = workspace.evidence.import_files([tmp_path / "gone.jpg", image_file(tmp_path, "a.jpg")])
    assert [f.original.name for f in result.files] == ["a.jpg"]
    assert [p.name for p, _ in result.skipped] == ["gone.jpg"]


def test_attaching_to_a_deleted_order_is_not_found(workspace, tmp_path):
    incoming = workspace.evidence.import_files([image_file(tmp_path, "a.jpg")]).files
    with pytest.raises(NotFound):
        workspace.evidence.attach(999, incoming)


def test_bundle_from_stored_evidence_uses_original_names_and_captions(
        workspace, order_id, tmp_path):
    items = workspace.evidence.add_files(order_id, [image_file(tmp_path, f"crack {n}.jpg")
                                                    for n in range(6)]).value
    workspace.evidence.set_caption(items[0].id, "Crack on unit 1")
    items = workspace.evidence.items(order_id)
    case = workspace.evidence.bundle_case(order_id, items, "Quality not as contracted",
                                          "Housings cracked.", ["Material: ABS"], "USD 300")
    assert case.order_number == "TA-1" and case.order_total == "785.00 USD"

    result = drain(workspace.evidence.build_bundle(case, tmp_path / "out"))

    assert result.ok and len(list(result.upload_dir.iterdir())) <= 5
    entries = {e for made in result.fit.produced for e in made.entries}
    assert "crack 0.jpg" in entries


def test_plan_names_outputs_after_the_original_names(workspace, order_id, tmp_path):
    screenshot = write(tmp_path, "截图 1.jpg", image_bytes("PNG"))
    items = workspace.evidence.add_files(order_id, [screenshot]).value
    plan = workspace.evidence.plan_fit(items)
    assert [o.name for o in plan.outputs] == ["evidence 1.png"]
