import { createInterface } from "node:readline";

/** Asks the user at a terminal; secrets are read without echo. */
export interface Prompter {
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
}

/** A prompter on the process's terminal, or `undefined` when standard input or error is not one. */
export function terminalPrompter(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Prompter | undefined {
  if (!stdin.isTTY || !stderr.isTTY) return undefined;
  return {
    ask: (question, options = {}) => (options.secret ? askHidden(stdin, stderr, question) : askVisible(stdin, stderr, question)),
  };
}

function askVisible(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, question: string): Promise<string> {
  const rl = createInterface({ input: stdin, output: stderr, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** Reads a line in raw mode, echoing nothing: a secret never appears on the screen or in a terminal log. */
function askHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = "";
    const wasRaw = stdin.isRaw;
    // Echo off before the question shows, so nothing typed after it can appear on the screen.
    stdin.setRawMode(true);
    stdin.resume();
    stderr.write(question);
    const done = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(Object.assign(new Error("Interrupted."), { name: "Interrupted" }));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}
