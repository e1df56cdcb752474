// Browser zoom or moving the window to another screen changes devicePixelRatio without
// resizing any element, so no ResizeObserver fires; a resolution media query does.

/** Minimal window surface used here (a fake in unit tests). */
export interface RatioWindow {
  devicePixelRatio: number;
  matchMedia(query: string): Pick<MediaQueryList, "addEventListener" | "removeEventListener">;
}

/** Call `onChange` each time the device pixel ratio changes; returns the cleanup. */
export function watchPixelRatio(onChange: () => void, win: RatioWindow = window): () => void {
  let media: ReturnType<RatioWindow["matchMedia"]> | null = null;
  const handle = () => {
    listen(); // the query names the old ratio: listen again for the new one
    onChange();
  };
  const listen = () => {
    media?.removeEventListener("change", handle);
    media = win.matchMedia(`(resolution: ${win.devicePixelRatio || 1}dppx)`);
    media.addEventListener("change", handle);
  };
  listen();
  return () => media?.removeEventListener("change", handle);
}
