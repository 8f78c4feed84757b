"""Image work for evidence: shrink to a byte budget while staying legible, convert, drop GPS.

Everything returns new bytes; the source file is only read.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ta_desktop.core.domain.evidence import megabytes
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.evidence.check import ImageRefused, open_image

if TYPE_CHECKING:
    from PIL import Image

_EXIF_ORIENTATION = 0x0112
_EXIF_GPS_IFD = 0x8825
_SMALLEST_LONG_SIDE = 480
# Starting JPEG quality when an image must be re-encoded, and the lowest we go.
_QUALITY_START = 90
_QUALITY_FLOOR = 60



def encode_to_fit(
    path: Path, target: int, profile: RuleProfile, strip_gps: bool = False,
    min_long_side: int = 1600,
) -> tuple[bytes, str]:
    """The image in at most ``target`` bytes, and its extension ("jpg" or "png").

    A JPEG that already fits only loses its GPS tags (no re-encoding). Lossless sources become
    PNG when that fits; everything else becomes a JPEG, shrunk no more than needed.
    """
    size = path.stat().st_size
    with open_image(path, profile) as image:
        kind = (image.format or "").lower()
        exif = image.getexif()
        if strip_gps:
            exif.pop(_EXIF_GPS_IFD, None)
        if kind == "jpeg" and size <= target:
            exif_bytes = exif.tobytes() if len(exif) else b""
            return replace_jpeg_exif(path.read_bytes(), exif_bytes), "jpg"
        long_side = start = max(image.size)
        if kind == "jpeg":
            # Bytes grow with area: start near the size that should fit, and let the decoder
            # skip the pixels we would throw away anyway.
            start = max(int(long_side * math.sqrt(target / size) * 0.95),
                        min(min_long_side, long_side))
            image.draft("RGB", _scaled(image.size, start))
        try:
            image.load()
            # Turning the pixels upright costs a copy: only when the camera says so.
            turned = exif.get(_EXIF_ORIENTATION, 1) not in (1, None)
            if turned:
                from PIL import ImageOps

                picture = ImageOps.exif_transpose(image)
            else:
                picture = image
        except Exception as error:
            raise ImageRefused(str(error) or type(error).__name__) from None
        exif.pop(_EXIF_ORIENTATION, None)
        exif_bytes = exif.tobytes() if len(exif) else b""
        if kind in ("png", "gif", "bmp", "tiff"):
            data = _save(picture, "PNG", exif_bytes=exif_bytes)
            if len(data) <= target:
                return data, "png"
        return _jpeg_to_fit(picture, target, start, min_long_side, exif_bytes), "jpg"


def _jpeg_to_fit(
    picture: Image.Image, target: int, long_side: int, min_long_side: int, exif_bytes: bytes
) -> bytes:
    rgb = flatten(picture)
    floor = min(min_long_side, max(rgb.size))
    quality = _QUALITY_START
    first = True
    while True:
        data = _jpeg(rgb, long_side, quality, exif_bytes)
        if len(data) <= target:
            # The first guess from the file size can undershoot a lot: take one step back up.
            grown = min(max(rgb.size), int(long_side * math.sqrt(target / len(data)) * 0.9))
            if first and len(data) < 0.7 * target and grown > long_side:
                bigger = _jpeg(rgb, grown, quality, exif_bytes)
                return bigger if len(bigger) <= target else data
            return data
        first = False
        shrink = math.sqrt(target / len(data)) * 0.95
        if long_side > floor:
            long_side = max(floor, int(min(long_side, max(rgb.size)) * shrink))
        elif quality > _QUALITY_FLOOR:
            quality = max(_QUALITY_FLOOR, quality - 15)
        elif long_side > _SMALLEST_LONG_SIDE:
            long_side = max(_SMALLEST_LONG_SIDE, int(long_side * shrink))
        else:
            raise ImageRefused(f"still {megabytes(len(data))} at {long_side} px")


def _jpeg(rgb: Image.Image, long_side: int, quality: int, exif_bytes: bytes) -> bytes:
    from PIL import Image  # Pillow loads with the feature, not at start-up

    sized = rgb if long_side >= max(rgb.size) else rgb.resize(
        _scaled(rgb.size, long_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _save(sized, "JPEG", quality=quality, exif_bytes=exif_bytes)


def _scaled(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    ratio = long_side / max(size)
    return max(1, round(size[0] * ratio)), max(1, round(size[1] * ratio))


def flatten(picture: Image.Image) -> Image.Image:
    if picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    ):
        from PIL import Image

        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture if picture.mode == "RGB" else picture.convert("RGB")


def _save(picture: Image.Image, fmt: str, exif_bytes: bytes, **params: Any) -> bytes:
    buffer = io.BytesIO()
    if exif_bytes:
        params["exif"] = exif_bytes
    if fmt == "JPEG":
        params.update(optimize=True)
    picture.save(buffer, fmt, **params)
    return buffer.getvalue()


def replace_jpeg_exif(data: bytes, exif_bytes: bytes) -> bytes:
    """The same JPEG with its EXIF segment replaced (no re-encoding: not a pixel changes)."""
    segment = b""
    if exif_bytes:
        payload = exif_bytes if exif_bytes.startswith(b"Exif") else b"Exif\x00\x00" + exif_bytes
        segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    position, kept = 2, [data[:2]]
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker in (0xDA, 0xD9):  # start of scan: the rest is image data
            break
        length = int.from_bytes(data[position + 2:position + 4], "big")
        block = data[position:position + 2 + length]
        if not (marker == 0xE1 and block[4:10] == b"Exif\x00\x00"):
            kept.append(block)
        position += 2 + length
    return kept[0] + segment + b"".join(kept[1:]) + data[position:]
