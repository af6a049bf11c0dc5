/**
 * `motcua publish FILE... --server URL --token T`: the library lives in git, the server
 * publishes it. Each file (with its `*.test.yaml` scenarios beside it) is checked by the
 * server's one validator; a version already published with the same content is left as is;
 * the others become drafts submitted for review: an approver who is not the author approves
 * them, then `motcua publish --draft ID` (or the web app) publishes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DraftView, PublishResult, ScenarioFile, SourceCheck } from 'motcua/contract';
import { formatDiagnostic } from 'motcua/engine';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';
import { ServerError, serverClient } from '../server-client';

export const usage = `Usage: motcua publish <files...> --server URL [--token T]
       motcua publish --draft ID... --server URL [--token T]

Sends procedure files to a motcua server for review. Each file is validated by the server
(the same checks as \`motcua validate\`, against the server's library) with the scenario file
beside it (<name>.test.yaml) when there is one. A version already published with the same
content is reported unchanged; one published with other content is refused (bump the
version); the others become drafts submitted for review (four eyes: an approver who is not
the author approves them). With --draft, publishes drafts that were approved.

Options:
  --server URL      the server (e.g. http://localhost:3000)
  --token T         a bearer token of an author (default: MOTCUA_TOKEN)
  --draft ID        publish an approved draft (repeatable)
  -h, --help        this help

Exit codes: 0 every file submitted, unchanged or published; 1 a file or draft was refused;
2 usage error.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, strict: true, options: { server: { type: 'string' }, token: { type: 'string' }, draft: { type: 'string', multiple: true } } });
  const { server, draft } = parsed.values;
  if (!server) throw new UsageError('--server is required');
  if (!parsed.positionals.length && !draft?.length) throw new UsageError('name at least one file (or --draft ID)');
  const client = serverClient(server, parsed.values.token ?? process.env.MOTCUA_TOKEN);
  let failed = 0;
  for (const id of draft ?? []) {
    try {
      const r = await client.post<PublishResult>(`/api/drafts/${encodeURIComponent(id)}/publish`, {});
      io.out(`${r.code}@${r.version}: ${r.status === 'published' ? 'published' : 'unchanged (already published with this content)'}`);
    } catch (err) {
      failed += report(io, id, err);
    }
  }
  for (const name of parsed.positionals) {
    const file = resolve(io.cwd, name);
    if (!existsSync(file)) throw new UsageError(`no such file: ${name}`);
    const source = readFileSync(file, 'utf8');
    const sibling = file.replace(/\.ya?ml$/, '.test.yaml');
    const scenarios: ScenarioFile[] = sibling !== file && existsSync(sibling) ? [{ name: basename(sibling), source: readFileSync(sibling, 'utf8') }] : [];
    try {
      const check = await client.post<SourceCheck>('/api/procedures/validate', { source, scenarios });
      const what = check.code ? `${check.code}@${check.version ?? '?'}` : name;
      if (check.published === 'same') {
        io.out(`${what}: unchanged (already published with this content)`);
        continue;
      }
      if (check.published === 'other') {
        io.out(`${what}: refused: this version is published with other content; bump the version`);
        failed += 1;
        continue;
      }
      if (!check.valid) {
        for (const d of check.diagnostics) io.out(formatDiagnostic({ ...d, file: d.file.endsWith('.test.yaml') ? d.file : name }));
        io.out(`${what}: refused: ${check.diagnostics.filter((d) => d.severity === 'error').length} error(s)`);
        failed += 1;
        continue;
      }
      const created = await client.post<DraftView>('/api/drafts', { from: 'source', source, scenarios });
      const submitted = await client.post<DraftView>(`/api/drafts/${created.id}/submit`, { revision: created.revision });
      io.out(`${what}: submitted for review as draft ${submitted.id} (an approver approves it, then: motcua publish --draft ${submitted.id})`);
    } catch (err) {
      failed += report(io, name, err);
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
};

function report(io: CliIO, what: string, err: unknown): number {
  if (!(err instanceof ServerError)) throw err;
  io.out(`${what}: ${err.message}`);
  return 1;
}
