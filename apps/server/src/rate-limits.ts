import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors.js';

interface Rule {
  points: number;
  durationSec: number;
}

const rules = {
  loginPerIp: { points: 30, durationSec: 60 },
  loginPerAccount: { points: 10, durationSec: 5 * 60 },
  registerPerIp: { points: 10, durationSec: 60 * 60 },
  refreshPerIp: { points: 120, durationSec: 60 },
  sendsPerUser: { points: 50, durationSec: 10 },
  /** tus upload creations (each file is one); a desktop that drops 100 files waits and resumes. */
  uploadsPerUser: { points: 60, durationSec: 60 },
} satisfies Record<string, Rule>;

export type LimitName = keyof typeof rules;

/** In-memory limits per key; `consume` throws RATE_LIMITED with the wait. */
export class RateLimits {
  private readonly limiters = new Map<LimitName, RateLimiterMemory>();

  constructor(
    private readonly enabled: boolean,
    private readonly onRefusal?: (name: LimitName, key: string) => void,
  ) {
    for (const [name, rule] of Object.entries(rules) as [LimitName, Rule][]) {
      this.limiters.set(name, new RateLimiterMemory({ points: rule.points, duration: rule.durationSec }));
    }
  }

  async consume(name: LimitName, key: string): Promise<void> {
    if (!this.enabled) return;
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        this.onRefusal?.(name, key);
        throw new AppError('RATE_LIMITED', 'too many requests, try again later', {
          retryAfterMs: Math.max(1, res.msBeforeNext),
        });
      }
      throw res;
    }
  }
}
