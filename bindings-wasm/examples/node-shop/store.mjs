// The shop's state: one JSON file, `shop.json` in the data directory, holding orders,
// payments, receipts and the saved flows. It is kept in memory and rewritten whole
// after every change, atomically (a temporary file, flushed to disk, then renamed over
// the old one), so a process killed at any moment leaves either the old file or the
// new one, never half of one.
//
// One process owns the file at a time (`shop.lock` holds its pid): two writers would
// each overwrite the other's changes. A lock left by a process that died is taken over.

import { open, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const EMPTY = { version: 1, nextId: 1, orders: [], payments: [], receipts: [], flows: [] };

export class Store {
  #writing = Promise.resolve();

  constructor(dir, state, lockFile) {
    this.dir = dir;
    this.file = join(dir, 'shop.json');
    this.state = state;
    this.lockFile = lockFile;
  }

  /** The store in `dir` (made if missing), owned by this process until `close()`. */
  static async open(dir) {
    await mkdir(dir, { recursive: true });
    const lockFile = await lock(dir);
    try {
      const text = await readFile(join(dir, 'shop.json'), 'utf8').catch((e) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
      return new Store(dir, text === null ? structuredClone(EMPTY) : JSON.parse(text), lockFile);
    } catch (error) {
      await rm(lockFile, { force: true });
      throw error;
    }
  }

  /** Adds `record` to `table` with a new id, in memory (`write()` stores it). */
  add(table, record) {
    const added = { id: this.state.nextId++, ...record };
    this.state[table].push(added);
    return added;
  }

  find(table, predicate) {
    return this.state[table].find(predicate);
  }

  filter(table, predicate) {
    return this.state[table].filter(predicate);
  }

  /** Writes the whole state to disk; resolves once it is there. Writes go one at a time. */
  write() {
    const written = this.#writing.then(() => this.#writeNow());
    this.#writing = written.catch(() => {});
    return written;
  }

  async #writeNow() {
    // Ids beyond 2^53 come from uzpay as bigints; they are kept as text.
    const text = JSON.stringify(this.state, (key, value) => (typeof value === 'bigint' ? String(value) : value), 2);
    const temporary = `${this.file}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
    // The rename itself is durable once the directory is flushed (Linux, macOS).
    const directory = await open(this.dir, 'r').catch(() => null);
    await directory?.sync().catch(() => {});
    await directory?.close();
  }

  /** Waits for the last write and gives the file up. */
  async close() {
    await this.#writing;
    await rm(this.lockFile, { force: true });
  }
}

async function lock(dir) {
  const lockFile = join(dir, 'shop.lock');
  for (;;) {
    try {
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return lockFile;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    // No pid yet: another process is creating it this instant.
    if (!(pid > 0) || alive(pid)) {
      throw new Error(`${lockFile}: in use by process ${pid || '(starting)'}; one process at a time owns the shop's state`);
    }
    await rm(lockFile, { force: true }); // left by a process that died: take it over
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
