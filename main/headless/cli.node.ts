import { parseHeadlessArgs } from './args.node.ts';
import { exitOnStartupError, runHeadless } from './runHeadless.node.ts';

try {
  const args = parseHeadlessArgs(process.argv.slice(2));
  const { bridge, stop } = await runHeadless(args);
  // One machine-readable line first (tests and scripts read it), then words for people.
  console.log(JSON.stringify({ ready: true, port: bridge.port, url: bridge.url }));
  if (args.exitWhenReady) {
    await stop();
    process.exit(0);
  }
  console.error(`Switchboard core is running headless. Open ${bridge.url}`);
} catch (error) {
  exitOnStartupError(error);
}
