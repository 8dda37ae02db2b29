import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FINDINGS_FILE, isDefect, isRefusal, readFindings } from '../../src/detect/findings.ts';
import { readPinnedFields, readPinnedStatuses, recordContradictions } from '../../src/detect/pinned-statuses.ts';

function projectWith(findings: unknown): string {
  const root = mkdtempSync(path.join(tmpdir(), 'findings-'));
  mkdirSync(path.dirname(path.join(root, FINDINGS_FILE)), { recursive: true });
  writeFileSync(path.join(root, FINDINGS_FILE), JSON.stringify(findings));
  return root;
}

describe('what a run left for the next plan', () => {
  test('a 5xx or no answer is a possible defect, a 400/422 a refused write, anything else contradicts the plan', () => {
    const at = { file: 'test/integration/api/users.test.ts', test: 'GET /users/:id > x', request: 'GET /users/1' };
    expect(isDefect({ ...at, status: 500 })).toBe(true);
    expect(isDefect({ ...at, status: 0, contradicted: true })).toBe(true);
    expect(isRefusal({ ...at, status: 0, contradicted: true })).toBe(false);
    expect(isRefusal({ ...at, status: 422 })).toBe(true);
    expect(isDefect({ ...at, status: 404, contradicted: true })).toBe(false);
  });

  test("fields a read contradicted are read only in the harness's shape, and each round's record adds to the last", () => {
    const at = {
      file: 'test/integration/api/tags.test.ts',
      test: 'GET /tags/:id > returns the stored tag',
      request: 'GET /tags/1',
      status: 200,
      contradicted: true,
    };
    const root = projectWith([
      { ...at, fields: { held: ['id', 'created_at'], absent: ['secret'], renamed: { display_name: 'displayName' }, types: {} } },
      { ...at, test: 'GET /tags > lists stored tags', fields: { absent: 'secret' } },
    ]);
    const findings = readFindings(root);
    expect(findings.map((finding) => finding.fields)).toEqual([
      { held: ['id', 'created_at'], absent: ['secret'], renamed: { display_name: 'displayName' }, types: {} },
      undefined,
    ]);
    recordContradictions(root, findings);
    recordContradictions(root, [{ ...at, fields: { held: ['id'], absent: [], renamed: { created_at: 'createdAt' }, types: { createdAt: 'String' } } }]);
    expect(readPinnedStatuses(root).get(at.test)).toBe(200);
    expect(readPinnedFields(root).get(at.test)).toEqual({
      fields: { held: ['id'], absent: ['secret'], renamed: { display_name: 'displayName', created_at: 'createdAt' }, types: { createdAt: 'String' } },
    });
  });
});
