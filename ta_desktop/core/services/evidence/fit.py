""""Make it uploadable": turn any pile of evidence files into a set the platform accepts.

Two steps so the user sees what will happen before it happens:
``plan_fit`` reads the files (no writing) and returns a ``FitPlan``: which new files it will
produce from which originals, and what cannot fit and why. ``fit_evidence`` carries a plan out as a
generator yielding ``Progress`` and returning a ``FitResult``. Everything is written to a hidden
staging folder inside the output folder and renamed into place only at the end, so a cancelled
run (``generator.close()``) leaves nothing behind. Originals are only read.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ta_desktop.core.domain.evidence import (
    COMPRESSED_TYPES,
    EXTENSION_TYPES,
    IMAGE_TYPES,
    PROGRAM_TYPES,
    TYPE_EXTENSIONS,
    FileCheck,
    Progress,
    SetCheck,
    megabytes,
    safe_name,
    type_label,
    unique_name,
    with_extension,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.evidence.check import (
    ImageRefused,
    check_file,
    check_set,
    has_gps,
    named,
    open_image,
)
from ta_desktop.core.services.evidence.images import encode_to_fit
from ta_desktop.core.storage.files import (
    check_output_folder,
    move_into_place,
    staging_folder,
    write_atomically,
)

try:  # HEIC photos (iPhone) convert only where the optional plugin is installed
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - depends on the machine
    HEIC_SUPPORTED = False
else:  # pragma: no cover
    register_heif_opener()
    HEIC_SUPPORTED = True

# Bytes a zip spends around each entry (local + central headers, zip64 extras) besides its name
# twice, and once for the whole archive; used to keep every zip under the size limit.
_ZIP_ENTRY_OVERHEAD = 160
_ZIP_ARCHIVE_OVERHEAD = 128
_ZIP_STEM = "evidence-files"


@dataclass(frozen=True)
class FitOptions:
    strip_gps: bool = False
    # Legibility: shrink images no further than this long side unless nothing else fits.
    min_long_side: int = 1600
    # Files the set may hold; None = the profile's EV-COUNT (the bundle keeps one for its summary).
    max_files: int | None = None


@dataclass
class _Source:
    """One input the planner will use, with what it knows about it."""

    check: FileCheck
    image: bool  # re-encodable by Pillow
    shrink: bool = False  # an image over the size limit
    convert: bool = False  # an image in a format the platform refuses
    gps: bool = False  # an image whose GPS location must go
    packed_size: int = 0  # bytes a non-image takes in a zip (deflated when that helps)
    deflate: bool = False
    bound: int = 0  # an image's re-encoded size never exceeds this

    @property
    def path(self) -> Path:
        return self.check.path

    @property
    def needs_work(self) -> bool:
        return self.shrink or self.convert or self.gps

    @property
    def extension(self) -> str | None:
        """The extension of the file it becomes (None: keep the name's own)."""
        kind = self.check.detected_type
        if self.image and (self.shrink or kind in ("webp", "heic", "avif")):
            return "jpg"
        if self.image and self.convert:
            return "png"
        return TYPE_EXTENSIONS.get(kind or "") if self.image else None

    def worst_size(self, target: int) -> int:
        """The most bytes this file can take when images are held to ``target``."""
        if not self.image:
            return self.packed_size
        if not self.needs_work and self.check.size <= target:
            return self.check.size
        return min(target, self.bound)


@dataclass
class PlannedMember:
    source: Path
    label: str  # the source's name as the user knows it
    name: str
    image_target: int | None  # re-encode to at most this many bytes; None = copy as is
    deflate: bool = False


@dataclass
class PlannedOutput:
    name: str
    action: str  # "copy", "rename", "re-encode", "convert", "strip-gps", "zip"
    note: str
    members: list[PlannedMember]

    @property
    def sources(self) -> list[Path]:
        return [m.source for m in self.members]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "action": self.action, "note": self.note,
                "sources": [str(s) for s in self.sources]}


@dataclass
class Unfit:
    path: Path
    rule: str
    reason: str
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name

    def to_json(self) -> dict[str, str]:
        return {"path": str(self.path), "rule": self.rule, "reason": self.reason}


@dataclass
class FitPlan:
    outputs: list[PlannedOutput]
    unfit: list[Unfit]
    options: FitOptions
    profile: RuleProfile

    def describe(self) -> list[str]:
        """The plan in plain sentences, one per new file, then what cannot fit."""
        lines = [f"{o.name}: {o.note}" for o in self.outputs]
        lines += [f"Cannot fit {u.name}: {u.reason}" for u in self.unfit]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {"outputs": [o.to_json() for o in self.outputs],
                "unfit": [u.to_json() for u in self.unfit]}


