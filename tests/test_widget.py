"""The widget's side of the comm: binary transport, trait validation, paging, inspection."""

from __future__ import annotations

import base64
import gc
import io
import json
import weakref
from typing import Any

import comm
import numpy as np
import PIL.Image
import pytest

from nbimage.model import Image
from nbimage.views import show
from nbimage.widget import ImageView


class RecordingComm:
    """Stands in for the kernel's comm and records what the widget sends."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict[str, Any], list[Any]]] = []

    def send(self, data: dict[str, Any], buffers: list[Any] | None = None, **_: Any) -> None:
        self.messages.append((data, list(buffers or [])))


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> RecordingComm:
    """Every widget created in the test sends into one RecordingComm."""
    recorder = RecordingComm()

    class FakeComm:
        comm_id = "fake"
        kernel = object()  # ipywidgets sends only when a kernel is attached

        def __init__(self, **kwargs: Any) -> None:
            if "data" in kwargs:  # the opening message carries the initial state
                recorder.send(kwargs["data"], kwargs.get("buffers"))

        def send(self, data: Any, buffers: Any = None, **kwargs: Any) -> None:
            recorder.send(data, buffers)

        def on_msg(self, callback: Any) -> None:
            pass

        def on_close(self, callback: Any) -> None:
            pass

        def close(self, *args: Any, **kwargs: Any) -> None:
            pass

    monkeypatch.setattr(comm, "create_comm", lambda **kwargs: FakeComm(**kwargs))
    return recorder


def picture(seed: int, size: tuple[int, int] = (12, 16)) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(*size, 3), dtype=np.uint8)


def test_pictures_travel_as_binary_buffers_not_base64(recorded: RecordingComm) -> None:
    mask = np.zeros((12, 16), dtype=np.uint8)
    mask[2:6, 3:9] = 1
    view = show(Image(picture(1), masks={"gt": {"mask_data": mask}}))
    view.send_state()
    data, buffers = recorded.messages[-1]
    assert data["method"] == "update"
    assert ["items", 0, "src"] in data["buffer_paths"]
    assert ["items", 0, "masks", 0, "png"] in data["buffer_paths"]
    # The buffers are the PNG files themselves; the JSON part holds no picture bytes.
    assert all(bytes(b).startswith(b"\x89PNG") for b in buffers)
    text = json.dumps(data["state"]["items"])
    assert "iVBORw0KGgo" not in text  # a base64 PNG header
    assert len(text) < 2000
    assert "src" not in data["state"]["items"][0]


def test_creating_many_images_opens_no_comm(recorded: RecordingComm) -> None:
    images = [Image(picture(i, (4, 4))) for i in range(1000)]
    assert recorded.messages == []
    show(images[:3])
    assert recorded.messages, "show() opens the view's comm"


@pytest.mark.parametrize(
    ("trait", "value", "error", "words"),
    [
        ("mask_opacity", 1.5, ValueError, "mask_opacity: must be between 0 and 1, got 1.5"),
        ("mask_opacity", -0.1, ValueError, "mask_opacity"),
        ("mask_opacity", "half", TypeError, "'mask_opacity' trait"),
        ("swipe_position", 2.0, ValueError, "swipe_position: must be between 0 and 1"),
        ("columns", -1, ValueError, "columns: must be >= 0"),
        ("columns", 2.5, TypeError, "'columns' trait"),
        ("width", -1, ValueError, "width: must be 0 (fit the output) or 1..16384 CSS pixels"),
        ("width", 100_000, ValueError, "width: must be 0 (fit the output) or 1..16384"),
        ("width", "wide", TypeError, "'width' trait"),
        ("zoom", 0.0, ValueError, "zoom: must be a finite number > 0"),
        ("zoom", float("inf"), ValueError, "zoom"),
        ("center", [0.5], ValueError, "center: must be two finite numbers"),
        ("page", 5, ValueError, "page: must be in 0..0, got 5"),
        ("compare_mode", "overlay", ValueError, "compare_mode: expected one of"),
        ("view", 3, TypeError, "'view' trait"),
        ("denormalize", "zscore", ValueError, "denormalize: expected one of 'none'"),
        ("custom_std", [0.2, 0.0, 0.2], ValueError, "custom_std: must be > 0"),
        ("custom_mean", [0.1, 0.2], ValueError, "custom_mean: needs 1, 3 or 4 numbers"),
        ("score_thresholds", {"confidence": float("nan")}, ValueError, "score_thresholds"),
        ("score_thresholds", {"confidence": "high"}, TypeError, "score_thresholds"),
        ("hidden_classes", {"pred": ["cat"]}, TypeError, "hidden_classes"),
        ("swipe_pair", [0, 9], ValueError, "swipe_pair: indices must be < 1"),
        ("show_marks", "yes", TypeError, "'show_marks' trait"),
    ],
)
def test_bad_trait_values_are_refused_naming_the_trait(
    trait: str, value: Any, error: type[Exception], words: str
) -> None:
    view = show(picture(0))
    before = getattr(view, trait)
    with pytest.raises(error) as caught:
        setattr(view, trait, value)
    assert words in str(caught.value)
    assert getattr(view, trait) == before


def test_good_trait_values_are_kept() -> None:
    view = show(picture(0))
    view.mask_opacity = 0.25
    view.hidden_classes = {"pred": [1, 3]}
    view.score_thresholds = {"confidence": 0.5}
    view.zoom = 4
    view.center = [0.25, 0.75]
    assert (view.mask_opacity, view.zoom, view.center) == (0.25, 4.0, [0.25, 0.75])
    assert view.hidden_classes == {"pred": [1, 3]}


def test_paging_sends_only_the_current_page_and_drops_nothing() -> None:
    images = [Image(picture(i, (4, 6)), caption=f"#{i}") for i in range(250)]
    view = show(images)
    assert (view.view, view.total_items, view.page_count) == ("grid", 250, 3)
    assert [item["caption"] for item in view.items] == [f"#{i}" for i in range(108)]
    view.page = 2
    assert [item["caption"] for item in view.items] == [f"#{i}" for i in range(216, 250)]
    view.page = 1
    assert [item["id"] for item in view.items][:2] == ["108", "109"]


def test_page_size_and_a_starting_page() -> None:
    view = show([picture(i, (4, 4)) for i in range(10)], page_size=4, page=2)
    assert (view.page_count, view.page, len(view.items)) == (3, 2, 2)


def custom_message(view: ImageView, content: dict[str, Any], recorded: RecordingComm) -> Any:
    view._handle_custom_msg(content, [])
    data, _buffers = recorded.messages[-1]
    assert data["method"] == "custom"
    return data["content"]


def test_inspect_answers_raw_and_shown_values(recorded: RecordingComm) -> None:
    raw = np.linspace(0, 1, 4 * 5 * 3, dtype=np.float32).reshape(4, 5, 3)
    view = show(raw)
    reply = custom_message(
        view, {"type": "inspect", "request_id": 11, "item": 0, "x": 3, "y": 2}, recorded
    )
    assert reply["type"] == "inspect-result"
    assert (reply["request_id"], reply["item"], reply["x"], reply["y"]) == (11, 0, 3, 2)
    assert reply["raw"] == pytest.approx(raw[2, 3].tolist())
    assert reply["raw_dtype"] == "float32"
    assert reply["shown"] == [int(v) for v in (raw[2, 3] * 255).astype(np.uint8)]


def test_inspect_on_later_pages_reads_the_right_image(recorded: RecordingComm) -> None:
    images = [np.full((3, 3), i, dtype=np.uint8) for i in range(7)]
    view = show(images, page_size=3, page=2)
    reply = custom_message(
        view, {"type": "inspect", "request_id": 1, "item": 0, "x": 1, "y": 1}, recorded
    )
    assert reply["raw"] == [6.0]


@pytest.mark.parametrize(
    "request_",
    [
        {"type": "inspect", "request_id": 2, "item": 0, "x": -1, "y": 0},
        {"type": "inspect", "request_id": 2, "item": 0, "x": 5, "y": 0},
        {"type": "inspect", "request_id": 2, "item": 0, "x": 0, "y": 4},
        {"type": "inspect", "request_id": 2, "item": 3, "x": 0, "y": 0},
        {"type": "inspect", "request_id": 2, "item": 0, "x": "1", "y": None},
        {"type": "inspect", "request_id": 2},
    ],
)
def test_inspect_with_bad_coordinates_is_answered_not_raised(
    request_: dict[str, Any], recorded: RecordingComm
) -> None:
    view = show(np.zeros((4, 5), dtype=np.float32))
    reply = custom_message(view, request_, recorded)
    assert reply["request_id"] == 2
    assert (reply["raw"], reply["shown"]) == (None, [])


def test_inspect_names_nan_plus_and_minus_inf(recorded: RecordingComm) -> None:
    raw = np.array([[np.nan, np.inf], [-np.inf, 1.0]], dtype=np.float32)
    view = show(raw)
    answers = []
    for x, y in ((0, 0), (1, 0), (0, 1), (1, 1)):
        request_ = {"type": "inspect", "request_id": 1, "item": 0, "x": x, "y": y}
        reply = custom_message(view, request_, recorded)
        json.dumps(reply, allow_nan=False)  # what the kernel's JSON packer accepts
        answers.append(reply["raw"])
    assert answers == [["NaN"], ["+Inf"], ["-Inf"], [1.0]]


def test_large_pictures_travel_as_a_preview_at_full_size_coordinates() -> None:
    wide = np.zeros((60, 5000, 3), dtype=np.uint8)
    item = show(wide).items[0]
    preview = PIL.Image.open(io.BytesIO(item["src"]))
    assert max(preview.size) <= 2048
    assert (item["width"], item["height"]) == (5000, 60)


def test_inspect_on_a_palette_picture_reports_colours(recorded: RecordingComm) -> None:
    palette_picture = PIL.Image.new("P", (3, 2))
    palette_picture.putpalette([10, 20, 30, 200, 100, 50])
    palette_picture.putpixel((2, 1), 1)
    view = show(palette_picture)
    reply = custom_message(
        view, {"type": "inspect", "request_id": 1, "item": 0, "x": 2, "y": 1}, recorded
    )
    assert reply["shown"] == [200, 100, 50]
    assert reply["raw"] is None  # a picture, not an array: there is no raw input


def test_the_view_repr_is_deterministic_text_for_nbval() -> None:
    assert repr(show(picture(0))) == "ImageView(single, 1 item)"
    grid = show([picture(i, (4, 4)) for i in range(12)], page_size=5, page=1)
    assert repr(grid) == "ImageView(grid, 12 items, page 2 of 3)"
    data, _metadata = grid._repr_mimebundle_()
    assert data["text/plain"] == repr(grid)


def test_the_static_picture_is_built_only_when_the_bundle_is_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grid = show([picture(i, (4, 4)) for i in range(6)], page_size=2)
    built: list[tuple[int, int]] = []
    source = grid._source
    assert source is not None
    original = source.static_pictures

    def counting(start: int, stop: int) -> list[PIL.Image.Image]:
        built.append((start, stop))
        return original(start, stop)

    monkeypatch.setattr(source, "static_pictures", counting)
    grid.page = 1
    grid.mask_opacity = 0.2
    grid.send_state()
    assert built == []  # trait changes and state sync never build it
    data, _metadata = grid._repr_mimebundle_()
    assert built == [(2, 4)]  # the page shown, once asked
    sheet = np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(data["image/png"]))))
    assert np.array_equal(sheet[:, :4], picture(2, (4, 4)))


def test_a_closed_view_frees_its_pictures() -> None:
    # A kernel keeps a displayed view until it is closed; once closed, its Image (and the
    # picture's pixels) must be freed, or every big picture ever shown stays in memory.
    image = Image(np.zeros((64, 64, 3), np.uint8))
    freed = weakref.ref(image)
    view = show(image)
    del image
    view.close()
    del view
    gc.collect()
    assert freed() is None, "the closed view still holds its Image"
