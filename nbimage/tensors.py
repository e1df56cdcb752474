"""A torch tensor's values as a numpy array, whatever kind of tensor it is.

`.numpy()` works only for dense CPU tensors of dtypes numpy has. The obvious conversions
are made (and said, in `how`): bfloat16 and float8 widened to float32, sparse layouts made
dense, quantized tensors dequantized. A tensor without values (the `meta` device) or one
whose conversion fails is refused with an error naming the argument, never torch's own
error from deep inside (issue 19).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from nbimage._errors import bad_type, bad_value, describe

# A sparse tensor is made dense only up to this many elements (1 GiB of float32).
MAX_DENSE_ELEMENTS = 1 << 28


@dataclass(frozen=True)
class Converted:
    array: np.ndarray
    upcast: bool = False  # a dtype numpy cannot hold was widened to float32
    how: str | None = None  # "made dense from sparse_coo", "dequantized (torch.quint8)"...


def tensor_to_numpy(tensor: Any, argument: str) -> Converted:
    """The values of `tensor` (never written to: may share the tensor's memory)."""
    import torch

    if tensor.is_meta:
        raise bad_value(
            argument,
            f"{describe(tensor)} is on the 'meta' device, which holds shapes but no values",
            "pass a tensor with data (e.g. build it on 'cpu')",
        )
    if getattr(tensor, "is_nested", False):
        raise bad_type(argument, tensor, "a regular tensor (a nested tensor has ragged sides)")
    plain = tensor.detach()
    how: str | None = None
    with warnings.catch_warnings():
        # torch warns that sparse CSR/BSR support is in beta on every use.
        warnings.simplefilter("ignore", UserWarning)
        try:
            if plain.layout != torch.strided:
                if plain.numel() > MAX_DENSE_ELEMENTS:
                    raise bad_value(
                        argument,
                        f"{describe(tensor)} (layout {plain.layout}) would be "
                        f"{plain.numel()} values once dense, over {MAX_DENSE_ELEMENTS}",
                        "index or downsample it first",
                    )
                how = f"made dense from {str(plain.layout).removeprefix('torch.')}"
                plain = plain.to_dense()
            if plain.is_quantized:
                how = f"dequantized from {plain.dtype} (scale and zero point applied)"
                plain = plain.dequantize()
            plain = plain.resolve_conj().resolve_neg()
            upcast = False
            if plain.dtype == torch.bfloat16:
                # numpy has no bfloat16; float32 holds every bfloat16 value exactly.
                plain = plain.to(torch.float32)
                upcast = True
            plain = plain.cpu()
            try:
                array = plain.numpy()
            except TypeError:  # dtypes numpy cannot view (e.g. float8 kinds)
                array = plain.to(torch.float32).numpy()
                upcast = True
        except (RuntimeError, TypeError, NotImplementedError) as error:
            raise bad_type(
                argument,
                tensor,
                f"a tensor whose values can be read (torch said: {str(error)[:200]})",
            ) from None
    return Converted(array, upcast, how)
