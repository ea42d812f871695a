import { TOKEN_FIELDS, type LimitHit } from '../logs/events.js';
import type { SqlDatabase, SqlStatement } from './driver.js';
import { Interner } from './intern.js';
import { keyHash } from './key-hash.js';
import { rollback } from './schema.js';
import type { CommitBatch, FilePosition, KeyedEvent } from './types.js';
import { ReadingWriter, type StoredReading } from './readings.js';
import { saveImage, spendImages, type NewImage } from './images.js';

/** The column of each token field (the copy-fold rule walks logs/events.ts TOKEN_FIELDS, here too). */
const COLUMN_OF: Record<(typeof TOKEN_FIELDS)[number], string> = {
  input: 'input', output: 'output', cacheCreation: 'cache_write', cacheCreation5m: 'cache_write_5m',
  cacheCreation1h: 'cache_write_1h', cacheRead: 'cache_read', webSearchRequests: 'web_searches',
};
const TOKEN_COLUMNS = TOKEN_FIELDS.map((field) => COLUMN_OF[field]);

// Copies keep the first one's metadata; each token field keeps its largest value (the dedupe
// rule), and a copy that grows nothing writes nothing. Two keys of one hash (odds ~1e-4 in a
// million responses) keep the first: the second is dropped, never merged into it.
const UPSERT = `
  INSERT INTO responses (key_hash, key, time, machine, file, session, cwd, model, sidechain, fast, geo, cost_usd,
    ${TOKEN_COLUMNS.join(', ')})
  VALUES (${Array(12 + TOKEN_COLUMNS.length).fill('?').join(', ')})
  ON CONFLICT (key_hash) DO UPDATE SET
    ${TOKEN_COLUMNS.map((c) => `${c} = max(${c}, excluded.${c})`).join(', ')},
    cost_usd = CASE WHEN cost_usd IS NULL OR excluded.cost_usd > cost_usd THEN excluded.cost_usd ELSE cost_usd END
  WHERE key = excluded.key AND (${TOKEN_COLUMNS.map((c) => `excluded.${c} > ${c}`).join(' OR ')}
    OR excluded.cost_usd > cost_usd OR (cost_usd IS NULL AND excluded.cost_usd IS NOT NULL))`;

