"""Evidence use cases: attach files to an order, caption them, check them, trash and restore,
make them uploadable, export a dispute bundle.

Threading: ``import_files``, ``check``, ``thumbnail``, ``plan_fit``, ``fit`` and ``build_bundle``
touch files only and may run off the GUI thread when given the ``profile`` (read on the GUI
thread: the active profile lives in the database); everything that reads or writes the database
(``attach``, ``items``, ``set_caption``, ``trash``...) stays on the caller's thread.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.core.domain.errors import NotFound, TADesktopError
from ta_desktop.core.domain.evidence import (
    BundleCase,
    BundleFile,
    EvidenceItem,
    FileCheck,
    Progress,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.services.evidence.bundle import BundleResult, build_bundle
from ta_desktop.core.services.evidence.check import (
    FileFacts,
    ImageRefused,
    check_file,
    file_facts,
    open_image,
)
from ta_desktop.core.services.evidence.fit import FitOptions, FitPlan, FitResult, fit_evidence
from ta_desktop.core.services.evidence.fit import plan_fit as _plan_fit
from ta_desktop.core.storage.changes import changes_of
from ta_desktop.core.storage.db import Database
from ta_desktop.core.storage.evidence_store import BlobStore, EvidenceRepository
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository


@dataclass(frozen=True)
class IncomingFile:
    """A file copied into the store but not yet attached to an order."""

    original: Path
    facts: FileFacts


@dataclass
class ImportResult:
    files: list[IncomingFile] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files as given, and every file inside given folders (hidden ones skipped), sorted; and
    the links in those folders that lead outside the folder picked, each with why it was left
    out (a folder of photos must not pull in whatever a link points at)."""
    found: list[Path] = []
    outside: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        root, inside = path.resolve(), []
        for folder, folders, names in os.walk(path):  # links to folders are never entered
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name, is_file in [*((n, False) for n in folders), *((n, True) for n in names)]:
                entry = Path(folder) / name
                if name.startswith("."):
                    continue
                if entry.is_symlink() and not (target := entry.resolve()).is_relative_to(root):
                    outside.append((entry, f"it is a link to {target}, outside the folder you "
                                           f"picked ({path}); add that file itself if you "
                                           "meant it."))
                elif is_file:
                    inside.append(entry)
        found += sorted(inside)
    return found, outside


# Leftovers younger than this may still be written (a long import, a trash being emptied in
# another window); older ones are dealt with when a workspace opens. Not a platform rule.
LEFTOVER_AGE = timedelta(hours=24)


