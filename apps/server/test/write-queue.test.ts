import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Sql } from '@parley/db';
import { WriteQueue } from '../src/db/write-queue.js';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  const commits: number[] = [];
  const queue = new WriteQueue(new Sql(db), 512, (_ms, size) => commits.push(size));
  const insert = (k: string) => () => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes;
  const keys = () =>
    db
      .prepare<[], { k: string }>('SELECT k FROM t ORDER BY k')
      .all()
      .map((r) => r.k);
  return { db, queue, insert, keys, commits };
}

describe('WriteQueue (group commit)', () => {
  it('commits the writes of one event-loop turn in one transaction and answers each', async () => {
    const { queue, insert, keys, commits } = setup();
    const results = await Promise.all(['a', 'b', 'c'].map((k) => queue.write(insert(k))));
    expect(results).toEqual([1, 1, 1]);
    expect(keys()).toEqual(['a', 'b', 'c']);
    expect(commits).toEqual([3]);
  });

  it('undoes only the write that failed, with its own error', async () => {
    const { queue, insert, keys } = setup();
    const failing = () => {
      insert('half')();
      throw new Error('refused');
    };
    const outcomes = await Promise.allSettled([
      queue.write(insert('x')),
      queue.write(failing),
      queue.write(insert('y')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(keys()).toEqual(['x', 'y']);
  });

  it('answers nobody before the commit, and rejects every write of a group whose commit fails', async () => {
    const { db, queue, insert, keys } = setup();
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    db.pragma('foreign_keys = ON');
    // A deferred constraint fails only at COMMIT: the whole group must be refused.
    const orphan = () => db.prepare('INSERT INTO child (p) VALUES (42)').run().changes;
    const outcomes = await Promise.allSettled([queue.write(insert('lost')), queue.write(orphan)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(keys()).toEqual([]);
  });

  it('splits large groups and refuses writes after close', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k INTEGER)');
    const sizes: number[] = [];
    const queue = new WriteQueue(new Sql(db), 10, (_ms, n) => sizes.push(n));
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => queue.write(() => db.prepare('INSERT INTO t VALUES (?)').run(i))),
    );
    expect(sizes).toEqual([10, 10, 5]);
    queue.close();
    await expect(queue.write(() => 1)).rejects.toThrow(/closed/);
  });
});
