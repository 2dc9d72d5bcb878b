/**
 * The proxy machinery of the Office.js client: a request context that queues operations, object proxies
 * whose properties must be loaded and synced before they can be read, and the sync that applies a whole
 * request at once. Shapes follow OfficeExtension (ClientRequestContext, ClientObject, ClientResult,
 * EventHandlers) so production code typed against `Excel.*` runs unchanged.
 */
import { RecordedCall, WorkbookStore } from "./store";
import { ErrorCode, fail, propertyNotLoaded, valueNotLoaded } from "./errors";

export interface Exec {
  readonly store: WorkbookStore;
  /** Runs after the whole request succeeded (loaded values become visible only then). */
  after(fn: () => void): void;
  /** Data that travels back to the add-in; counted against the response payload limit. */
  respond(data: unknown): void;
}

export interface Op {
  payload: { op: string; obj: number; args?: unknown[] };
  run(exec: Exec): void;
}

export type EventHandler = (args: unknown) => unknown;

export interface Engine {
  readonly store: WorkbookStore;
  execute(context: RequestContextDouble): Promise<void>;
  addHandler(key: string, handler: EventHandler): void;
  removeHandler(key: string, handler: EventHandler): void;
}

export function clone<T>(value: T): T {
  return value === undefined || value === null || typeof value !== "object"
    ? value
    : structuredClone(value);
}

let nextObjectId = 1;

export class RequestContextDouble {
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly debugInfo = {};
  _pending: Op[] = [];
  readonly workbook: unknown;

  constructor(
    readonly _engine: Engine,
    createWorkbook: (context: RequestContextDouble) => unknown,
    readonly runOptions: Record<string, unknown> = {}
  ) {
    this.workbook = createWorkbook(this);
  }

  get application(): unknown {
    return (this.workbook as { application: unknown }).application;
  }

  _enqueue(op: Op): void {
    this._pending.push(op);
  }

  /** Sends the queued operations; resolves with `passThroughValue` like OfficeExtension's sync. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    await this._engine.execute(this);
    return passThroughValue as T;
  }
}

interface Creation {
  name: string;
  args?: unknown[];
  resolve: (exec: Exec) => unknown;
}

/** Base of every proxy. Scalar properties are declared per class with `defineProperties`. */
export abstract class ClientObject {
  readonly _objectId = nextObjectId++;
  _values = new Map<string, unknown>();
  _target: unknown = undefined;
  _nullKnown: boolean | undefined = undefined;
  private _children = new Map<string, ClientObject>();
  /** Recorded-settings values loaded through recorders (charts, conditional formats...). */
  _recordedLoaded = new Map<string, unknown>();

  constructor(
    readonly context: RequestContextDouble,
    readonly _parent: ClientObject | null = null,
    creation?:
      | Creation
      | { preset: unknown }
      | { derive: (parentTarget: unknown, store: WorkbookStore) => unknown }
  ) {
    if (creation && "derive" in creation) {
      // A navigation property (e.g. range.worksheet): its target follows from the parent's, so it can
      // also be created while a request runs (load paths such as "worksheet/name").
      this._deriveFn = creation.derive;
    } else if (creation && "preset" in creation) {
      this._target = creation.preset;
      this._nullKnown = creation.preset === null;
    } else if (creation) {
      context._enqueue({
        payload: {
          op: `${creation.name}`,
          obj: this._objectId,
          ...(creation.args ? { args: creation.args } : {}),
        },
        run: (exec) => {
          const target = creation.resolve(exec);
          this._target = target;
          exec.after(() => (this._nullKnown = target === null));
        },
      });
    }
  }

  abstract get _className(): string;

  /** Navigation properties (child objects) this class can load through "a/b" paths. */
  _navNames(): readonly string[] {
    return [];
  }

  _createNav(name: string): ClientObject {
    throw new Error(`${this._className} has no navigation property ${name}`);
  }

  _nav<T extends ClientObject>(name: string): T {
    let child = this._children.get(name);
    if (!child) {
      child = this._createNav(name);
      this._children.set(name, child);
    }
    return child as T;
  }

