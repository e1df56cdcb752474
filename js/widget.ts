// The anywidget entry point. `initialize` runs once per model (a custom-message channel for
// the pixel inspector); `render` runs once per displayed view and returns its cleanup.

import type { AnyModel, Initialize, Render } from "@anywidget/types";
import { InspectChannel } from "./inspector";
import type { ViewModel } from "./state";
import { NbimageView } from "./view";

// Compile-time proof that anywidget's model satisfies what the view and channel use.
const asViewModel = (model: AnyModel): ViewModel => model;

export default () => {
  const channels = new WeakMap<object, InspectChannel>();
  const channelFor = (model: AnyModel): InspectChannel => {
    let channel = channels.get(model);
    if (!channel) {
      channel = new InspectChannel(model);
      channels.set(model, channel);
    }
    return channel;
  };
  const initialize: Initialize = ({ model }) => {
    const channel = channelFor(model);
    return () => {
      channel.dispose();
      channels.delete(model);
    };
  };
  const render: Render = ({ model, el }) => {
    const view = new NbimageView(asViewModel(model), el, channelFor(model));
    return () => view.destroy();
  };
  return { initialize, render };
};
