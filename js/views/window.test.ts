import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, type ViewModel } from "../state";
import type { RenderReply, WireViewState } from "../wire";
import { isRenderReply, isWindowed, RenderChannel, type Rendered, windowChoice } from "./window";

class FakeModel implements ViewModel {
  sent: unknown[] = [];
  private handlers = new Set<(...args: unknown[]) => void>();
  get(): unknown {
    return undefined;
  }
  set(): void {}
  save_changes(): void {}
  on(_event: string, callback: (...args: unknown[]) => void): void {
    this.handlers.add(callback);
  }
  off(_event: string, callback: (...args: unknown[]) => void): void {
    this.handlers.delete(callback);
  }
  send(content: unknown): void {
    this.sent.push(content);
  }
  reply(content: RenderReply): void {
    for (const handler of this.handlers) handler(content, []);
  }
}

const state = (patch: Partial<WireViewState>): WireViewState => ({ ...DEFAULT_STATE, ...patch });

function errorReply(requestId: number, item: number): RenderReply {
  return {
    type: "render-result",
    request_id: requestId,
    item,
    window: null,
    colormap: null,
    note: "",
    error: "no raw",
  };
}

describe("window/level controls", () => {
  it("maps trait values to the select and knows when a view is a display choice", () => {
    expect(windowChoice(null)).toBe("");
    expect(windowChoice("p1-99")).toBe("p1-99");
    expect(windowChoice([0, 10])).toBe("custom");
    expect(isWindowed(state({}))).toBe(false);
    expect(isWindowed(state({ colormap: "viridis" }))).toBe(true);
    expect(isRenderReply(errorReply(1, 0))).toBe(true);
    expect(isRenderReply({ type: "inspect-result", request_id: 1 })).toBe(false);
  });

  it("asks once per item with every choice, and drops replies to an older choice", async () => {
    const model = new FakeModel();
    const got: Rendered[] = [];
    const channel = new RenderChannel(model, (r) => got.push(r));
    channel.request(state({ window: "full", channel_window: "shared" }), [0, 1]);
    expect(model.sent).toEqual([
      {
        type: "render",
        request_id: 1,
        item: 0,
        window: "full",
        colormap: null,
        channel_window: "shared",
        max_side: 2048,
      },
      {
        type: "render",
        request_id: 2,
        item: 1,
        window: "full",
        colormap: null,
        channel_window: "shared",
        max_side: 2048,
      },
    ]);
    channel.request(state({ window: "p1-99" }), [0]); // a newer choice before the replies
    model.reply(errorReply(1, 0));
    model.reply(errorReply(3, 0));
    await new Promise((done) => setTimeout(done, 0));
    expect(got.map((r) => r.reply.request_id)).toEqual([3]);
    expect(channel.waiting).toBe(0);
    channel.request(state({}), [0]); // back to what wandb logs: nothing to ask
    expect(model.sent).toHaveLength(3);
    channel.dispose();
  });
});
