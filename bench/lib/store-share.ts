import type { TreeReport } from './report.js';

export interface StoreShare {
  storeBytes: number;
  logBytes: number;
  percent: number;
}

/** The last new-store scan's file against the tree it was written from. */
export function freshStoreShare(r: TreeReport): StoreShare | null {
  const scan = r.scanFresh;
  const i = (scan?.storeBytes.length ?? 0) - 1;
  const storeBytes = scan?.storeBytes[i];
  if (!scan || storeBytes == null) return null;
  return share(storeBytes, scan.treeBytes[i]!);
}

/** The warm store after every warm run against the tree as it is then. */
export function warmStoreShare(r: TreeReport): StoreShare | null {
  return r.storeBytes === undefined ? null : share(r.storeBytes, r.tree.expected.bytes);
}

function share(storeBytes: number, logBytes: number): StoreShare {
  return { storeBytes, logBytes, percent: (100 * storeBytes) / logBytes };
}
