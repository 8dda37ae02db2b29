import { describeDatabaseRuns } from '../support/database-matrix.ts';

// Issue #3's matrix on Postgres (see database-matrix.ts): every mode, the raw driver and the ORMs.
describeDatabaseRuns(['postgres']);
