/**
 * `motcua serve` / `npm start`: configuration from the environment, the library from disk,
 * then the server, with a start-up report that names every broken procedure.
 */
import { join } from 'node:path';
import { formatDiagnostic } from 'motcua/engine';
import { loadConfig, type ServerConfig } from './config';
import { loadServerLibrary, rememberCompiled } from './library';
import { openLibraryCache } from './library-prime';
import { createServer, type MotcuaServer } from './server';

export interface StartedServer {
  server: MotcuaServer;
  url: string;
  config: ServerConfig;
}

export async function startServer(config: ServerConfig = loadConfig(), out: (line: string) => void = console.log): Promise<StartedServer> {
  // Loading thousands of procedures is done once per content: the cache sits in the data dir.
  // A cold start of thousands does that work in a worker thread first (library-prime.ts).
  const cache = await openLibraryCache(config.library, join(config.dataDir, 'library-cache.json'), out);
  const library = await loadServerLibrary(config.library, { cache });
  const errors = library.diagnostics.filter((d) => d.severity === 'error');
  const server = await createServer({ config, library });
  rememberCompiled(cache, library, server.services.registry);
  const url = await server.listen();
  const ok = server.services.registry.all().length - server.broken.length;
  out(`motcua: ${ok} procedure(s) ready from ${config.library}${server.broken.length ? `, ${server.broken.length} broken` : ''}`);
  for (const b of server.broken) {
    const first = b.diagnostics.find((d) => d.severity === 'error');
    out(`  broken: ${b.procedure.code}@${b.procedure.version} (${b.file})${first ? `\n    ${formatDiagnostic(first)}` : ''}`);
  }
  for (const c of server.conflicts) out(`  conflict: ${c.file} differs from the published ${c.code}@${c.version}; the published version runs`);
  if (errors.length && !server.broken.length) out(`motcua: ${errors.length} library error(s); run \`motcua validate ${config.library}\``);
  out(`motcua: database ${server.services.db.dialect}${config.databaseUrl ? '' : ` (${config.sqliteFile})`}`);
  if (config.testClock) {
    out('motcua: CHẾ ĐỘ KIỂM THỬ (TEST-CLOCK): đồng hồ chỉ chạy khi bài kiểm thử đặt nó; không dùng máy chủ này cho hồ sơ thật.');
    out('motcua: TEST-CLOCK MODE: the clock moves only through PUT /api/test/clock and /api/test/... sets up scenarios; never use this server for real cases');
  }
  if (config.demo) {
    out(`motcua: demo mode: ${server.seeded.users.length} demo users (POST /api/auth/dev-login {"user": "officer-1"}), ${server.seeded.records} source records`);
    out('motcua: CHẾ ĐỘ TRÌNH DIỄN: ai cũng đăng nhập được bằng người dùng mẫu, không cần mật khẩu; không dùng cho dữ liệu thật.');
    out('motcua: DEMO MODE: anyone can sign in as a demo user without a password; not for real data. For production run `motcua serve` without --demo.');
  } else {
    const removed = server.production?.removed ?? [];
    out(`motcua: production mode${removed.length ? `: removed ${removed.length} demo user(s) (audited)` : ''}`);
    const admins = await server.services.db.knex('users').where({ kind: 'admin', active: true }).count<{ n: number | string }[]>({ n: '*' });
    if (!Number(admins[0]?.n)) out('motcua: no administrator yet: run `npx motcua admin create --national-id <12 digits> --name "<full name>"` to make the first one and sign in.');
  }
  out(`motcua: listening on ${url} (API docs: ${url}/api/docs)`);
  return { server, url, config };
}