class EvidenceService:
    def __init__(
        self, db: Database, root: Path, profile: Callable[[], RuleProfile],
        now: Callable[[], datetime] = datetime.now, store: BlobStore | None = None,
    ):
        self._db = db
        self._profile = profile
        self._now = now
        # Where the bytes live: files under ``root``, or the team's database (team_blobs).
        self.store = store or BlobStore(root)

    # --- files only (any thread) ----------------------------------------------------------------
    def import_files(
        self, paths: Iterable[Path], profile: RuleProfile | None = None
    ) -> ImportResult:
        """Copy files (and the files inside folders) into the store. The originals are only read."""
        profile = profile or self._profile()
        found, outside = expand_paths(paths)
        result = ImportResult(skipped=outside)
        for path in found:
            try:
                sha256, _ = self.store.put(path, profile.evidence_import_max_bytes)
                facts = file_facts(self.store.path_of(sha256), profile, sha256)
            except (OSError, TADesktopError) as error:
                result.skipped.append((path, getattr(error, "strerror", None) or str(error)))
                continue
            result.files.append(IncomingFile(path, facts))
        return result

    def path_of(self, item: EvidenceItem) -> Path:
        return self.store.path_of(item.sha256)

    def check(self, item: EvidenceItem, profile: RuleProfile | None = None) -> FileCheck:
        """The upload rules for one stored file, judged by its original name."""
        return check_file(self.path_of(item), profile or self._profile(), item.original_name)

    def thumbnail(
        self, item: EvidenceItem, size: int = 160, profile: RuleProfile | None = None
    ) -> bytes | None:
        """A small PNG of an image (None for other files or an image that cannot be read)."""
        from PIL import Image  # Pillow loads with the feature, not at start-up

        try:
            with open_image(self.path_of(item), profile or self._profile()) as image:
                image.draft("RGB", (size, size))
                image.thumbnail((size, size))
                buffer = io.BytesIO()
                image.convert("RGBA" if "A" in image.getbands() else "RGB").save(buffer, "PNG")
                return buffer.getvalue()
        except (ImageRefused, OSError, ValueError, Image.DecompressionBombError):
            return None

    def plan_fit(
        self, items: list[EvidenceItem], options: FitOptions | None = None,
        out_dir: Path | None = None, profile: RuleProfile | None = None,
    ) -> FitPlan:
        return _plan_fit([(self.path_of(i), i.original_name) for i in items],
                         profile or self._profile(), options, out_dir)

    def fit(self, plan: FitPlan, out_dir: Path) -> Generator[Progress, None, FitResult]:
        return fit_evidence(plan, out_dir)

    def build_bundle(
        self, case: BundleCase, out_dir: Path, options: FitOptions | None = None,
        profile: RuleProfile | None = None,
    ) -> Generator[Progress, None, BundleResult]:
        return build_bundle(case, out_dir, profile or self._profile(), options,
                            today=self._now().date())

    # --- database (the caller's thread) ---------------------------------------------------------
    def attach(
        self, order_id: int, incoming: Iterable[IncomingFile], claim_id: int | None = None
    ) -> Outcome[list[EvidenceItem]]:
        """Record stored files as evidence of an order; the same content twice is kept once.

        Each file is checked in place inside the transaction, which holds the database's write
        lock from its start to its commit (``writing()``); ``empty_trash`` removes a file only
        while holding it too, so a file removed between the import and now is noticed here and
        copied in again from the original (or the attach is refused, changing nothing)."""
        added, copied = [], []
        with self._db.writing() as session:
            OrderRepository(session).get(order_id)  # NotFound for a deleted order
            repository = EvidenceRepository(session)
            for file in incoming:
                facts = file.facts
                if repository.find(order_id, facts.sha256) is not None:
                    continue
                ensure = getattr(self.store, "upload", None)
                if ensure is not None:  # team storage: emptied by a colleague since imported?
                    ensure(facts.sha256)
                added.append(repository.add(EvidenceItem(
                    order_id=order_id, original_name=file.original.name, size=facts.size,
                    sha256=facts.sha256, detected_type=facts.detected_type,
                    image_size=facts.image_size, captured_at=facts.captured_at,
                    claim_id=claim_id, added_at=self._now(),
                )))
                copied.append(file)
            for file in copied:  # under the write lock
                self._ensure_stored(file)
        return Outcome(added, changes_of(session))

    @property
    def local_store(self) -> BlobStore:
        """The files on this machine: the store of a database file, or a team member's cache
        of the team's store (``team_blobs``)."""
        return getattr(self.store, "cache", self.store)

    @property
    def _in_team(self) -> bool:
        return self.local_store is not self.store

    def _ensure_stored(self, file: IncomingFile) -> None:
        facts = file.facts
        if self._in_team or self.store.holds(facts.sha256, facts.size):
            return  # the team's store: ``upload`` above put the bytes back if they had gone
        why = "it changed since"
        try:
            sha256, _ = self.store.put(file.original, self._profile().evidence_import_max_bytes)
        except (OSError, TADesktopError) as error:
            why = f"it cannot be read again ({getattr(error, 'strerror', None) or error})"
        else:
            if sha256 == facts.sha256:
                return
        raise NotFound(f"The stored copy of {file.original.name} was removed meanwhile (the "
                       f"trash was emptied) and {why}; add it again. Nothing was attached.")

    def add_files(
        self, order_id: int, paths: Iterable[Path], claim_id: int | None = None
    ) -> Outcome[list[EvidenceItem]]:
        """Import and attach in one call (scripts and tests; the UI imports off its thread)."""
        return self.attach(order_id, self.import_files(paths).files, claim_id)

    def items(self, order_id: int) -> list[EvidenceItem]:
        with self._db.unit_of_work() as session:
            return EvidenceRepository(session).for_order(order_id)

    def trashed(self, order_id: int | None = None) -> list[EvidenceItem]:
        with self._db.unit_of_work() as session:
            return EvidenceRepository(session).trashed(order_id)

    def set_caption(self, item_id: int, caption: str, version: int | None = None
                    ) -> Outcome[EvidenceItem]:
        """Caption a file; with ``version`` (of the item the caption was typed on), an item
        changed since is a ``ConflictError``."""
        with self._db.writing() as session:
            item = EvidenceRepository(session).update(item_id, version, caption=caption.strip())
        return Outcome(item, changes_of(session))

    def set_claim(self, item_id: int, claim_id: int | None) -> Outcome[EvidenceItem]:
        with self._db.writing() as session:
            item = EvidenceRepository(session).update(item_id, claim_id=claim_id)
        return Outcome(item, changes_of(session))

    def trash(self, item_id: int) -> Outcome[EvidenceItem]:
        """Take a file off the order; it waits in the trash until the trash is emptied."""
        with self._db.writing() as session:
            item = EvidenceRepository(session).update(item_id, trashed_at=self._now())
        return Outcome(item, changes_of(session))

    def restore(self, item_id: int) -> Outcome[EvidenceItem]:
        with self._db.writing() as session:
            item = EvidenceRepository(session).update(item_id, trashed_at=None)
        return Outcome(item, changes_of(session))

    def empty_trash(self, order_id: int | None = None) -> Outcome[int]:
        """Delete trashed evidence for good (and the stored bytes nothing else uses).

        A file is taken out of its place only inside the transaction that deleted its last row
        (so under the database's write lock, like ``attach``'s check), and is
        removed for good once the transaction committed; if anything fails before, it goes back.
        A crash in between leaves it set aside in the store, where the next start puts it back
        (its row survived) or removes it (its row is gone)."""
        if self._in_team:
            return self._empty_team_trash(order_id)
        aside: list[tuple[str, Path]] = []
        try:
            with self._db.writing() as session:
                repository = EvidenceRepository(session)
                doomed = repository.trashed(order_id)
                unused = repository.purge([i.id for i in doomed if i.id is not None])
                for sha256 in sorted(unused):
                    aside.append((sha256, self.store.aside_path(sha256)))
                    self.store.set_aside(*aside[-1])
        except BaseException:
            for sha256, path in aside:
                self.store.put_back(sha256, path)
            raise
        for _, path in aside:
            path.unlink(missing_ok=True)
        return Outcome(len(doomed), changes_of(session))

    def _empty_team_trash(self, order_id: int | None) -> Outcome[int]:
        # The team's store deletes bytes in one statement that re-checks, in the database,
        # that no row uses them; an attach uploads them again if they went meanwhile.
        with self._db.writing() as session:
            repository = EvidenceRepository(session)
            doomed = repository.trashed(order_id)
            unused = repository.purge([i.id for i in doomed if i.id is not None])
        for sha256 in unused:
            self.store.delete(sha256)
        return Outcome(len(doomed), changes_of(session))

    def tidy_store(self, older_than: timedelta = LEFTOVER_AGE) -> list[str]:
        """Clean what interrupted imports and trash emptying left in the files on this machine
        (see ``BlobStore.tidy``); run when a workspace opens."""
        if not self.local_store.leftovers():
            return []

        def used(sha256: str) -> bool:
            with self._db.unit_of_work() as session:
                return EvidenceRepository(session).uses(sha256) > 0

        return self.local_store.tidy(used, older_than)

    def bundle_case(
        self, order_id: int, items: list[EvidenceItem], claim_type: str, claim_text: str,
        broken_terms: Iterable[str] = (), amount_claimed: str = "",
    ) -> BundleCase:
        """The plain description of a dispute the bundle builder needs, read in one go."""
        with self._db.unit_of_work() as session:
            order = OrderRepository(session).get(order_id)
            supplier = SupplierRepository(session).get(order.supplier_id)
        total = sum((line.total for line in order.lines), start=0)
        return BundleCase(
            order_number=order.order_number, supplier_name=supplier.name,
            supplier_country=supplier.country, claim_type=claim_type, claim_text=claim_text,
            broken_terms=tuple(t.strip() for t in broken_terms if t.strip()),
            files=tuple(BundleFile(self.path_of(i), i.caption, i.original_name) for i in items),
            order_date=order.created_on,
            order_total=fmt.money(total, order.currency) if order.lines else "",
            amount_claimed=amount_claimed,
            products=tuple(f"{line.product} x {fmt.quantity(line.quantity, line.unit)}"
                           for line in order.lines),
        )