@dataclass
class ProducedFile:
    path: Path
    size: int
    action: str
    note: str
    sources: list[Path]
    # The name each source has in the upload: inside the zip, or the file's own name.
    entries: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "size": self.size, "action": self.action,
                "note": self.note, "sources": [str(s) for s in self.sources],
                "entries": self.entries}


@dataclass
class FitResult:
    out_dir: Path
    produced: list[ProducedFile]
    unfit: list[Unfit]
    check: SetCheck
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unfit and self.check.ok

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "out": str(self.out_dir),
            "produced": [p.to_json() for p in self.produced],
            "unfit": [u.to_json() for u in self.unfit],
            "check": self.check.to_json(),
        }


# --- Planning -------------------------------------------------------------------------------


def plan_fit(
    paths: Iterable[Path | tuple[Path, str]], profile: RuleProfile,
    options: FitOptions | None = None, out_dir: Path | None = None,
) -> FitPlan:
    """What ``fit_evidence`` will produce from ``paths`` (nothing is written).

    An item may be ``(path, original name)`` for a stored copy."""
    if out_dir is not None:
        check_output_folder(out_dir)
    options = options or FitOptions()
    slots = profile.evidence_max_files if options.max_files is None else options.max_files
    bin_room = profile.evidence_max_bytes - _ZIP_ARCHIVE_OVERHEAD
    sources, unfit = [], []
    for path, name in map(named, paths):
        source = _classify(check_file(path, profile, name), profile, options)
        if isinstance(source, Unfit):
            unfit.append(source)
        elif not source.image and source.packed_size > bin_room:
            unfit.append(_too_big(source, profile))
        else:
            sources.append(source)
    while True:
        layout = _layout(sources, slots, profile, options)
        if layout is not None:
            break
        # Even the smallest images leave no room: give up the largest non-image file.
        others = [s for s in sources if not s.image] or sources
        dropped = max(others, key=lambda s: s.packed_size or s.check.size)
        sources.remove(dropped)
        unfit.append(Unfit(dropped.path, "EV-COUNT",
                           f"no room for it within {slots} files of at most "
                           f"{megabytes(profile.evidence_max_bytes)}; keep the files that prove "
                           "the claim best.", dropped.check.name))
    taken = {p.name for p in out_dir.iterdir()} if out_dir and out_dir.is_dir() else set()
    return FitPlan(_name_outputs(layout, taken, profile, options), unfit, options, profile)


def _classify(check: FileCheck, profile: RuleProfile, options: FitOptions) -> _Source | Unfit:
    kind, rules = check.detected_type, check.rules()
    first = {p.rule: p.message for p in check.problems}
    if "EV-EMPTY" in rules:
        return Unfit(check.path, "EV-EMPTY", "the file is empty.", check.name)
    if kind in PROGRAM_TYPES:
        return Unfit(check.path, "EV-TYPE", f"it is {type_label(kind)}; programs are never "
                     "evidence.", check.name)
    if "EV-CORRUPT" in rules:
        return Unfit(check.path, "EV-CORRUPT", first["EV-CORRUPT"], check.name)
    if "EV-ZIP" in rules:
        return Unfit(check.path, "EV-ZIP", first["EV-ZIP"], check.name)
    if kind in IMAGE_TYPES and _readable_image(check, profile):
        # A converted image may grow a little; a re-encoded photo never needs more than it had.
        bound = check.size if kind == "jpeg" else max(2 * check.size, 1_000_000)
        return _Source(
            check, image=True, bound=bound, shrink="EV-SIZE" in rules,
            convert=kind not in {EXTENSION_TYPES.get(e) for e in profile.evidence_extensions},
            gps=options.strip_gps and _image_has_gps(check.path, profile),
        )
    source = _Source(check, image=False)
    source.packed_size, source.deflate = _packed_size(check)
    return source


def _readable_image(check: FileCheck, profile: RuleProfile) -> bool:
    if check.image_size is not None:
        return True
    try:
        with open_image(check.path, profile) as image:
            check.image_size = image.size
        return True
    except ImageRefused:
        return False


def _image_has_gps(path: Path, profile: RuleProfile) -> bool:
    try:
        with open_image(path, profile) as image:
            return has_gps(image)
    except ImageRefused:
        return False


def _packed_size(check: FileCheck) -> tuple[int, bool]:
    """Bytes the file takes inside a zip, and whether deflating it is worth it."""
    if check.detected_type in COMPRESSED_TYPES:
        return check.size, False
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = 0
    with check.path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            packed += len(compressor.compress(chunk))
    packed += len(compressor.flush())
    return (packed, True) if packed < check.size else (check.size, False)


