import { generate } from "selfsigned";

/**
 * A server certificate for 127.0.0.1 / localhost, signed by a throwaway CA made for it. Keys
 * live only in memory: nothing is written to disk, and the CA's private key is dropped as soon
 * as the server certificate is signed, so nothing else can ever be issued under that CA.
 */
export interface LoopbackCertificate {
  /** Server private key, PEM (EC P-256). Give it to the HTTPS server only. */
  readonly key: string;
  /** Server certificate, PEM, with subject-alt-names `127.0.0.1`, `::1` and `localhost`. */
  readonly cert: string;
  /** The CA certificate, PEM: what a client passes as its trusted `ca`. */
  readonly ca: string;
}

/** How {@link createLoopbackCertificate} names and dates its certificates. */
export interface LoopbackCertificateOptions {
  /** Common name of the throwaway CA. Default `"secfetch emulator CA"`. */
  caName?: string;
  /** Days both certificates stay valid. Default `7`. */
  validDays?: number;
}

const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a CA and a server certificate it signs, for an emulator that must speak real TLS (an
 * appliance with its own CA). EC keys keep this near 100 ms. Clients that do not trust `ca`
 * fail verification, exactly as against an appliance with a self-signed certificate.
 */
export async function createLoopbackCertificate(options: LoopbackCertificateOptions = {}): Promise<LoopbackCertificate> {
  const validDays = options.validDays ?? 7;
  if (!(validDays > 0)) throw new TypeError("validDays must be a positive number");
  // Backdated a little so a client whose clock runs slightly behind still accepts it.
  const notBeforeDate = new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfterDate = new Date(notBeforeDate.getTime() + validDays * DAY_MS + CLOCK_SKEW_MS);
  const common = { keyType: "ec", curve: "P-256", algorithm: "sha256", notBeforeDate, notAfterDate } as const;

  const authority = await generate([{ name: "commonName", value: options.caName ?? "secfetch emulator CA" }], {
    ...common,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    ...common,
    ca: { key: authority.private, cert: authority.cert },
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { key: server.private, cert: server.cert, ca: authority.cert };
}
