import { describe, expect, it, vi } from "vitest";
import {
  formatValues,
  InspectChannel,
  isInspectReply,
  type MessageModel,
  NO_KERNEL_LINE,
  REPLY_TIMEOUT_MS,
  rawLines,
} from "./inspector";

class FakeModel implements MessageModel {
  sent: unknown[] = [];
  private handlers = new Set<(msg: unknown) => void>();
  on(_event: "msg:custom", callback: (msg: unknown) => void): void {
    this.handlers.add(callback);
  }
  off(_event: "msg:custom", callback: (msg: unknown) => void): void {
    this.handlers.delete(callback);
  }
  send(content: unknown): void {
    this.sent.push(content);
  }
  reply(request_id: number, x: number): void {
    const msg = {
      type: "inspect-result",
      request_id,
      item: 0,
      x,
      y: 0,
      raw: [1.5, null],
      raw_dtype: "float32",
      shown: [3],
    };
    for (const h of this.handlers) h(msg);
  }
}

describe("inspect channel", () => {
  it("keeps one request in flight and sends the latest queued position after the reply", () => {
    const model = new FakeModel();
    const channel = new InspectChannel(model);
    const replies: number[] = [];
    channel.listen((reply) => replies.push(reply.x));
    expect(channel.request({ item: 0, x: 1, y: 0 })).toBe(1);
    expect(channel.request({ item: 0, x: 2, y: 0 })).toBeNull();
    expect(channel.request({ item: 0, x: 3, y: 0 })).toBeNull();
    expect(model.sent).toEqual([{ type: "inspect", request_id: 1, item: 0, x: 1, y: 0 }]);
    model.reply(1, 1);
    expect(replies).toEqual([1]);
    expect(model.sent).toHaveLength(2);
    expect(model.sent[1]).toEqual({ type: "inspect", request_id: 2, item: 0, x: 3, y: 0 });
    channel.dispose();
  });

  it("stops listening when disposed and ignores other messages", () => {
    const model = new FakeModel();
    const channel = new InspectChannel(model);
    const replies: unknown[] = [];
    channel.listen((reply) => replies.push(reply));
    channel.dispose();
    model.reply(1, 0);
    expect(replies).toEqual([]);
    expect(isInspectReply({ type: "other" })).toBe(false);
  });

  it("formats integers, floats and non-finite raw values", () => {
    expect(formatValues([255, 0.123456, null])).toBe("255 0.1235 NaN/Inf");
    expect(formatValues(["NaN", "+Inf", "-Inf", 1])).toBe("NaN +Inf −Inf 1");
    // The overshoot that flips wandb's rule is shown, not rounded away.
    expect(formatValues([1.0000001192092896, 0.9999999403953552, -0.0374])).toBe("1.0000001 0.99999994 -0.03740");
  });

  it("puts many channels' raw values on lines of 8", () => {
    expect(rawLines("uint8", [1, 2, 3])).toEqual(["raw (uint8) 1 2 3"]);
    const lines = rawLines(
      "float32",
      Array.from({ length: 10 }, (_, i) => i),
    );
    expect(lines).toEqual(["raw (float32), 10 channels:", "  c0–7: 0 1 2 3 4 5 6 7", "  c8–9: 8 9"]);
  });
});

describe("inspect channel without a kernel", () => {
  it("turns silent when a request goes unanswered, and a reply clears it", () => {
    vi.useFakeTimers();
    try {
      const model = new FakeModel();
      const channel = new InspectChannel(model);
      let silences = 0;
      channel.onSilence(() => {
        silences += 1;
      });
      channel.request({ item: 0, x: 1, y: 0 });
      expect(channel.silent).toBe(false);
      vi.advanceTimersByTime(REPLY_TIMEOUT_MS + 1);
      expect(channel.silent).toBe(true);
      expect(silences).toBe(1);
      expect(channel.request({ item: 0, x: 2, y: 0 })).toBe(2);
      model.reply(2, 2);
      expect(channel.silent).toBe(false);
      channel.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it("is silent at once when sending throws (no comm at all)", () => {
    const model = new FakeModel();
    model.send = () => {
      throw new Error("no comm");
    };
    const channel = new InspectChannel(model);
    expect(channel.request({ item: 0, x: 1, y: 0 })).toBeNull();
    expect(channel.silent).toBe(true);
    expect(NO_KERNEL_LINE).toContain("values need a running kernel");
    channel.dispose();
  });
});
