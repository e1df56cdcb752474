// The anywidget entry point. `initialize` runs once per model (a custom-message channel for
// the pixel inspector); `render` runs once per displayed view and returns its cleanup.

import { InspectChannel } from "./inspector";
import type { ViewModel } from "./state";
import { NbimageView } from "./view";

interface Props {
  model: ViewModel;
}

export default () => {
  const channels = new WeakMap<object, InspectChannel>();
  const channelFor = (model: ViewModel): InspectChannel => {
    let channel = channels.get(model);
    if (!channel) {
      channel = new InspectChannel(model as never);
      channels.set(model, channel);
    }
    return channel;
  };
  return {
    initialize({ model }: Props) {
      const channel = channelFor(model);
      return () => {
        channel.dispose();
        channels.delete(model);
      };
    },
    render({ model, el }: Props & { el: HTMLElement }) {
      const view = new NbimageView(model, el, channelFor(model));
      return () => view.destroy();
    },
  };
};
