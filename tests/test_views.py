"""`show`, `compare` and the Image's mimebundle, checked on what they produce."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import PIL.ImageDraw
import PIL.ImageFont
import pytest

import nbimage
from nbimage.composite import FONT_PATH, composite
from nbimage.contact_sheet import GAP, TEXT, TEXT_PADDING, WARNING_TEXT
from nbimage.model import Image
from nbimage.views import WIDGET_MIME, compare, show


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


# -- show -----------------------------------------------------------------------------------


def test_show_wraps_raw_data_in_an_image(coffee: np.ndarray) -> None:
    view = show(coffee)
    (item,) = view.items
    assert view.view == "single"
    assert (item["width"], item["height"]) == (600, 400)
    assert np.array_equal(decoded(item["src"]), coffee)


def test_show_an_image_keeps_its_caption_overlays_and_diagnostics(astronaut: np.ndarray) -> None:
    image = Image(
        astronaut.astype(np.float32) / 255,
        caption="astronaut",
        boxes={
            "pred": {
                "box_data": [
                    {
                        "position": {"minX": 0.1, "maxX": 0.5, "minY": 0.2, "maxY": 0.6},
                        "class_id": 3,
                    }
                ]
            }
        },
    )
    (item,) = show(image).items
    assert item["caption"] == "astronaut"
    assert item["boxes"][0]["boxes"][0]["x0"] == pytest.approx(51.2)
    assert [d["code"] for d in item["diagnostics"]] == [d.code for d in image.diagnostics]
    assert item["summary"].startswith("512×512 RGB · float32 [0, 1]")


def test_show_a_list_makes_a_grid_with_grouping(camera: np.ndarray) -> None:
    images = [Image(camera[:64, :64], grouping=2), camera[64:128, :64], Image(camera[:8, :8])]
    view = show(images, columns=2)
    assert (view.view, view.columns, view.total_items) == ("grid", 2, 3)
    assert [item["grouping"] for item in view.items] == [2, None, None]


def test_show_sets_browser_state_up_front() -> None:
    view = show(np.zeros((4, 4)), mask_opacity=0.2, hidden_classes={"gt": [0]}, zoom=2.0)
    assert (view.mask_opacity, view.hidden_classes, view.zoom) == (0.2, {"gt": [0]}, 2.0)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: show([]), ValueError, "obj: the sequence is empty"),
        (lambda: show(np.zeros((2, 2)), columns=-1), ValueError, "columns: must be >= 0"),
        (lambda: show(np.zeros((2, 2)), columns="3"), TypeError, "columns: expected an int"),
        (lambda: show(np.zeros((2, 2)), page_size=0), ValueError, "page_size: must be at least 1"),
        (lambda: show(np.zeros((2, 2)), sync_zoom=1), TypeError, "sync_zoom: expected True or"),
        (lambda: show(np.zeros((2, 2)), opacity=0.5), TypeError, "unexpected option(s) 'opacity'"),
        (lambda: show(np.zeros((2, 2)), items=[]), TypeError, "unexpected option(s) 'items'"),
        (lambda: show(np.zeros((2, 2)), mask_opacity=3), ValueError, "mask_opacity"),
        (lambda: show([np.zeros((2, 2)), "nope.png"]), FileNotFoundError, "obj[1]"),
        (lambda: show([np.zeros((2, 2)), object()]), TypeError, "obj[1]: data_or_path"),
    ],
)
def test_show_refuses_bad_arguments_naming_them(call: Any, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)


def test_nbimage_exports_show_and_compare() -> None:
    assert nbimage.show is show
    assert nbimage.compare is compare


# -- the mimebundle -----------------------------------------------------------------------


def test_mimebundle_has_the_widget_a_png_fallback_and_a_deterministic_repr(
    chelsea: np.ndarray,
) -> None:
    mask = np.zeros(chelsea.shape[:2], dtype=np.uint8)
    mask[100:200, 100:300] = 1
    image = Image(chelsea, caption="cat", masks={"gt": {"mask_data": mask}})
    bundle, _metadata = image._repr_mimebundle_()
    assert set(bundle) == {WIDGET_MIME, "image/png", "text/plain"}
    assert bundle[WIDGET_MIME]["model_id"]
    assert bundle["text/plain"] == repr(image) == image._repr_mimebundle_()[0]["text/plain"]
    assert "0x" not in bundle["text/plain"]
    fallback = decoded(base64.b64decode(bundle["image/png"]))
    # The fallback is the picture with its mask composited, as the static renderers show it,
    # and its caption written under it (dark text on white).
    height, width = chelsea.shape[:2]
    assert np.array_equal(fallback[:height], np.asarray(composite(image)))
    assert fallback.shape[1] == width and fallback.shape[0] > height
    band = fallback[height:]
    assert band.max() == 255 and band.min() < 80
    assert not np.array_equal(fallback[150, 200, :3], chelsea[150, 200])


def test_mimebundle_honours_include_and_exclude(monkeypatch: pytest.MonkeyPatch) -> None:
    image = Image(np.zeros((4, 4), dtype=np.uint8))
    created: list[Any] = []
    monkeypatch.setattr("nbimage.views.show", lambda *a, **k: created.append(a))
    assert set(image._repr_mimebundle_(include=["text/plain"])[0]) == {"text/plain"}
    assert set(image._repr_mimebundle_(exclude=[WIDGET_MIME])[0]) == {"image/png", "text/plain"}
    assert created == []  # no widget (no comm) when the widget view is not wanted


# -- compare --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ramp() -> np.ndarray:
    """16×64 float32 ramp from -50 to 300 with a NaN: clipped low and high by the logged rule."""
    data = np.tile(np.linspace(-50, 300, 64, dtype=np.float32), (16, 1))
    data[0, 0] = np.nan
    return data


def panel_pixels(view: Any, index: int) -> np.ndarray:
    return decoded(view.items[index]["src"])


def test_compare_renders_logged_raw_and_minmax_panels(ramp: np.ndarray) -> None:
    view = compare(ramp)
    labels = [item["label"] for item in view.items]
    assert view.view == "compare"
    assert len(labels) == 3
    assert labels[0].startswith("logged") and labels[1].startswith("raw")
    assert labels[2].startswith("min–max")
    logged, raw, minmax = (panel_pixels(view, i) for i in range(3))
    assert np.array_equal(logged, np.asarray(Image(ramp).image))
    assert np.array_equal(raw, np.asarray(Image(ramp, normalize=False).image))
    assert (minmax[5, 0], minmax[5, 63]) == (0, 255)  # the data's own range, stretched
    assert minmax[0, 0] == 0  # NaN shown as 0


def test_compare_marks_clipped_and_nan_pixels(ramp: np.ndarray) -> None:
    from nbimage.wire import MARK_CLIPPED_HIGH, MARK_CLIPPED_LOW, MARK_NAN, MARK_NONE

    marks = decoded(compare(ramp).items[0]["marks"])
    assert marks[0, 0] == MARK_NAN
    assert marks[5, 1] == MARK_CLIPPED_LOW
    assert marks[5, 62] == MARK_CLIPPED_HIGH
    assert marks[5, 32] == MARK_NONE


def test_compare_histogram_and_eras_travel_with_the_view(ramp: np.ndarray) -> None:
    view = compare(ramp)
    assert view.histogram["lo"] == pytest.approx(-50)
    assert view.histogram["hi"] == pytest.approx(300)
    assert [era["id"] for era in view.eras] == ["0.19", "0.22", "0.31"]


def test_changing_the_era_re_renders_the_logged_panel(ramp: np.ndarray) -> None:
    from nbimage.eras import render_era

    view = compare(ramp)
    before = panel_pixels(view, 0)
    view.era = "0.31"
    after = panel_pixels(view, 0)
    assert not np.array_equal(before, after)
    assert np.array_equal(after, np.asarray(render_era(ramp, "0.31")))
    assert "0.31" in view.items[0]["label"]
    assert np.array_equal(panel_pixels(view, 1), np.asarray(Image(ramp, normalize=False).image))


def test_compare_starts_in_the_era_asked_for(ramp: np.ndarray) -> None:
    from nbimage.eras import render_era

    view = compare(ramp, era="0.19")
    assert view.era == "0.19"
    assert np.array_equal(panel_pixels(view, 0), np.asarray(render_era(ramp, "0.19")))


def test_denormalize_adds_a_panel_of_what_the_fix_would_log(astronaut: np.ndarray) -> None:
    mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
    std = np.array([0.229, 0.224, 0.225], dtype=np.float32)
    standardized = (astronaut.astype(np.float32) / 255 - mean) / std
    view = compare(standardized, denormalize="imagenet")
    assert len(view.items) == 4
    assert view.denormalize == "imagenet"
    restored = panel_pixels(view, 3).astype(int)
    assert np.abs(restored - astronaut.astype(int)).max() <= 1


def test_denormalize_from_the_view_traits(astronaut: np.ndarray) -> None:
    standardized = (astronaut.astype(np.float32) / 255 - 0.5) / 0.25
    view = compare(standardized)
    assert len(view.items) == 3
    view.custom_mean = [0.5]
    view.custom_std = [0.25]
    view.denormalize = "custom"
    assert len(view.items) == 4
    assert np.abs(panel_pixels(view, 3).astype(int) - astronaut).max() <= 1
    view.denormalize = "none"
    assert len(view.items) == 3


def test_compare_accepts_a_mean_std_pair_and_an_image(camera: np.ndarray) -> None:
    view = compare(Image(camera, caption="camera"), denormalize=((0.5,), (0.25,)))
    assert (view.denormalize, view.custom_mean, view.custom_std) == ("custom", [0.5], [0.25])
    assert view.items[0]["caption"] == "camera"


def test_compare_inspects_the_same_raw_value_in_every_panel(ramp: np.ndarray) -> None:
    view = compare(ramp)
    replies = [
        view.inspect_reply({"type": "inspect", "request_id": i, "item": i, "x": 62, "y": 3})
        for i in range(3)
    ]
    for reply in replies:
        assert reply["raw"] == [pytest.approx(float(ramp[3, 62]))]
    assert replies[0]["shown"] == [255]  # clipped by the logged rule
    assert replies[2]["shown"] == [int(panel_pixels(view, 2)[3, 62])]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"normalize": False}, TypeError, "drop the normalize= argument"),
        ({"era": "0.5"}, ValueError, "era: unknown wandb era"),
        ({"denormalize": "zscore"}, ValueError, "denormalize: unknown preset 'zscore'"),
        ({"denormalize": 3}, TypeError, "denormalize: expected"),
    ],
)
def test_compare_refuses_bad_arguments_naming_them(kwargs: dict, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        compare(np.zeros((4, 4), dtype=np.float32), **kwargs)
    assert words in str(caught.value)


def test_compare_of_a_file_uses_its_pixels(tmp_path: Path, chelsea: np.ndarray) -> None:
    path = tmp_path / "cat.png"
    PIL.Image.fromarray(chelsea).save(path)
    view = compare(str(path))
    assert len(view.items) == 3
    assert np.array_equal(panel_pixels(view, 0), chelsea)


def test_each_compare_panel_summary_names_its_own_rendering(ramp: np.ndarray) -> None:
    summaries = [item["summary"] for item in compare(ramp).items]
    assert summaries[0].endswith("rule-clip")
    assert "rule-" not in summaries[1]  # normalize=False runs no rule
    assert summaries[2].endswith("min–max")


# -- the static picture of grid and compare views ------------------------------------------


def text_picture(
    text: str, size: int, width: int, colour: tuple[int, int, int] = TEXT
) -> np.ndarray:
    """One line of text as the static forms write it: DejaVu Sans from the package, dark on
    white, padded; drawn here with Pillow directly, not through `labelled`."""
    font = PIL.ImageFont.truetype(str(FONT_PATH), size, layout_engine=PIL.ImageFont.Layout.BASIC)
    ascent, descent = font.getmetrics()
    band = PIL.Image.new("RGB", (width, ascent + descent + 2 + 2 * TEXT_PADDING), "white")
    PIL.ImageDraw.Draw(band).text((TEXT_PADDING, TEXT_PADDING), text, font=font, fill=colour)
    return np.asarray(band)


def ink(pixels: np.ndarray) -> np.ndarray:
    """The part of a white band that holds text (its bounding box of non-white pixels)."""
    rows, columns = np.nonzero((pixels[..., :3] < 255).any(axis=-1))
    assert rows.size, "no text drawn"
    return pixels[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1, :3]


def view_png(view: Any) -> np.ndarray:
    data, _metadata = view._repr_mimebundle_()
    assert set(data) == {WIDGET_MIME, "image/png", "text/plain"}
    assert data["text/plain"] == repr(view)
    return decoded(base64.b64decode(data["image/png"]))


def solid(value: int, size: tuple[int, int] = (300, 200)) -> np.ndarray:
    """A (height, width) = `size` RGB picture of one colour, different per `value`."""
    return np.full((*size, 3), (value, 255 - value, (value * 7) % 256), dtype=np.uint8)


def test_a_grid_bundle_carries_a_contact_sheet_of_its_items() -> None:
    colours = [solid(20 * i) for i in range(10)]
    sheet = view_png(show(colours))
    # 300×200 pictures shrink by 2 to 150×100 thumbnails; 0 columns = 8 per row, 4 px apart.
    assert sheet.shape == (2 * 150 + 4, 8 * 100 + 7 * 4, 3)
    for index, colour in enumerate(colours):
        row, column = divmod(index, 8)
        centre = sheet[row * 154 + 75, column * 104 + 50]
        assert tuple(centre) == tuple(colour[0, 0]), f"item {index}"


def test_a_grid_sheet_follows_columns_and_draws_each_items_overlays() -> None:
    mask = np.zeros((300, 200), dtype=np.uint8)
    mask[:150] = 1  # top half class 1
    items = [solid(0), Image(solid(0), masks={"gt": {"mask_data": mask}}), solid(0)]
    sheet = view_png(show(items, columns=2))
    assert sheet.shape == (2 * 150 + 4, 2 * 100 + 4, 3)
    plain, masked = sheet[30, 50], sheet[30, 104 + 50]
    assert tuple(plain) == tuple(solid(0)[0, 0])
    assert tuple(masked) != tuple(plain)  # class 1's colour over the top half
    assert tuple(sheet[140, 104 + 50]) not in (tuple(masked), tuple(plain))  # class 0 below
    assert tuple(sheet[154 + 75, 50]) == tuple(plain)  # third item, second row


def test_a_grid_sheet_shows_the_current_page_only() -> None:
    view = show([solid(10 * i, (8, 8)) for i in range(5)], page_size=2, page=2)
    sheet = view_png(view)
    assert sheet.shape == (8, 8, 3)  # page 3 of 3 holds item 4 alone
    assert tuple(sheet[4, 4]) == tuple(solid(40)[0, 0])


def test_big_grids_get_smaller_thumbnails() -> None:
    sheet = view_png(show([solid(i, (256, 256)) for i in range(60)]))
    # Over 48 items thumbnails are at most 96 px: 256² pictures shrink by 3 to 86 px;
    # 8 columns, 8 rows, 4 px apart.
    assert sheet.shape == (8 * 86 + 7 * 4, 8 * 86 + 7 * 4, 3)


def test_a_compare_bundle_shows_the_panels_side_by_side(ramp: np.ndarray) -> None:
    view = compare(ramp)
    sheet = view_png(view)
    cell = (sheet.shape[1] - 2 * GAP) // 3
    assert sheet.shape[1] == 3 * cell + 2 * GAP and cell >= 256  # titles get room to read
    tops = []
    for index in range(3):
        panel = panel_pixels(view, index)
        channel = panel if panel.ndim == 2 else panel[..., 0]
        x = index * (cell + GAP)  # panels and their words start at the cell's left edge
        rows = [
            y
            for y in range(sheet.shape[0] - 16)
            if np.array_equal(sheet[y : y + 16, x : x + 64, 0], channel)
        ]
        assert len(rows) == 1 and rows[0] > 0, "the panel, under its title"
        tops.append(rows[0])
        # Its title over it and its rule and badges under it, in dark text.
        assert sheet[: rows[0], x : x + cell].min() < 80
        assert sheet[rows[0] + 16 :, x : x + cell].min() < 80
    assert len(set(tops)) == 1, f"panels not level: {tops}"


def test_a_compare_sheet_names_each_panel_rule_and_badges() -> None:
    wide = np.tile(np.linspace(-50, 300, 320, dtype=np.float32), (32, 1))  # titles fit on a line
    view = compare(wide)
    tiles = [np.asarray(tile) for tile in view._source.static_pictures(0, 3)]
    for index, tile in enumerate(tiles):
        item = view.items[index]
        title = text_picture(item["label"], 13, tile.shape[1])
        assert np.array_equal(ink(tile[: title.shape[0]]), ink(title)), item["label"]
    # The logged panel clips: its warning badges are the last line under it.
    codes = [d["code"] for d in view.items[0]["diagnostics"] if d["severity"] == "warning"]
    assert "clipped" in codes
    badges = text_picture("⚠ " + ", ".join(codes), 13, tiles[0].shape[1], WARNING_TEXT)
    assert np.array_equal(ink(tiles[0][-badges.shape[0] :]), ink(badges))
    # The panels stay level: a title that wraps does not push its picture down alone.
    assert len({tile.shape[0] for tile in tiles}) <= 2  # only the badges line may differ


def test_a_compare_sheet_shrinks_panels_to_512(astronaut: np.ndarray) -> None:
    big = np.kron(astronaut[:, :, 0], np.ones((2, 2), dtype=np.uint8))  # 1024×1024
    sheet = view_png(compare(big))
    assert sheet.shape[1] == 3 * 512 + 2 * 4
    assert 512 < sheet.shape[0] < 512 + 120  # a title line over, two lines under


def test_a_single_view_png_is_the_images_own_fallback(chelsea: np.ndarray) -> None:
    mask = np.zeros(chelsea.shape[:2], dtype=np.uint8)
    mask[100:200, 100:300] = 2
    image = Image(chelsea, masks={"gt": {"mask_data": mask}})
    own = decoded(base64.b64decode(image._repr_mimebundle_()[0]["image/png"]))
    assert np.array_equal(view_png(show(image)), own)
    assert np.array_equal(own, np.asarray(composite(image)))  # no caption, no badge: no text


def test_the_fallback_writes_the_caption_and_badges_in_the_bundled_font(
    chelsea: np.ndarray,
) -> None:
    standardized = (chelsea.astype(np.float32) / 255 - 0.45) / 0.225
    image = Image(standardized, caption="after Normalize(mean, std)")
    fallback = decoded(base64.b64decode(image._repr_mimebundle_()[0]["image/png"]))
    height, width = chelsea.shape[:2]
    assert np.array_equal(fallback[:height], np.asarray(image.image))
    # One line each, padded: the caption, then the badges in the warning colour.
    caption = text_picture("after Normalize(mean, std)", 13, width)
    line = caption.shape[0] - 2 * TEXT_PADDING
    assert np.array_equal(
        ink(fallback[height : height + TEXT_PADDING + line]), ink(caption[:-TEXT_PADDING])
    )
    assert [d.code for d in image.diagnostics if d.severity == "warning"] == ["standardized"]
    badges = text_picture("⚠ standardized", 13, width, WARNING_TEXT)
    assert np.array_equal(ink(fallback[height + line :]), ink(badges))


def test_a_grid_sheet_writes_each_caption_under_its_thumbnail(coffee: np.ndarray) -> None:
    images = [Image(coffee, caption=f"coffee #{i}") for i in range(3)]
    tiles = show(images)._source.static_pictures(0, 3)
    for i, tile in enumerate(tiles):
        words = text_picture(f"coffee #{i}", 11, tile.width)
        assert np.array_equal(ink(np.asarray(tile)[-words.shape[0] :]), ink(words))
    assert not np.array_equal(np.asarray(tiles[0]), np.asarray(tiles[1]))


def test_the_static_png_honours_exclude() -> None:
    data, _metadata = show([solid(0, (4, 4))] * 2)._repr_mimebundle_(exclude=["image/png"])
    assert set(data) == {WIDGET_MIME, "text/plain"}


# -- compare's view options -----------------------------------------------------------------


def test_compare_takes_view_options_and_image_arguments(ramp: np.ndarray) -> None:
    view = compare(
        ramp,
        caption="ramp",
        compare_mode="swipe",
        swipe_pair=[0, 2],
        swipe_position=0.25,
        show_marks=True,
        sync_zoom=True,
        zoom=2.0,
        center=[0.25, 0.75],
        mask_opacity=0.3,
    )
    assert (view.compare_mode, view.swipe_pair, view.swipe_position) == ("swipe", [0, 2], 0.25)
    assert (view.show_marks, view.sync_zoom, view.zoom) == (True, True, 2.0)
    assert (view.center, view.mask_opacity) == ([0.25, 0.75], 0.3)
    assert view.items[0]["caption"] == "ramp"


def test_compare_refuses_an_unknown_keyword_listing_what_it_accepts() -> None:
    with pytest.raises(TypeError) as caught:
        compare(np.zeros((4, 4), dtype=np.float32), swipe=True)
    message = str(caught.value)
    assert "unexpected keyword argument(s) 'swipe'" in message
    assert "caption" in message and "compare_mode" in message and "sync_zoom" in message


def test_compare_checks_view_option_values(ramp: np.ndarray) -> None:
    with pytest.raises(ValueError, match="swipe_pair: indices must be < 3"):
        compare(ramp, swipe_pair=[0, 5])
    with pytest.raises(ValueError, match="compare_mode: expected one of"):
        compare(ramp, compare_mode="overlay")
