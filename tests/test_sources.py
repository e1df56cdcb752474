"""Grids over datasets (`nbimage.sources`): only the page shown is read, failing items are
error tiles naming the index and the item's type, the rest of the page is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import PIL.Image
import pytest
import torch
from torch.utils.data import Dataset, TensorDataset

from nbimage import Image, show
from nbimage.sources import ERROR_CODE, DatasetSource

PAGE = 108


class Counting(Dataset[Any]):
    """A lazily indexed dataset that records every index asked of it."""

    classes: ClassVar[list[str] | None] = ["airplane", "automobile", "bird"]

    def __init__(self, count: int, failing: dict[int, str] | None = None, real: int | None = None):
        self.count = count
        self.failing = failing or {}
        self.real = count if real is None else real  # a len() that lies says `count`
        self.asked: list[int] = []

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Any:
        self.asked.append(index)
        if index >= self.real:
            raise IndexError(f"index {index} out of range")
        kind = self.failing.get(index)
        if kind == "raise":
            raise RuntimeError("decoder crashed")
        if kind == "dict":
            return {"boxes": []}
        pixels = np.full((12, 16, 3), index % 256, np.uint8)
        return pixels, index % 3


def item_error(item: dict[str, Any]) -> str | None:
    for diagnostic in item["diagnostics"]:
        if diagnostic["code"] == ERROR_CODE:
            assert diagnostic["severity"] == "error"
            return str(diagnostic["message"])
    return None


def test_a_hundred_thousand_items_read_only_the_first_page() -> None:
    data = Counting(100_000)
    view = show(data)
    assert data.asked == list(range(PAGE))
    assert (view.view, view.total_items, view.page_count) == ("grid", 100_000, 926)
    assert len(view.items) == PAGE
    # The static fallback is drawn from the same page: nothing more is read.
    bundle, _ = view._repr_mimebundle_()
    assert "image/png" in bundle
    assert len(data.asked) == PAGE


def test_a_page_asked_up_front_is_the_only_one_read() -> None:
    data = Counting(1000)
    view = show(data, page_size=50, page=3)
    assert data.asked == list(range(150, 200))
    assert view.items[0]["id"] == "150"
    with pytest.raises(ValueError, match=r"page: must be in 0\.\.19, got 20"):
        show(Counting(1000), page_size=50, page=20)


def test_a_page_change_reads_only_that_page() -> None:
    data = Counting(1000)
    view = show(data, page_size=50)
    data.asked.clear()
    view.page = 7
    assert data.asked == list(range(350, 400))
    assert view.items[0]["id"] == "350"
    # What the kernel answers under the pointer is that page's picture.
    reply = view.inspect_reply({"type": "inspect", "request_id": 1, "item": 3, "x": 2, "y": 2})
    assert reply["shown"] == [353 % 256] * 3
    assert len(data.asked) == 50


def test_integer_targets_become_the_class_name_or_the_number() -> None:
    view = show(Counting(5))
    assert [item["caption"] for item in view.items] == [
        "airplane",
        "automobile",
        "bird",
        "airplane",
        "automobile",
    ]

    class Plain(Counting):
        classes = None

    assert [item["caption"] for item in show(Plain(3)).items] == ["0", "1", "2"]


def test_torch_dataset_with_tensor_targets_and_chw_images() -> None:
    images = torch.rand(20, 3, 8, 10)
    targets = torch.arange(20)  # items are (tensor, 0-d tensor)
    view = show(TensorDataset(images, targets))
    assert view.total_items == 20
    assert [item["caption"] for item in view.items[:3]] == ["0", "1", "2"]
    assert (view.items[0]["width"], view.items[0]["height"]) == (10, 8)


def test_string_targets_images_and_annotation_targets() -> None:
    class Mixed:
        def __len__(self) -> int:
            return 3

        def __getitem__(self, index: int) -> Any:
            pixels = np.zeros((4, 4), np.uint8)
            if index == 0:
                return [pixels, "a cat"]  # some datasets return lists
            if index == 1:
                return Image(pixels, caption="own caption"), 7
            return pixels, {"boxes": [[0, 0, 1, 1]]}  # a detection target: not a caption

    assert [item["caption"] for item in show(Mixed()).items] == ["a cat", "own caption", None]


def test_dict_rows_as_hugging_face_datasets_return_them() -> None:
    class ClassLabel:
        names: ClassVar[list[str]] = ["cat", "dog"]

    class Rows:
        features: ClassVar[dict[str, object]] = {"image": object(), "label": ClassLabel()}

        def __len__(self) -> int:
            return 4

        def __getitem__(self, index: int) -> dict[str, Any]:
            if index == 2:
                return {"pixels": np.zeros((4, 4))}  # no picture under a known name
            if index == 3:
                return {"image": None, "label": 0}
            return {"image": PIL.Image.new("RGB", (5, 4)), "label": index}

    view = show(Rows())
    assert [item["caption"] for item in view.items[:2]] == ["cat", "dog"]
    message = item_error(view.items[2])
    assert message is not None and message.startswith("TypeError: obj[2] (a dict): ")
    message = item_error(view.items[3])
    assert message is not None and message.startswith("TypeError: obj[3]['image'] (a NoneType): ")


def test_a_sequence_of_paths_reads_each_file_on_its_page(tmp_path: Path) -> None:
    paths = []
    for i in range(6):
        path = tmp_path / f"{i}.png"
        PIL.Image.new("RGB", (9, 7), (40 * i, 0, 0)).save(path)
        paths.append(path)

    class Paths:
        def __len__(self) -> int:
            return len(paths)

        def __getitem__(self, index: int) -> Path:
            return paths[index]

    view = show(Paths(), page_size=4, page=1)
    assert [item["id"] for item in view.items] == ["4", "5"]
    assert view.items[1]["width"] == 9


def test_a_list_of_paths_opens_only_the_files_of_the_page(tmp_path: Path) -> None:
    # 300 paths, of which only the first page's 108 files exist: nothing else is opened.
    paths = [tmp_path / f"{i}.png" for i in range(300)]
    for i, path in enumerate(paths[:PAGE]):
        PIL.Image.new("L", (6, 5), i).save(path)
    view = show([str(path) for path in paths])
    assert (view.total_items, len(view.items)) == (300, PAGE)
    assert all(item_error(item) is None for item in view.items)
    view.page = 1
    message = item_error(view.items[0])
    assert message is not None
    assert message.startswith("ValueError: obj[108] (a str): FileNotFoundError: ")
    assert "108.png" in message


def test_failing_items_are_error_tiles_naming_the_index_and_type() -> None:
    data = Counting(10, failing={3: "raise", 5: "dict"})
    view = show(data)
    assert len(view.items) == 10
    raised = item_error(view.items[3])
    assert raised is not None
    assert (
        "obj[3]" in raised
        and "Counting.__getitem__(3) raised RuntimeError: decoder crashed" in raised
    )
    assert raised.startswith("ValueError: ")
    not_image = item_error(view.items[5])
    assert not_image is not None
    assert not_image.startswith("TypeError: obj[5] (a dict): data_or_path: expected")
    # The tile says it as its caption (text); every other item is intact.
    assert view.items[3]["caption"] == f"⚠ {raised}"
    assert [i for i, item in enumerate(view.items) if item_error(item) is None] == [
        0,
        1,
        2,
        4,
        6,
        7,
        8,
        9,
    ]
    source = view._source
    assert isinstance(source, DatasetSource)
    assert sorted(source.errors) == [3, 5]
    assert isinstance(source.errors[3], ValueError)
    assert isinstance(source.errors[5], TypeError)


def test_a_len_that_lies_shows_the_missing_items_as_errors() -> None:
    data = Counting(8, real=6)
    view = show(data)
    message = item_error(view.items[6])
    assert message == (
        "ValueError: obj[6]: len(obj) is 8 but obj[6] raised IndexError: index 6 out of range "
        "(len() counts more items than there are)"
    )
    assert item_error(view.items[7]) is not None
    assert all(item_error(item) is None for item in view.items[:6])


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda: Counting(0), ValueError, "obj: the Counting is empty (len() is 0)"),
        (lambda: _BadLen(), TypeError, "obj: len() of _BadLen raised RuntimeError: no count"),
        (lambda: _NoLen(), TypeError, "obj: expected a dataset with len()"),
    ],
)
def test_bad_datasets_are_refused_naming_obj(make: Any, error: type[Exception], words: str) -> None:
    with pytest.raises(error) as caught:
        show(make())
    assert words in str(caught.value)


class _BadLen:
    def __len__(self) -> int:
        raise RuntimeError("no count")

    def __getitem__(self, index: int) -> Any:
        return np.zeros((2, 2))


class _NoLen:
    def __getitem__(self, index: int) -> Any:
        return np.zeros((2, 2))


def test_arrays_tensors_and_strings_are_still_one_picture() -> None:
    assert show(np.zeros((4, 4, 3), np.uint8)).view == "single"
    assert show(torch.zeros(3, 4, 4)).view == "single"


def test_grouping_rows_start_fresh_on_every_page() -> None:
    images = [
        Image(np.full((4, 4), i, np.uint8), grouping=3 if i == 0 else None) for i in range(10)
    ]
    view = show(images, page_size=4)
    assert view.items[0]["grouping"] == 3
    view.page = 1
    # Page 2 starts a row of 3 at its own first item, not mid-group from page 1.
    assert view.items[0]["grouping"] == 3
    assert [item["grouping"] for item in view.items[1:]] == [None, None, None]


def test_a_dataset_s_grouping_carries_to_the_next_page() -> None:
    class Grouped:
        def __len__(self) -> int:
            return 10

        def __getitem__(self, index: int) -> Image:
            return Image(np.full((4, 4), index, np.uint8), grouping=3 if index == 0 else None)

    view = show(Grouped(), page_size=4)
    view.page = 1
    assert [item["grouping"] for item in view.items] == [3, None, None, None]
