// Runs once when a server process starts: check the configuration, then start the background loops.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorkersOrExit } = await import("@/server/background/start-workers");
  await startWorkersOrExit();
}
