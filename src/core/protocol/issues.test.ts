import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue, fieldErrors, pathString, topLevelField, type Issue } from './issues';

const form = z
  .object({
    email: z.string().email('Enter a valid email address'),
    password: z.string().min(8, 'At least 8 characters').regex(/\d/, 'Needs a digit'),
    tags: z.array(z.string().min(1, 'A tag cannot be empty')),
    address: z.object({ city: z.string().min(1, 'City is required') }).strict(),
  })
  .strict();

function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return parsed.error.issues;
}

const valid = { email: 'a@b.co', password: 'long enough 1', tags: ['x'], address: { city: 'Oslo' } };

describe('pathString and topLevelField', () => {
  it('joins the whole path, or takes its first segment; nothing for the input itself', () => {
    expect(pathString(['ops', 3, 'opId'])).toBe('ops.3.opId');
    expect(pathString([])).toBeUndefined();
    expect(topLevelField(['interests', 2])).toBe('interests');
    expect(topLevelField([])).toBeUndefined();
  });
});

describe('describeIssue', () => {
  it('says where and what', () => {
    const [issue] = issuesOf(z.object({ ops: z.array(z.object({ opId: z.string().uuid('Invalid UUID') })) }), {
      ops: [{ opId: 'nope' }],
    });
    expect(describeIssue(issue!)).toBe('ops.0.opId: Invalid UUID');
  });

  it('gives the message alone for an issue with the input as a whole', () => {
    const [issue] = issuesOf(z.string({ message: 'Expected text' }), 42);
    expect(describeIssue(issue!)).toBe('Expected text');
  });
});

describe('fieldErrors', () => {
  it('keeps the first message per field, by the whole path', () => {
    const issues = issuesOf(form, { ...valid, email: 'nope', password: 'short', tags: ['ok', ''], address: { city: '' } });
    expect(fieldErrors(issues)).toEqual({
      email: 'Enter a valid email address',
      password: 'At least 8 characters',
      'tags.1': 'A tag cannot be empty',
      'address.city': 'City is required',
    });
  });

  it('names the first unrecognised key of the input with zod’s message, which lists them all', () => {
    const issues = issuesOf(form, { ...valid, shoeSize: 42, hat: 'yes' });
    expect(fieldErrors(issues)).toEqual({ shoeSize: 'Unrecognized keys: "shoeSize", "hat"' });
  });

  it('names every unrecognised key of the input with the message given', () => {
    const issues = issuesOf(form, { ...valid, email: 'nope', shoeSize: 42, hat: 'yes' });
    expect(fieldErrors(issues, { unknownKeyMessage: 'Unknown field' })).toEqual({
      email: 'Enter a valid email address',
      shoeSize: 'Unknown field',
      hat: 'Unknown field',
    });
  });

  it('leaves an unrecognised key of a nested object on that object', () => {
    const issues = issuesOf(form, { ...valid, address: { city: 'Oslo', zip: '0150' } });
    expect(fieldErrors(issues, { unknownKeyMessage: 'Unknown field' })).toEqual({ address: 'Unrecognized key: "zip"' });
  });

  it('maps paths to fields with fieldOf, dropping the issues it gives no field', () => {
    const issues = issuesOf(z.union([z.string(), z.number()]).pipe(z.string()), true);
    expect(fieldErrors(issues)).toEqual({});
    expect(fieldErrors(issues, { fieldOf: (path) => topLevelField(path) ?? '_' })).toEqual({ _: issues[0]!.message });

    const nested = issuesOf(form, { ...valid, tags: ['', ''] });
    expect(fieldErrors(nested, { fieldOf: topLevelField })).toEqual({ tags: 'A tag cannot be empty' });
  });

  it('takes the message from messageOf', () => {
    const issues = issuesOf(form, { ...valid, email: 'nope', password: 12 });
    const messageOf = (issue: Issue, field: string) => (field === 'password' && issue.code === 'invalid_type' ? 'Type a password' : issue.message);
    expect(fieldErrors(issues, { messageOf })).toEqual({ email: 'Enter a valid email address', password: 'Type a password' });
  });

  it('is empty when there are no issues', () => {
    expect(fieldErrors([])).toEqual({});
  });
});
