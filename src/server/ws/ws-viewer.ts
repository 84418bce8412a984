/**
 * A viewer's WebSocket once accepted: registration in the hub, its `hello` and `applied`
 * messages, and its departure. A viewer that is behind gets the full document, or a reload when its
 * scripts are not the current ones; one whose document has an error gets the error too.
 */
import type { WebSocket } from 'ws';
import { parseClientMessage } from '../../shared/protocol.js';
import { abbreviate } from '../log-abbreviate.js';
import type { ServerCore } from '../server-core.js';
import type { HubClient } from './ws-hub.js';

/** Takes an accepted viewer socket for `doc` and greets it with the document's version. */
export function handleViewer(core: ServerCore, ws: WebSocket, doc: string): void {
  const { hub, options, store } = core;
  const version = store.version(doc);
  const client = hub.add(ws, doc, version);
  ws.on('error', (error) => options.log?.(`#${client.id} socket error: ${error.message}`));
  ws.on('message', (data, isBinary) => handleMessage(core, client, data.toString(), isBinary));
  ws.on('close', (code) => {
    hub.remove(client);
    core.emit('client-disconnected', { id: client.id, doc, code });
  });
  // `scripts` is left out of the frame when undefined (no script).
  hub.send(client, { type: 'hello', version, doc, scripts: store.scripts(doc) });
  core.emit('client-connected', { id: client.id, doc });
}

function handleMessage(core: ServerCore, client: HubClient, text: string, isBinary: boolean): void {
  const { hub, metrics, store } = core;
  client.alive = true;
  core.options.log?.(`<- #${client.id} ${client.doc} ${abbreviate(text)}`);
  const message = isBinary ? undefined : parseClientMessage(text);
  metrics.recordReceived(message !== undefined);
  if (!message) return;
  if (message.type === 'applied') {
    client.lastApplied = { version: message.version, ms: message.ms };
    metrics.recordApplied(client.doc, message.version, message.ms, store.get(client.doc) !== undefined);
    core.emit('applied', { doc: client.doc, version: message.version, ms: message.ms });
    return;
  }
  if (message.lastVersion > 0) metrics.recordReconnect();
  // A change made while the page's greeting was on its way has already been sent after our own
  // greeting; answering it with the whole document too would send that version twice.
  const caughtUp = client.greeted !== null && message.lastVersion === client.greeted;
  client.greeted = null;
  const current = store.get(client.doc);
  if (current && message.lastVersion !== current.version && !caughtUp) {
    // The page's scripts are not the current ones: only a reload runs them as a fresh load would.
    // Across a restart the digest it reports decides, so a page whose scripts did not change
    // keeps what the reader did.
    if (store.needsReload(client.doc, message.lastVersion, message.scripts))
      hub.send(client, { type: 'reload', version: current.version });
    else hub.resync(client);
  }
  const error = store.error(client.doc);
  if (error) hub.send(client, { type: 'error', version: store.version(client.doc), error });
}