  private _deriveFn: ((parentTarget: unknown, store: WorkbookStore) => unknown) | undefined;

  /** For children: their target follows from the parent's. */
  _derive(parentTarget: unknown): unknown {
    return this._deriveFn ? this._deriveFn(parentTarget, this.context._engine.store) : parentTarget;
  }

  _getTarget(): unknown {
    if (this._parent && this._target === undefined) {
      const parentTarget = this._parent._getTarget();
      return parentTarget === null || parentTarget === undefined
        ? parentTarget
        : this._derive(parentTarget);
    }
    return this._target;
  }

  /** The target at sync time; a null object or an object from a failed request cannot be used. */
  _t<T>(): T {
    const target = this._getTarget();
    if (target === null)
      fail(
        ErrorCode.itemNotFound,
        `The ${this._className} is a null object (isNullObject is true); check isNullObject before using it.`
      );
    if (target === undefined)
      fail(
        ErrorCode.invalidOperation,
        `The ${this._className} was created in a request that failed.`
      );
    return target as T;
  }

  get isNullObject(): boolean {
    if (this._parent && this._target === undefined && this._nullKnown === undefined)
      return this._parent.isNullObject;
    if (this._nullKnown === undefined) throw propertyNotLoaded("isNullObject");
    return this._nullKnown;
  }

  _propList(): readonly string[] {
    return (Object.getPrototypeOf(this) as { _props?: string[] })._props ?? [];
  }

  _read(_exec: Exec, name: string): unknown {
    throw new Error(`${this._className}.${name} cannot be read`);
  }

  _write(_exec: Exec, name: string, value: unknown): void {
    void value;
    fail(ErrorCode.invalidArgument, `${this._className}.${name} cannot be set.`);
  }

  _call(name: string, args: unknown[], run: (exec: Exec) => void): void {
    this.context._enqueue({
      payload: { op: `${this._className}.${name}`, obj: this._objectId, args },
      run,
    });
  }

  _result<T>(name: string, args: unknown[], compute: (exec: Exec) => T): ClientResultDouble<T> {
    const result = new ClientResultDouble<T>();
    this._call(name, args, (exec) => {
      const value = compute(exec);
      exec.respond(value);
      exec.after(() => result._set(value));
    });
    return result;
  }

  _getValue(name: string): unknown {
    if (!this._values.has(name)) throw propertyNotLoaded(name);
    return this._values.get(name);
  }

  _setValue(name: string, value: unknown): void {
    this._values.set(name, value);
    const stored = clone(value);
    this._call(name, [value], (exec) => this._write(exec, name, stored));
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec);
    this._call("load", [spec ?? null], (exec) => this._applyLoad(exec, paths));
    return this;
  }

  /** Loads `paths` (null: every scalar property) into the proxy once the request succeeds. */
  _applyLoad(exec: Exec, paths: string[] | null): void {
    const target = this._getTarget();
    if (target === null) return;
    this._t();
    const props = new Set<string>();
    const navs = new Map<string, string[] | null>();
    const known = this._propList();
    for (const path of paths ?? known) {
      const [head, ...rest] = path.split("/");
      if (head === "isNullObject" || head === "") continue;
      if (this._navNames().includes(head)) {
        const existing = navs.get(head);
        if (rest.length === 0) navs.set(head, null);
        else if (existing !== null) navs.set(head, [...(existing ?? []), rest.join("/")]);
      } else if (known.includes(head)) props.add(head);
      else
        fail(
          ErrorCode.invalidArgument,
          `The property '${head}' does not exist on ${this._className}.`
        );
    }
    const snapshot: Record<string, unknown> = {};
    for (const name of props) snapshot[name] = clone(this._read(exec, name));
    exec.respond(snapshot);
    exec.after(() => {
      for (const [name, value] of Object.entries(snapshot)) this._values.set(name, value);
    });
    for (const [name, sub] of navs) this._nav(name)._applyLoad(exec, sub);
  }

