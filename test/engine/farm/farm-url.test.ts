import { describe, expect, it } from 'vitest';
import { parseFarmUrl, redactFarmUrl } from '../../../main/engine/farm/farm-url';
import { PathGuard, parsePathMap } from '../../../main/engine/farm/path-guard';

describe('farm URL', () => {
  it('parses host, port, db, password and TLS', () => {
    expect(parseFarmUrl('redis://:s3cr%40t@10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, password: 's3cr@t' });
    expect(parseFarmUrl('redis://localhost').tls).toBeUndefined();
    expect(parseFarmUrl('rediss://farm.example:6379').tls).toEqual({});
    expect(parseFarmUrl('redis://h:1').maxRetriesPerRequest).toBeNull();
  });

  it('never shows the password, even in its errors', () => {
    expect(redactFarmUrl('redis://:hunter2@h:1/0')).toBe('redis://:***@h:1/0');
    expect(redactFarmUrl('rediss://user:hunter2@h:1')).toBe('rediss://user:***@h:1');
    expect(() => parseFarmUrl('redis://:hunter2@h:1/x')).toThrow(/^--farm redis:\/\/:\*\*\*@h:1\/x: the database/);
    expect(() => parseFarmUrl('http://:hunter2@h:1')).not.toThrow(/hunter2/);
    expect(() => parseFarmUrl('http://:hunter2@h:1')).toThrow(/scheme/);
  });
});

describe('path guard', () => {
  it('maps shared storage and refuses paths outside the allowed roots', () => {
    const guard = new PathGuard([parsePathMap('/mnt/studio=/Volumes/studio')], []);
    expect(guard.local('/mnt/studio/film/chunk-1.mp4')).toBe('/Volumes/studio/film/chunk-1.mp4');
    expect(() => guard.local('/etc/passwd')).toThrow(/\/etc\/passwd: outside the worker's allowed roots/);
    expect(() => guard.local('/mnt/studio/../../etc/passwd')).toThrow(/refused/);
    expect(() => guard.local('film/x.mp4')).toThrow(/not absolute/);
    expect(new PathGuard([], ['/data']).local('/data/a/b')).toBe('/data/a/b');
  });

  it('rejects a malformed map and a worker with no roots', () => {
    expect(() => parsePathMap('/a')).toThrow(/FROM=TO/);
    expect(() => parsePathMap('a=/b')).toThrow(/absolute/);
    expect(() => new PathGuard([], [])).toThrow(/--allow/);
  });
});
