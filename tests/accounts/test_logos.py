"""The logo rule: PNG or JPEG by content, within the size limit."""

import pytest

from llp_edx_plugin.accounts.api import check_logo
from llp_edx_plugin.errors import FieldErrors
from tests.accounts.logo_files import BAD_LOGOS, good_jpeg, good_png, image_bytes, png_declaring, too_big_png, upload


@pytest.mark.parametrize(("make", "extension"), [(good_png, "png"), (good_jpeg, "jpg")])
def test_real_png_and_jpeg_are_accepted_and_rewound(make, extension):
    given = make()
    checked = check_logo(given)
    assert checked.extension == extension
    assert given.tell() == 0


def test_a_jpeg_named_png_is_stored_as_jpg():
    given = upload("logo.png", good_jpeg().read(), "image/png")
    assert check_logo(given).extension == "jpg"


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_anything_else_is_refused_on_the_logo_field(case):
    name, data, content_type = BAD_LOGOS[case]
    with pytest.raises(FieldErrors) as exc:
        check_logo(upload(name, data, content_type))
    assert list(exc.value.errors) == ["logo"]


def test_over_the_limit_is_refused(settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "LOGO_MAX_BYTES": 1000}
    with pytest.raises(FieldErrors) as exc:
        check_logo(too_big_png(1000))
    assert exc.value.errors["logo"] == ["The logo must be at most 1000 bytes (this file is 1001 bytes)."]


def test_exactly_at_the_limit_is_accepted(settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "LOGO_MAX_BYTES": 1000}
    given = too_big_png(999)  # 1000 bytes
    assert given.size == 1000
    assert check_logo(given).extension == "png"


def test_none_is_refused():
    with pytest.raises(FieldErrors) as exc:
        check_logo(None)
    assert exc.value.errors == {"logo": ["Upload a PNG or JPEG image."]}


def test_a_12000_pixel_square_png_of_a_few_hundred_kb_is_refused_by_its_pixel_count():
    """It passes the byte limit, but every certificate render would decode 144 million pixels."""
    given = png_declaring(12000, 12000)
    assert given.size < 2 * 1024 * 1024

    with pytest.raises(FieldErrors) as exc:
        check_logo(given)

    assert exc.value.errors == {"logo": ["The logo must be at most 4096 x 4096 pixels (this one is 12000 x 12000)."]}
    assert given.tell() == 0


@pytest.mark.parametrize(
    ("size", "accepted"),
    [((4096, 8), True), ((8, 4096), True), ((4097, 8), False), ((8, 4097), False)],
)
def test_each_side_is_capped_at_4096_pixels(size, accepted):
    given = upload("logo.png", image_bytes("PNG", size), "image/png")
    if accepted:
        assert check_logo(given).extension == "png"
    else:
        with pytest.raises(FieldErrors, match="at most 4096 x 4096 pixels"):
            check_logo(given)


def test_pillows_own_bomb_limit_refuses_too(monkeypatch):
    monkeypatch.setattr("PIL.Image.MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(FieldErrors, match="at most 4096 x 4096 pixels"):
        check_logo(upload("logo.png", image_bytes("PNG", (100, 100)), "image/png"))
