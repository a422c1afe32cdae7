"""Uploads for the logo tests: real images made with Pillow, and files that only pretend to be images."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def image_bytes(image_format: str, size: tuple[int, int] = (40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def good_png() -> SimpleUploadedFile:
    return upload("company.png", image_bytes("PNG"), "image/png")


def good_jpeg() -> SimpleUploadedFile:
    return upload("company.jpeg", image_bytes("JPEG"), "image/jpeg")


def too_big_png(max_bytes: int) -> SimpleUploadedFile:
    """A real PNG just over ``max_bytes`` (valid image data followed by padding Pillow ignores)."""
    data = image_bytes("PNG")
    return upload("big.png", data + b"\0" * (max_bytes + 1 - len(data)), "image/png")


# id -> (filename, bytes, content type) of uploads that must be refused whatever they claim to be.
BAD_LOGOS = {
    "gif": ("logo.gif", image_bytes("GIF"), "image/gif"),
    "gif_named_png": ("logo.png", image_bytes("GIF"), "image/png"),
    "svg": ("logo.svg", SVG, "image/svg+xml"),
    "svg_named_png": ("logo.png", SVG, "image/png"),
    "text_named_png": ("logo.png", b"this is not a picture at all", "image/png"),
    "truncated_png": ("logo.png", image_bytes("PNG")[:40], "image/png"),
    "empty": ("logo.png", b"", "image/png"),
    "bmp_named_jpg": ("logo.jpg", image_bytes("BMP"), "image/jpeg"),
}


def png_declaring(width: int, height: int) -> SimpleUploadedFile:
    """A real PNG of ``width`` x ``height`` pixels (one bit each, so it is quick to make and compresses to KBs)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return upload("huge.png", buffer.getvalue(), "image/png")
