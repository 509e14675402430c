import { describe, expect, it } from '@jest/globals';
import { hashToken } from '@skillproof/core';
import { databaseFromSqlite, migrateDatabase } from '@skillproof/server/database';
import { openDatabase } from '@skillproof/server/sqlite';
import { createJobboardStore, jobboardMigrations, type JobboardStore } from '@skillproof/jobboard';
import { changeEmployerPassword } from '../../src/domain/change-employer-password.js';
import { createEmployer, employerInputSchema } from '../../src/domain/create-employer.js';
import {
  endEmployerSession,
  findEmployerSession,
  startEmployerSession,
} from '../../src/domain/employer-session.js';
import { hashPassword, verifyPassword } from '../../src/domain/hash-password.js';
import { signInEmployer } from '../../src/domain/sign-in-employer.js';

const logN = 4;
const now = new Date('2026-11-26T12:00:00Z');

async function freshStore(): Promise<JobboardStore> {
  return await createJobboardStore(openDatabase(':memory:'));
}

describe('hashPassword / verifyPassword', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the same password', async () => {
    const first = await hashPassword('correct horse battery staple', { logN });
    const second = await hashPassword('correct horse battery staple', { logN });
    expect(first).toMatch(/^scrypt\$4\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('uses cost 2^15 by default', async () => {
    expect(await hashPassword('a password of some length')).toMatch(/^scrypt\$15\$/);
  });

  it('treats the composed and decomposed forms of a password alike (NFC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait 2026', { logN });
    expect(await verifyPassword('cafe\u0301 au lait 2026', stored)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a bare SHA-256', 'a'.repeat(64)],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['an absurd cost', `scrypt$40$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`],
  ])('matches nothing against %s', async (_label, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('refuses a cost outside 1..20 as a caller mistake', async () => {
    await expect(hashPassword('x', { logN: 0 })).rejects.toThrow(TypeError);
    await expect(hashPassword('x', { logN: 21 })).rejects.toThrow(TypeError);
  });
});

describe('createEmployer', () => {
  it('stores the token and the password only hashed', async () => {
    const store = await freshStore();
    const created = await createEmployer(
      store,
      employerInputSchema.parse({
        name: 'Acme',
        email: ' HR@Acme.example ',
        password: 'a long employer password',
      }),
      now,
      { passwordLogN: logN },
    );
    expect(created).toEqual({
      id: created.id,
      name: 'Acme',
      email: 'hr@acme.example',
      token: created.token,
    });
    const account = await store.findEmployerAccountByEmail('hr@acme.example');
    expect(account?.employer).toEqual({
      id: created.id,
      name: 'Acme',
      email: 'hr@acme.example',
      createdAt: now.toISOString(),
    });
    expect(account?.passwordHash).toMatch(/^scrypt\$/);
    expect(account?.passwordChangeRequired).toBe(false);
    expect(await verifyPassword('a long employer password', account?.passwordHash as string)).toBe(
      true,
    );
    expect(await store.findEmployerByTokenHash(hashToken(created.token))).toMatchObject({
      id: created.id,
    });
  });

  it('makes a one-time password for an employer with an email and no password', async () => {
    const store = await freshStore();
    const created = await createEmployer(store, { name: 'Acme', email: 'hr@acme.example' }, now, {
      passwordLogN: logN,
    });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const account = await store.findEmployerAccountByEmail('hr@acme.example');
    expect(account?.passwordChangeRequired).toBe(true);
    expect(
      await verifyPassword(created.oneTimePassword as string, account?.passwordHash as string),
    ).toBe(true);
  });

  it('refuses a second employer with the same email (CONFLICT)', async () => {
    const store = await freshStore();
    await createEmployer(store, { name: 'Acme', email: 'hr@acme.example' }, now, {
      passwordLogN: logN,
    });
    await expect(
      createEmployer(store, { name: 'Acme again', email: 'hr@acme.example' }, now, {
        passwordLogN: logN,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'an employer already signs in with hr@acme.example',
    });
  });

  it.each([
    [
      { name: 'Acme', password: 'a long employer password' },
      'a password needs an email to sign in with',
    ],
    [{ name: 'Acme', email: 'hr@acme.example', password: 'short' }, 'use at least 12 characters'],
    [{ name: 'Acme', email: 'not an email' }, 'expected an email address'],
  ])('validates %j', (input, message) => {
    const result = employerInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe('signInEmployer and sessions', () => {
  async function withEmployer() {
    const store = await freshStore();
    const created = await createEmployer(
      store,
      { name: 'Acme', email: 'hr@acme.example', password: 'a long employer password' },
      now,
      { passwordLogN: logN },
    );
    return { store, created, deps: { store, now: () => now, passwordLogN: logN } };
  }

  it('opens a session whose token is stored only as its SHA-256', async () => {
    const { store, created, deps } = await withEmployer();
    const session = await signInEmployer(deps, {
      email: 'hr@acme.example',
      password: 'a long employer password',
    });
    expect(session).toMatchObject({
      employer: { id: created.id, name: 'Acme', email: 'hr@acme.example' },
      passwordChangeRequired: false,
      expiresAt: '2026-11-26T20:00:00.000Z',
    });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.findEmployerSession(session.token, now.toISOString())).toBeUndefined();
    expect(await findEmployerSession(store, session.token, now)).toEqual({
      employer: session.employer,
      csrfToken: session.csrfToken,
      passwordChangeRequired: false,
      expiresAt: session.expiresAt,
    });
  });

  it.each([
    ['a wrong password', 'hr@acme.example', 'a wrong employer password'],
    ['an unknown email', 'nobody@acme.example', 'a long employer password'],
  ])('refuses %s with one message', async (_label, email, password) => {
    const { deps } = await withEmployer();
    await expect(signInEmployer(deps, { email, password })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'that email and password do not match an employer',
    });
  });

  it('ends sessions at sign-out and at expiry, and sweeps expired ones at the next sign-in', async () => {
    const { store, deps } = await withEmployer();
    const first = await signInEmployer(deps, {
      email: 'hr@acme.example',
      password: 'a long employer password',
    });
    await endEmployerSession(store, first.token);
    expect(await findEmployerSession(store, first.token, now)).toBeUndefined();

    const second = await startEmployerSession(store, first.employer, false, now);
    const later = new Date(now.getTime() + 8 * 3600 * 1000);
    expect(
      await findEmployerSession(store, second.token, new Date(later.getTime() - 1)),
    ).toBeDefined();
    expect(await findEmployerSession(store, second.token, later)).toBeUndefined();
    expect(await store.deleteExpiredEmployerSessions(later.toISOString())).toBe(1);
  });

  it('changes a password only with the current one, and clears the one-time flag', async () => {
    const store = await freshStore();
    const created = await createEmployer(store, { name: 'Acme', email: 'hr@acme.example' }, now, {
      passwordLogN: logN,
    });
    const deps = { store, now: () => now, passwordLogN: logN };
    const session = await signInEmployer(deps, {
      email: 'hr@acme.example',
      password: created.oneTimePassword as string,
    });
    expect(session.passwordChangeRequired).toBe(true);
    const change = { newPassword: 'my own long password', repeatPassword: 'my own long password' };
    const elsewhere = await startEmployerSession(store, session.employer, true, now);
    await expect(
      changeEmployerPassword(
        store,
        session.employer,
        session.token,
        { currentPassword: 'wrong', ...change },
        { passwordLogN: logN },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await findEmployerSession(store, elsewhere.token, now)).toBeDefined();
    await changeEmployerPassword(
      store,
      session.employer,
      session.token,
      { currentPassword: created.oneTimePassword as string, ...change },
      { passwordLogN: logN },
    );
    expect((await findEmployerSession(store, session.token, now))?.passwordChangeRequired).toBe(
      false,
    );
    // Every other session of the employer ends with the old password.
    expect(await findEmployerSession(store, elsewhere.token, now)).toBeUndefined();
    await expect(
      signInEmployer(deps, { email: 'hr@acme.example', password: 'my own long password' }),
    ).resolves.toMatchObject({
      passwordChangeRequired: false,
    });
  });
});

describe('schema version 3', () => {
  it('keeps employers made before it working with their token, without email or password', async () => {
    const db = openDatabase(':memory:');
    await migrateDatabase(databaseFromSqlite(db), 'jobboard', jobboardMigrations.slice(0, 2));
    db.prepare('INSERT INTO employers (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)').run(
      'e1',
      'Old Co',
      hashToken('old token'),
      now.toISOString(),
    );
    const store = await createJobboardStore(db);
    expect(await store.findEmployerByTokenHash(hashToken('old token'))).toEqual({
      id: 'e1',
      name: 'Old Co',
      createdAt: now.toISOString(),
    });
    // Two employers without an email do not collide on the unique email index.
    await createEmployer(store, { name: 'API only' }, now);
    await expect(
      signInEmployer(
        { store, now: () => now, passwordLogN: logN },
        { email: 'old@co.example', password: 'anything long' },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
