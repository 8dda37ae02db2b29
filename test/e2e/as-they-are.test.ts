import { describeAsTheyAre } from '../support/as-they-are.ts';

// Issue #14's services on SQLite (see as-they-are.ts); those on a server are in as-they-are-servers.test.ts.
describeAsTheyAre(false);