def _too_big(source: _Source, profile: RuleProfile) -> Unfit:
    kind = type_label(source.check.detected_type)
    return Unfit(
        source.path, "EV-SIZE",
        f"it is {kind} of {megabytes(source.check.size)} and stays "
        f"{megabytes(source.packed_size)} even in a zip; each file may be at most "
        f"{megabytes(profile.evidence_max_bytes)}. Cut it to the part that shows the problem, "
        "or split it, and try again.", source.check.name,
    )


@dataclass
class _Layout:
    standalone: list[_Source]
    bins: list[list[_Source]]
    target: int  # images in bins are held to this many bytes


def _entry_cost(name_bytes: int, size: int) -> int:
    return size + _ZIP_ENTRY_OVERHEAD + 2 * name_bytes


def _layout(
    sources: list[_Source], slots: int, profile: RuleProfile, options: FitOptions
) -> _Layout | None:
    """Largest image target, then most standalone images, such that everything fits in slots."""
    if not sources:
        return _Layout([], [], profile.evidence_max_bytes)
    room = profile.evidence_max_bytes - _ZIP_ARCHIVE_OVERHEAD
    images = [s for s in sources if s.image]
    others = [s for s in sources if not s.image]
    # Standalone accepted zips stay as they are rather than being zipped again.
    ready_zips = [s for s in others if s.check.ok and s.check.detected_type == "zip"]
    others = [s for s in others if s not in ready_zips]
    free = slots - len(ready_zips)
    if free < 0:
        others += ready_zips[free:]
        ready_zips, free = ready_zips[:free], 0
    for divisor in range(1, 2 * len(sources) + 2):
        target = room // divisor - _ZIP_ENTRY_OVERHEAD - 2 * 255
        if target < 1:
            break
        for alone in range(min(len(images), free), -1, -1):
            bins = _first_fit(images[alone:] + others, target, room)
            if bins is not None and alone + len(bins) <= free:
                return _Layout(ready_zips + images[:alone], bins, target)
    return None


def _first_fit(items: list[_Source], target: int, room: int) -> list[list[_Source]] | None:
    """First-fit decreasing bin packing by each item's worst-case size (None: one is too big)."""
    bins: list[list[_Source]] = []
    loads: list[int] = []
    name_room = 255  # worst case for a member name in bytes
    for item in sorted(items, key=lambda s: s.worst_size(target), reverse=True):
        cost = _entry_cost(name_room, item.worst_size(target))
        if cost > room:
            return None
        for index, load in enumerate(loads):
            if load + cost <= room:
                bins[index].append(item)
                loads[index] += cost
                break
        else:
            bins.append([item])
            loads.append(cost)
    return bins


def _name_outputs(
    layout: _Layout, taken: set[str], profile: RuleProfile, options: FitOptions
) -> list[PlannedOutput]:
    outputs = []
    names = set(taken)
    for source in layout.standalone:
        output = _standalone_output(source, names, profile)
        names.add(output.name)
        outputs.append(output)
    for number, members in enumerate(layout.bins, start=1):
        zip_name = unique_name(f"{_ZIP_STEM}-{number}.zip", names)
        names.add(zip_name)
        inside: set[str] = set()
        planned = []
        for source in members:
            name = unique_name(_output_name(source), inside)
            inside.add(name)
            shrink = source.image and (source.needs_work or source.check.size > layout.target)
            planned.append(PlannedMember(source.path, source.check.name, name,
                                         min(layout.target, source.bound) if shrink else None,
                                         source.deflate))
        shrunk = sum(1 for m in planned if m.image_target is not None)
        note = f"zip of {len(planned)} file(s): " + ", ".join(m.label for m in planned)
        if shrunk:
            note += f"; {shrunk} image(s) shrunk to at most {megabytes(layout.target)} each"
        outputs.append(PlannedOutput(zip_name, "zip", note, planned))
    return outputs


def _output_name(source: _Source) -> str:
    return safe_name(source.check.name, source.extension)


def _standalone_output(source: _Source, names: set[str], profile: RuleProfile) -> PlannedOutput:
    check, limit = source.check, profile.evidence_max_bytes
    name = unique_name(_output_name(source), names)
    kind = check.detected_type
    if not source.image:  # an accepted zip
        action = "copy" if name == check.name else "rename"
        return PlannedOutput(name, action, f"{action} of {check.name}",
                             [PlannedMember(check.path, check.name, name, None)])
    if not source.needs_work:
        action = "copy" if name == check.name else "rename"
        note = "unchanged copy" if action == "copy" else f"renamed copy of {check.name}"
        return PlannedOutput(name, action, note,
                             [PlannedMember(check.path, check.name, name, None)])
    target = min(limit, source.bound)
    if source.shrink:
        action, note = "re-encode", (f"{check.name} ({megabytes(check.size)}) shrunk to at "
                                     f"most {megabytes(target)}")
    elif source.convert:
        action, note = "convert", f"{type_label(kind)} {check.name} converted"
    else:
        action, note = "strip-gps", f"{check.name} without its GPS location"
    return PlannedOutput(name, action, note, [PlannedMember(check.path, check.name, name, target)])


