"""`History`: pictures logged over steps with `wandb.log`'s call shape, shown as W&B's media
panels with one step slider, live while the training loop runs (issue 17).

`history.log({...}, step=i)` checks and normalizes on the caller's thread (the wandb rules,
so diagnostics are right), keeps no reference to the caller's arrays, and hands encoding
and sending to the library's task threads (`nbimage._threads`). Each encoded step goes to
the browser as one custom message with binary buffers, so a step costs its own bytes only.
The synced traits hold the step list and the newest step (what a saved notebook keeps),
updated at most once a second. Nothing waits on a browser: with none attached (a script,
a closed tab) the messages go nowhere and the kept steps stay within the budget.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import anywidget
import numpy as np
import PIL.Image
import PIL.ImageDraw
import traitlets
from ipywidgets.widgets.widget import _remove_buffers

from nbimage._errors import bad_type, bad_value
from nbimage._threads import submit_task
from nbimage.contact_sheet import contact_sheet, thumbnail
from nbimage.display_encode import base64_text, encode_display
from nbimage.history_store import StepRecord, StepStore
from nbimage.model import Image
from nbimage.payload import image_item, raw_at, summary
from nbimage.picture import Picture
from nbimage.widget import (
    PNG_MIME,
    ImageView,
    _Bool,
    _Dict,
    _Enum,
    _Float,
    _Int,
    _List,
    _problem,
    _Unicode,
)
from nbimage.wire import HistoryInspectReply, WireHistoryStep, WireItem

DEFAULT_MAX_STEPS = 500
DEFAULT_MAX_BYTES = 256 * 2**20
DISPLAY_SIDE = 1024  # long side of a kept step's picture (boxes and masks keep full coordinates)
MAX_PENDING = 8  # steps waiting to be encoded before log() waits for the encoder
SYNC_INTERVAL_S = 1.0  # the step-list traits (a saved notebook's state) at most this often
RAW_NOT_KEPT = "raw values not kept for logged steps (History(keep_raw=True) keeps them)"
_SHEET_PANEL_SIDE = 256

_ACCEPTED = (
    "an Image, anything Image accepts (array, tensor, PIL image, path), "
    "a list of them (a grid at that step) or a number"
)


@dataclass
class _Job:
    step: int
    time: float
    images: dict[str, list[tuple[Image, str]]]  # detached Images and their summary lines
    raw: dict[str, list[np.ndarray | None]]
    numbers: dict[str, float]


def _detached(image: Image) -> Image:
    """A copy of `image` that holds none of the caller's data: no raw array, and pixels of
    its own where they were the caller's memory (the training loop may reuse its tensors)."""
    snap = copy.copy(image)
    raw = image._raw
    picture = image._picture
    pixels = picture.pixels
    if pixels is None:
        snap._picture = picture.copy()  # its own PIL picture, not the caller's
    elif raw is not None and np.may_share_memory(pixels, raw):
        owned = pixels.copy()
        owned.flags.writeable = False
        snap._picture = Picture(pixels=owned, mode=picture.mode)
    snap._raw = None
    return snap


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating, np.bool_))


def _check_step(step: Any) -> int:
    if isinstance(step, (bool, np.bool_)) or not isinstance(step, (int, np.integer, float)):
        raise bad_type("step", step, "an int >= 0 (or None for the next step)")
    if isinstance(step, float) and (not math.isfinite(step) or step != int(step)):
        raise bad_value("step", f"{step!r} is not a whole number", "give an int >= 0")
    if step < 0:
        raise bad_value("step", f"must be >= 0, got {int(step)}")
    return int(step)


