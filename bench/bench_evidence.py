"""Evidence speed: check 5 files of 10 MB (``evidence check``) beside ``sha256sum`` of the same
files in the same run; fit a 40-megapixel photo; fit the messy set of issue 4 (8 photos of
12-20 MB, a PDF, a video) and bundle it. Prints figures.

    python bench/bench_evidence.py [--runs N] [--check-only]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_db import machine, ratio_line

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


def seconds(func) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of this process's threads and of its children."""
    def cpu() -> float:
        own, children = (resource.getrusage(who) for who in
                         (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start, start_cpu = time.perf_counter(), cpu()
    func()
    return time.perf_counter() - start, cpu() - start_cpu


def check_against_sha256sum(photos: list[Path], runs: int) -> None:
    """The evidence check (hash, type, size, name, every image decoded) beside sha256sum. The
    CPU time is printed too: on a busy machine the wall time says more about the others."""
    profile = default_profile()
    sha256sum = ["sha256sum", *map(str, photos)]
    subprocess.run(sha256sum, check=True, capture_output=True)  # both start from the cache
    ours, anchor = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        ours.append(seconds(lambda: check_set(photos, profile)))
        anchor.append(seconds(lambda: subprocess.run(sha256sum, check=True, capture_output=True)))
    sizes = [p.stat().st_size for p in photos]
    print(f"evidence check of {len(photos)} photos of {min(sizes) / 1e6:.1f}-"
          f"{max(sizes) / 1e6:.1f} MB, median of {runs} runs; {machine()}")
    print(f"  all accepted: {check_set(photos, profile).ok}")
    wall, cpu = ([statistics.median(t[i] for t in times) for times in (ours, anchor)]
                 for i in (0, 1))
    print(ratio_line("evidence check", wall[0], "sha256sum", wall[1], "ms", 2))
    print(f"  CPU time: evidence check {cpu[0] * 1000:.0f} ms (on every core) | sha256sum "
          f"{cpu[1] * 1000:.0f} ms (one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check-only", action="store_true", help="only the 5 x 10 MB check")
    args = parser.parse_args()
    profile = default_profile()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        photos = [noisy_photo(root / f"photo {n}.jpg", (3580, 2685), 95) for n in range(5)]
        check_against_sha256sum(photos, args.runs)
        if args.check_only:
            return

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
