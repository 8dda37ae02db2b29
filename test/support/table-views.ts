import type { TableView } from '../../src/db/seed-view.ts';

/** A users table's seed view with no columns: what unit tests of API cases start from. */
export const USERS: TableView = {
  name: 'users',
  singular: 'user',
  rowType: 'UserRow',
  valuesFn: 'userValues',
  insertFn: 'insertUser',
  primaryKey: 'id',
  columns: [],
  required: [],
  parents: [],
  editable: [],
  apiFields: {},
  timestamps: [],
};
