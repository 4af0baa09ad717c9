/**
 * Worker side of {@link tokeniseMany}: tokenises its share of the texts and hands the terms back
 * as one string (terms separated by U+0001, documents by U+0002), then raises the shared flag so
 * the waiting main thread wakes up.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { tokenise, type TokeniseOptions } from './tokenise.ts';

interface Data {
  texts: string;
  opts: TokeniseOptions;
  port: MessagePort;
  flag: Int32Array;
}

const { texts, opts, port, flag } = workerData as Data;
const out: string[] = [];
for (const t of texts.split('\u0002')) out.push(tokenise(t, opts).join('\u0001'));
port.postMessage(out.join('\u0002'));
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
