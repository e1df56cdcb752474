"""Model outputs as they come: numpy arrays or torch tensors (any device, any real dtype).

One reader for the model-output helpers (box tensors, per-class scores, heatmaps), so each
says the same thing about a complex, boolean or string array.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nbimage._errors import bad_type, bad_value


def is_torch(value: object) -> bool:
    return type(value).__module__.split(".")[0] == "torch"


def real_array(value: Any, where: str, accepted: str) -> np.ndarray:
    """`value` as a numpy array of real numbers (ints or floats), never a copy when it can
    be a view. Torch tensors are detached and brought to the CPU; bfloat16 becomes float32
    (numpy has no bfloat16), exactly."""
    if is_torch(value):
        import torch

        numpy_floats = (torch.float16, torch.float32, torch.float64)
        if not isinstance(value, torch.Tensor):
            raise bad_type(where, value, accepted)
        if value.is_complex() or value.dtype == torch.bool:
            raise bad_type(where, value, accepted + " of real numbers")
        if value.device.type == "meta":
            raise bad_value(where, "a meta tensor has no values", "give it real data first")
        if value.is_quantized:
            raise bad_type(where, value, accepted + " (dequantize it first: .dequantize())")
        tensor = value.detach()
        if tensor.layout != torch.strided:
            tensor = tensor.to_dense()  # sparse outputs are small enough to densify
        # Negated/conjugated views have no numpy form; floats numpy lacks (bfloat16, the
        # float8s) become float32, exactly.
        tensor = tensor.resolve_neg().resolve_conj()
        if tensor.is_floating_point() and tensor.dtype not in numpy_floats:
            tensor = tensor.float()
        return np.asarray(tensor.cpu().numpy())
    if isinstance(value, np.ndarray):
        array = value
    elif isinstance(value, (list, tuple)):
        try:
            array = np.asarray(value)
        except ValueError:
            raise bad_type(where, value, accepted + " (these lists are ragged)") from None
    else:
        raise bad_type(where, value, accepted)
    if array.dtype.kind not in "iuf":
        raise bad_type(where, value, accepted + " of real numbers (int or float)")
    return array


def first_nonfinite(array: np.ndarray) -> tuple[int, ...] | None:
    """The index of the first NaN/±Inf, or None (integer arrays have none)."""
    if array.dtype.kind != "f":
        return None
    # One reduction, no mask: a finite sum means no NaN/±Inf (an overflowing sum only sends
    # a clean array down the exact path below).
    with np.errstate(all="ignore"):  # inf - inf or an overflow: not worth a warning
        total = np.sum(array)
    if np.isfinite(total):
        return None
    finite = np.isfinite(array)
    if finite.all():
        return None
    return tuple(int(i) for i in np.argwhere(~finite)[0])
