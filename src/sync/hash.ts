/** The SHA-256 of `bytes`, lower-case hex: an attachment's id (Web Crypto: pages, workers, Node). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
