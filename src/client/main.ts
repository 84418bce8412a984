/**
 * Entry of the browser client bundle (`/__preview/client.js`), injected by the server after the
 * bootstrap script. Runs once per page even if the script is included twice.
 */
import { readBootstrap } from './bootstrap.js';
import { STATE_GLOBAL, startPreviewClient } from './preview-client.js';

if (!(STATE_GLOBAL in window)) startPreviewClient(readBootstrap());
