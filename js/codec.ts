// The one place that turns wire bytes into things the canvas can draw.
//
// Binary fields arrive as DataView windows onto a larger comm buffer: every view here
// honours byteOffset/byteLength (reading `dv.buffer` whole is a classic bug).

/** What a binary wire field may look like: a DataView from the comm, or bytes from a test. */
export type WireBytes = DataView | ArrayBufferView | ArrayBuffer;

/** The bytes a wire field holds, as a Uint8Array over exactly its window (no copy). */
export function bytesOf(data: WireBytes): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A Blob of the field's bytes (copied, so the Blob owns a plain ArrayBuffer). */
export function blobOf(data: WireBytes, mime: string): Blob {
  const copy = new Uint8Array(bytesOf(data));
  return new Blob([copy.buffer], { type: mime });
}

/** Decode an encoded picture off the main thread. */
export function decodePicture(data: WireBytes, mime: string): Promise<ImageBitmap> {
  return createImageBitmap(blobOf(data, mime));
}

/** The red channel of RGBA pixels: for a grayscale PNG, the 8-bit value of each pixel. */
export function redChannel(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length >> 2);
  for (let i = 0, j = 0; j < out.length; i += 4, j += 1) out[j] = rgba[i] ?? 0;
  return out;
}

export interface ClassIdImage {
  width: number;
  height: number;
  /** One class id (or MARK_* value) per pixel, row-major. */
  ids: Uint8Array;
}

/** A 2-D context to read pixels back from, on whatever canvas this frontend offers. */
export function scratchContext(
  width: number,
  height: number,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  if (typeof OffscreenCanvas !== "undefined") {
    const ctx = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
    if (ctx) return ctx;
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("no 2-D canvas context available");
  return ctx;
}

/** RGBA pixels of a decoded bitmap (used by the inspector and the mask decoder). */
export function pixelsOf(bitmap: ImageBitmap): Uint8ClampedArray {
  const ctx = scratchContext(bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

/**
 * Decode an 8-bit PNG of class ids (or marks) into one id per pixel.
 * Colour management and premultiplication are switched off so the values survive exactly.
 */
export async function decodeClassIds(data: WireBytes): Promise<ClassIdImage> {
  const bitmap = await createImageBitmap(blobOf(data, "image/png"), {
    colorSpaceConversion: "none",
    premultiplyAlpha: "none",
  });
  try {
    return { width: bitmap.width, height: bitmap.height, ids: redChannel(pixelsOf(bitmap)) };
  } finally {
    bitmap.close();
  }
}
