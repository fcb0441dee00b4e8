import naughtyStrings from 'big-list-of-naughty-strings/blns.json' with { type: 'json' };
import fc from 'fast-check';

/**
 * Malformed input as a careless or hostile client sends it (issue 11): the naughty-strings list,
 * text no database keeps (NUL, lone surrogates), ids in the wrong case, numbers past every
 * column, dates at and past the ends of time, and valid requests bent out of shape.
 */
export const NAUGHTY_STRINGS: readonly string[] = naughtyStrings as string[];

const UPPER_ID = '0190ABCD-1234-7ABC-8DEF-0123456789AB';

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'Armley\u0000',
  '\uD800',
  'a\uDFFFb',
  '😀'.slice(0, 1),
  UPPER_ID,
  UPPER_ID.toLowerCase().replace('7', '4'),
  'not-an-id',
  '00000000-0000-0000-0000-000000000000',
  '9'.repeat(19),
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999999',
  '-1',
  '0',
  '1e308',
  'NaN',
  'Infinity',
  '0x10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-14:00',
  '9999-12-31T23:59:59.999999999-23:59',
  '2026-11-20T10:30:00+15:00',
  '2026-11-20T10:30:00.1234567Z',
  'x'.repeat(5_000),
  'ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ'.repeat(300),
  '<script>alert(1)</script>',
  "'); drop table conversations; --",
  '../../etc/passwd',
  '%00',
  'E05011385',
  'e05011385',
  'E05999999'
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAUGHTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\uDC00', 'a', '1', '-'), maxLength: 10 }) }
);

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, -0, 2 ** 31, 2 ** 53, 9223372036854775808, 1e308, -1e308, [], {}, [[[]]], { a: { b: {} } }, ['x'])
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
);

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], into: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((item, i) => (into.push([...path, i]), pathsOf(item, [...path, i], into)));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) into.push([...path, key]), pathsOf(item, [...path, key], into);
  return into;
}

export type Mutation = { at: number; kind: 'replace' | 'remove' | 'wrap-array' | 'wrap-object' | 'upper-case' | 'add-key'; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'wrap-array', 'wrap-object', 'upper-case', 'add-key'),
  value: hostileJson
});

/** `valid` with each mutation applied at a place chosen among all its values, deep or shallow. */
export function mutateJson(valid: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(valid);
  for (const { value: shared, ...rest } of mutations) {
    // Generated values can be one shared object (a constant `[]`): each placed copy is its own, or a
    // second mutation inside the first could make the message refer to itself.
    const change = { ...rest, value: structuredClone(shared) };
    const paths = pathsOf(copy);
    if (paths.length === 0) return change.value;
    const path = paths[change.at % paths.length];
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = path.at(-1)!;
    const current = parent[key];
    if (change.kind === 'remove') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (change.kind === 'wrap-array') parent[key] = [current];
    else if (change.kind === 'wrap-object') parent[key] = { value: current };
    else if (change.kind === 'upper-case') parent[key] = typeof current === 'string' ? current.toUpperCase() : change.value;
    else if (change.kind === 'add-key' && current && typeof current === 'object' && !Array.isArray(current)) current[String(change.at)] = change.value;
    else parent[key] = change.value;
  }
  return copy;
}

export type FormFields = Record<string, string | string[]>;
type FieldChange = { kind: 'keep' | 'replace' | 'remove' | 'repeat' | 'file' | 'upper-case'; value: string };

/** A form's fields, each kept, replaced by hostile text, dropped, sent twice, sent as a file or upper-cased. */
export function mutatedForm(valid: FormFields): fc.Arbitrary<FormFields> {
  const change: fc.Arbitrary<FieldChange> = fc.record({
    kind: fc.constantFrom('keep', 'keep', 'replace', 'replace', 'remove', 'repeat', 'file', 'upper-case'),
    value: hostileString
  });
  return fc.record(Object.fromEntries(Object.keys(valid).map((name) => [name, change]))).map((changes) => {
    const form: FormFields = {};
    for (const [name, value] of Object.entries(valid)) {
      const { kind, value: hostile } = changes[name];
      const first = Array.isArray(value) ? value[0] ?? '' : value;
      if (kind === 'keep') form[name] = value;
      else if (kind === 'replace') form[name] = Array.isArray(value) ? value.map((v, i) => (i === 0 ? hostile : v)) : hostile;
      else if (kind === 'repeat') form[name] = [first, hostile];
      else if (kind === 'upper-case') form[name] = Array.isArray(value) ? value.map((v) => v.toUpperCase()) : value.toUpperCase();
      else if (kind === 'file') form[`${name}\u0001file`] = hostile;
    }
    return form;
  });
}

/** A FormData of `fields`; a field named `x\u0001file` is sent as a file named x. */
export function formDataOf(fields: FormFields, files: Record<string, { text: string; name: string }> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name.endsWith('\u0001file')) form.append(name.slice(0, -5), new File([value as string], 'x.txt'));
    else for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  for (const [name, file] of Object.entries(files)) form.append(name, new File([file.text], file.name));
  return form;
}

/** Prints the seed so a failure can be run again: FUZZ_SEED=<seed> npx vitest run … */
export function fuzzSeed(label: string): number {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label}: fast-check seed ${seed} (FUZZ_SEED=${seed} to run it again)`);
  return seed;
}