# --- Doing it -------------------------------------------------------------------------------


def fit_evidence(plan: FitPlan, out_dir: Path) -> Generator[Progress, None, FitResult]:
    """Produce the planned files in ``out_dir``; yields progress, returns the result."""
    out_dir = check_output_folder(out_dir)
    out_dir.mkdir(exist_ok=True)
    unfit = list(plan.unfit)
    ready: list[tuple[Path, PlannedOutput]] = []
    total = sum(len(o.members) for o in plan.outputs) + 1
    done = 0
    with staging_folder(out_dir, "fit") as staging:
        for output in plan.outputs:
            try:
                staged = yield from _write_output(output, staging, plan, done, total, unfit)
            except ImageRefused as refused:
                unfit.append(_unconvertible(output.members[0], refused))
                continue
            finally:
                done += len(output.members)
            if staged.stat().st_size > plan.profile.evidence_max_bytes:
                unfit += [Unfit(m.source, "EV-SIZE", "could not be made small enough.", m.label)
                          for m in output.members]
                continue
            ready.append((staged, output))
        yield Progress(done, total, "Putting the new files in place")
        left_out = {u.path for u in unfit}
        produced = [_publish(staged, output, out_dir, left_out) for staged, output in ready]
    check = check_set([p.path for p in produced], plan.profile)
    yield Progress(total, total, "Done")
    return FitResult(out_dir, produced, unfit, check)


def run_fit(
    paths: Iterable[Path], out_dir: Path, profile: RuleProfile, options: FitOptions | None = None
) -> FitResult:
    """Plan and produce in one call, without progress (the CLI and tests)."""
    return drain(fit_evidence(plan_fit(paths, profile, options, out_dir), out_dir))


def drain(generator: Generator[Progress, None, Any]) -> Any:
    """Run a progress generator to its end and return its result."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def _write_output(
    output: PlannedOutput, staging: Path, plan: FitPlan, done: int, total: int,
    unfit: list[Unfit],
) -> Generator[Progress, None, Path]:
    """Write one planned file into ``staging``; returns its path (its extension may change).

    An image that cannot be converted is left out of its zip and added to ``unfit``."""
    if output.action != "zip":
        member = output.members[0]
        yield Progress(done, total, f"Making {output.name} from {member.label}")
        if member.image_target is None:
            staged = staging / output.name
            with write_atomically(staged) as out, member.source.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
        else:
            data, extension = _encode(member, plan)
            staged = staging / with_extension(output.name, extension)
            with write_atomically(staged) as out:
                out.write(data)
        return staged
    staged = staging / output.name
    with write_atomically(staged) as out, zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for number, member in enumerate(output.members):
            yield Progress(done + number, total, f"Adding {member.label} to {output.name}")
            stamp = datetime.fromtimestamp(member.source.stat().st_mtime).timetuple()[:6]
            stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
            if member.image_target is not None:
                try:
                    data, extension = _encode(member, plan)
                except ImageRefused as refused:
                    unfit.append(_unconvertible(member, refused))
                    continue
                info = zipfile.ZipInfo(with_extension(member.name, extension), date_time=stamp)
                archive.writestr(info, data, compress_type=zipfile.ZIP_STORED)
                continue
            info = zipfile.ZipInfo(member.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if member.deflate else zipfile.ZIP_STORED
            info.file_size = member.source.stat().st_size
            with member.source.open("rb") as src, archive.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    return staged


def _unconvertible(member: PlannedMember, refused: ImageRefused) -> Unfit:
    return Unfit(member.source, "EV-CORRUPT", f"cannot be converted ({refused}).", member.label)


def _encode(member: PlannedMember, plan: FitPlan) -> tuple[bytes, str]:
    assert member.image_target is not None
    options = plan.options
    return encode_to_fit(member.source, member.image_target, plan.profile, options.strip_gps,
                         options.min_long_side)


def _publish(
    staged: Path, output: PlannedOutput, out_dir: Path, left_out: set[Path]
) -> ProducedFile:
    taken = {p.name for p in out_dir.iterdir()}
    final = out_dir / unique_name(staged.name, taken)
    if output.action == "zip":
        with zipfile.ZipFile(staged) as archive:
            entries = archive.namelist()
    else:
        entries = [final.name]
    move_into_place(staged, final)
    sources = [s for s in output.sources if s not in left_out]
    return ProducedFile(final, final.stat().st_size, output.action, output.note, sources, entries)
