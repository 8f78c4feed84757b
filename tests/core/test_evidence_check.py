"""The validator gives every bad evidence file the right rule id, and never crashes or hangs."""

from __future__ import annotations

import hashlib
import os

import pytest

from ta_desktop.core.domain.errors import NotFound
from ta_desktop.core.domain.evidence import detect_type, is_safe_name, safe_name
from ta_desktop.core.services.evidence.check import check_file, check_set, checking_set
from tests.evidence_files import (
    EXE_HEAD,
    bomb_png,
    encrypted_zip,
    fake_video,
    image_bytes,
    image_file,
    padded_jpeg,
    pdf_file,
    write,
    zip_file,
)


def test_file_exactly_at_the_size_limit_is_accepted(tmp_path, profile):
    path = padded_jpeg(tmp_path, "at limit.jpg", profile.evidence_max_bytes)
    assert check_file(path, profile).ok


def test_file_one_byte_over_the_size_limit_breaks_ev_size(tmp_path, profile):
    path = padded_jpeg(tmp_path, "over limit.jpg", profile.evidence_max_bytes + 1)
    check = check_file(path, profile)
    assert check.rules() == {"EV-SIZE"}
    assert check.problems[0].hint


def test_five_files_are_a_valid_set_and_six_break_ev_count(tmp_path, profile):
    paths = [image_file(tmp_path, f"photo {n}.jpg") for n in range(6)]
    assert check_set(paths[:5], profile).ok
    result = check_set(paths, profile)
    assert [p.rule for p in result.set_problems] == ["EV-COUNT"]
    assert all(f.ok for f in result.files) and not result.ok


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", image_bytes("JPEG")),
        ("photo.JPEG", image_bytes("JPEG")),
        ("screen.png", image_bytes("PNG")),
        ("anim.gif", image_bytes("GIF")),
        ("all photos.zip", None),
    ],
)
def test_each_accepted_type_passes(tmp_path, profile, name, data):
    if data is None:
        path = zip_file(tmp_path, name, {"a.jpg": image_bytes(), "notes.txt": b"crack" * 100})
    else:
        path = write(tmp_path, name, data)
    check = check_file(path, profile)
    assert check.ok and not check.warnings, check.problems


