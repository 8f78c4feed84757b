"""Evidence in the team's storage: on a server the bytes live in the database, streamed in
1 MiB chunks, so a file one member adds opens byte-identical for another member with another
data folder (issue 11, point 4)."""

import hashlib
import os
import tracemalloc

import pytest
from sqlalchemy import func, select

from ta_desktop.core.storage.orm import evidence_blob_chunks
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def order_id(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order("TA-1", supplier.id)).value.id


def chunks(workspace, sha256: str) -> int:
    with workspace.db.engine.connect() as connection:
        return connection.scalar(select(func.count()).where(
            evidence_blob_chunks.c.sha256 == sha256))


def test_a_file_added_by_one_member_opens_byte_identical_for_another(
        workspace, other_window, order_id, tmp_path):
    assert workspace.data_dir != other_window.data_dir
    photo = image_file(tmp_path, "破损 照片.jpg")
    [item] = workspace.evidence.add_files(order_id, [photo]).value
    [seen] = other_window.evidence.items(order_id)
    assert not (other_window.data_dir / "evidence-cache").exists()  # nothing local yet
    path = other_window.evidence.path_of(seen)
    assert path.is_relative_to(other_window.data_dir)
    assert path.read_bytes() == photo.read_bytes()
    assert other_window.evidence.check(seen).image_size == (120, 90)
    assert other_window.evidence.thumbnail(seen) is not None
    assert chunks(workspace, item.sha256) == 1


def test_big_files_stream_in_chunks_and_never_whole_in_memory(workspace, other_window,
                                                              order_id, tmp_path):
    big = tmp_path / "unboxing.mp4"
    big.write_bytes(os.urandom(12 * 1024 * 1024 + 17))
    tracemalloc.start()
    try:
        [item] = workspace.evidence.add_files(order_id, [big]).value
        path = other_window.evidence.path_of(other_window.evidence.items(order_id)[0])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert chunks(workspace, item.sha256) == 13
    assert hashlib.sha256(path.read_bytes()).hexdigest() == item.sha256
    # A few chunks at a time (the driver copies one), whatever the file's size.
    assert peak < 6 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB: a file was held whole"


def test_emptying_the_trash_deletes_the_team_copy_only_when_unused(workspace, other_window,
                                                                   order_id, tmp_path):
    supplier_id = workspace.orders.get(order_id).supplier_id
    second = workspace.orders.save(make_order("TA-2", supplier_id)).value.id
    photo = image_file(tmp_path, "box.jpg")
    [shared] = workspace.evidence.add_files(order_id, [photo]).value
    other_window.evidence.add_files(second, [photo])
    workspace.evidence.trash(shared.id)
    workspace.evidence.empty_trash()
    assert chunks(workspace, shared.sha256) == 1  # still evidence of the other order
    [kept] = other_window.evidence.items(second)
    other_window.evidence.trash(kept.id)
    other_window.evidence.empty_trash()
    assert chunks(workspace, shared.sha256) == 0


def test_a_certificate_file_is_shared_and_outlives_the_evidence_trash(
        workspace, other_window, order_id, tmp_path):
    from ta_desktop.core.domain.entities import Certificate

    report = tmp_path / "RoHS report.pdf"
    report.write_bytes(b"%PDF-1.4 RoHS report")
    sha256, name = workspace.certificate_files.put(report)
    supplier = workspace.suppliers.get(1)
    supplier.certificates = [Certificate("RoHS", kind="RoHS", file_sha256=sha256,
                                         file_name=name)]
    workspace.suppliers.save(supplier)
    [item] = workspace.evidence.add_files(order_id, [report]).value
    workspace.evidence.trash(item.id)
    workspace.evidence.empty_trash()
    assert chunks(workspace, sha256) == 1  # a certificate still uses the content
    assert other_window.certificate_files.path_of(sha256).read_bytes() == report.read_bytes()
