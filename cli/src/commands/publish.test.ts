/**
 * The library can live in git: `motcua publish` sends files for review (unchanged when the
 * same content is published, refused when the version holds other content), `--draft`
 * publishes an approved draft, `motcua pull` writes the versions in force byte for byte, and
 * `motcua diff` shows what changed. On SQLite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { forEachDatabase } from '../../../server/test/databases';
import { PROCEDURE } from '../../../server/test/fixtures';
import { startTestServer, type TestServer } from '../../../server/test/harness';
import type { CliIO } from '../io';
import { main } from '../main';

function recorder(cwd: string): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), isTTY: false, cwd, text: () => lines.join('\n') };
}

forEachDatabase('motcua publish, pull and diff', (db) => {
  let t: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'motcua-publish-cli-'));
  beforeAll(async () => {
    t = await startTestServer(await db().open(), db().dataDir);
  });
  afterAll(() => t?.close());

  const run = async (args: string[]): Promise<{ code: number; text: string }> => {
    const io = recorder(dir);
    const code = await main(args, io);
    return { code, text: io.text() };
  };

  it('publishes through review, is idempotent, refuses a changed version, and pulls byte for byte', async () => {
    const file = join(dir, 'C.000001.yaml');
    // Comments and layout are the author's: they survive the round trip.
    const text = `# Thủ tục thử nghiệm: xuất bản từ git\n${stringify({ ...PROCEDURE, code: 'C.000001', name: { vi: 'Thủ tục từ git' } })}`;
    writeFileSync(file, text);
    const token = await t.server.services.auth.issue('author');
    const server = ['--server', t.url, '--token', token];

    const sent = await run(['publish', 'C.000001.yaml', ...server]);
    expect(sent.code, sent.text).toBe(0);
    const draft = /as draft (\S+)/.exec(sent.text)?.[1];
    expect(draft).toBeDefined();
    // Not published until an approver who is not the author approves it.
    expect((await (await t.as()).get('/api/procedures/C.000001')).status).toBe(404);
    expect((await run(['publish', '--draft', draft!, ...server])).text).toMatch(/E_NOT_APPROVED/);
    expect((await (await t.as('approver')).post(`/api/drafts/${draft}/approve`, {})).status).toBe(200);
    const published = await run(['publish', '--draft', draft!, ...server]);
    expect(published.code, published.text).toBe(0);
    expect(published.text).toMatch(/C\.000001@1\.0\.0: published/);

    const again = await run(['publish', 'C.000001.yaml', ...server]);
    expect(again.code).toBe(0);
    expect(again.text).toMatch(/unchanged/);
    writeFileSync(file, text.replace('Thủ tục từ git', 'Thủ tục từ git (đổi)'));
    const changed = await run(['publish', 'C.000001.yaml', ...server]);
    expect(changed.code).toBe(1);
    expect(changed.text).toMatch(/bump the version/);
    writeFileSync(file, text.replace('role: commune-chair', 'role: no-such-role').replace('version: 1.0.0', 'version: 1.0.1'));
    const invalid = await run(['publish', 'C.000001.yaml', ...server]);
    expect(invalid.code).toBe(1);
    expect(invalid.text).toMatch(/C\.000001\.yaml:\d+:\d+ - error E_UNKNOWN_ROLE/);

    const pulled = await run(['pull', '--server', t.url, '--out', 'pulled']);
    expect(pulled.code, pulled.text).toBe(0);
    const files = readdirSync(join(dir, 'pulled'), { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining(['civil-status/C.000001.yaml', 'civil-status/T.000001.yaml']));
    expect(readFileSync(join(dir, 'pulled', 'civil-status', 'C.000001.yaml'), 'utf8')).toBe(text);
    const validated = await run(['validate', 'pulled']);
    expect(validated.code, validated.text).toBe(0);
    // Pulled, then published again: unchanged.
    expect((await run(['publish', 'pulled/civil-status/C.000001.yaml', ...server])).text).toMatch(/unchanged/);
  });

  it('diffs two files in the format terms', async () => {
    writeFileSync(join(dir, 'a.yaml'), stringify(PROCEDURE));
    writeFileSync(join(dir, 'b.yaml'), stringify({ ...PROCEDURE, version: '1.1.0', fees: [{ id: 'late', amount: 9000 }], components: PROCEDURE.components!.slice(1) }));
    const r = await run(['diff', 'a.yaml', 'b.yaml']);
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/^~ fee fees\.late: .*5000.* -> .*9000/m);
    expect(r.text).toMatch(/^- component components\.applicant-id/m);
    expect((await run(['diff', 'a.yaml'])).code).toBe(2);
  });
});
