/**
 * The machine a bench run was taken on, printed above the table and stored with the figures: numbers
 * are only comparable between runs on the same kind of machine.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started: a busy machine explains a low figure. */
  loadAverage: number;
}

export function describeMachine(now = new Date()): Machine {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: now.toISOString(),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}

/** @example machineLine(m) // '2 cores · AMD EPYC · Node v20.20.2 · linux x64 · 2026-11-28 · load 0.64' */
export function machineLine(machine: Machine): string {
  return `${machine.nproc} cores · ${machine.cpu} · Node ${machine.node} · ${machine.platform} · ${machine.date.slice(0, 10)} · load ${machine.loadAverage}`;
}
