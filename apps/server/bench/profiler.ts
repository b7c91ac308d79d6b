import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** V8's sampling CPU profiler, started and stopped from inside the process being measured. */
export class CpuProfiler {
  private session: Session | null = null;

  async start(): Promise<void> {
    if (this.session) return;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    this.session = session;
  }

  /** Stops and writes the profile as a .cpuprofile file (Chrome DevTools can open it). */
  async stop(file: string): Promise<void> {
    const session = this.session;
    if (!session) throw new Error('the profiler was not started');
    this.session = null;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
  }
}
