// SQLite's one connection, shared in turns: a query outside a transaction waits while one is open, so it never joins it.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/**
 * Why: the better-sqlite3 adapter runs every query on one connection and locks only transactions
 * against each other. A query from outside (the webhook storing an event it is about to acknowledge)
 * issued while a transaction awaits between statements ran inside that transaction: it was not
 * committed when it returned, and a rollback took it away.
 */
class ConnectionTurns {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0; // holders and those queued behind them

  async acquire(): Promise<() => void> {
    let open!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (open = resolve));
    this.waiting += 1;
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.waiting -= 1;
      open();
    };
  }

  /** One statement in its own turn; at once when nobody holds one (the driver is synchronous, so it ends before anything else starts). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.waiting === 0) return work();
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

class TurnTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];

  constructor(
    private readonly inner: Transaction,
    private readonly release: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: Query) {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: Query) {
    return this.inner.executeRaw(query);
  }

  // Prisma has sent COMMIT or ROLLBACK as a statement by now; the turn ends with it.
  async commit() {
    try {
      await this.inner.commit();
    } finally {
      this.release();
    }
  }

  async rollback() {
    try {
      await this.inner.rollback();
    } finally {
      this.release();
    }
  }
}

class TurnAdapter implements Adapter {
  readonly provider: Adapter["provider"];
  readonly adapterName: string;
  private readonly turns = new ConnectionTurns();

  constructor(private readonly inner: Adapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: Query) {
    return this.turns.run(() => this.inner.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.turns.run(() => this.inner.executeRaw(query));
  }

  executeScript(script: string) {
    return this.turns.run(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) {
    const release = await this.turns.acquire();
    try {
      return new TurnTransaction(await this.inner.startTransaction(isolationLevel), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  dispose() {
    return this.inner.dispose();
  }
}

/** The adapter factory Prisma is given: the same connection, taken in turns. */
export function oneTurnAtATime(inner: PrismaBetterSQLite3): Factory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => new TurnAdapter(await inner.connect()),
  };
}
