import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RenderScheduler } from './render-scheduler.js';

/** A task whose runs finish only when the test says so. */
function controllableTask() {
  const pending: Array<() => void> = [];
  let started = 0;
  return {
    task: () =>
      new Promise<void>((resolve) => {
        started += 1;
        pending.push(resolve);
      }),
    started: () => started,
    finishOne: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('RenderScheduler', () => {
  it('starts at once when idle', async () => {
    const control = controllableTask();
    const scheduler = new RenderScheduler(control.task);
    scheduler.request();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(control.started(), 1);
    await control.finishOne();
    await scheduler.idle();
  });

  it('coalesces any number of requests during a render into exactly one more', async () => {
    const control = controllableTask();
    const scheduler = new RenderScheduler(control.task);
    scheduler.request();
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 50; i += 1) scheduler.request();
    assert.equal(control.started(), 1);
    await control.finishOne();
    assert.equal(control.started(), 2, 'one follow-up render');
    await control.finishOne();
    await scheduler.idle();
    assert.equal(control.started(), 2, 'and no more');
    const counters = scheduler.counters;
    assert.equal(counters.renders, 2);
    assert.equal(counters.maxInFlight, 1);
    assert.equal(counters.coalesced, 49);
  });

  it('keeps going after a task that throws', async () => {
    let runs = 0;
    const scheduler = new RenderScheduler(async () => {
      runs += 1;
      throw new Error('boom');
    });
    scheduler.request();
    await scheduler.idle();
    scheduler.request();
    await scheduler.idle();
    assert.equal(runs, 2);
  });

  it('debounces: a burst within debounceMs renders once, after the last request', async () => {
    let runs = 0;
    const scheduler = new RenderScheduler(async () => {
      runs += 1;
    }, 30);
    for (let i = 0; i < 10; i += 1) scheduler.request();
    assert.equal(runs, 0, 'nothing before the quiet period');
    await scheduler.idle();
    assert.equal(runs, 1);
  });

  it('drops pending work on stop() and ignores requests until resume()', async () => {
    const control = controllableTask();
    const scheduler = new RenderScheduler(control.task);
    scheduler.request();
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.request();
    scheduler.stop();
    await control.finishOne();
    await scheduler.idle();
    scheduler.request();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(control.started(), 1);
    scheduler.resume();
    scheduler.request();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(control.started(), 2);
    await control.finishOne();
  });

  it('rejects a negative debounce', () => {
    assert.throws(() => new RenderScheduler(async () => undefined, -1), RangeError);
  });
});
