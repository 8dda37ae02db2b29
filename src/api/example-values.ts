/** A value of the JSON type a reader checks, shaped by the field's name where that says more (an email, a URL). */
export function exampleValue(name: string, type: 'string' | 'number' | 'boolean'): string | number | boolean {
  if (type === 'number') return 1;
  if (type === 'boolean') return true;
  if (/e-?mail/i.test(name)) return 'ada@example.com';
  if (/url|uri|link|website|href/i.test(name)) return 'https://example.com/page';
  return `example ${name}`;
}
