"""Company logo uploads: the bytes must really be a PNG or JPEG image, whatever the name or content type says."""

from dataclasses import dataclass

from PIL import Image

from ..conf import llp_setting
from ..errors import FieldErrors

# Pillow format name -> the extension the stored file gets.
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg"}


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

    Only the content decides: Pillow must open and verify it as PNG or JPEG. The file is rewound after.
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
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except Exception as exc:  # Pillow raises many kinds (UnidentifiedImageError, SyntaxError, bomb errors...)
        raise _fail("The file is not a valid PNG or JPEG image.") from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise _fail(f"Only PNG and JPEG images are accepted (this is {image_format}).")
    return CheckedLogo(extension=ALLOWED_FORMATS[image_format], size=size)
