import secureJson from 'secure-json-parse';
import { HttpError } from './httpError';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON request body from its bytes, as Fastify's own parser reads it (prototype poisoning
 * refused), except that invalid UTF-8 is a 400 rather than replacement characters, and an
 * empty body is no body.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new HttpError('bad_request', 'The request body is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new HttpError('bad_request', 'The request body is not valid JSON');
  }
}
