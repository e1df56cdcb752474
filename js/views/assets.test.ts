import { describe, expect, it, vi } from "vitest";
import { makeItem } from "../testing";
import { ItemAssets } from "./assets";

// No decoder in Node: the picture and masks fail to decode, and the test gives the masks.
vi.stubGlobal("createImageBitmap", () => Promise.reject(new Error("no decoder in Node")));

/** Nearest-neighbour from its definition: picture pixel x reads floor((x + 0.5) * w / W). */
const reference = (x: number, count: number, source: number) => Math.floor(((x + 0.5) * source) / count);

async function assetsWithMask(picture: { width: number; height: number }, mask: { width: number; height: number }) {
  const ids = new Uint8Array(mask.width * mask.height);
  // Every mask pixel its own id (mod 256), so a wrong pixel is caught.
  for (let i = 0; i < ids.length; i += 1) ids[i] = i % 256;
  const labels: Record<string, string> = {};
  for (let id = 0; id < 256; id += 1) labels[String(id)] = `c${id}`;
  const item = makeItem({
    ...picture,
    masks: [{ key: "pred", class_labels: labels, png: new DataView(new ArrayBuffer(0)), counts: {}, confidence: null }],
  });
  const assets = new ItemAssets(item);
  await assets.ready; // decoding fails here; then the mask is given as decoded
  assets.masks = [{ ...mask, ids }];
  return { assets, ids };
}

describe("the inspector's mask line for a mask of another size", () => {
  for (const [name, picture, mask] of [
    ["half", { width: 451, height: 300 }, { width: 226, height: 150 }],
    ["quarter", { width: 451, height: 300 }, { width: 113, height: 75 }],
    ["odd", { width: 23, height: 20 }, { width: 5, height: 7 }],
  ] as const) {
    it(`names the mask pixel under each picture pixel (${name})`, async () => {
      const { assets, ids } = await assetsWithMask(picture, mask);
      for (let y = 0; y < picture.height; y += 7) {
        for (let x = 0; x < picture.width; x += 3) {
          const mx = reference(x, picture.width, mask.width);
          const my = reference(y, picture.height, mask.height);
          const id = ids[my * mask.width + mx];
          expect(assets.maskClassesAt(x, y, {})).toEqual([`pred: c${id} at mask (${mx}, ${my})`]);
        }
      }
      // The last picture pixel reads the last mask pixel: the mask covers the whole picture.
      const last = assets.maskClassesAt(picture.width - 1, picture.height - 1, { pred: [] });
      expect(last[0]).toContain(`at mask (${mask.width - 1}, ${mask.height - 1})`);
    });
  }

  it("says nothing more for a mask of the picture's size, and notes hidden classes", async () => {
    const { assets } = await assetsWithMask({ width: 4, height: 3 }, { width: 4, height: 3 });
    expect(assets.maskClassesAt(2, 1, {})).toEqual(["pred: c6"]);
    expect(assets.maskClassesAt(2, 1, { pred: [6] })).toEqual(["pred: c6 (hidden)"]);
  });
});