const SAVE_POSITION = `INSERT OR REPLACE INTO positions
  (machine, file, device, inode, size, mtime_ms, read_offset, line, head_hash, bad_lines, bad_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const ADD_HIT = 'INSERT OR IGNORE INTO limit_hits (time, text, kind, resets_at, session, file) VALUES (?, ?, ?, ?, ?, ?)';

/**
 * A batch this large (a backfill) is written with a 16 MiB page cache instead of SQLite's 2 MB:
 * the unique index on key hashes takes random inserts, and with more of it cached the batch
 * goes ~1.25x faster with a third of the system time (400,000 rows in batches of 50,000). The
 * cache shrinks back after, so that reads and the live path do not keep 16 MiB resident.
 */
const BIG_BATCH = 10_000;
const BIG_CACHE = 'PRAGMA cache_size = -16384';
const CACHE = 'PRAGMA cache_size = -2000';

const NAMED = (table: string) => `(SELECT id FROM ${table} WHERE name = ?)`;

/** The store's write side: prepared statements and string ids, each write one transaction. */
export class Writer {
  private readonly upsertRow: SqlStatement;
  private readonly savePosition: SqlStatement;
  private readonly addHit: SqlStatement;
  private readonly timeOf: SqlStatement;
  private readonly watched: SqlStatement;
  private readonly machines: Interner;
  private readonly files: Interner;
  private readonly sessions: Interner;
  private readonly cwds: Interner;
  private readonly models: Interner;
  private readings: ReadingWriter | null = null;

  constructor(private readonly db: SqlDatabase) {
    this.upsertRow = db.prepare(UPSERT);
    this.savePosition = db.prepare(SAVE_POSITION);
    this.addHit = db.prepare(ADD_HIT);
    this.timeOf = db.prepare('SELECT time FROM responses WHERE key_hash = ?');
    this.watched = db.prepare('SELECT 1 AS found FROM images WHERE spent = 0 LIMIT 1');
    this.machines = new Interner(db, 'machines');
    this.files = new Interner(db, 'files');
    this.sessions = new Interner(db, 'sessions');
    this.cwds = new Interner(db, 'cwds');
    this.models = new Interner(db, 'models');
  }

  /**
   * Stores a batch atomically: rows, the positions covering them and limit hits, or nothing; the
   * images whose cut is after a row it added or grew are spent in the same transaction. (With no
   * image to spend, as on a first run, what the rows' times are is not looked up.)
   */
  commit(batch: CommitBatch): void {
    const big = (batch.events?.length ?? 0) >= BIG_BATCH;
    if (big) this.db.exec(BIG_CACHE);
    try {
      this.transaction(() => {
        const machine = this.machines.id(batch.machine ?? 'local');
        const watched = this.watched.get() !== undefined;
        let earliest = Infinity;
        for (const event of batch.events ?? []) {
          const hash = this.upsert(event, machine);
          if (watched && hash !== null) earliest = Math.min(earliest, this.storedTime(hash));
        }
        for (const position of batch.positions ?? []) this.position(position);
        for (const hit of batch.hits ?? []) if (this.hit(hit)) earliest = Math.min(earliest, hit.timestamp);
        if (watched && earliest !== Infinity) spendImages(this.db, { earliest });
      });
    } finally {
      if (big) this.db.exec(CACHE);
    }
  }

  /** Saves official readings in one transaction (where a window's percentage or reset moved); returns the rows added. */
  saveReadings(readings: readonly StoredReading[]): number {
    return this.transaction(() => (this.readings ??= new ReadingWriter(this.db)).add(readings));
  }

  /** Saves a warm-start image in one transaction; false when its rows changed since it was built (images.ts). */
  saveImage(storePath: string, image: NewImage): boolean {
    return this.transaction(() => saveImage(this.db, storePath, image));
  }

  /** Deletes the responses and limit hits timed before `beforeMs`; returns the responses deleted. */
  prune(beforeMs: number): number {
    return this.transaction(() => {
      const hits = this.db.prepare('DELETE FROM limit_hits WHERE time < ?').run(beforeMs).changes;
      this.db.prepare('DELETE FROM readings WHERE time < ?').run(beforeMs);
      const responses = this.db.prepare('DELETE FROM responses WHERE time < ?').run(beforeMs).changes;
      if (hits + responses > 0) spendImages(this.db, { before: beforeMs });
      return responses;
    });
  }

  /**
   * Deletes one machine's rows of lines without ids (their keys hold an `@`, see logs/events.ts
   * idlessKey) that came from files `keep` says are still there: a rebuild reads those again, keyed
   * as this version keys them, and a key written by an older version must not count beside it.
   */
  dropIdlessRows(machine: string, reread: (file: string) => boolean): number {
    return this.transaction(() => {
      const files = this.db.prepare(`SELECT DISTINCT f.id, f.name FROM responses r JOIN files f ON f.id = r.file
        WHERE r.machine = ${NAMED('machines')} AND instr(r.key, '@') > 0`).all(machine);
      const drop = this.db.prepare(`DELETE FROM responses WHERE machine = ${NAMED('machines')} AND file = ? AND instr(key, '@') > 0`);
      let deleted = 0;
      for (const f of files) if (reread(String(f.name))) deleted += drop.run(machine, f.id as number).changes;
      if (deleted > 0) spendImages(this.db, { earliest: -Infinity });
      return deleted;
    });
  }

  /** Forgets the position of one file (its rows stay); returns whether there was one. */
  removePosition(path: string, machine: string): boolean {
    const sql = `DELETE FROM positions WHERE machine = ${NAMED('machines')} AND file = ${NAMED('files')}`;
    return this.transaction(() => this.db.prepare(sql).run(machine, path).changes > 0);
  }

  /** Forgets every position (all machines, or one), so the logs are read again from 0; rows stay. */
  clearPositions(machine?: string): number {
    const sql = `DELETE FROM positions${machine === undefined ? '' : ` WHERE machine = ${NAMED('machines')}`}`;
    return this.transaction(() => this.db.prepare(sql).run(...(machine === undefined ? [] : [machine])).changes);
  }

  /** The row's key hash when it was added or grew, else null. */
  private upsert(e: KeyedEvent, machine: number): number | null {
    const t = e.tokens;
    const hash = keyHash(e.key);
    const { changes } = this.upsertRow.run(
      hash, e.key, e.timestamp, machine, this.files.id(e.file), this.sessions.id(e.sessionId), this.cwds.id(e.cwd),
      this.models.id(e.model), e.isSidechain ? 1 : 0, e.speed === 'fast' ? 1 : 0, e.inferenceGeo, e.costUSD,
      ...TOKEN_FIELDS.map((field) => t[field]),
    );
    return changes > 0 ? hash : null;
  }

  /**
   * The time of the stored row of `hash`: a copy that grows a row need not share its time. (Asked
   * apart: RETURNING time makes the upsert ~2.3x slower, 200,000 rows in 1.2-1.5 s, not 0.5-0.65 s.)
   */
  private storedTime(hash: number): number {
    return Number(this.timeOf.get(hash)?.time ?? -Infinity);
  }

  private position(p: FilePosition): void {
    this.savePosition.run(
      this.machines.id(p.machine), this.files.id(p.path), p.device, p.inode, p.size, p.mtimeMs, p.offset, p.line, p.headHash,
      p.bad?.lines ?? 0, JSON.stringify(p.bad?.samples ?? []),
    );
  }

  /** Whether the hit was added (not stored already). */
  private hit(h: LimitHit): boolean {
    return this.addHit.run(h.timestamp, h.text, h.kind, h.resetsAt, this.sessions.id(h.sessionId), this.files.id(h.file)).changes > 0;
  }

  private transaction<T>(body: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      rollback(this.db);
      for (const names of [this.machines, this.files, this.sessions, this.cwds, this.models]) names.reset();
      throw error;
    }
  }
}
