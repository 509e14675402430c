import { describe, expect, it } from '@jest/globals';
import { migrate, openDatabase } from '@skillproof/server/sqlite';

const steps = [
  {
    version: 1,
    description: 'notes',
    up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)',
  },
  { version: 2, description: 'tags', up: 'ALTER TABLE notes ADD COLUMN tag TEXT' },
];

describe('migrate', () => {
  it('applies each version once, per scope', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, 'notes', steps)).toEqual([1, 2]);
    expect(migrate(db, 'notes', steps)).toEqual([]);
    expect(
      migrate(db, 'other', [{ version: 1, description: 'x', up: 'CREATE TABLE x (id INTEGER)' }]),
    ).toEqual([1]);
  });

  it('rolls back a failing step and records nothing for it', () => {
    const db = openDatabase(':memory:');
    const broken = [
      ...steps,
      { version: 3, description: 'broken', up: 'CREATE TABLE y (id INTEGER); NOT SQL' },
    ];
    expect(() => migrate(db, 'notes', broken)).toThrow();
    expect(
      db.prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE scope = 'notes'").get(),
    ).toEqual({ v: 2 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'y'").get()).toBeUndefined();
  });

  it('refuses a database newer than the code', () => {
    const db = openDatabase(':memory:');
    migrate(db, 'notes', steps);
    expect(() => migrate(db, 'notes', steps.slice(0, 1))).toThrow(/version 2/);
  });

  it('turns on foreign keys', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
