import type { CoreListener } from '../core/eventBus.node.ts';
import { EventBus } from '../core/eventBus.node.ts';
import { isEventName } from '../../shared/ipc/contract.std.ts';
import type { IpcError } from '../../shared/ipc/errors.std.ts';
import type { Reply } from '../../shared/ipc/wire.std.ts';
import { createLogger } from '../log/logger.node.ts';
import { mediaDirOf } from '../core/mediaFiles.node.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';
import type { CoreEndpoint } from '../core/endpoint.node.ts';
import { CoreToHost, type CoreStart, type HostToCore } from './hostFrames.std.ts';

const log = createLogger('core-host');

/** A started core process, as the host sees it: Electron's UtilityProcess or a forked child. */
export interface CoreChild {
  readonly pid: number | undefined;
  post(frame: HostToCore): void;
  onFrame(listener: (data: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface SupervisorOptions {
  spawn(): CoreChild;
  dataDir: string;
  /** The rest of the start frame, made anew for each start (the keyring is read again). */
  start(): Omit<CoreStart, 'type' | 'dataDir'>;
  /** Where the core's secret changes are kept (the host's keyring store). */
  secrets?: {
    set(accountId: string, secrets: Record<string, string>): void;
    delete(accountId: string): void;
    setStoreWithoutKeyring?(allow: boolean): void;
  };
  /** Waits before each restart in a row; the last repeats. */
  restartDelaysMs?: number[];
  /** How long a request waits for a restarting core before it is refused. */
  waitForCoreMs?: number;
}

/** The core could not open its data folder: its words, and the storage problem's kind. */
export class CoreStartError extends Error {
  constructor(
    readonly problem: string,
    readonly error: IpcError,
  ) {
    super(error.message);
    this.name = 'CoreStartError';
  }
}

export type CoreProcessState = 'starting' | 'ready' | 'restarting' | 'stopped';

/** A refusal in words, said in the user's language by the page. */
function unavailable(key: 'core.restarting' | 'core.diedAnswering'): IpcError {
  const said = words(key);
  return { code: 'unavailable', message: say(said, 'en') ?? key, words: said };
}

const DEFAULT_DELAYS = [100, 500, 1_000, 2_000, 5_000];
/** Up this long, a core that dies again restarts at once, as after its first failure. */
const STABLE_MS = 60_000;

/**
 * Runs the core in its own process and stands in for it: the same `handle` and `on` as the
 * in-process core, so the shell and the bridge do not care where it runs. When the process
 * dies the host says so (`core.status` restarting), starts it again, and says when it is
 * back; requests made meanwhile wait for it, those it was answering are refused in words.
 */
export class CoreSupervisor implements CoreEndpoint {
  readonly #bus = new EventBus();
  readonly #pending = new Map<number, (reply: Reply) => void>();
  readonly #waiting = new Set<() => void>();
  #child: CoreChild | undefined;
  #state: CoreProcessState = 'stopped';
  #nextId = 1;
  #restarts = 0;
  #readyAt = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #closing = false;
  #ready: { logFile: string | null } | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  get state(): CoreProcessState {
    return this.#state;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** Where the core keeps local media copies, served by the host beside the page. */
  get mediaDir(): string {
    return mediaDirOf(this.options.dataDir);
  }

  /** The core's log file, once it is ready (null where it could not be opened). */
  get logFile(): string | null {
    return this.#ready?.logFile ?? null;
  }

  /** Times the core was restarted after dying. */
  get restarts(): number {
    return this.#restarts;
  }

  /** Starts the core; resolves once it has opened its data, rejects with CoreStartError if it cannot. */
  start(overrides: Partial<Omit<CoreStart, 'type'>> = {}): Promise<void> {
    this.#closing = false;
    return this.#launch(overrides);
  }

  on(listener: CoreListener): () => void {
    return this.#bus.on(listener);
  }

  async handle(method: unknown, params: unknown): Promise<Reply> {
    if (this.#state !== 'ready' && !(await this.#readyWithin())) {
      return { ok: false, error: unavailable('core.restarting') };
    }
    const id = this.#nextId++;
    return new Promise<Reply>((resolve) => {
      this.#pending.set(id, resolve);
      this.#child!.post({ type: 'request', id, method: String(method), params });
    });
  }

  /** Stops the core cleanly (it flushes and closes its cache); killed if it does not exit in time. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child || this.#state === 'stopped') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        log.warn('the core did not stop in time; ended');
        child.kill();
      }, timeoutMs);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.post({ type: 'stop' });
    });
  }

  #launch(overrides: Partial<Omit<CoreStart, 'type'>>): Promise<void> {
    this.#state = this.#state === 'restarting' ? 'restarting' : 'starting';
    const child = this.options.spawn();
    this.#child = child;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      child.onFrame((data) => {
        const parsed = CoreToHost.safeParse(data);
        if (!parsed.success) return void log.warn('dropped a frame that is not the core’s');
        const frame = parsed.data;
        switch (frame.type) {
          case 'ready':
            this.#ready = { logFile: frame.logFile };
            this.#becameReady();
            settled = true;
            resolve();
            break;
          case 'fatal':
            settled = true;
            this.#closing = true;
            child.kill();
            this.#state = 'stopped';
            reject(new CoreStartError(frame.problem, frame.error));
            if (this.#restarts > 0) this.#bus.emit('problem', frame.error);
            break;
          case 'reply':
            this.#pending.get(frame.id)?.(frame.reply);
            this.#pending.delete(frame.id);
            break;
          case 'event':
            if (isEventName(frame.event)) this.#bus.emit(frame.event, frame.payload as never);
            break;
          case 'secrets.set':
            this.options.secrets?.set(frame.accountId, frame.secrets);
            break;
          case 'secrets.delete':
            this.options.secrets?.delete(frame.accountId);
            break;
          case 'secrets.storeWithoutKeyring':
            this.options.secrets?.setStoreWithoutKeyring?.(frame.allow);
            break;
        }
      });
      child.onExit((code) => {
        if (this.#child !== child) return;
        this.#failPending();
        if (this.#closing) {
          this.#state = 'stopped';
          if (!settled) reject(new Error('the core stopped before it was ready'));
          return;
        }
        log.error('the core process ended unexpectedly; restarting it', { code });
        this.#scheduleRestart();
        // A first start that dies is retried too; its caller hears when it is up.
        if (!settled) {
          settled = true;
          this.#whenReady(resolve);
        }
      });
      child.post({
        type: 'start',
        dataDir: this.options.dataDir,
        ...this.options.start(),
        ...overrides,
      });
    });
  }

  #becameReady(): void {
    const wasRestarting = this.#state === 'restarting';
    this.#state = 'ready';
    this.#readyAt = Date.now();
    for (const wake of this.#waiting) wake();
    this.#waiting.clear();
    if (wasRestarting) this.#bus.emit('core.status', { state: 'ready' });
  }

  #scheduleRestart(): void {
    if (Date.now() - this.#readyAt > STABLE_MS) this.#restarts = 0;
    const delays = this.options.restartDelaysMs ?? DEFAULT_DELAYS;
    const delay = delays[Math.min(this.#restarts, delays.length - 1)] ?? 1_000;
    this.#restarts += 1;
    this.#state = 'restarting';
    this.#bus.emit('core.status', { state: 'restarting' });
    this.#restartTimer = setTimeout(() => {
      this.#launch({}).catch((error: unknown) =>
        log.error('the core could not be started again', { error: String(error) }),
      );
    }, delay);
  }

  #failPending(): void {
    for (const resolve of this.#pending.values())
      resolve({ ok: false, error: unavailable('core.diedAnswering') });
    this.#pending.clear();
  }

  #whenReady(wake: () => void): void {
    this.#waiting.add(wake);
  }

  #readyWithin(): Promise<boolean> {
    if (this.#state === 'stopped') return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiting.delete(wake);
        resolve(false);
      }, this.options.waitForCoreMs ?? 30_000);
      this.#waiting.add(wake);
    });
  }
}
