/**
 * `GET /__preview/theme.css?name=NAME`: the CSS of a theme a page may switch to (the badge menu,
 * the editor toolbar). Only names the server's `themes` option offers are served, never a path
 * from the request, so the route cannot be used to read files.
 */
import type { ServerResponse } from 'node:http';
import type { ThemeChoices } from '../options.js';
import { sendBody, sendText } from './reply.js';

/** Answers with the CSS of theme `name`, or 404 when it is not offered. */
export function sendThemeCss(res: ServerResponse, themes: ThemeChoices | null, name: string, headOnly: boolean): void {
  if (!themes?.names.includes(name)) {
    sendText(res, 404, 'No such theme.');
    return;
  }
  let css: string;
  try {
    css = themes.css(name);
  } catch {
    sendText(res, 500, 'Could not read the theme.');
    return;
  }
  // Read per request: a theme file edited while previewing is what the next switch shows.
  sendBody(res, 200, 'text/css; charset=utf-8', css, { headOnly, headers: { 'Cache-Control': 'no-store' } });
}
