import type { UsageEvent } from '../logs/events.js';

/** What a response's first copy says about where it ran. */
export type ResponseContext = Pick<UsageEvent, 'sessionId' | 'cwd' | 'model' | 'speed' | 'inferenceGeo'>;
export type Place = Omit<ResponseContext, 'sessionId'>;

/**
 * Contexts as two small numbers, so that a ledger entry keeps two Int32s instead of four strings
 * and a flag: the session (each id string stored once, and shared with the session totals) and
 * the place (folder × model × speed × inference geo: a few dozen in a history).
 */
export class ContextTable {
  private readonly sessionIds: string[] = [];
  private readonly sessionRefs = new Map<string, number>();
  private readonly places: Place[] = [];
  private readonly placeRefs = new Map<string, number>();
  private lastPlace = -1;

  sessionRef(c: ResponseContext): number {
    let ref = this.sessionRefs.get(c.sessionId);
    if (ref === undefined) {
      ref = this.sessionIds.push(c.sessionId) - 1;
      this.sessionRefs.set(c.sessionId, ref);
    }
    return ref;
  }

  placeRef(c: ResponseContext): number {
    const last = this.places[this.lastPlace];
    if (last && last.cwd === c.cwd && last.model === c.model && last.speed === c.speed && last.inferenceGeo === c.inferenceGeo) {
      return this.lastPlace;
    }
    const key = JSON.stringify([c.cwd, c.model, c.speed, c.inferenceGeo]);
    let ref = this.placeRefs.get(key);
    if (ref === undefined) {
      const { cwd, model, speed, inferenceGeo } = c;
      ref = this.places.push({ cwd, model, speed, inferenceGeo }) - 1;
      this.placeRefs.set(key, ref);
    }
    this.lastPlace = ref;
    return ref;
  }

  sessionId(ref: number): string {
    return this.sessionIds[ref]!;
  }

  place(ref: number): Place {
    return this.places[ref]!;
  }
}
