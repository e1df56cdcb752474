// The anywidget entry point. `initialize` runs once per model (a custom-message channel for
// the pixel inspector); `render` runs once per displayed view and returns its cleanup.

import type { AnyModel, Initialize, Render } from "@anywidget/types";
import { InspectChannel } from "./inspector";
import type { ViewModel } from "./state";
import { NbimageView } from "./view";
import { HistoryView } from "./views/history";
import { HistoryStore } from "./views/historyStore";

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
  // History (issue 17): one store of steps per model, filled from the model's creation on.
  const stores = new WeakMap<object, HistoryStore>();
  const storeFor = (model: AnyModel): HistoryStore => {
    let store = stores.get(model);
    if (!store) {
      store = new HistoryStore(model);
      stores.set(model, store);
    }
    return store;
  };
  const isHistory = (model: AnyModel): boolean => model.get("view") === "history";
  const initialize: Initialize = ({ model }) => {
    if (isHistory(model)) {
      const store = storeFor(model);
      return () => {
        store.dispose();
        stores.delete(model);
      };
    }
    const channel = channelFor(model);
    return () => {
      channel.dispose();
      channels.delete(model);
    };
  };
  const render: Render = ({ model, el }) => {
    if (isHistory(model)) {
      const history = new HistoryView(asViewModel(model), el, storeFor(model));
      return () => history.destroy();
    }
    const view = new NbimageView(asViewModel(model), el, channelFor(model));
    return () => view.destroy();
  };
  return { initialize, render };
};
