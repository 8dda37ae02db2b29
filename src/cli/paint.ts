/** ANSI colours only where a person reads a terminal; logs and CI get plain text. */
const enabled = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.CI !== 'true';

const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);

export const paint = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};
