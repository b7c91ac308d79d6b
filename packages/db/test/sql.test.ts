import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Sql } from '../src/index.js';

describe('Sql', () => {
  it('runs typed queries on cached statements, and nests transactions as savepoints', () => {
    const sql = new Sql(new Database(':memory:'));
    sql.run('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)');
    sql.run('INSERT INTO t VALUES (?, ?)', ['a', 1]);
    sql.run('INSERT INTO t VALUES (@k, @n)', { k: 'b', n: 2 });
    expect(sql.get<{ n: number }>('SELECT n FROM t WHERE k = ?', ['b'])).toEqual({ n: 2 });
    expect(sql.all<{ k: string }>('SELECT k FROM t ORDER BY k')).toEqual([{ k: 'a' }, { k: 'b' }]);
    sql.tx(() => {
      sql.run('INSERT INTO t VALUES (?, ?)', ['c', 3]);
      expect(() =>
        sql.tx(() => {
          sql.run('INSERT INTO t VALUES (?, ?)', ['d', 4]);
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(sql.all<{ k: string }>('SELECT k FROM t ORDER BY k').map((r) => r.k)).toEqual(['a', 'b', 'c']);
  });
});
