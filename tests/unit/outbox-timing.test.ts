// Retry timing and the provider rate limiter, with an injected clock.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "@/server/outbox/backoff";
import { RateLimiter } from "@/server/outbox/rate-limiter";

describe("backoffDelay", () => {
  it("doubles per attempt within ±25% jitter, up to the cap", () => {
    expect(backoffDelay({ attempt: 1, baseMs: 1000, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay({ attempt: 3, baseMs: 1000, random: () => 0.5 })).toBe(4000);
    expect(backoffDelay({ attempt: 3, baseMs: 1000, random: () => 0 })).toBe(3000);
    expect(backoffDelay({ attempt: 3, baseMs: 1000, random: () => 1 })).toBe(5000);
    expect(backoffDelay({ attempt: 30, baseMs: 1000, maxMs: 60_000, random: () => 0.5 })).toBe(60_000);
  });
  it("never retries before the provider's Retry-After", () => {
    expect(backoffDelay({ attempt: 1, baseMs: 100, retryAfterMs: 5000, random: () => 0.5 })).toBe(5000);
  });
});

describe("RateLimiter", () => {
  it("allows a burst, then spaces calls at the rate", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 2, () => now);
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBe(500);
    now = 500;
    expect(limiter.reserve()).toBe(0);
  });
  it("holds every call during a pause", () => {
    let now = 0;
    const limiter = new RateLimiter(10, 10, () => now);
    limiter.pause(2000);
    expect(limiter.reserve()).toBe(2000);
    now = 2000;
    expect(limiter.reserve()).toBe(0);
  });
});
