import { describe, expect, it } from "vitest";
import { blobOf, bytesOf, redChannel } from "./codec";

describe("codec", () => {
  it("reads exactly the DataView's window of a larger buffer", () => {
    const buffer = new Uint8Array([9, 9, 9, 1, 2, 3, 9, 9]).buffer;
    const view = new DataView(buffer, 3, 3);
    expect([...bytesOf(view)]).toEqual([1, 2, 3]);
    expect([...bytesOf(new Uint8Array(buffer, 6, 2))]).toEqual([9, 9]);
    expect([...bytesOf(new Uint8Array([4, 5]).buffer)]).toEqual([4, 5]);
  });

  it("builds a Blob of the window only", async () => {
    const buffer = new Uint8Array([0xee, 0x89, 0x50, 0x4e, 0x47, 0xee]).buffer;
    const blob = blobOf(new DataView(buffer, 1, 4), "image/png");
    expect(blob.size).toBe(4);
    expect(blob.type).toBe("image/png");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("takes the red channel of RGBA pixels as the class ids", () => {
    const rgba = new Uint8ClampedArray([7, 7, 7, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    expect([...redChannel(rgba)]).toEqual([7, 0, 255]);
  });
});
