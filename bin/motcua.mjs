#!/usr/bin/env node
// The `motcua` command. The sources are TypeScript; tsx compiles them on the fly so that
// `npx motcua` works straight from a checkout with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/src/main.ts');
process.exitCode = await main(process.argv.slice(2));
