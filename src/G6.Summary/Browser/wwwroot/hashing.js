// Panel hashes and the digest exactly as PROTOCOL.md defines them ("Hashes and digest"): SHA-256 of the
// UTF-8 of JSON.stringify([key, title, ...lines]) (RFC 8785 JCS; for arrays of strings the two are the
// same), and SHA-256 of "key:hash\n" for every panel, keys in ordinal order.
import { sha256Bytes } from './sha256.js';

const encoder = new TextEncoder();

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Web Crypto where the browser offers it (a secure context: HTTPS, or localhost over plain HTTP);
 * elsewhere the page's own SHA-256, so the page is verified wherever it is opened.
 */
export function createHasher(webCrypto = globalThis.isSecureContext ? globalThis.crypto?.subtle : undefined) {
  const kind = webCrypto ? 'Web Crypto' : 'in-page SHA-256';
  const sha256 = webCrypto
    ? async (text) => hex(new Uint8Array(await webCrypto.digest('SHA-256', encoder.encode(text))))
    : async (text) => hex(sha256Bytes(encoder.encode(text)));
  return { kind, sha256 };
}

/** The hash a panel must carry. */
export function panelHash(hasher, key, panel) {
  return hasher.sha256(JSON.stringify([key, panel.title, ...panel.lines]));
}

/**
 * The digest of panels held as a Map of key to {hash}. Array.prototype.sort compares UTF-16 code units,
 * which is the server's ordinal order.
 */
export function digestOf(hasher, panels) {
  const keys = [...panels.keys()].sort();
  return hasher.sha256(keys.map((key) => `${key}:${panels.get(key).hash}\n`).join(''));
}
