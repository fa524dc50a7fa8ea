import { parentChannel, serveCoreProcess } from './coreProcess.node.ts';

/** The core's own process: started by the desktop shell (utilityProcess) or a Node host (fork). */
const channel = parentChannel();
if (!channel) {
  console.error('This is the core’s process entry; it is started by Switchboard, not by hand.');
  process.exit(2);
}
serveCoreProcess(channel);