  /** Office.js `set(properties)`: assigns several properties (and child objects' properties) at once. */
  set(properties: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(properties)) {
      if (this._navNames().includes(key) && value && typeof value === "object")
        this._nav(key).set(value as Record<string, unknown>);
      else (this as unknown as Record<string, unknown>)[key] = value;
    }
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    for (const [k, v] of this._values) json[k] = clone(v);
    for (const name of this._navNames()) {
      const child = this._children.get(name);
      if (child) {
        const sub = child.toJSON();
        if (Object.keys(sub).length > 0) json[name] = sub;
      }
    }
    return json;
  }
}

/** Declares loadable scalar properties: getters throw PropertyNotLoaded, setters queue a write. */
export function defineProperties(
  ctor: { prototype: object },
  readWrite: readonly string[],
  readOnly: readonly string[] = []
): void {
  const proto = ctor.prototype as { _props?: string[] };
  const inherited = proto._props ?? [];
  Object.defineProperty(proto, "_props", {
    value: [...inherited, ...readWrite, ...readOnly],
    writable: true,
    configurable: true,
  });
  for (const name of readWrite) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: ClientObject) {
        return this._getValue(name);
      },
      set(this: ClientObject, value: unknown) {
        this._setValue(name, value);
      },
    });
  }
  for (const name of readOnly) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: ClientObject) {
        return this._getValue(name);
      },
    });
  }
}

/** Turns every form `load` accepts into a list of "a/b/c" paths; null means "all scalar properties". */
export function loadPaths(spec: unknown): string[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === "string") return splitList(spec);
  if (Array.isArray(spec)) return spec.flatMap((s) => splitList(String(s)));
  if (typeof spec === "object") {
    const o = spec as Record<string, unknown>;
    if ("select" in o || "expand" in o) {
      const select = o.select === undefined ? [] : (loadPaths(o.select) ?? []);
      const expand = o.expand === undefined ? [] : (loadPaths(o.expand) ?? []);
      return [...select, ...expand];
    }
    const paths: string[] = [];
    const walk = (node: Record<string, unknown>, prefix: string): void => {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$all" || key === "$top" || key === "$skip") continue;
        if (value && typeof value === "object") {
          const before = paths.length;
          walk(value as Record<string, unknown>, `${prefix}${key}/`);
          if (paths.length === before || (value as Record<string, unknown>).$all)
            paths.push(`${prefix}${key}`);
        } else if (value) paths.push(`${prefix}${key}`);
      }
    };
    walk(o, "");
    return paths;
  }
  return null;
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Collections: `items` after load, `getCount()`, loading item properties through "items/x" or "x". */
export abstract class ClientCollection<T extends ClientObject> extends ClientObject {
  _items: T[] | undefined;

  abstract _listTargets(exec: Exec): unknown[];
  abstract _createItem(target: unknown): T;

  get items(): T[] {
    if (!this._items) throw propertyNotLoaded("items");
    return this._items;
  }

  getCount(): ClientResultDouble<number> {
    return this._result("getCount", [], (exec) => this._listTargets(exec).length);
  }

  override _applyLoad(exec: Exec, paths: string[] | null): void {
    const target = this._getTarget();
    if (target === null) return;
    this._t();
    let itemPaths: string[] | null = [];
    if (paths === null) itemPaths = null;
    else
      for (const path of paths) {
        if (path === "items" || path === "items/$all") {
          itemPaths = null;
          break;
        }
        itemPaths.push(path.startsWith("items/") ? path.slice(6) : path);
      }
    const items = this._listTargets(exec).map((t) => this._createItem(t));
    for (const item of items) item._applyLoad(exec, itemPaths);
    exec.after(() => (this._items = items));
  }

  override toJSON(): Record<string, unknown> {
    return { items: (this._items ?? []).map((item) => item.toJSON()) };
  }
}

export class ClientResultDouble<T> {
  private _loaded = false;
  private _value: T | undefined;

  get value(): T {
    if (!this._loaded) throw valueNotLoaded();
    return this._value as T;
  }

  _set(value: T): void {
    this._value = value;
    this._loaded = true;
  }

