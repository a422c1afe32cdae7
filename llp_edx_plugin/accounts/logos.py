"""Company logo uploads: the bytes must really be a PNG or JPEG image, whatever the name or content type says."""

import warnings
from dataclasses import dataclass

from PIL import Image

from ..conf import llp_setting
from ..errors import FieldErrors

# Pillow format name -> the extension the stored file gets.
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg"}
# Pixels per side: far more than a certificate prints, far less than a decompression bomb.
MAX_LOGO_SIDE = 4096


@dataclass(frozen=True)
class CheckedLogo:
    """An upload that passed the checks, with the extension matching its real format."""

    extension: str
    size: int


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _fail(message: str) -> FieldErrors:
    return FieldErrors.single("logo", message)


def check_logo(upload) -> CheckedLogo:
    """Check an uploaded file (a Django ``UploadedFile``); ``FieldErrors`` on ``logo`` when it is refused.

    Only the content decides: Pillow must open and verify it as PNG or JPEG of at most MAX_LOGO_SIDE pixels a
    side, judged from the header before any pixel is decoded. The file is rewound after.
    """
    if upload is None or not hasattr(upload, "read"):
        raise _fail("Upload a PNG or JPEG image.")
    max_bytes = int(llp_setting("LOGO_MAX_BYTES"))
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise _fail("The file is empty.")
    if size > max_bytes:
        raise _fail(f"The logo must be at most {_human(max_bytes)} (this file is {_human(size)}).")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Past MAX_IMAGE_PIXELS Pillow only warns (it refuses at twice that): _too_many_pixels decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # reads the header only: format and size, no pixel decoded
                image_format, (width, height) = image.format, image.size
                if image_format in ALLOWED_FORMATS and not _too_many_pixels(width, height):
                    image.verify()
    except Image.DecompressionBombError as exc:
        raise _fail(_pixels_message()) from exc
    except Exception as exc:  # Pillow raises many kinds (UnidentifiedImageError, SyntaxError, OSError...)
        raise _fail("The file is not a valid PNG or JPEG image.") from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise _fail(f"Only PNG and JPEG images are accepted (this is {image_format}).")
    if _too_many_pixels(width, height):
        raise _fail(f"{_pixels_message()} (this one is {width} x {height}).")
    return CheckedLogo(extension=ALLOWED_FORMATS[image_format], size=size)


def _too_many_pixels(width: int, height: int) -> bool:
    """A few hundred KB of PNG can declare gigabytes of pixels: every render would decode them all."""
    bomb_limit = Image.MAX_IMAGE_PIXELS  # None when a deployment turned Pillow's own guard off
    return width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE or (bomb_limit is not None and width * height > bomb_limit)


def _pixels_message() -> str:
    return f"The logo must be at most {MAX_LOGO_SIDE} x {MAX_LOGO_SIDE} pixels"
