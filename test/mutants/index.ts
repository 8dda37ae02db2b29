import type { Mutation } from '../support/checks.ts';

/** A deliberate bug in a fixture service, named for what it breaks: the generated suite must turn red on each. */
export interface Mutant extends Mutation {
  name: string;
}

/**
 * Issue #15's mutants, per fixture: a status code changed, a returned field dropped or mis-mapped, a
 * write not stored, a list filter removed, validation removed, a 404 turned into 200, an inline auth
 * check removed. The e2e asserts each turns its fixture's suite red; bench/mutation.ts prints the score.
 */
export const MUTANTS: Record<string, Mutant[]> = {
  'express-camel-sqlite-ts-cjs': [
    { name: 'create answers 200, not 201', file: 'src/routes/users.ts', from: 'res.status(201).json({ id: Number(info.lastInsertRowid), email, fullName })', to: 'res.status(200).json({ id: Number(info.lastInsertRowid), email, fullName })' },
    { name: 'list drops a selected field', file: 'src/routes/users.ts', from: "SELECT id, email, full_name AS fullName FROM users ORDER BY id", to: 'SELECT id, email FROM users ORDER BY id' },
    { name: 'read maps a field to the wrong column', file: 'src/routes/users.ts', from: 'SELECT id, email, full_name AS fullName, created_at', to: 'SELECT id, email, email AS fullName, created_at' },
    { name: 'create echoes the wrong value', file: 'src/routes/users.ts', from: 'email, fullName });', to: 'email, fullName: email });' },
    { name: 'create stores nothing', file: 'src/routes/posts.ts', from: "const info = db.prepare('INSERT INTO posts (user_id, title, body) VALUES (?, ?, ?)').run(userId, title, body ?? null);", to: 'const info = { lastInsertRowid: 0 };' },
    { name: 'validation removed', file: 'src/routes/posts.ts', from: "  if (!userId || !title) return res.status(400).json({ error: 'userId and title are required' });\n", to: '' },
    { name: 'update stores nothing', file: 'src/routes/posts.ts', from: 'UPDATE posts SET title = ? WHERE id = ?', to: 'UPDATE posts SET title = title WHERE id = ? AND ? IS NOT NULL' },
    { name: 'unknown post answered 200', file: 'src/routes/posts.ts', from: "if (info.changes === 0) return res.status(404).json({ error: 'post not found' });\n  res.json", to: "if (info.changes === 0) return res.status(200).json({ error: 'post not found' });\n  res.json" },
    { name: 'inline auth check removed', file: 'src/routes/posts.ts', from: "  if (req.get('authorization') !== `Bearer ${process.env.ADMIN_TOKEN}`) return res.status(401).json({ error: 'unauthorized' });\n", to: '' },
    { name: 'any bearer token accepted', file: 'src/routes/posts.ts', from: "if (req.get('authorization') !== `Bearer ${process.env.ADMIN_TOKEN}`)", to: "if (!req.get('authorization')?.startsWith('Bearer '))" },
    { name: 'a missing token answered 403, not 401', file: 'src/routes/posts.ts', from: "return res.status(401).json({ error: 'unauthorized' });", to: "return res.status(403).json({ error: 'unauthorized' });" },
    { name: 'envelope renamed', file: 'src/routes/posts.ts', from: 'res.json({ posts: rows });', to: 'res.json({ items: rows });' },
    { name: 'nested list not filtered', file: 'src/routes/users.ts', from: 'FROM posts WHERE user_id = ? ORDER BY id', to: 'FROM posts WHERE ? IS NOT NULL ORDER BY id' },
    { name: 'a service stores another name than the one sent', file: 'src/services/tags.ts', from: "VALUES (?)').run(input.displayName)", to: "VALUES (?)').run('tag')" },
    { name: 'a service renames nothing', file: 'src/services/tags.ts', from: 'UPDATE tags SET display_name = ? WHERE id = ?', to: 'UPDATE tags SET display_name = display_name || ? WHERE id = ?' },
    { name: 'unknown user answered 200', file: 'src/routes/users.ts', from: "if (!user) return res.status(404).json({ error: 'user not found' });", to: "if (!user) return res.status(200).json({ error: 'user not found' });" },
  ],
  'fastify-pg-js-cjs': [
    { name: 'create answers 200, not 201', file: 'src/routes/patients.js', from: 'reply.code(201);\n    return rows[0];', to: 'reply.code(200);\n    return rows[0];' },
    { name: 'list drops a selected field', file: 'src/routes/patients.js', from: 'SELECT id, email, full_name AS "fullName" FROM patients ORDER BY id', to: 'SELECT id, email FROM patients ORDER BY id' },
    { name: 'read maps a field to the wrong column', file: 'src/routes/patients.js', from: 'SELECT id, email, full_name AS "fullName" FROM patients WHERE id = $1', to: 'SELECT id, email, email AS "fullName" FROM patients WHERE id = $1' },
    { name: 'create stores nothing', file: 'src/routes/patients.js', from: "db.query('INSERT INTO patients (email, full_name) VALUES ($1, $2) RETURNING id, email, full_name AS \"fullName\"'", to: "db.query('SELECT 1 AS id, $1::text AS email, $2::text AS \"fullName\"'" },
    { name: 'validation removed', file: 'src/routes/visits.js', from: "required: ['patientId', 'reason'],", to: 'required: [],' },
    { name: 'create echoes the wrong value', file: 'src/routes/visits.js', from: 'send({ id: rows[0].id, patientId, reason, urgent })', to: "send({ id: rows[0].id, patientId, reason: 'seen', urgent })" },
    { name: 'update stores nothing', file: 'src/routes/visits.js', from: 'UPDATE visits SET reason = $1 WHERE id = $2', to: 'UPDATE visits SET reason = reason WHERE id = $2 AND $1::text IS NOT NULL' },
    { name: 'unknown visit answered 200', file: 'src/routes/visits.js', from: "if (!rowCount) return reply.code(404).send({ error: 'visit not found' });\n    return {", to: "if (!rowCount) return reply.code(200).send({ error: 'visit not found' });\n    return {" },
    { name: 'inline auth check removed', file: 'src/routes/visits.js', from: "    if (request.headers['x-api-key'] !== process.env.STAFF_KEY) return reply.code(401).send({ error: 'unauthorized' });\n", to: '' },
    { name: 'any API key accepted', file: 'src/routes/visits.js', from: "if (request.headers['x-api-key'] !== process.env.STAFF_KEY)", to: "if (!request.headers['x-api-key'])" },
    { name: 'a missing key answered 403, not 401', file: 'src/routes/visits.js', from: "return reply.code(401).send({ error: 'unauthorized' });", to: "return reply.code(403).send({ error: 'unauthorized' });" },
    { name: 'envelope renamed', file: 'src/routes/patients.js', from: 'return { visits: rows };', to: 'return { items: rows };' },
    { name: 'nested list not filtered', file: 'src/routes/patients.js', from: 'FROM visits WHERE patient_id = $1 ORDER BY id', to: 'FROM visits WHERE $1::int IS NOT NULL ORDER BY id' },
    { name: 'unknown patient answered 200', file: 'src/routes/patients.js', from: "if (!rows[0]) return reply.code(404)", to: "if (!rows[0]) return reply.code(200)" },
  ],
  'fastify-knex-mysql-ts-esm': [
    { name: 'unknown user answered 200', file: 'src/routes/api/users/index.ts', from: "    if (!user) return reply.notFound('user not found');\n", to: '' },
    { name: 'API key hook removed', file: 'src/routes/api/autohooks.ts', from: "    if (request.headers['x-api-key'] !== process.env.API_KEY) {\n      return reply.unauthorized('A valid x-api-key header is required.');\n    }\n", to: '' },
    { name: 'any API key accepted', file: 'src/routes/api/autohooks.ts', from: "if (request.headers['x-api-key'] !== process.env.API_KEY)", to: "if (!request.headers['x-api-key'])" },
    { name: 'a missing key answered 403, not 401', file: 'src/routes/api/autohooks.ts', from: 'reply.unauthorized(', to: 'reply.forbidden(' },
    { name: 'list returns nothing', file: 'src/routes/api/notes/index.ts', from: "fastify.knex('notes').select('*').orderBy('id')", to: "fastify.knex('notes').select('*').whereRaw('0').orderBy('id')" },
    { name: 'delete stores nothing', file: 'src/routes/api/notes/index.ts', from: "const removed = await fastify.knex('notes').where({ id: request.params.id }).del();", to: "const removed = await fastify.knex('notes').where({ id: request.params.id }).count('* as n').first().then((row) => Number(row?.n ?? 0));" },
  ],
  'express-jwt-sqlite-js-cjs': [
    { name: 'a token whose signature is not checked', file: 'src/middleware/auth.js', from: 'jwt.verify(token, process.env.JWT_SECRET)', to: 'jwt.decode(token)' },
    { name: 'a missing token answered 403, not 401', file: 'src/middleware/auth.js', from: "return res.status(401).json({ error: 'missing token' });", to: "return res.status(403).json({ error: 'missing token' });" },
    { name: 'login accepts any password', file: 'src/routes/auth.js', from: 'if (!user || !bcrypt.compareSync(password, user.password_hash))', to: 'if (!user)' },
    { name: 'a second registration of an email answered 201', file: 'src/routes/auth.js', from: "  if (db.prepare('SELECT id FROM users WHERE email = ?').get(email)) return res.status(409).json({ error: 'email already registered' });\n", to: '' },
    { name: 'list no longer filtered by owner', file: 'src/routes/notes.js', from: "WHERE user_id = ? ORDER BY id').all(req.user.sub)", to: "WHERE ? IS NOT NULL ORDER BY id').all(req.user.sub)" },
    { name: 'read no longer checks the owner', file: 'src/routes/notes.js', from: 'WHERE id = ? AND user_id = ?', to: 'WHERE id = ? AND ? IS NOT NULL' },
    { name: 'delete no longer checks the owner', file: 'src/routes/notes.js', from: "  if (note.user_id !== req.user.sub) return res.status(403).json({ error: 'not your note' });\n", to: '' },
    { name: 'create stores the note under another user id', file: 'src/routes/notes.js', from: '.run(req.user.sub, title, body ?? null)', to: '.run(req.user.sub + 1, title, body ?? null)' },
  ],
  'express-nodb-ts-cjs': [
    { name: 'requireAuth lets a request without a token through', file: 'src/app.ts', from: "if (!req.headers.authorization?.startsWith('Bearer ')) {", to: 'if (false) {' },
    { name: 'a missing token answered 403, not 401', file: 'src/app.ts', from: "res.status(401).json({ error: 'sign in first' });", to: "res.status(403).json({ error: 'sign in first' });" },
  ],
  'express-listen-ts-cjs': [
    { name: 'delete of an unknown item answered 204', file: 'src/routes/items.ts', from: 'if (result.changes === 0) return res.status(404)', to: 'if (result.changes < 0) return res.status(404)' },
    { name: 'create answers 200, not 201', file: 'src/routes/warehouses.ts', from: "res.status(201).json(db.prepare('SELECT * FROM warehouses", to: "res.status(200).json(db.prepare('SELECT * FROM warehouses" },
    { name: 'validation removed', file: 'src/routes/warehouses.ts', from: "  if (typeof name !== 'string' || !name) return res.status(400).json({ error: 'name is required' });\n", to: '' },
    { name: 'create stores nothing', file: 'src/routes/warehouses.ts', from: "db.prepare('INSERT INTO warehouses (name) VALUES (?)').run(name)", to: '{ lastInsertRowid: 0 }' },
    { name: 'unknown warehouse answered 200', file: 'src/routes/warehouses.ts', from: 'if (!warehouse) return res.status(404)', to: 'if (!warehouse) return res.status(200)' },
    { name: 'list returns nothing', file: 'src/routes/warehouses.ts', from: 'SELECT * FROM warehouses ORDER BY id', to: 'SELECT * FROM warehouses WHERE 0 ORDER BY id' },
    { name: 'read finds the wrong row', file: 'src/routes/items.ts', from: "SELECT * FROM items WHERE id = ?').get(req.params.id);\n  if (!item)", to: "SELECT * FROM items WHERE id <> ?').get(req.params.id);\n  if (!item)" },
    { name: 'delete stores nothing', file: 'src/routes/items.ts', from: 'DELETE FROM items WHERE id = ?', to: 'DELETE FROM items WHERE id = ? AND 0' },
  ],
  'express-zod-controllers-js-cjs': [
    { name: 'a request field mapped to the wrong column', file: 'api/controllers/publishers-controller.js', from: "displayName: 'display_name'", to: "displayName: 'country_code'" },
    { name: 'create answers 200, not 201', file: 'api/controllers/publishers-controller.js', from: "res.status(201).json({ message: 'Publisher has been added.'", to: "res.status(200).json({ message: 'Publisher has been added.'" },
    { name: 'create answers another message', file: 'api/controllers/publishers-controller.js', from: "'Publisher has been added.'", to: "'Publisher added.'" },
    { name: 'create stores nothing', file: 'api/controllers/publishers-controller.js', from: "db.prepare('INSERT INTO publisher (display_name, country_code) VALUES (?, ?);').run(displayName, countryCode)", to: '({ lastInsertRowid: 0 })' },
    { name: 'validation removed', file: 'api/controllers/publishers-controller.js', from: "    if (!body.success) return res.status(400).json({ message: 'Validation failed.' });\n    const { displayName, countryCode }", to: '    const { displayName, countryCode }' },
    { name: 'unknown publisher answered 200', file: 'api/controllers/publishers-controller.js', from: "if (!publisher) return res.status(404)", to: 'if (!publisher) return res.status(200)' },
    { name: 'list drops a field', file: 'api/controllers/magazines-controller.js', from: 'magazine.issues_per_year, magazine.format, publisher.display_name\n         FROM magazine INNER JOIN publisher ON magazine.publisher_id = publisher.publisher_id;`', to: 'magazine.issues_per_year, publisher.display_name\n         FROM magazine INNER JOIN publisher ON magazine.publisher_id = publisher.publisher_id;`' },
    { name: 'update stores nothing', file: 'api/controllers/magazines-controller.js', from: 'title = COALESCE(@title, title)', to: 'title = COALESCE(title, @title)' },
    { name: 'update answers another message', file: 'api/controllers/magazines-controller.js', from: "'Magazine updated.'", to: "'Updated.'" },
    { name: 'delete stores nothing', file: 'api/controllers/magazines-controller.js', from: 'DELETE FROM magazine WHERE magazine_id = ?;', to: 'DELETE FROM magazine WHERE magazine_id = ? AND 0;' },
  ],
  'express-validators-js-esm': [
    { name: 'express-validator check removed', file: 'src/routes/members.js', from: '  if (!errors.isEmpty()) return res.status(422).json({ errors: errors.array() });\n', to: '' },
    { name: 'Joi check removed', file: 'src/routes/events.js', from: '  if (error) return res.status(400).json({ error: error.message });\n', to: '' },
    { name: 'an optional field made required', file: 'src/routes/members.js', from: "body('age').optional().isInt({ min: 0 })", to: "body('age').isInt({ min: 0 })" },
    { name: 'create answers 200, not 201', file: 'src/routes/members.js', from: 'res.status(201).json({ id: Number(info.lastInsertRowid), email, fullName, age })', to: 'res.status(200).json({ id: Number(info.lastInsertRowid), email, fullName, age })' },
    { name: 'envelope renamed', file: 'src/routes/events.js', from: 'res.json({ data: rows, count: rows.length })', to: 'res.json({ items: rows, count: rows.length })' },
    { name: 'read maps a field to the wrong column', file: 'src/routes/members.js', from: 'full_name AS fullName, age FROM members WHERE id = ?', to: 'email AS fullName, age FROM members WHERE id = ?' },
    { name: 'create stores another value', file: 'src/routes/events.js', from: '.run(value.title, value.startsAt, value.capacity ?? 20)', to: ".run(value.title, 'soon', value.capacity ?? 20)" },
    { name: 'delete stores nothing', file: 'src/routes/events.js', from: 'DELETE FROM events WHERE id = ?', to: 'DELETE FROM events WHERE id = ? AND 0' },
    { name: 'unknown member answered 200', file: 'src/routes/members.js', from: "if (!member) return res.status(404)", to: 'if (!member) return res.status(200)' },
  ],
  'express-sqlite-ts-esm': [
    { name: 'create answers 200, not 201', file: 'src/routes/users.ts', from: "res.status(201).json(db.prepare('SELECT * FROM users WHERE id = ?')", to: "res.status(200).json(db.prepare('SELECT * FROM users WHERE id = ?')" },
    { name: 'validation removed', file: 'src/routes/users.ts', from: "    if (typeof email !== 'string' || typeof name !== 'string') {\n      res.status(400).json({ error: 'email and name are required' });\n      return;\n    }\n", to: '' },
    { name: 'create stores nothing', file: 'src/routes/users.ts', from: "db.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(email, name)", to: '{ lastInsertRowid: 0 }' },
    { name: 'update stores nothing', file: 'src/routes/users.ts', from: 'UPDATE users SET email = ?, name = ? WHERE id = ?', to: 'UPDATE users SET email = email, name = name WHERE ? IS NOT NULL AND ? IS NOT NULL AND id = ?' },
    { name: 'unknown user answered 200', file: 'src/routes/users.ts', from: "      res.status(404).json({ error: 'user not found' });\n      return;\n    }\n    res.json(user);", to: "      res.status(200).json({ error: 'user not found' });\n      return;\n    }\n    res.json(user);" },
    { name: 'delete stores nothing', file: 'src/routes/users.ts', from: 'DELETE FROM users WHERE id = ?', to: 'DELETE FROM users WHERE id = ? AND 0' },
    { name: 'nested list not filtered', file: 'src/routes/users.ts', from: 'SELECT * FROM notes WHERE user_id = ? ORDER BY id', to: 'SELECT * FROM notes WHERE ? IS NOT NULL ORDER BY id' },
    { name: 'list returns nothing', file: 'src/routes/notes.ts', from: 'SELECT * FROM notes ORDER BY id', to: 'SELECT * FROM notes WHERE 0 ORDER BY id' },
  ],
  'fastify-sqlite-ts-esm': [
    { name: 'create answers 200, not 201', file: 'src/routes/projects.ts', from: 'reply.code(201);', to: 'reply.code(200);' },
    { name: 'schema validation removed', file: 'src/routes/projects.ts', from: "required: ['name'],", to: 'required: [],' },
    { name: 'unknown project answered 200', file: 'src/routes/projects.ts', from: "if (!project) return reply.code(404)", to: 'if (!project) return reply.code(200)' },
    { name: 'delete stores nothing', file: 'src/routes/projects.ts', from: 'DELETE FROM projects WHERE id = ?', to: 'DELETE FROM projects WHERE id = ? AND 0' },
    { name: 'nested list not filtered', file: 'src/routes/projects.ts', from: 'SELECT * FROM tasks WHERE project_id = ? ORDER BY id', to: 'SELECT * FROM tasks WHERE ? IS NOT NULL ORDER BY id' },
    { name: 'update stores nothing', file: 'src/routes/tasks.ts', from: 'UPDATE tasks SET title = ?, done = ? WHERE id = ?', to: 'UPDATE tasks SET title = title, done = done WHERE ? IS NOT NULL AND ? IS NOT NULL AND id = ?' },
    { name: 'unknown task answered 200', file: 'src/routes/tasks.ts', from: "if (!task) return reply.code(404).send({ error: 'task not found' });\n    return task;", to: "if (!task) return reply.code(200).send({ error: 'task not found' });\n    return task;" },
    { name: 'list returns nothing', file: 'src/routes/tasks.ts', from: 'SELECT * FROM tasks ORDER BY id', to: 'SELECT * FROM tasks WHERE 0 ORDER BY id' },
  ],
  'nest-typeorm-env-ts-cjs': [
    {
      name: 'a DTO field no longer required',
      file: 'src/notes/create-note.dto.ts',
      from: "import { IsNotEmpty, IsString, MaxLength } from 'class-validator';\n\nexport class CreateNoteDto {\n  @IsString()\n  @IsNotEmpty()\n  @MaxLength(120)\n  title: string;",
      to: "import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';\n\nexport class CreateNoteDto {\n  @IsOptional()\n  @IsString()\n  @MaxLength(120)\n  title: string;",
    },
    { name: 'create answers 200, not 201', file: 'src/notes/notes.controller.ts', from: '  @Post()\n  async create', to: '  @Post()\n  @HttpCode(200)\n  async create' },
    { name: 'create stores nothing', file: 'src/notes/notes.controller.ts', from: 'return await this.notes.save(this.notes.create(body));', to: 'return this.notes.create(body);' },
  ],
};