  toJSON(): unknown {
    return this._loaded ? this._value : undefined;
  }
}

export class EventHandlerResultDouble {
  _key: string | undefined;
  constructor(
    readonly context: RequestContextDouble,
    private readonly owner: ClientObject,
    private readonly handler: EventHandler
  ) {}

  remove(): void {
    this.owner._call("EventHandlers.remove", [], (exec) =>
      exec.after(() => {
        if (this._key) this.context._engine.removeHandler(this._key, this.handler);
      })
    );
  }
}

/** `onChanged` and friends: registration is queued and takes effect with the next sync, like Excel. */
export class EventHandlersDouble {
  constructor(
    private readonly owner: ClientObject,
    private readonly name: string,
    private readonly keyOf: (exec: Exec) => string
  ) {}

  add(handler: EventHandler): EventHandlerResultDouble {
    if (typeof handler !== "function") throw new TypeError("An event handler must be a function.");
    const result = new EventHandlerResultDouble(this.owner.context, this.owner, handler);
    this.owner._call(`${this.name}.add`, [], (exec) => {
      const key = this.keyOf(exec);
      exec.after(() => {
        result._key = key;
        this.owner.context._engine.addHandler(key, handler);
      });
    });
    return result;
  }
}

// ---- recorded objects -------------------------------------------------------------------------------

export interface RecordBag {
  settings: Record<string, unknown>;
  calls: RecordedCall[];
}

function getPath(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/**
 * A proxy for the parts of the API the double records rather than models (chart title and axes,
 * conditional-format rules, borders...): property writes are stored at their path in a settings bag,
 * method calls are logged, `getItem(x)` / `getItemAt(i)` navigate, `load()` reads the recorded values back.
 */
export function recorder(
  owner: ClientObject,
  path: readonly string[],
  access: (exec: Exec, path: readonly string[]) => RecordBag
): unknown {
  const key = (p: readonly string[]): string => p.join("/");
  const loadedAt = (p: readonly string[]): unknown => {
    for (let i = p.length; i >= 0; i--) {
      const k = key(p.slice(0, i));
      if (owner._recordedLoaded.has(k)) return getPath(owner._recordedLoaded.get(k), p.slice(i));
    }
    return undefined;
  };
  const self: unknown = new Proxy(function recorded() {}, {
    get(_fn, prop) {
      if (typeof prop === "symbol" || prop === "then") return undefined;
      if (prop === "context") return owner.context;
      if (prop === "isNullObject") return false;
      if (prop === "load")
        return () => {
          owner._call(`${owner._className}.${path.join(".")}.load`, [], (exec) => {
            const value = clone(getPath(access(exec, path).settings, path)) ?? {};
            exec.respond(value);
            exec.after(() => owner._recordedLoaded.set(key(path), value));
          });
          return self;
        };
      if (prop === "toJSON") return () => clone(loadedAt(path));
      if (prop === "set")
        return (properties: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(properties)) (self as Record<string, unknown>)[k] = v;
        };
      const loaded = loadedAt([...path, prop]);
      if (
        loaded !== undefined &&
        (loaded === null || typeof loaded !== "object" || Array.isArray(loaded))
      )
        return loaded;
      return recorder(owner, [...path, prop], access);
    },
    set(_fn, prop, value) {
      if (typeof prop === "symbol") return false;
      const stored = clone(value);
      owner._call(`${owner._className}.${[...path, prop].join(".")}`, [value], (exec) =>
        setPath(access(exec, path).settings, [...path, prop], stored)
      );
      return true;
    },
    apply(_fn, _this, args: unknown[]) {
      const method = path[path.length - 1];
      const parent = path.slice(0, -1);
      if (method === "getItem" || method === "getItemAt" || method === "getItemOrNullObject")
        return recorder(owner, [...parent, String(args[0])], access);
      const stored = clone(args);
      owner._call(`${owner._className}.${path.join(".")}`, args, (exec) =>
        access(exec, path).calls.push({ method: path.join("."), args: stored })
      );
      return recorder(owner, [...path, "result"], access);
    },
  });
  return self;
}
