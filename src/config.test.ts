import { describe, expect, it } from 'vitest';
import { storeOptionsFromEnv } from './config.js';

describe('storeOptionsFromEnv', () => {
  it('carries the back-in-stock policy the stock changes of this process tell subscribers by', () => {
    expect(storeOptionsFromEnv({}).subscriptionPolicy).toEqual({ allowOnBackorder: false, notifyAll: false });
    expect(storeOptionsFromEnv({ RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL: '1' }).subscriptionPolicy).toEqual({ allowOnBackorder: false, notifyAll: true });
  });
});
