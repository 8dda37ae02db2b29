/**
 * What `itest-kit check` says of one checklist item: it holds (with the evidence), it is open (what
 * is missing), or the run that would tell did not happen.
 */
export interface Verdict {
  id: string;
  status: 'holds' | 'open' | 'unknown';
  evidence: string;
}

export const holds = (evidence: string) => ({ status: 'holds', evidence }) as const;
export const open = (evidence: string) => ({ status: 'open', evidence }) as const;
export const unknown = (evidence: string) => ({ status: 'unknown', evidence }) as const;

export type Finding = Omit<Verdict, 'id'>;
