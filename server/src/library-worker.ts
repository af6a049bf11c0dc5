/**
 * The worker thread of a cold start (library-prime.ts): loads, validates and compiles the
 * library into the library cache, then exits, and its heap with it.
 */
import { workerData } from 'node:worker_threads';
import { primeLibraryCache, type PrimeJob } from './library-prime';

await primeLibraryCache(workerData as PrimeJob);
