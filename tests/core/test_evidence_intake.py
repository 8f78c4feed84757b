"""Files in: evidence import takes regular files only (judged on the opened handle), reads no
more than the profile's ceiling, says when a link leads outside the folder picked, and zips
are checked to every level."""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import zipfile
from pathlib import Path

import pytest

from ta_desktop.core.domain.errors import InputPathError
from ta_desktop.core.services.evidence.check import check_file
from ta_desktop.core.storage.files import open_regular
from tests.evidence_files import image_bytes, image_file, write, zip_file
from tests.factories import make_order, make_supplier

posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes and devices are POSIX")


@pytest.fixture
def order_id(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order(supplier_id=supplier.id)).value.id


@pytest.fixture
def no_hang():
    """Fail instead of waiting forever if something blocks (a pipe opened without a writer)."""
    if not hasattr(signal, "alarm"):
        yield
        return

    def hung(*_):
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def store_entries(workspace) -> list[Path]:
    root = workspace.evidence.store.root
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@posix_only
def test_a_named_pipe_is_refused_at_once_not_waited_on(workspace, order_id, tmp_path, no_hang):
    pipe = tmp_path / "photo.jpg"
    os.mkfifo(pipe)
    result = workspace.evidence.import_files([pipe])
    assert result.files == []
    [(path, why)] = result.skipped
    assert path == pipe and "named pipe, not a regular file" in why
    assert store_entries(workspace) == []


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_an_endless_device_is_refused_unread(workspace, no_hang):
    result = workspace.evidence.import_files([Path("/dev/zero")])
    assert "a device, not a regular file" in result.skipped[0][1]
    with pytest.raises(InputPathError, match="device"):
        check_file(Path("/dev/zero"), workspace.profile)


def test_a_huge_sparse_file_is_refused_before_copying(workspace, tmp_path):
    huge = tmp_path / "video.mp4"
    with huge.open("wb") as handle:
        handle.truncate(20 * 10**9)  # 20 GB of nothing: sparse, takes no room
    result = workspace.evidence.import_files([huge])
    [(_, why)] = result.skipped
    assert "20,000,000,000 bytes, more than the 2,000,000,000 bytes" in why
    assert "EV-IMPORT" in why and "not copied" in why
    assert store_entries(workspace) == []


def test_the_ceiling_comes_from_the_rule_profile(workspace, tmp_path):
    profile = dataclasses.replace(workspace.profile, evidence_import_max_bytes=1000)
    small, large = write(tmp_path, "a.txt", b"x" * 1000), write(tmp_path, "b.txt", b"x" * 1001)
    result = workspace.evidence.import_files([small, large], profile)
    assert [f.original for f in result.files] == [small]
    assert [p for p, _ in result.skipped] == [large]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_a_file_longer_than_it_said_is_stopped_at_the_ceiling(workspace):
    # /proc files are regular files of size 0 that read on: the copy must stop by itself.
    profile = dataclasses.replace(workspace.profile, evidence_import_max_bytes=100)
    result = workspace.evidence.import_files([Path("/proc/self/status")], profile)
    assert "grew, while it was copied, past the 100 bytes" in result.skipped[0][1]
    assert store_entries(workspace) == []


def test_open_regular_refuses_a_folder_on_the_handle(tmp_path):
    with pytest.raises(InputPathError, match="is a folder, not a regular file"):
        open_regular(tmp_path)
    stream, size = open_regular(write(tmp_path, "a.txt", b"abc"))
    with stream:
        assert (size, stream.read()) == (3, b"abc")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_out_of_the_picked_folder_is_named_and_left_out(workspace, order_id, tmp_path):
    picked, elsewhere = tmp_path / "unboxing", tmp_path / "private"
    picked.mkdir()
    elsewhere.mkdir()
    secret = write(elsewhere, "passwords.txt", b"hunter2")
    (elsewhere / "more").mkdir()
    image_file(elsewhere / "more", "x.jpg")
    photo = image_file(picked, "box.jpg")
    (picked / "secret.txt").symlink_to(secret)
    (picked / "more").symlink_to(elsewhere / "more")
    (picked / "same box.jpg").symlink_to(photo)  # inside: fine
    result = workspace.evidence.import_files([picked])
    assert sorted(f.original.name for f in result.files) == ["box.jpg", "same box.jpg"]
    reasons = dict(result.skipped)
    assert set(reasons) == {picked / "secret.txt", picked / "more"}
    assert "outside the folder you picked" in reasons[picked / "secret.txt"]
    assert str(secret) in reasons[picked / "secret.txt"]
    # A link the user picked by itself is what they chose.
    assert workspace.evidence.import_files([picked / "secret.txt"]).files


def nested_zip(levels: int, payload: dict[str, bytes]) -> bytes:
    data = payload
    for level in range(levels):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in data.items():
                archive.writestr(name, content)
        data = {f"level{level}.zip": buffer.getvalue()}
    return next(iter(data.values()))


def zeros_zip(megabytes: int) -> bytes:
    """A zip of ``megabytes`` MB of zeros, made without holding them all in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("zeros.bin", "w", force_zip64=True) as entry:
        block = b"\0" * (1 << 20)
        for _ in range(megabytes):
            entry.write(block)
    return buffer.getvalue()


def test_a_zip_nested_ten_deep_around_200_mb_of_zeros_is_not_ok(tmp_path, profile):
    bomb = nested_zip(9, {"bomb.zip": zeros_zip(200)})
    check = check_file(write(tmp_path, "photos.zip", bomb), profile)
    assert not check.ok and check.rules() == {"EV-ZIP"}
    assert f"nested more than {profile.evidence_zip_max_depth} deep" in check.problems[0].message
    assert check.problems[0].message.count("Inside") == profile.evidence_zip_max_depth - 1


def test_zips_within_the_depth_share_one_unpacked_size_budget(tmp_path, profile):
    profile = dataclasses.replace(profile, evidence_zip_max_unpacked_bytes=30_000)

    def outer(name: str, each: int) -> Path:
        # Each level alone is within the limit; the files of both levels together may not be.
        inner = nested_zip(1, {"a.bin": bytes(each), "b.bin": bytes(each)})
        return zip_file(tmp_path, name, {"inner.zip": inner, "c.bin": bytes(5000)})

    assert check_file(outer("fine.zip", 10_000), profile).ok
    check = check_file(outer("bomb.zip", 14_000), profile)
    assert check.rules() == {"EV-ZIP"}
    assert "with those of the zips inside it" in check.problems[0].message


def test_zips_three_deep_with_photos_are_fine(tmp_path, profile):
    archive = nested_zip(3, {"photo.jpg": image_bytes()})
    assert check_file(write(tmp_path, "photos.zip", archive), profile).ok


def test_a_damaged_zip_deep_inside_is_found(tmp_path, profile):
    inner = bytearray(nested_zip(1, {"a.txt": os.urandom(3000)}))
    inner[60:80] = bytes(20)  # inside the compressed data: only decompressing finds it
    outer = nested_zip(1, {"deep.zip": bytes(inner)})
    check = check_file(write(tmp_path, "photos.zip", outer), profile)
    assert check.rules() == {"EV-ZIP"}
    assert check.problems[0].message.startswith("Inside deep.zip: The zip archive is damaged")
