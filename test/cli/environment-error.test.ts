import { describe, expect, it } from 'vitest';
import { environmentError } from '../../src/cli/main.ts';
import { AppError } from '../../src/domain/errors.ts';

describe('a full disk or a permission error is said as such, not as a bug', () => {
  it('ENOSPC: the disk is full, previous reports unchanged', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const err = environmentError(full);
    expect(err).toBeInstanceOf(AppError);
    expect(err!.message).toBe('disk penuh / no space left on device');
    expect(err!.hint).toContain('Free some disk space and run again; the previous reports are unchanged.');
  });

  it('EACCES names the path; other errors stay unexpected', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/laporan/x.tmp'"), { code: 'EACCES', path: '/srv/laporan/x.tmp' });
    expect(environmentError(denied)!.message).toBe("izin ditolak / permission denied (/srv/laporan/x.tmp): EACCES: permission denied, open '/srv/laporan/x.tmp'");
    expect(environmentError(new TypeError('x is undefined'))).toBeNull();
    expect(environmentError(null)).toBeNull();
  });
});
