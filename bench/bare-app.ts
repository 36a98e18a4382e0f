/**
 * The baseline of the speed figures and of the edge bundle: Hono answering the signer's route with a
 * fixed JSON of the signer's 201 shape and size, nothing else. Its own file, so bundling it pulls in
 * nothing of the signer.
 */
import { Hono } from 'hono';
import type { CreateSessionResponse } from '../contract/schema.ts';

/** A body of the signer's 201 shape and size, so both subjects send comparable answers. */
const FIXED_RESPONSE: CreateSessionResponse = {
  session_key: 'BNC-0000000001',
  capture_url: 'https://bench.vehiclecapture.com/BNC-0000000001',
  delivery: 'link',
  ticket: 'x4pX0TQbY2fBbn0Qm3bq1m1O0fJ0cQ0xK3m7Jq6vZ0s',
};

/** @example serve({ fetch: createBareSubject().fetch, port: 0 }) */
export function createBareSubject(): Hono {
  const app = new Hono();
  app.post('/v1/sessions', (c) => c.json(FIXED_RESPONSE, 201));
  return app;
}
