import { describe, expect, it } from 'vitest';
import { databaseOptions, outputFormat, parseCommandArgs, serverEnvironment } from './args';
import { UsageError, type CliIO } from './io';

const io: CliIO = { out: () => {}, err: () => {}, isTTY: false, cwd: '/srv/motcua' };

describe('the arguments every command shares', () => {
  it('refuses an unknown option as a usage error that names it', () => {
    expect(() => parseCommandArgs({ args: ['--nope'], options: { ...databaseOptions } })).toThrow(UsageError);
    expect(() => parseCommandArgs({ args: ['--nope'], options: { ...databaseOptions } })).toThrow(/--nope/);
  });

  it('is strict even when the command does not say so, and defaults --format to text', () => {
    const { values, positionals } = parseCommandArgs({ args: ['verify'], allowPositionals: true, options: { ...databaseOptions } });
    expect(values.format).toBe('text');
    expect(positionals).toEqual(['verify']);
    expect(() => parseCommandArgs({ args: ['--database'], options: { ...databaseOptions } })).toThrow(UsageError);
  });

  it('accepts only the formats a command offers', () => {
    expect(outputFormat('json')).toBe('json');
    expect(outputFormat('mermaid', ['json', 'mermaid'] as const)).toBe('mermaid');
    expect(() => outputFormat('xml')).toThrow("--format must be text or json, not 'xml'");
    expect(() => outputFormat('text', ['json', 'mermaid'] as const)).toThrow('--format must be json or mermaid');
  });

  it('gives the server the database and library the options name, relative to the working directory', () => {
    const env = serverEnvironment(io, { database: 'postgres://db/motcua', 'data-dir': 'data', library: '../lib' });
    expect(env.DATABASE_URL).toBe('postgres://db/motcua');
    expect(env.MOTCUA_DATA_DIR).toBe('/srv/motcua/data');
    expect(env.MOTCUA_LIBRARY).toBe('/srv/lib');
    expect(serverEnvironment(io, {}).MOTCUA_DATA_DIR).toBe(process.env.MOTCUA_DATA_DIR);
  });
});
