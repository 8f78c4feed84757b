"""Files the app writes: whole or not at all, and only where a file may go."""

import os
import stat

import pytest

from ta_desktop.core.domain.errors import OutputPathError, TADesktopError
from ta_desktop.core.storage.files import (
    check_output_folder,
    check_output_path,
    move_into_place,
    staged_file,
    staging_folder,
    write_atomically,
)


def test_a_new_file_is_written_and_an_old_one_replaced(tmp_path):
    path = tmp_path / "summary.pdf"
    with write_atomically(path) as out:
        out.write(b"first")
    with write_atomically(path) as out:
        out.write(b"second")
    assert path.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "deadlines.ics"
    path.write_bytes(b"old calendar")
    with pytest.raises(RuntimeError, match="disk gone"), write_atomically(path) as out:
        out.write(b"half of a new cal")
        raise RuntimeError("disk gone")
    assert path.read_bytes() == b"old calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    mask = os.umask(0o022)
    try:
        with write_atomically(tmp_path / "a.pdf") as out:
            out.write(b"%PDF")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o644


def test_a_folder_is_refused_with_a_sentence_naming_it(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(OutputPathError, match="it is a folder; give a file name inside it"):
        check_output_path(folder)
    with pytest.raises(OutputPathError), write_atomically(folder):
        pass
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_refused_and_not_created(tmp_path):
    target = tmp_path / "nope" / "d.ics"
    with pytest.raises(OutputPathError, match=r"the folder .*nope does not exist"):
        check_output_path(target)
    assert not (tmp_path / "nope").exists()


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(OutputPathError, match=r"notes\.txt does not exist"):
        check_output_path(tmp_path / "notes.txt" / "d.ics")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_device_is_refused():
    with pytest.raises(OutputPathError, match="not a regular file"):
        check_output_path("/dev/null")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputPathError, match="not a regular file"):
        check_output_path(pipe)


def test_the_refusal_is_an_error_the_user_can_act_on(tmp_path):
    with pytest.raises(TADesktopError):
        check_output_path(tmp_path)


def test_an_output_folder_may_exist_or_not_but_not_be_a_file(tmp_path):
    assert check_output_folder(tmp_path) == tmp_path
    assert check_output_folder(tmp_path / "new") == tmp_path / "new"
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputPathError, match="it is a file, not a folder"):
        check_output_folder(tmp_path / "file")


def test_a_new_output_folder_needs_its_parent_as_every_output_does(tmp_path):
    with pytest.raises(OutputPathError, match=r"the folder .*nope does not exist"):
        check_output_folder(tmp_path / "nope" / "upload")
    assert not (tmp_path / "nope").exists()


def test_a_name_too_long_is_refused_with_the_system_s_words(tmp_path):
    long = tmp_path / ("x" * 300 + ".pdf")
    with pytest.raises(OutputPathError, match="too long"):
        check_output_path(long)
    with pytest.raises(OutputPathError, match="too long"):
        check_output_folder(tmp_path / ("y" * 300))


def test_a_full_disk_names_the_file_and_leaves_the_old_one(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "deadlines.ics"
    path.write_bytes(b"old calendar")

    def full(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputPathError, match=r"could not write .*deadlines\.ics: No space"), \
            write_atomically(path) as out:
        out.write(b"new calendar")
    assert path.read_bytes() == b"old calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


def test_an_error_about_another_file_is_not_blamed_on_the_output(tmp_path):
    with pytest.raises(FileNotFoundError), write_atomically(tmp_path / "a.zip"):
        (tmp_path / "missing-source.jpg").read_bytes()
    assert list(tmp_path.iterdir()) == []


def test_a_staged_file_left_unpublished_leaves_nothing(tmp_path):
    with staged_file(tmp_path, "incoming") as staged:
        staged.stream.write(b"already stored")
    assert list(tmp_path.iterdir()) == []


def test_a_staging_folder_is_gone_after_an_error_and_moves_into_place_when_done(tmp_path):
    with pytest.raises(RuntimeError), staging_folder(tmp_path, "bundle") as staging:
        (staging / "half.png").write_bytes(b"x")
        raise RuntimeError("cancelled")
    assert list(tmp_path.iterdir()) == []
    with staging_folder(tmp_path, "bundle") as staging:
        (staging / "done.png").write_bytes(b"x")
        move_into_place(staging, tmp_path / "dispute TA-1")
    assert [p.name for p in tmp_path.iterdir()] == ["dispute TA-1"]
    assert (tmp_path / "dispute TA-1" / "done.png").exists()
