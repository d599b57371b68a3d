import type { Readable } from "stream";
import { EventEmitter } from "events";

export interface Item<T = unknown> {
  id: string;
  payload: T;
  tags?: Array<{ key: string; value: string }>;
}

export type Listener<T> = (item: Item<T>) => void;

export enum Mode {
  Memory = "memory",
  Disk = "disk",
}

@sealed
export class Store<T extends object> extends EventEmitter {
  private readonly items = new Map<string, Item<T>>();

  constructor(private readonly mode: Mode = Mode.Memory) {
    super();
  }

  put(item: Item<T>): void {
    this.items.set(item.id, item);
    this.emit("put", `stored ${item.id} in {${this.mode}}`);
  }

  get(id: string): Item<T> | undefined {
    return this.items.get(id);
  }

  findByTag(key: string, value: string): Item<T>[] {
    const out: Item<T>[] = [];
    for (const item of this.items.values()) {
      if (item.tags?.some((t) => t.key === key && t.value === value)) {
        out.push(item);
      }
    }
    return out;
  }
}

function sealed(ctor: Function): void {
  Object.seal(ctor);
  Object.seal(ctor.prototype);
}

export async function loadItems<T>(stream: Readable): Promise<Item<T>[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) {
    chunks.push(String(chunk));
  }
  return JSON.parse(chunks.join("")) as Item<T>[];
}

export const countTags = <T,>(items: Item<T>[]): number =>
  items.reduce((n, i) => n + (i.tags?.length ?? 0), 0);

export class Index<T extends object> {
  private readonly byTag = new Map<string, Set<string>>();

  add(item: Item<T>): void {
    for (const tag of item.tags ?? []) {
      const key = `${tag.key}=${tag.value}`;
      let ids = this.byTag.get(key);
      if (!ids) {
        ids = new Set<string>();
        this.byTag.set(key, ids);
      }
      ids.add(item.id);
    }
  }

  lookup(key: string, value: string): string[] {
    return [...(this.byTag.get(`${key}=${value}`) ?? [])];
  }
}