@pytest.mark.parametrize(
    ("name", "maker", "detected"),
    [
        ("report.pdf", lambda d: pdf_file(d, "report.pdf"), "pdf"),
        ("clip.mp4", lambda d: fake_video(d, "clip.mp4", 5000), "mp4"),
        ("photo.webp", lambda d: image_file(d, "photo.webp", "WEBP"), "webp"),
        ("scan.bmp", lambda d: image_file(d, "scan.bmp", "BMP"), "bmp"),
        ("scan.tiff", lambda d: image_file(d, "scan.tiff", "TIFF"), "tiff"),
        ("notes.txt", lambda d: write(d, "notes.txt", b"The cartons arrived wet."), "text"),
        ("letter.docx", lambda d: zip_file(
            d, "letter.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}),
         "docx"),
    ],
)
def test_refused_types_break_ev_type(tmp_path, profile, name, maker, detected):
    check = check_file(maker(tmp_path), profile)
    assert check.detected_type == detected
    assert check.rules() == {"EV-TYPE"}


def test_png_named_jpg_is_accepted_with_a_warning(tmp_path, profile):
    check = check_file(write(tmp_path, "photo.jpg", image_bytes("PNG")), profile)
    assert check.ok and check.detected_type == "png"
    assert [w.rule for w in check.warnings] == ["EV-TYPE"]


def test_jpeg_named_pdf_is_refused_by_name_with_a_rename_hint(tmp_path, profile):
    check = check_file(write(tmp_path, "photo.pdf", image_bytes("JPEG")), profile)
    assert check.rules() == {"EV-TYPE"}
    assert ".jpg" in check.problems[0].hint


def test_pdf_named_jpg_is_not_an_image(tmp_path, profile):
    path = pdf_file(tmp_path, "x.pdf").rename(tmp_path / "photo.jpg")
    check = check_file(path, profile)
    assert check.detected_type == "pdf" and check.rules() == {"EV-TYPE"}


@pytest.mark.parametrize(
    ("name", "head", "detected"),
    [("invoice.jpg", EXE_HEAD, "exe"), ("photo.png", b"\x7fELF\x02\x01\x01", "elf"),
     ("photo.gif", b"#!/bin/sh\nrm -rf ~\n", "script")],
)
def test_renamed_program_is_never_evidence(tmp_path, profile, name, head, detected):
    check = check_file(write(tmp_path, name, head + b"\x00" * 512), profile)
    assert check.detected_type == detected
    assert check.rules() == {"EV-TYPE"}
    assert "program" in check.problems[0].message


def test_truncated_jpeg_breaks_ev_corrupt(tmp_path, profile):
    data = image_bytes("JPEG", size=(400, 300), quality=95)
    check = check_file(write(tmp_path, "cut.jpg", data[: len(data) // 2]), profile)
    assert check.rules() == {"EV-CORRUPT"}


def test_decompression_bomb_png_breaks_ev_corrupt_without_decoding(tmp_path, profile):
    check = check_file(bomb_png(tmp_path, "bomb.png"), profile)
    assert check.rules() == {"EV-CORRUPT"}
    assert "bomb" in check.problems[0].message


def test_pixel_ceiling_comes_from_the_rule_profile(tmp_path, profile):
    path = image_file(tmp_path, "photo.png", "PNG", size=(200, 200))
    strict = profile.with_overrides({"evidence_max_image_pixels": 10_000})
    assert check_file(path, profile).ok
    assert check_file(path, strict).rules() == {"EV-CORRUPT"}


@pytest.mark.parametrize("entry", ["../../etc/passwd", "/etc/passwd", "C:\\Windows\\x.dll",
                                   "photos\\..\\..\\x.jpg"])
def test_zip_entry_escaping_its_folder_breaks_ev_zip(tmp_path, profile, entry):
    check = check_file(zip_file(tmp_path, "evil.zip", {entry: b"x"}), profile)
    assert check.rules() == {"EV-ZIP"}


def test_encrypted_zip_breaks_ev_zip(tmp_path, profile):
    check = check_file(encrypted_zip(tmp_path, "locked.zip"), profile)
    assert check.rules() == {"EV-ZIP"}
    assert "password" in check.problems[0].message


def test_zip_bomb_breaks_ev_zip(tmp_path, profile):
    path = zip_file(tmp_path, "bomb.zip", {"zeros.bin": b"\x00" * 30_000_000})
    check = check_file(path, profile)
    assert check.rules() == {"EV-ZIP"}
    assert "zip bomb" in check.problems[0].message


def test_zip_with_too_many_entries_breaks_ev_zip(tmp_path, profile):
    entries = {f"f{n}.txt": b"" for n in range(profile.evidence_zip_max_entries + 1)}
    assert check_file(zip_file(tmp_path, "many.zip", entries), profile).rules() == {"EV-ZIP"}


def test_damaged_zip_breaks_ev_zip(tmp_path, profile):
    path = zip_file(tmp_path, "good.zip", {"a.txt": os.urandom(5000)}, deflate=False)
    data = bytearray(path.read_bytes())
    data[100:200] = b"\xff" * 100  # inside the stored data: the CRC no longer matches
    check = check_file(write(tmp_path, "damaged.zip", bytes(data)), profile)
    assert check.rules() == {"EV-ZIP"}
    cut = path.read_bytes()[:-30]  # the central directory is cut off
    assert check_file(write(tmp_path, "cut.zip", cut), profile).rules() == {"EV-ZIP"}


@pytest.mark.parametrize(
    "name",
    ["photo#1 (copy).jpg", "照片.jpg", "破损 照片 1.jpg", "invoice\u202egpj.exe.jpg",
     "photo.final.jpg", "café.jpg", "a/b", "    .jpg", "photo.jpg\u200b", "noextension"],
)
def test_unsafe_names_break_ev_name_and_get_a_safe_suggestion(tmp_path, profile, name):
    name = name.replace("/", "\u2215")  # a slash lookalike: real slashes cannot be in a name
    check = check_file(write(tmp_path, name, image_bytes("JPEG")), profile)
    assert "EV-NAME" in check.rules()
    assert is_safe_name(check.suggested_name), check.suggested_name
    assert check.suggested_name in check.problems[-1].hint


def test_right_to_left_override_is_named_in_the_message(tmp_path, profile):
    check = check_file(write(tmp_path, "photo\u202egpj.exe", image_bytes()), profile)
    message = " ".join(p.message for p in check.problems)
    assert "right-to-left override" in message
    assert "\u202e" not in check.suggested_name and check.suggested_name.endswith(".jpg")


def test_safe_names_keep_what_ascii_can_say():
    assert safe_name("photo#1 (copy).jpg") == "photo-1 copy.jpg"
    assert safe_name("Crème brûlée.PNG") == "Creme brulee.png"
    assert safe_name("照片.jpg") == "evidence.jpg"
    assert safe_name("破损 照片 1.jpg") == "evidence 1.jpg"
    assert safe_name("x\u202egpj.exe", "jpg") == "xgpj.jpg"


def test_empty_file_breaks_ev_empty(tmp_path, profile):
    check = check_file(write(tmp_path, "photo.jpg", b""), profile)
    assert check.rules() == {"EV-EMPTY"}
    assert check.detected_type is None


def test_missing_file_is_not_found(tmp_path, profile):
    with pytest.raises(NotFound):
        check_file(tmp_path / "gone.jpg", profile)


def test_type_detection_never_crashes_on_random_bytes():
    for size in (0, 1, 2, 7, 12, 100, 1024):
        for _ in range(50):
            detect_type(os.urandom(size))


def test_a_zip_bomb_inside_a_zip_breaks_ev_zip(tmp_path, profile):
    bomb = zip_file(tmp_path, "inner.zip", {"zeros.bin": b"\x00" * 30_000_000})
    outer = zip_file(tmp_path, "photos.zip", {"photo.jpg": image_bytes(),
                                              "more/inner.zip": bomb.read_bytes()}, deflate=False)
    check = check_file(outer, profile)
    assert check.rules() == {"EV-ZIP"}
    assert "Inside more/inner.zip" in check.problems[0].message


def test_a_plain_zip_inside_a_zip_is_fine(tmp_path, profile):
    inner = zip_file(tmp_path, "inner.zip", {"a.jpg": image_bytes()})
    outer = zip_file(tmp_path, "outer.zip", {"inner.zip": inner.read_bytes()})
    assert check_file(outer, profile).ok


def test_any_name_becomes_a_safe_name():
    import random

    alphabet = ("abcXYZ019 ._-#()[]&%+,;'\"~`!@$^=\t\u202e\u200b\u2066éüßøЖ照片破损ا😀"
                "\x00\x1f\ufeff")
    rng = random.Random(4)
    for _ in range(500):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for extension in ("jpg", None):
            suggestion = safe_name(name, extension)
            if extension or "." in suggestion:
                assert is_safe_name(suggestion), (name, suggestion)


def test_checking_a_set_reports_each_file_in_turn_with_its_hash(tmp_path, profile):
    paths = [image_file(tmp_path, "photo.jpg"), pdf_file(tmp_path, "report.pdf"),
             write(tmp_path, "cut.jpg", image_bytes()[:300])]
    job = checking_set(paths, profile)
    steps = [next(job) for _ in paths]  # one step a file
    with pytest.raises(StopIteration) as done:
        next(job)
    result = done.value.value
    assert [(step.done, step.total) for step in steps] == [(1, 3), (2, 3), (3, 3)]
    assert [check.path for check in result.files] == paths
    assert [check.sha256 for check in result.files] == [
        hashlib.sha256(path.read_bytes()).hexdigest() for path in paths]
    assert result.files[0].ok and result.files[2].rules() == {"EV-CORRUPT"}
    assert result.files[0].image_size == (120, 90)  # the real size, though read at 1/8
