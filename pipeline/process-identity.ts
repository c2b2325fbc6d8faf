/**
 * Who a process is, precisely enough to tell later whether it still runs. A pid alone is not
 * enough: in a container node is PID 1 in every incarnation, a pid is reused after a reboot or
 * wrap-around, and a pid from another host or pid namespace says nothing here. So a process is
 * its pid plus the host name, the kernel's boot id, its pid namespace and its start time (clock
 * ticks since boot). Only when host, boot and namespace all match is the pid checked; otherwise
 * the caller must fall back on a lease (see lock.ts).
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  bootId?: string;
  pidNamespace?: string;
  /** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
  startTicks?: string;
}

function readOr(read: () => string): string | undefined {
  try {
    return read().trim() || undefined;
  } catch {
    return undefined; // not Linux, or /proc not mounted: the pid check falls back to "is it running"
  }
}

function startTicksOf(pid: number): string | undefined {
  const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

let self: ProcessIdentity | undefined;

export function currentProcess(): ProcessIdentity {
  self ??= {
    pid: process.pid,
    host: hostname(),
    bootId: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    pidNamespace: readOr(() => readlinkSync('/proc/self/ns/pid')),
    startTicks: startTicksOf(process.pid),
  };
  return self;
}

/** `unknown`: another host, boot or pid namespace, where this process cannot look the pid up. */
export type Liveness = 'alive' | 'dead' | 'unknown';

function differs(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function livenessOf(other: ProcessIdentity): Liveness {
  const me = currentProcess();
  if (other.host !== me.host || differs(other.bootId, me.bootId) || differs(other.pidNamespace, me.pidNamespace)) return 'unknown';
  if (!Number.isInteger(other.pid) || other.pid <= 0 || !pidRuns(other.pid)) return 'dead';
  // The pid runs, but is it the same process? A different start time means the pid was reused.
  if (differs(other.startTicks, other.pid === me.pid ? me.startTicks : startTicksOf(other.pid))) return 'dead';
  return 'alive';
}
