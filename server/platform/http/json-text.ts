import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text a service already encoded with the route's response schema (an answer kept in
 * process): the route's serializer would only encode it again.
 */
export function sendJsonText(reply: FastifyReply, json: string) {
  return reply.type('application/json; charset=utf-8').send(json);
}
