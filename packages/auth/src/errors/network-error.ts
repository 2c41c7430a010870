import { nameErrorClass, SecfetchError } from "./secfetch-error.js";

/** The request never got an HTTP response: connection refused or reset, DNS, TLS. */
export class NetworkError extends SecfetchError {
  static {
    nameErrorClass(this, "NetworkError");
  }
}
