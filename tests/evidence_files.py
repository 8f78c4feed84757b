"""Factories for evidence files, good and bad, made at test time (no binaries in the repo)."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image

EXE_HEAD = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (120, 90), **params) -> bytes:
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    Image.new(mode, size, 40).save(buffer, fmt, **params)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def image_file(folder: Path, name: str, fmt: str = "JPEG", **params) -> Path:
    return write(folder, name, image_bytes(fmt, **params))


def padded_jpeg(folder: Path, name: str, size: int) -> Path:
    """A valid JPEG of exactly ``size`` bytes (bytes after the end marker are ignored)."""
    data = image_bytes("JPEG")
    return write(folder, name, data + b"\x00" * (size - len(data)))


def zip_file(folder: Path, name: str, entries: dict[str, bytes], deflate: bool = True) -> Path:
    path = folder / name
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", method) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


def encrypted_zip(folder: Path, name: str) -> Path:
    """A zip whose entry carries the 'encrypted' flag bit in both of its headers."""
    path = zip_file(folder, name, {"secret.txt": b"password protected " * 10}, deflate=False)
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        flags = struct.unpack_from("<H", data, start + flag_offset)[0]
        struct.pack_into("<H", data, start + flag_offset, flags | 0x1)
    path.write_bytes(bytes(data))
    return path


def bomb_png(folder: Path, name: str, width: int = 60_000, height: int = 60_000) -> Path:
    """A tiny PNG whose header claims billions of pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))
    return write(folder, name, data)


def fake_video(folder: Path, name: str, size: int) -> Path:
    return write(folder, name, b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
                 + os.urandom(size - 24))


def pdf_file(folder: Path, name: str) -> Path:
    from reportlab.pdfgen import canvas

    path = folder / name
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "Third-party inspection report: 12 of 80 units cracked.")
    page.save()
    return path


class NoisyPhotos:
    """Camera-sized photos that really are 12-20 MB: noise defeats JPEG compression.

    The noise is made once and cropped differently for each photo, to stay fast. Each plane
    repeats a 1024-pixel tile of noise: JPEG codes every 8 x 8 block on its own, so a repeated
    tile compresses no better than fresh noise (the same file sizes), at a twentieth of the cost.
    """

    TILE = 1024

    def __init__(self) -> None:
        self.width, self.height = 5200, 4000
        self.planes = [self._plane() for _ in range(3)]

    def _plane(self) -> Image.Image:
        tile = Image.effect_noise((self.TILE, self.TILE), 60)
        plane = Image.new("L", (self.width, self.height))
        for left in range(0, self.width, self.TILE):
            for top in range(0, self.height, self.TILE):
                plane.paste(tile, (left, top))
        return plane

    def photo(self, folder: Path, name: str, number: int, exif: Image.Exif | None = None) -> Path:
        width, height = 4000 + number * 130, 3000 + number * 100
        left = number * 100 % (self.width - width + 1)
        top = number * 97 % (self.height - height + 1)
        planes = [p.crop((left, top, left + width, top + height)) for p in self.planes]
        turn = number % 3
        image = Image.merge("RGB", planes[turn:] + planes[:turn])
        if exif is None:
            exif = Image.Exif()
            exif[0x0132] = f"2026:10:{number + 1:02d} 10:00:00"
        path = folder / name
        image.save(path, "JPEG", quality=95, exif=exif.tobytes())
        return path
