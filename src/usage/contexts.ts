import type { UsageEvent } from '../logs/events.js';
import type { ImageReader, ImageWriter } from './image-codec.js';

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

  sessionRef(c: Pick<ResponseContext, 'sessionId'>): number {
    let ref = this.sessionRefs.get(c.sessionId);
    if (ref === undefined) {
      ref = this.sessionIds.push(c.sessionId) - 1;
      this.sessionRefs.set(c.sessionId, ref);
    }
    return ref;
  }

  placeRef(c: Place): number {
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

  get sessionCount(): number {
    return this.sessionIds.length;
  }

  get placeCount(): number {
    return this.places.length;
  }

  sessionId(ref: number): string {
    return this.sessionIds[ref]!;
  }

  place(ref: number): Place {
    return this.places[ref]!;
  }

  writeImage(out: ImageWriter): void {
    out.int(this.sessionIds.length);
    for (const id of this.sessionIds) out.string(id);
    out.int(this.places.length);
    for (const place of this.places) {
      out.string(place.cwd);
      out.string(place.model);
      out.bool(place.speed === 'fast');
      out.nullableString(place.inferenceGeo);
    }
  }

  /** Reads what `writeImage` wrote into this empty table; throws ImageError when the image is damaged. */
  readImage(from: ImageReader): void {
    const sessions = from.count();
    for (let i = 0; i < sessions; i++) {
      const sessionId = from.string();
      from.check(this.sessionRef({ sessionId }) === i, 'a session id held twice');
    }
    const places = from.count();
    for (let i = 0; i < places; i++) {
      const place: Place = { cwd: from.string(), model: from.string(), speed: from.bool() ? 'fast' : 'standard', inferenceGeo: from.nullableString() };
      from.check(this.placeRef(place) === i, 'a place held twice');
    }
    this.lastPlace = -1;
  }
}
