// Bodies of error and token responses are read whole; past this size they are not worth keeping.
const MAX_BODY_CHARS = 1_000_000;

/** Reads a response body as text and, when it parses, as JSON. Never throws on a bad body. */
export async function readJsonBody(response: Response): Promise<{ json: unknown; text: string }> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { json: undefined, text: "" };
  }
  if (text.length > MAX_BODY_CHARS) text = text.slice(0, MAX_BODY_CHARS);
  try {
    return { json: JSON.parse(text), text };
  } catch {
    return { json: undefined, text };
  }
}
