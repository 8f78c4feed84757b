"""Evidence rows always have their file: emptying the trash while the same file is imported,
a transaction that fails after files were set aside, and what a crash leaves in the store."""

from __future__ import annotations

import os
import threading
import time

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.evidence_store import EvidenceRepository
from tests.evidence_files import image_file, pdf_file
from tests.factories import TODAY, make_order, make_supplier


@pytest.fixture
def orders(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return [workspace.orders.save(make_order(f"TA-{n}", supplier_id=supplier.id)).value.id
            for n in (1, 2)]


def trashed_photo(workspace, order_id, tmp_path):
    """A photo attached to ``order_id`` and put in the trash; its file is still stored."""
    photo = image_file(tmp_path, "photo.jpg")
    [item] = workspace.evidence.add_files(order_id, [photo]).value
    workspace.evidence.trash(item.id)
    return photo, item


def every_row_has_its_file(workspace) -> bool:
    with workspace.db.unit_of_work() as session:
        hashes = {item.sha256 for item in EvidenceRepository(session).trashed()}
        for order_id in (1, 2):
            hashes |= {i.sha256 for i in EvidenceRepository(session).for_order(order_id)}
    return all(workspace.evidence.store.has(sha256) for sha256 in hashes)


def test_a_file_removed_between_its_import_and_its_attach_is_copied_in_again(
        workspace, orders, tmp_path):
    photo, trashed = trashed_photo(workspace, orders[0], tmp_path)
    incoming = workspace.evidence.import_files([photo])  # same bytes: already stored
    workspace.evidence.empty_trash()  # the last row using them goes, and the file with it
    assert not workspace.evidence.store.has(trashed.sha256)

    [item] = workspace.evidence.attach(orders[1], incoming.files).value

    assert workspace.evidence.path_of(item).read_bytes() == photo.read_bytes()
    assert every_row_has_its_file(workspace)


def test_when_the_original_is_gone_too_the_attach_is_refused_whole(workspace, orders, tmp_path):
    photo, _ = trashed_photo(workspace, orders[0], tmp_path)
    report = pdf_file(tmp_path, "report.pdf")
    incoming = workspace.evidence.import_files([report, photo])
    workspace.evidence.empty_trash()
    photo.unlink()
    with pytest.raises(NotFound, match=r"photo\.jpg was removed meanwhile .* add it again"):
        workspace.evidence.attach(orders[1], incoming.files)
    assert workspace.evidence.items(orders[1]) == []


def test_an_attach_waiting_while_the_trash_is_emptied_still_gets_its_file(
        workspace, orders, tmp_path, monkeypatch):
    photo, trashed = trashed_photo(workspace, orders[0], tmp_path)
    other = Workspace.open(workspace.db.path, today=lambda: TODAY)  # a second app window
    incoming = other.evidence.import_files([photo])  # the bytes are stored: nothing copied
    attached: list = []
    worker = threading.Thread(
        target=lambda: attached.append(other.evidence.attach(orders[1], incoming.files)))
    loaded = EvidenceRepository.trashed

    def trashed_while_the_other_attaches(repository, order_id=None):
        if worker.ident is None:
            worker.start()  # it waits for the write lock this transaction holds
            time.sleep(0.3)
        return loaded(repository, order_id)

    monkeypatch.setattr(EvidenceRepository, "trashed", trashed_while_the_other_attaches)
    try:
        assert workspace.evidence.empty_trash().value == 1
        worker.join(timeout=30)
    finally:
        other.close()
    [item] = attached[0].value
    assert item.sha256 == trashed.sha256 and every_row_has_its_file(workspace)
    assert workspace.evidence.store.leftovers() == []


def test_a_failed_commit_puts_the_files_back_with_their_rows(workspace, orders, tmp_path):
    _, trashed = trashed_photo(workspace, orders[0], tmp_path)

    def disk_full(_session):
        raise OSError(28, "No space left on device")

    event.listen(Session, "before_commit", disk_full)
    try:
        with pytest.raises(OSError, match="No space"):
            workspace.evidence.empty_trash()
    finally:
        event.remove(Session, "before_commit", disk_full)
    assert [i.id for i in workspace.evidence.trashed()] == [trashed.id]
    assert workspace.evidence.store.has(trashed.sha256)
    assert workspace.evidence.store.leftovers() == []


def make_old(path, hours: float = 25) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_opening_cleans_what_a_crash_left_in_the_store(workspace, orders, tmp_path):
    store = workspace.evidence.store
    _, kept = trashed_photo(workspace, orders[0], tmp_path)
    [gone] = workspace.evidence.add_files(orders[1], [pdf_file(tmp_path, "a.pdf")]).value
    # A crash while the trash was emptied, before the commit: kept's row survived, gone's not.
    store.set_aside(kept.sha256, store.aside_path(kept.sha256))
    store.set_aside(gone.sha256, store.aside_path(gone.sha256))
    workspace.orders.delete(orders[1])
    interrupted = store.root / ".incoming.0123456789ab.tmp"
    interrupted.write_bytes(b"half a video")
    under_way = store.root / ".incoming.ba9876543210.tmp"
    under_way.write_bytes(b"a video being copied now")
    for path in (store.aside_path(kept.sha256), store.aside_path(gone.sha256), interrupted):
        make_old(path)

    Workspace.open(workspace.db.path).close()

    assert store.has(kept.sha256) and not store.has(gone.sha256)
    assert store.leftovers() == [under_way]  # young: perhaps still being written


def test_a_young_file_set_aside_is_left_alone(workspace, orders, tmp_path):
    store = workspace.evidence.store
    _, item = trashed_photo(workspace, orders[0], tmp_path)
    store.set_aside(item.sha256, store.aside_path(item.sha256))
    assert workspace.evidence.tidy_store() == []
    assert store.leftovers() == [store.aside_path(item.sha256)]
