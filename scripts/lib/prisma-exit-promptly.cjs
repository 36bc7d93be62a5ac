// Preloaded into the Prisma CLI by scripts/db.mjs. The JS schema engine arms a 10-second timer
// around PostgreSQL's migration lock and never clears it, so every `migrate deploy` sat idle for
// 10 s before exiting. Timers armed from the engine's WebAssembly are unref'd: they still fire
// while work is pending, they just no longer hold a finished process open.
const armTimer = global.setTimeout;
global.setTimeout = function setTimeoutFromEngine(...args) {
  const timer = armTimer.apply(this, args);
  if (new Error().stack?.includes("wasm://")) timer.unref?.();
  return timer;
};
