const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A status line on stderr for long walks and sign-ins: only at a terminal, never when piped or `--quiet`. */
export interface Progress {
  /** A page arrived: the line shows pages, items and the rate. */
  page(items: number): void;
  /** A spinner with a message until `stop()` (a push approval, a slow sign-in). */
  spin(message: string): void;
  /** Clears the line before output goes to the same terminal; the next `page()` draws it again. */
  hide(): void;
  /** Clears the line; with a summary, leaves it printed. */
  stop(summary?: string): void;
}

const silent: Progress = { page() {}, spin() {}, hide() {}, stop() {} };

export function createProgress(stderr: NodeJS.WriteStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return silent;
  const started = now();
  let pages = 0;
  let items = 0;
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  let shown = false;
  const draw = (text: string) => {
    shown = text !== "";
    stderr.write(`\r\x1b[2K${text}`);
  };
  const stopSpinner = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    page(count) {
      stopSpinner();
      pages++;
      items += count;
      const seconds = Math.max((now() - started) / 1000, 0.001);
      draw(`${pages} page${pages === 1 ? "" : "s"}, ${items} item${items === 1 ? "" : "s"}, ${Math.round(items / seconds)} items/s`);
    },
    spin(message) {
      stopSpinner();
      draw(`${FRAMES[0]!} ${message}`);
      timer = setInterval(() => draw(`${FRAMES[++frame % FRAMES.length]!} ${message}`), 100);
      timer.unref();
    },
    hide() {
      if (shown && !timer) draw("");
    },
    stop(summary) {
      stopSpinner();
      if (summary) draw(`${summary}\n`);
      else if (shown) draw("");
      shown = false;
    },
  };
}
