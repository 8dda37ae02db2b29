// Writes src/kit/template-data.ts: each template's data contract, read from templates/ (see src/kit/template-contracts.ts).
import { writeFileSync } from 'node:fs';
import { templateContracts } from '../src/kit/template-contracts.ts';
import { PARTIALS, TEMPLATES_DIR } from '../src/kit/templates.ts';

writeFileSync(new URL('../src/kit/template-data.ts', import.meta.url), templateContracts(TEMPLATES_DIR, PARTIALS));
