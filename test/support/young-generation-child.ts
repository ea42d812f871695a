/**
 * Allocates ~300 MB of small objects, one in 40 kept for a while (as a backfill does), in a
 * fresh heap, with the young generation frozen first or not (argv[2]: `freeze` | `grow`), and
 * prints the young generation's size before and its largest size during, in bytes, as JSON.
 */
import { freezeYoungGeneration, youngGenerationBytes } from '../../src/engine/young-generation.js';

if (process.argv[2] === 'freeze') freezeYoungGeneration();
const before = youngGenerationBytes();
let largest = before;
const kept: object[][] = [];
for (let round = 0; round < 300; round++) {
  const batch: object[] = [];
  for (let i = 0; i < 20_000; i++) batch.push({ round, i, text: `event ${i}` });
  kept.push(batch.filter((_, i) => i % 40 === 0));
  if (kept.length > 50) kept.shift();
  largest = Math.max(largest, youngGenerationBytes());
}
process.stdout.write(JSON.stringify({ before, largest, kept: kept.length }));
