"""Evidence speed: validate 5 files of 10 MB; fit a 40-megapixel photo; fit the messy set of
issue 4 (8 photos of 12-20 MB, a PDF, a video) and bundle it. Prints figures.

    python bench/bench_evidence.py
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ta_desktop.core.domain.evidence import BundleCase, BundleFile
from ta_desktop.core.domain.rules import default_profile
from ta_desktop.core.services.evidence.bundle import build_bundle
from ta_desktop.core.services.evidence.check import check_set
from ta_desktop.core.services.evidence.fit import (
    FitOptions,
    drain,
    fit_evidence,
    plan_fit,
    run_fit,
)
from tests.evidence_files import NoisyPhotos, fake_video, pdf_file


def noisy_photo(path: Path, size: tuple[int, int], quality: int) -> Path:
    """Camera-like worst case: noise keeps JPEG from compressing."""
    planes = [Image.effect_noise(size, 50) for _ in range(3)]
    Image.merge("RGB", planes).save(path, "JPEG", quality=quality)
    return path


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    profile = default_profile()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        photos = [noisy_photo(root / f"photo {n}.jpg", (3580, 2685), 95) for n in range(5)]
        sizes = [p.stat().st_size for p in photos]
        print(f"5 photos of {min(sizes) / 1e6:.1f}-{max(sizes) / 1e6:.1f} MB, "
              f"{3580 * 2685 / 1e6:.1f} MP each")
        result = timed("validate 5 x ~10 MB (full decode)", lambda: check_set(photos, profile))
        print(f"  all accepted: {result.ok}")

        big = noisy_photo(root / "camera 40MP.jpg", (7744, 5163), 92)
        print(f"40 MP photo: {big.stat().st_size / 1e6:.1f} MB, 7744 x 5163")
        plan = timed("plan (validate + layout)", lambda: plan_fit([big], profile, FitOptions()))
        made = timed("fit (shrink to the limit)", lambda: drain(fit_evidence(plan, root / "out")))
        with Image.open(made.produced[0].path) as image:
            print(f"  result: {made.produced[0].size / 1e6:.2f} MB, {image.size[0]} x "
                  f"{image.size[1]}, accepted: {made.ok}")

        messy = root / "messy"
        messy.mkdir()
        photos = NoisyPhotos()
        for number in range(8):
            photos.photo(messy, f"破损 照片 {number}.jpg", number)
        pdf_file(messy, "inspection report.pdf")
        fake_video(messy, "unboxing video.mp4", 3_000_000)
        total = sum(p.stat().st_size for p in messy.iterdir())
        print(f"messy set: 10 files, {total / 1e6:.0f} MB")
        sources = sorted(messy.iterdir())
        result = timed("fit messy set (plan + write)",
                       lambda: run_fit(sources, root / "messy-out", profile))
        print(f"  result: {len(result.produced)} files, "
              f"{sum(p.size for p in result.produced) / 1e6:.1f} MB, accepted: {result.ok}")
        case = BundleCase("TA-1", "Supplier", "Quality", "Cracked.",
                          tuple(BundleFile(p, "caption") for p in sources))
        bundle = timed("dispute bundle of the messy set",
                       lambda: drain(build_bundle(case, root / "bundle", profile)))
        print(f"  upload folder: {len(list(bundle.upload_dir.iterdir()))} files, "
              f"accepted: {bundle.ok}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