def _budget(argument: str, value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise bad_type(argument, value, f"an int >= 1 ({what}) or None (no limit)")
    if value < 1:
        raise bad_value(argument, f"must be >= 1, got {int(value)}", "or None for no limit")
    return int(value)


class _Log:
    """`History.log`: wandb's `log(data, step=)` when called, and still the logger that
    traitlets and ipywidgets call `self.log.warning(...)` on (a widget's `log` is theirs)."""

    def __init__(self, history: History) -> None:
        self._history = history

    def __call__(
        self, data: Mapping[str, Any], step: int | None = None, commit: bool | None = None
    ) -> None:
        self._history._log_step(data, step, commit)

    def __getattr__(self, name: str) -> Any:
        return getattr(_LOGGER, name)


class _LogDescriptor:
    def __get__(self, history: History | None, owner: type) -> Any:
        return self if history is None else _Log(history)

    def __set__(self, history: History, value: Any) -> None:
        pass  # traitlets may assign a logger: the module's logger is used


_LOGGER = logging.getLogger("nbimage.history")


def _number_text(value: float) -> str:
    return f"{value:.6g}"


class History(anywidget.AnyWidget):
    """Pictures (and numbers) logged over steps, like `wandb.log`, in one live view.

    ```
    history = nbimage.History()
    display(history)
    for step in range(steps):
        ...
        history.log({"pred": nbimage.Image(pred, masks=...), "loss": loss}, step=step)
    ```

    Budget: at most `max_steps` steps and `max_bytes` of encoded pictures (PNG at display
    size, long side <= 1024, plus masks) are kept; past either, an even spread of the
    steps logged so far is kept, always with the first and the newest (so at least two
    steps, whatever the budget). None switches a limit off. The caller's arrays are never
    kept; `keep_raw=True` keeps a copy of the raw values (counted in `max_bytes`) so the
    pixel inspector can show them for old steps too.
    """

    _esm = ImageView._esm
    if hasattr(ImageView, "_css"):
        _css = ImageView._css

    view = _Unicode("history").tag(sync=True)
    # ("keys" and "log" are ipywidgets' own names: the synced trait list and the logger.)
    panel_keys = _List(_Unicode()).tag(sync=True)  # panels, in the order keys were first logged
    timeline = _List(_List()).tag(sync=True)  # kept steps: [step, wall time] each
    latest = _Dict(allow_none=True, default_value=None).tag(sync=True)  # newest WireHistoryStep
    logged = _Int(0).tag(sync=True)  # distinct steps logged
    thinned = _Int(0).tag(sync=True)  # of those, dropped to stay within the budget
    keep_raw = _Bool(False).tag(sync=True)
    shown_step = _Int(None, allow_none=True).tag(sync=True)  # None: follow the newest step
    unlinked = _Dict(value_trait=_Int()).tag(sync=True)  # key -> its own step
    key_state = _Dict(value_trait=_Dict()).tag(sync=True)  # key -> that panel's view traits
    compare_steps = _List(_Int()).tag(sync=True)  # [] or [step A, step B]
    compare_mode = _Enum(("side-by-side", "swipe"), default_value="side-by-side").tag(sync=True)
    swipe_position = _Float(0.5).tag(sync=True)
    playing = _Bool(False).tag(sync=True)
    play_speed = _Float(4.0).tag(sync=True)  # steps per second

    def __init__(
        self,
        *,
        max_steps: int | None = DEFAULT_MAX_STEPS,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        keep_raw: bool = False,
        **view_state: Any,
    ) -> None:
        limit_steps = _budget("max_steps", max_steps, "steps kept")
        limit_bytes = _budget("max_bytes", max_bytes, "bytes of kept pictures")
        if not isinstance(keep_raw, (bool, np.bool_)):
            raise bad_type("keep_raw", keep_raw, "True or False")
        unknown = sorted(set(view_state) - set(HISTORY_VIEW_OPTIONS))
        if unknown:
            raise TypeError(
                f"History() got unexpected option(s) {', '.join(map(repr, unknown))}; "
                f"it accepts max_steps, max_bytes, keep_raw and view options "
                f"({', '.join(HISTORY_VIEW_OPTIONS)})"
            )
        super().__init__(keep_raw=bool(keep_raw), **view_state)
        self._store = StepStore(limit_steps, limit_bytes)
        self._lock = threading.Lock()  # the store and the newest step's Images
        self._cond = threading.Condition()  # the encoder's queue
        self._queue: deque[_Job] = deque()
        self._draining = False
        self._last_step: int | None = None
        self._next_step = 0
        self._key_order: list[str] = []
        self._newest_images: dict[str, list[Image]] = {}
        self._newest_step: int | None = None
        self._errors: list[BaseException] = []
        self._synced_at = 0.0
        self._sync_timer: threading.Timer | None = None
        self.on_msg(self._on_custom_message)

    # -- logging ---------------------------------------------------------------------------

    log = _LogDescriptor()

    def _log_step(
        self, data: Mapping[str, Any], step: int | None = None, commit: bool | None = None
    ) -> None:
        """Log `data` at `step`, as `wandb.log(data, step=step)`.

        Values: Images, anything `Image` accepts, lists of them (a grid at that step), or
        numbers (shown with the step). `step` defaults to the next integer; an equal step
        merges its keys into that step (a key logged twice there: the later value wins); a
        lower step than the last one is an error. `commit=False` keeps the step open, so the
        next `log()` without `step` adds to it (as in wandb). A failing call logs nothing and
        loses none of the steps logged before it.
        """
        if not isinstance(data, Mapping):
            raise bad_type("data", data, "a dict of key -> value, as wandb.log takes")
        if commit is not None and not isinstance(commit, (bool, np.bool_)):
            raise bad_type("commit", commit, "True, False or None")
        at = self._next_step if step is None else _check_step(step)
        if self._last_step is not None and at < self._last_step:
            raise bad_value(
                "step",
                f"{at} is lower than the last logged step {self._last_step}",
                f"steps must not decrease: log at step >= {self._last_step} "
                f"(or leave step= out for {self._next_step})",
            )
        job = self._job(data, at)
        self._last_step = at
        self._next_step = at if commit is False else at + 1
        new_keys = [key for key in data if key not in self._key_order]
        if new_keys:
            self._key_order += new_keys
            self.panel_keys = list(self._key_order)
        self._enqueue(job)

    def _job(self, data: Mapping[str, Any], step: int) -> _Job:
        """Check and normalize every value (on the caller's thread) before anything is kept."""
        job = _Job(step, time.time(), {}, {}, {})
        for key, value in data.items():
            if not isinstance(key, str):
                raise bad_type("data", key, "str keys (the panel names), as wandb.log takes")
            if _is_number(value):
                job.numbers[key] = float(value)
                continue
            if isinstance(value, (list, tuple)):
                if not value:
                    raise bad_value(
                        f"data[{key!r}]", "the list is empty", "log at least one picture"
                    )
                images = [self._as_image(v, f"data[{key!r}][{i}]") for i, v in enumerate(value)]
            else:
                images = [self._as_image(value, f"data[{key!r}]")]
            job.images[key] = [(_detached(image), summary(image)) for image in images]
            if self.keep_raw:
                job.raw[key] = [None if im.raw is None else np.array(im.raw) for im in images]
        return job

    @staticmethod
    def _as_image(value: Any, argument: str) -> Image:
        if isinstance(value, Image):
            return value
        if value is None or isinstance(value, (Mapping, set, bytes, bytearray, complex)):
            raise bad_type(argument, value, _ACCEPTED)
        try:
            return Image(value)
        except TypeError as exc:
            raise TypeError(f"{argument}: expected {_ACCEPTED}; {exc}") from exc
        except (ValueError, FileNotFoundError) as exc:
            raise type(exc)(f"{argument}: {exc}") from exc

    # -- the encoder -----------------------------------------------------------------------

    def _enqueue(self, job: _Job) -> None:
        with self._cond:
            # Back-pressure on the CPU, never on a browser: the pending steps hold pictures.
            while len(self._queue) >= MAX_PENDING:
                self._cond.wait()
            self._queue.append(job)
            if not self._draining:
                self._draining = True
                submit_task(self._drain)

    def _drain(self) -> None:
        while True:
            with self._cond:
                if not self._queue:
                    self._draining = False
                    self._cond.notify_all()
                    return
                job = self._queue[0]
            try:
                self._process(job)
            except Exception as exc:  # one bad encode must not stop the history
                self._errors = [*self._errors[-9:], exc]
                _LOGGER.warning("nbimage.History: step %s could not be encoded: %s", job.step, exc)
            finally:
                with self._cond:
                    self._queue.popleft()
                    self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every logged step is encoded and sent; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._queue or self._draining:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        self._sync_now()
        return True

    def _process(self, job: _Job) -> None:
        record = StepRecord(job.step, job.time, 0, numbers=dict(job.numbers), raw=job.raw)
        for key, images in job.images.items():
            items: list[WireItem] = []
            for index, (image, line) in enumerate(images):
                item = image_item(image, item_id=f"{key}/{job.step}/{index}", max_side=DISPLAY_SIDE)
                item["summary"] = line
                items.append(item)
            record.items[key] = items
        with self._lock:
            merged = self._store.newest is not None and self._store.newest.step == job.step
            dropped = self._store.add(record)
            if not merged:
                self._newest_images = {}
            self._newest_images.update({k: [im for im, _ in v] for k, v in job.images.items()})
            self._newest_step = job.step
            message = self._step_message(record, dropped)
        self._send_step(message)
        self._sync_soon()

    def _step_message(self, record: StepRecord, dropped: list[int]) -> WireHistoryStep:
        return {
            "step": record.step,
            "time": record.time,
            "items": record.items,
            "numbers": {k: _number_text(v) for k, v in record.numbers.items()},
            "dropped": dropped,
            "logged": self._store.logged,
            "thinned": self._store.thinned,
        }

    def _send_step(self, message: WireHistoryStep, reply: bool = False) -> None:
        state, paths, buffers = _remove_buffers(dict(message))
        # A closed comm: the steps stay kept, nobody hears them.
        with contextlib.suppress(Exception):
            self.send(
                {"type": "history-step", "reply": reply, "data": state, "buffer_paths": paths},
                buffers,
            )

    # -- the synced step list ----------------------------------------------------------------

    def _sync_soon(self) -> None:
        """Update the step-list traits now, or once SYNC_INTERVAL_S has passed since the
        last update (a saved notebook's state; live views hear each step as a message)."""
        with self._lock:
            wait = self._synced_at + SYNC_INTERVAL_S - time.monotonic()
            if wait > 0:
                if self._sync_timer is None:
                    self._sync_timer = threading.Timer(wait, self._sync_now)
                    self._sync_timer.daemon = True
                    self._sync_timer.start()
                return
        self._sync_now()

    def _sync_now(self) -> None:
        with self._lock:
            self._sync_timer = None
            self._synced_at = time.monotonic()
            store = self._store
            timeline = [[record.step, record.time] for record in store.steps]
            newest = store.newest
            latest = None if newest is None else self._step_message(newest, [])
            logged, thinned = store.logged, store.thinned
        try:
            with self.hold_sync():
                self.timeline = timeline
                self.latest = None if latest is None else dict(latest)  # type: ignore[assignment]
                self.logged = logged
                self.thinned = thinned
        except Exception:  # a closed comm
            pass

    # -- reading back --------------------------------------------------------------------------

    @property
    def steps(self) -> list[int]:
        """The steps kept (encoded so far), oldest first."""
        with self._lock:
            return [record.step for record in self._store.steps]

    @property
    def nbytes(self) -> int:
        """Bytes the kept steps hold (encoded pictures, masks, raw copies when kept)."""
        with self._lock:
            return self._store.nbytes

    @property
    def max_steps(self) -> int | None:
        return self._store.max_steps

    @property
    def max_bytes(self) -> int | None:
        return self._store.max_bytes

    def step_items(self, step: int) -> dict[str, list[WireItem]]:
        """The wire items kept for `step` (KeyError when it was never kept or was thinned)."""
        with self._lock:
            record = self._store.find(step)
            if record is None:
                raise KeyError(step)
            return {key: list(items) for key, items in record.items.items()}

    def step_numbers(self, step: int) -> dict[str, float]:
        with self._lock:
            record = self._store.find(step)
            if record is None:
                raise KeyError(step)
            return dict(record.numbers)

    # -- custom messages -----------------------------------------------------------------------

    def _on_custom_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "history-get":
            step = content.get("step")
            with self._lock:
                record = self._store.find(step) if isinstance(step, int) else None
                message = None if record is None else self._step_message(record, [])
            if message is not None:
                self._send_step(message, reply=True)
        elif content.get("type") == "inspect":
            self.send(self.inspect_reply(content))

    def inspect_reply(self, request: Any) -> HistoryInspectReply:
        """Raw values at a pixel of a kept step (only with keep_raw=True; the 8-bit values
        shown are read in the browser); `note` says when they were not kept."""

        def whole(key: str) -> int:
            value = request.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else -1

        step, item, x, y = whole("step"), whole("item"), whole("x"), whole("y")
        key = request.get("key")
        raw: list[float | str] | None = None  # raw_at's values (str: NaN/Inf spelled out)
        raw_dtype = ""
        with self._lock:
            record = self._store.find(step)
            arrays = record.raw.get(key, []) if record is not None and isinstance(key, str) else []
        array = arrays[item] if 0 <= item < len(arrays) else None
        if array is not None and 0 <= y < array.shape[0] and 0 <= x < array.shape[1]:
            raw, raw_dtype = raw_at(array, x, y), str(array.dtype)
        return {
            "type": "inspect-result",
            "request_id": whole("request_id"),
            "item": item,
            "x": x,
            "y": y,
            "raw": raw,
            "raw_dtype": raw_dtype,
            "shown": [],
            "heatmaps": {},  # raw heatmap values are not kept either
            "note": "" if raw is not None else RAW_NOT_KEPT,
        }

    # -- validation ------------------------------------------------------------------------------

    @traitlets.validate("compare_steps")
    def _check_compare_steps(self, proposal: Any) -> list[int]:
        value = [int(v) for v in proposal.value]
        if len(value) not in (0, 2):
            raise _problem("compare_steps", f"must be [] or two steps [a, b], got {value}")
        return value

    @traitlets.validate("play_speed")
    def _check_speed(self, proposal: Any) -> float:
        value = float(proposal.value)
        if not (math.isfinite(value) and value > 0):
            raise _problem(
                "play_speed", f"must be a finite number of steps per second > 0, got {value}"
            )
        return value

    @traitlets.validate("swipe_position")
    def _check_swipe(self, proposal: Any) -> float:
        value = float(proposal.value)
        if not 0.0 <= value <= 1.0:
            raise _problem("swipe_position", f"must be between 0 and 1, got {value}")
        return value

    # -- static forms ----------------------------------------------------------------------------

    def __repr__(self) -> str:
        with self._lock:
            kept, logged = len(self._store.steps), self._store.logged
            newest = self._store.newest
        keys = ", ".join(self._key_order) or "none"
        text = f"History({kept} step{'' if kept == 1 else 's'} kept"
        if logged != kept:
            text += f" of {logged} logged"
        text += f", {len(self._key_order)} key{'' if len(self._key_order) == 1 else 's'}: {keys}"
        if newest is not None:
            text += f"; newest step {newest.step}"
        return text + ")"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The live view, `text/plain` (steps and keys), and an `image/png` contact sheet of
        the newest step's panels labelled with the step, for renderers without a kernel."""
        self.flush(timeout=10)
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        data["text/plain"] = repr(self)
        include, exclude = kwargs.get("include"), kwargs.get("exclude")
        wanted = (include is None or PNG_MIME in include) and (
            exclude is None or PNG_MIME not in exclude
        )
        if wanted:
            data[PNG_MIME] = base64_text(self.static_png())
        return data, metadata

    def static_png(self) -> bytes:
        """The newest step's panels as one PNG, each titled `key · step N` (a line saying
        that no step was logged yet before the first one)."""
        with self._lock:
            step = self._newest_step
            images = {key: list(v) for key, v in self._newest_images.items()}
            newest = self._store.newest
            numbers = dict(newest.numbers) if newest is not None else {}
        if step is None:
            # Displayed before the loop: a saved notebook still says what the output is.
            sheet = _text_block(["History: no steps logged yet when this was displayed"])
            return encode_display(sheet, max(sheet.size))[0]
        panels = []
        for key in self._key_order:
            if key in images:
                pictures = [
                    thumbnail(im, _SHEET_PANEL_SIDE, box_labels=False) for im in images[key]
                ]
                body = (
                    pictures[0]
                    if len(pictures) == 1
                    else contact_sheet(pictures, min(4, len(pictures)))
                )
                panels.append(_titled(f"{key} · step {step}", body))
        if numbers:
            lines = [f"{key}: {_number_text(value)}" for key, value in numbers.items()]
            panels.append(_titled(f"step {step}", _text_block(lines)))
        if not panels:  # log({}): a step with nothing in it
            panels.append(_text_block([f"step {step}: nothing logged"]))
        sheet = contact_sheet(panels, min(3, len(panels)))
        return encode_display(sheet, max(sheet.size))[0]


HISTORY_VIEW_OPTIONS = (
    "shown_step",
    "unlinked",
    "key_state",
    "compare_steps",
    "compare_mode",
    "swipe_position",
    "play_speed",
)


def _titled(title: str, body: PIL.Image.Image) -> PIL.Image.Image:
    """`body` under a one-line title on white (the static sheet's panel)."""
    header = 18
    width = max(body.width, 8 * len(title) + 8)
    panel = PIL.Image.new("RGB", (width, body.height + header), (255, 255, 255))
    PIL.ImageDraw.Draw(panel).text((4, 3), title, fill=(0, 0, 0))
    if body.mode == "RGBA":
        panel.paste(body, (0, header), body)
    else:
        panel.paste(body.convert("RGB"), (0, header))
    return panel


def _text_block(lines: list[str]) -> PIL.Image.Image:
    block = PIL.Image.new(
        "RGB", (max(8 * max(len(t) for t in lines) + 8, 64), 16 * len(lines) + 8), "white"
    )
    draw = PIL.ImageDraw.Draw(block)
    for row, line in enumerate(lines):
        draw.text((4, 4 + 16 * row), line, fill=(0, 0, 0))
    return block
