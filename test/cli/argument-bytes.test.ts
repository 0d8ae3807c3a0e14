import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { argumentNotUtf8, notUtf8Message } from '../../src/cli/argument-bytes.js';

const MODULE = fileURLToPath(new URL('../../dist/cli/argument-bytes.js', import.meta.url));

/** What `argumentBytes` gives in a new process for its arguments `args` asked as `asked` (hex of each, or null). */
function bytesIn(args: string[], asked: string): Promise<(string[] | null)> {
  const script = `import(${JSON.stringify(MODULE)}).then(({ argumentBytes }) => console.log(JSON.stringify(argumentBytes(${asked})?.map((b) => b.toString('hex')) ?? null)))`;
  return new Promise((done, fail) => execFile(process.execPath, ['-e', script, ...args], (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as string[] | null))));
}

describe('argumentBytes', () => {
  test('gives the bytes of the arguments, an empty one too', async () => {
    expect(await bytesIn(['run', 'é', ''], 'process.argv.slice(1)')).toEqual(['72756e', 'c3a9', '']);
  });

  test('gives nothing for a list that is not the last arguments', async () => {
    expect(await bytesIn(['run', 'x'], "['run', 'y']")).toBeNull();
  });
});

describe('argumentNotUtf8', () => {
  test('finds the first argument with a byte that is not UTF-8, shown as %XX', () => {
    const args = [Buffer.from('run'), Buffer.from('Règlement'), Buffer.from([0x66, 0x72, 0x61, 0x6e, 0xe7, 0x61, 0x69, 0x73]), Buffer.from([0xff])];
    expect(argumentNotUtf8(args)).toEqual({ position: 3, shown: 'fran%E7ais' });
  });

  test('passes UTF-8 arguments, the replacement character itself too', () => {
    expect(argumentNotUtf8([Buffer.from('run'), Buffer.from('\uFFFD.txt'), Buffer.alloc(0)])).toBeUndefined();
  });

  test('the message names the argument, its bytes and what to do', () => {
    const message = notUtf8Message({ position: 3, shown: '/data/fran%E7ais' });
    expect(message).toContain('argument 3 is not valid UTF-8: /data/fran%E7ais');
    expect(message).toContain('rename it in UTF-8');
    expect(message.endsWith('\n')).toBe(true);
  });
});
