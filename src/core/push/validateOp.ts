import { syncOpSchema, type OpEnvelope, type SyncOp, type OpError } from '../protocol';
import { pathString, type IssuePath } from '../protocol/issues';

export type ValidatedOp =
  /** `sent`: the op as it arrived, before validation trimmed or filled it in (compact answers build on it). */
  | { ok: true; opId: string; key: string; op: SyncOp; sent: OpEnvelope }
  | { ok: false; opId: string; key: string; error: OpError };

/** Identifies a record within a workspace. */
export function recordKey(collection: string, id: string): string {
  return `${collection}/${id}`;
}

/** Checks one op's payload; an invalid op is rejected on its own, naming the field at fault. */
export function validateOp(envelope: OpEnvelope): ValidatedOp {
  const opId = envelope.opId;
  const key = recordKey(envelope.collection, envelope.id);
  const parsed = syncOpSchema.safeParse(envelope);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error: OpError = { code: 'invalid', message: issue?.message ?? 'Invalid operation' };
    const field = issue ? fieldOf(issue.path) : undefined;
    if (field) error.field = field;
    return { ok: false, opId, key, error };
  }
  const op = parsed.data;
  if (op.kind === 'update') {
    // Without the base value the server cannot tell an edit from an overwrite of someone else's.
    const missing = Object.keys(op.patch).find((f) => !Object.hasOwn(op.base, f));
    if (missing) {
      return {
        ok: false,
        opId,
        key,
        error: { code: 'invalid', message: `base must hold the previous value of every patched field (${missing})`, field: missing },
      };
    }
  }
  return { ok: true, opId, key, op, sent: envelope };
}

/** `['patch', 'email']` → `email`: payload issues name the visitor field; others their path. */
function fieldOf(path: IssuePath): string | undefined {
  const [head, field] = path;
  if ((head === 'data' || head === 'patch' || head === 'base') && typeof field === 'string') return field;
  return pathString(path);
}
