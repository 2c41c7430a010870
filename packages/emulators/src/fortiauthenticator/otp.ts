import { createHmac, randomInt } from "node:crypto";

const STEP_SECONDS = 30;
const DIGITS = 6;

/**
 * One-time codes of the emulated tokens. FortiToken Mobile and hardware FortiTokens are TOTP
 * (RFC 6238, 30-second steps, 6 digits) with a secret derived from the emulator's seed and the
 * user name, so tests can compute the current code. E-mail and SMS codes are random, "sent"
 * when a challenge asks for one, and good once.
 */
export class OtpCenter {
  readonly #seed: string;
  readonly #sent = new Map<string, string>();

  constructor(seed: number) {
    this.#seed = `secfetch-fortiauthenticator-emulator-${seed}`;
  }

  /** The TOTP code of `username`'s token at `at` (epoch ms). */
  totp(username: string, at = Date.now()): string {
    return hotp(this.#secret(username), Math.floor(at / 1000 / STEP_SECONDS));
  }

  /** Whether `code` is the TOTP of the current step or the one before (clock drift allowance). */
  checkTotp(username: string, code: string, at = Date.now()): boolean {
    const step = Math.floor(at / 1000 / STEP_SECONDS);
    return [step, step - 1].some((s) => hotp(this.#secret(username), s) === code);
  }

  /** "Sends" a new e-mail/SMS code to `username`, replacing any earlier one. Returns it. */
  send(username: string): string {
    const code = String(randomInt(0, 10 ** DIGITS)).padStart(DIGITS, "0");
    this.#sent.set(username, code);
    return code;
  }

  /** The e-mail/SMS code waiting for `username`, if one was sent and not yet used. */
  pending(username: string): string | undefined {
    return this.#sent.get(username);
  }

  /** Checks and uses up the e-mail/SMS code of `username`. */
  redeem(username: string, code: string): boolean {
    const expected = this.#sent.get(username);
    if (expected === undefined || expected !== code) return false;
    this.#sent.delete(username);
    return true;
  }

  /** Forgets every sent code. */
  clear(): void {
    this.#sent.clear();
  }

  #secret(username: string): Buffer {
    return createHmac("sha256", this.#seed).update(username).digest().subarray(0, 20);
  }
}

/** RFC 4226 HOTP with HMAC-SHA1. */
function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return String(binary).padStart(DIGITS, "0");
}
