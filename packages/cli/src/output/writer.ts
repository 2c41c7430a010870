/** Writes to a stream with backpressure; a closed pipe (`| head`) ends the output quietly. */
export interface Writer {
  write(text: string): Promise<void>;
  /** The reader went away (EPIPE): nothing more is written. */
  readonly closed: boolean;
}

export function createWriter(stream: NodeJS.WritableStream): Writer {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") closed = true;
    else throw error;
  });
  return {
    get closed() {
      return closed;
    },
    write(text) {
      if (closed || text === "") return Promise.resolve();
      if (stream.write(text)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("error", done);
          resolve();
        };
        stream.once("drain", done);
        stream.once("error", done);
      });
    },
  };
}
