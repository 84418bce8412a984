/**
 * Entry of the browser client bundle (`/__preview/client.js`), injected by the server as one
 * deferred script at the start of the head, its bootstrap in an attribute (read here, while
 * `document.currentScript` is set). Runs once per page even if the script is included twice.
 */
import { readBootstrap } from './bootstrap.js';
import { STATE_GLOBAL, startPreviewClient } from './preview-client.js';

if (!(STATE_GLOBAL in window)) startPreviewClient(readBootstrap());
