// Preloaded (node --import) into a host process forked by the tests' Electron double, so it runs as
// in an Electron utility process: `process.parentPort` delivers the app's messages as { data } and
// postMessage answers. Here both travel over Node's IPC channel.
import { EventEmitter } from 'node:events';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => {
  if (process.connected) process.send(message);
};
process.on('message', (data) => {
  parentPort.emit('message', { data, ports: [] });
});
process.parentPort = parentPort;
