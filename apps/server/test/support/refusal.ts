import { RpcError } from './client.js';

/** The error code a call is refused with; fails the test if the call succeeds. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RpcError) return err.body.code;
    throw err;
  }
  throw new Error('expected a refusal');
}
