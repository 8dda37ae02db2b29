import { describeDatabaseRuns } from '../support/database-matrix.ts';

// Issue #3's matrix on MySQL and SQLite (see database-matrix.ts): every mode, the raw drivers and the ORMs.
describeDatabaseRuns(['mysql', 'sqlite']);
