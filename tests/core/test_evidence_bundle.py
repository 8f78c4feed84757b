"""The dispute bundle: an upload folder the validator accepts, a summary, an index for the buyer."""

from __future__ import annotations

import hashlib
from datetime import date

from pypdf import PdfReader

from ta_desktop.core.domain.evidence import BundleCase, BundleFile
from ta_desktop.core.services.evidence.bundle import build_bundle
from ta_desktop.core.services.evidence.check import check_set
from ta_desktop.core.services.evidence.fit import drain
from tests.evidence_files import fake_video, image_file, pdf_file


def _case(files, **changes):
    values = dict(
        order_number="TA-2026-0101",
        supplier_name="深圳市华强电子有限公司",
        claim_type="Quality not as contracted",
        claim_text="12 of 80 power banks arrived with cracked housings.",
        files=tuple(files),
        broken_terms=("Material: ABS plastic housing", "Output current 2 A"),
        order_date=date(2026, 8, 1),
        order_total="USD 12,400.00",
        amount_claimed="USD 2,790.00",
    )
    values.update(changes)
    return BundleCase(**values)


def _evidence(folder, count):
    files = [BundleFile(image_file(folder, f"crack {n}.jpg"), f"Crack on unit {n}")
             for n in range(count)]
    files.append(BundleFile(pdf_file(folder, "检验报告.pdf"), "Inspection report"))
    return files


def test_bundle_upload_folder_passes_the_validator_with_the_summary_in_it(tmp_path, profile):
    files = _evidence(tmp_path, 7)
    result = drain(build_bundle(_case(files), tmp_path / "out", profile, today=date(2026, 11, 1)))

    uploads = sorted(result.upload_dir.iterdir())
    assert result.ok
    assert len(uploads) <= profile.evidence_max_files
    assert check_set(uploads, profile).ok
    assert result.summary in uploads and result.summary.suffix == ".png"
    assert result.folder.name == "dispute TA-2026-0101"
    assert [p.name for p in (tmp_path / "out").iterdir()] == [result.folder.name]


def test_index_lists_every_file_with_caption_and_sha256(tmp_path, profile):
    files = _evidence(tmp_path, 2)
    result = drain(build_bundle(_case(files), tmp_path / "out", profile))
    text = "".join(page.extract_text() for page in PdfReader(result.index_pdf).pages)
    assert "TA-2026-0101" in text and "Output current 2 A" in text
    for item in files:
        digest = hashlib.sha256(item.path.read_bytes()).hexdigest()
        assert all(digest[i:i + 16] in text for i in range(0, 64, 16))
        assert item.caption in text


def test_what_cannot_fit_is_left_out_of_the_upload_and_says_so(tmp_path, profile):
    files = [*_evidence(tmp_path, 1),
             BundleFile(fake_video(tmp_path, "unboxing.mp4", 12_000_000), "Unboxing")]
    result = drain(build_bundle(_case(files), tmp_path / "out", profile))
    assert not result.ok and result.check.ok
    assert [u.rule for u in result.fit.unfit] == ["EV-SIZE"]
    assert "not uploaded" in PdfReader(result.index_pdf).pages[0].extract_text()


def test_cancelled_bundle_leaves_nothing(tmp_path, profile):
    job = build_bundle(_case(_evidence(tmp_path, 3)), tmp_path / "out", profile)
    for _ in range(3):
        next(job)
    job.close()
    assert list((tmp_path / "out").iterdir()) == []


def test_second_bundle_for_the_same_order_gets_its_own_folder(tmp_path, profile):
    files = _evidence(tmp_path, 1)
    first = drain(build_bundle(_case(files), tmp_path / "out", profile))
    second = drain(build_bundle(_case(files), tmp_path / "out", profile))
    assert first.folder != second.folder and first.index_pdf.exists()
