"""'Make it uploadable' turns messy evidence into a set the validator accepts, originals intact."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from PIL import Image

from ta_desktop.core.services.evidence.check import check_file, check_set
from ta_desktop.core.services.evidence.fit import (
    FitOptions,
    drain,
    fit_evidence,
    plan_fit,
    run_fit,
)
from tests.evidence_files import (
    EXE_HEAD,
    NoisyPhotos,
    fake_video,
    image_bytes,
    image_file,
    pdf_file,
    write,
)

_GPS_IFD = 0x8825


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture(scope="module")
def messy_set(tmp_path_factory):
    """8 camera photos of 12-20 MB, a PDF, a short video; names with spaces and Chinese."""
    folder = tmp_path_factory.mktemp("messy")
    photos = NoisyPhotos()
    for number in range(8):
        name = f"IMG 000{number}.jpg" if number % 2 else f"破损 照片 {number}.jpg"
        photos.photo(folder, name, number)
    pdf_file(folder, "inspection report (final).pdf")
    fake_video(folder, "开箱 video.mp4", 3_000_000)
    return folder


@pytest.mark.slow
def test_messy_set_becomes_at_most_five_files_the_validator_accepts(messy_set, tmp_path, profile):
    sizes = sorted(p.stat().st_size for p in messy_set.glob("*.jpg"))
    assert sizes[0] >= 12_000_000 and sizes[-1] <= 20_000_000
    before = _digests(messy_set)

    result = run_fit(sorted(messy_set.iterdir()), tmp_path / "upload", profile)

    assert result.ok, result.unfit
    files = sorted((tmp_path / "upload").iterdir())
    assert 1 <= len(files) <= profile.evidence_max_files
    assert check_set(files, profile).ok
    assert _digests(messy_set) == before  # originals untouched
    packed = {s.name for made in result.produced for s in made.sources}
    assert packed == {p.name for p in messy_set.iterdir()}  # nothing silently left out


@pytest.mark.slow
def test_shrunk_photos_stay_legible_and_keep_their_capture_date(messy_set, tmp_path, profile):
    result = run_fit(sorted(messy_set.glob("*.jpg"))[:2], tmp_path, profile)
    assert result.ok
    for made in result.produced:
        with Image.open(made.path) as image:
            assert max(image.size) >= 1600
            assert image.getexif().get(0x0132, "").startswith("2026:10:")


@pytest.mark.slow
def test_plan_writes_nothing_and_names_every_output(messy_set, tmp_path, profile):
    plan = plan_fit(sorted(messy_set.iterdir()), profile, out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert len(plan.outputs) <= profile.evidence_max_files
    assert len(plan.describe()) == len(plan.outputs)


def test_cancelling_leaves_nothing_behind(tmp_path, profile):
    # Cancelling does not depend on the files' size: small ones, one already written when the
    # job is closed.
    sources = tmp_path / "sources"
    sources.mkdir()
    files = [image_file(sources, f"photo {n}.jpg") for n in range(3)]
    files.append(image_file(sources, "scan.bmp", "BMP"))
    plan = plan_fit(files, profile)
    out = tmp_path / "out"
    job = fit_evidence(plan, out)
    next(job)
    next(job)
    assert any(path.is_file() for path in out.rglob("*"))  # half done: one file staged
    job.close()
    assert list(out.iterdir()) == []


def test_a_40_mb_video_is_reported_as_unfit_with_the_reason(tmp_path, profile):
    video = fake_video(tmp_path, "unboxing.mp4", 40_000_000)
    photo = image_file(tmp_path, "photo.jpg")
    result = run_fit([video, photo], tmp_path / "out", profile)
    assert not result.ok
    assert [(u.path, u.rule) for u in result.unfit] == [(video, "EV-SIZE")]
    assert "40.0 MB" in result.unfit[0].reason
    assert [p.path.name for p in result.produced] == ["photo.jpg"]


def test_refused_image_formats_are_converted(tmp_path, profile):
    sources = [image_file(tmp_path, "photo.webp", "WEBP"), image_file(tmp_path, "scan.bmp", "BMP"),
               image_file(tmp_path, "scan.tiff", "TIFF")]
    result = run_fit(sources, tmp_path / "out", profile)
    assert result.ok
    assert sorted(p.path.name for p in result.produced) == ["photo.jpg", "scan-2.png", "scan.png"]


def test_wrongly_named_files_get_their_real_extension_and_a_safe_name(tmp_path, profile):
    sources = [write(tmp_path, "截图 1.jpg", image_bytes("PNG")),
               write(tmp_path, "photo#2.pdf", image_bytes("JPEG"))]
    result = run_fit(sources, tmp_path / "out", profile)
    assert sorted(p.path.name for p in result.produced) == ["evidence 1.png", "photo-2.jpg"]
    assert all(not f.warnings for f in result.check.files)


def test_other_files_and_surplus_photos_go_into_zips(tmp_path, profile):
    sources = [image_file(tmp_path, f"photo {n}.jpg") for n in range(7)]
    sources.append(pdf_file(tmp_path, "contract.pdf"))
    result = run_fit(sources, tmp_path / "out", profile)
    assert result.ok and len(result.produced) == profile.evidence_max_files
    zips = [p.path for p in result.produced if p.path.suffix == ".zip"]
    names = {n for z in zips for n in zipfile.ZipFile(z).namelist()}
    assert "contract.pdf" in names


def test_programs_empty_and_broken_files_are_refused_not_packed(tmp_path, profile):
    sources = [write(tmp_path, "setup.jpg", EXE_HEAD + b"\x00" * 100),
               write(tmp_path, "empty.png", b""),
               write(tmp_path, "cut.jpg", image_bytes("JPEG", size=(300, 300))[:300]),
               image_file(tmp_path, "good.jpg")]
    result = run_fit(sources, tmp_path / "out", profile)
    assert sorted(u.rule for u in result.unfit) == ["EV-CORRUPT", "EV-EMPTY", "EV-TYPE"]
    assert [p.path.name for p in result.produced] == ["good.jpg"]


def test_strip_gps_removes_the_location_without_touching_pixels(tmp_path, profile):
    exif = Image.Exif()
    exif[0x0132] = "2026:10:01 10:00:00"
    exif[_GPS_IFD] = {1: "N", 2: (52.0, 31.0, 12.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(buffer, "JPEG", exif=exif.tobytes())
    source = write(tmp_path, "where.jpg", buffer.getvalue())

    result = run_fit([source], tmp_path / "out", profile, FitOptions(strip_gps=True))

    with Image.open(result.produced[0].path) as fixed, Image.open(source) as original:
        assert not fixed.getexif().get_ifd(_GPS_IFD)
        assert fixed.getexif()[0x0132] == "2026:10:01 10:00:00"
        assert fixed.tobytes() == original.tobytes()
    assert Image.open(source).getexif().get_ifd(_GPS_IFD)  # the original still has it


def test_output_into_the_source_folder_never_overwrites_an_original(tmp_path, profile):
    source = write(tmp_path, "photo 1.jpg", image_bytes("PNG"))
    before = source.read_bytes()
    existing = write(tmp_path, "photo 1.png", b"someone else's file")
    result = run_fit([source], tmp_path, profile)
    assert source.read_bytes() == before
    assert existing.read_bytes() == b"someone else's file"
    assert result.produced[0].path.name == "photo 1-2.png"
    assert check_file(result.produced[0].path, profile).ok


def test_progress_counts_up_to_the_total(tmp_path, profile):
    sources = [image_file(tmp_path, f"p{n}.jpg") for n in range(3)]
    job = fit_evidence(plan_fit(sources, profile), tmp_path / "out")
    steps = []
    while True:
        try:
            steps.append(next(job))
        except StopIteration as stop:
            result = stop.value
            break
    assert steps[-1].done == steps[-1].total
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert result.ok and drain(fit_evidence(plan_fit([], profile), tmp_path / "x")).ok


def test_a_sideways_camera_photo_comes_out_upright_when_shrunk(tmp_path, profile):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: display rotated 90 degrees
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 60).convert("RGB").save(buffer, "JPEG", quality=95,
                                                            exif=exif.tobytes())
    source = write(tmp_path, "turned.jpg", buffer.getvalue())
    small = profile.with_overrides({"evidence_max_bytes": len(buffer.getvalue()) - 1000})

    result = run_fit([source], tmp_path / "out", small, FitOptions(min_long_side=100))

    assert result.ok
    with Image.open(result.produced[0].path) as fixed:
        assert fixed.width < fixed.height
        assert fixed.getexif().get(0x0112) is None


def test_an_image_that_cannot_be_converted_is_left_out_of_its_zip_only(tmp_path, profile):
    good = [image_file(tmp_path, f"photo {n}.jpg") for n in range(6)]
    scan = image_bytes("BMP", size=(400, 300))
    broken = write(tmp_path, "broken.bmp", scan[: len(scan) // 2])
    result = run_fit([*good, broken], tmp_path / "out", profile)
    assert [(u.name, u.rule) for u in result.unfit] == [("broken.bmp", "EV-CORRUPT")]
    assert result.check.ok
    assert sum(len(p.sources) for p in result.produced) == 6
