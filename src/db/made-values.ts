/**
 * How a factory makes a column's value, or which edge value a test stores: facts the asMade helper
 * spells (src/kit/spelling.ts). A value starts from a literal, fishery's sequence, a faker draw, one of
 * a list of allowed values, text numbered by the sequence, a repeated character or a safe-integer
 * bound; steps then turn it into what the column takes (ISO text, lower case, 1/0, a cut), and a
 * wrapper into the ORM's type.
 */
export interface MadeValue {
  from: MadeFrom;
  then?: MadeStep[];
  /** String(x), BigInt(x), Buffer.from(x): the type the ORM or driver takes. */
  as?: 'String' | 'BigInt' | 'Buffer';
}

/** A call on faker: `internet.email` with `{ provider: 'example.test' }`, `string.alphanumeric` with 32. */
export interface FakerDraw {
  faker: string;
  options?: Record<string, string | number>;
  count?: number;
}

export type MadeFrom =
  | { literal: string | number | null }
  | { sequence: true; plus?: number }
  | { draw: FakerDraw }
  /** One of the values: drawn by faker, or in turn by the sequence (unique columns); `asConst` keeps their literal types, which an ORM's enum type wants. */
  | { pick: { values: string[]; bySequence: boolean; asConst: boolean } }
  /** The sequence number before a drawn text (`${sequence} ...`, `${sequence}.email`) or in a URL's path: unique even when cut. */
  | { numbered: { shape: 'words' | 'email' | 'url'; value: MadeValue } }
  | { repeat: { text: string; count: number } }
  | { safeInteger: 'MAX' | 'MIN' };

/** `toISOString()`, its date or time part, lower case, a boolean as 1/0, the first `slice` characters. */
export type MadeStep = 'isoString' | 'isoDate' | 'isoTime' | 'lowerCase' | 'bit' | { slice: number };

/** The value reads fishery's `sequence`. */
export function usesSequence(value: MadeValue): boolean {
  const { from } = value;
  return 'sequence' in from || ('pick' in from && from.pick.bySequence) || 'numbered' in from;
}

export const draw = (faker: string, options?: FakerDraw['options'], count?: number): MadeValue => ({
  from: { draw: { faker, ...(options ? { options } : {}), ...(count === undefined ? {} : { count }) } },
});
export const fixed = (value: string | number | null): MadeValue => ({ from: { literal: value } });

/** The value with more steps (not named `then`: a module exporting `then` is a thenable, and `await import()` of it never settles). */
export function withSteps(value: MadeValue, ...steps: MadeStep[]): MadeValue {
  return { ...value, then: [...(value.then ?? []), ...steps] };
}
